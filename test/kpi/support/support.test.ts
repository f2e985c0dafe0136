import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunError, KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { supportReference, type TicketRow } from '../../reference/support/support.js';
import { expectRows } from '../product/compare.js';
import {
  asOfArb,
  breakdownArb,
  customersArb,
  factCustomerId,
  fmtTs,
  grainArb,
  instant,
  weekStartArb,
} from '../product/gen.js';

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  const cat = loadCatalogue(readSqlFiles());
  expect(cat.errors.filter((e) => e.path.includes('/support/'))).toEqual([]);
  runner = new KpiRunner(engine, cat);
});
afterAll(() => engine.close());

async function run(data: CanonicalRows, params: Record<string, unknown> = {}): Promise<Row[]> {
  await loadCanonical(engine, data);
  runner.invalidate();
  return tableToRows((await runner.run('support', params)).table);
}

function ticket(id: string, created: string, extra: Partial<TicketRow> = {}): TicketRow {
  return {
    ticket_id: id,
    created_at: created,
    customer_id: null,
    first_response_at: null,
    resolved_at: null,
    replies: null,
    satisfaction: null,
    ...extra,
  };
}

describe('support: worked examples', () => {
  it('CSAT example of KPI_SPEC (Delighted): 5:42, 4:32, 3:10, 2:9, 1:14 -> 74/107 = 69.16', async () => {
    const counts: Record<string, number> = { '5': 42, '4': 32, '3': 10, '2': 9, '1': 14 };
    const tickets: TicketRow[] = [];
    let n = 0;
    for (const [score, k] of Object.entries(counts))
      for (let i = 0; i < k; i++) tickets.push(ticket(`t${n++}`, '2024-03-10 09:00:00', { satisfaction: score }));
    const rows = await run({ tickets }, { as_of: '2024-03-31' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tickets).toBe(107);
    expect(rows[0]!.support_csat as number).toBeCloseTo(69.16, 2);
    expect(rows[0]!.support_csat as number).toBeCloseTo((100 * 74) / 107, 12);
  });

  it('good/bad ratings; offered and blank are not rated', async () => {
    const rows = await run(
      {
        tickets: [
          ticket('1', '2024-03-01 00:00:00', { satisfaction: 'good' }),
          ticket('2', '2024-03-02 00:00:00', { satisfaction: 'Good ' }),
          ticket('3', '2024-03-03 00:00:00', { satisfaction: 'bad' }),
          ticket('4', '2024-03-04 00:00:00', { satisfaction: 'offered' }),
          ticket('5', '2024-03-05 00:00:00', { satisfaction: '' }),
          ticket('6', '2024-03-06 00:00:00', { satisfaction: '良い' }),
        ],
      },
      { as_of: '2024-03-31' },
    );
    // satisfied: 1, 2, 6; rated: 1, 2, 3, 6 -> 75
    expect(rows[0]!.support_csat).toBe(75);
  });

  it('hand-computed month: percentiles (quantile_cont), FCR, response rate', async () => {
    const tickets: TicketRow[] = [
      // first responses 10, 20, 30, 100 minutes; one never answered
      ticket('a', '2024-01-10 08:00:00', {
        first_response_at: '2024-01-10 08:10:00',
        resolved_at: '2024-01-10 09:00:00',
        replies: 0,
      }),
      ticket('b', '2024-01-11 08:00:00', {
        first_response_at: '2024-01-11 08:20:00',
        resolved_at: '2024-01-11 10:00:00',
        replies: 1,
      }),
      ticket('c', '2024-01-12 08:00:00', {
        first_response_at: '2024-01-12 08:30:00',
        resolved_at: '2024-01-12 12:00:00',
        replies: 3,
      }),
      ticket('d', '2024-01-31 23:00:00', {
        first_response_at: '2024-02-01 00:40:00',
        resolved_at: '2024-02-01 07:00:00',
        replies: null,
      }),
      ticket('e', '2024-01-20 08:00:00'),
      // February: created on the 1st at midnight, resolved after as_of -> not counted
      ticket('f', '2024-02-01 00:00:00', {
        first_response_at: '2024-02-01 00:05:00',
        resolved_at: '2024-03-05 00:00:00',
        replies: 1,
      }),
    ];
    const rows = await run({ tickets }, { as_of: '2024-02-29' });
    expectRows(rows, [
      {
        period: '2024-01-01',
        tickets: 5,
        median_first_response_minutes: 25, // (20 + 30) / 2
        p90_first_response_minutes: 79, // h = 3 × 0.9 = 2.7: 30 + 0.7 × (100 − 30)
        median_resolution_hours: 3, // 1, 2, 4, 8 -> (2 + 4) / 2
        p90_resolution_hours: 6.8, // h = 2.7: 4 + 0.7 × 4
        first_contact_resolution_rate: 2 / 3, // a, b of a, b, c (d: replies unknown)
        response_rate: 0.8,
        support_csat: null,
        is_complete: true,
      },
      {
        period: '2024-02-01',
        tickets: 1,
        median_first_response_minutes: 5,
        p90_first_response_minutes: 5,
        median_resolution_hours: null,
        p90_resolution_hours: null,
        first_contact_resolution_rate: null,
        response_rate: 1,
        support_csat: null,
        // Feb 29 is as_of and the month's last day, but the data goes on to Mar 5
        is_complete: true,
      },
    ]);
  });

  it('p90 is continuous, not discrete: 0..9 minutes -> 8.1', async () => {
    const tickets = Array.from({ length: 10 }, (_, i) =>
      ticket(`t${i}`, '2024-05-06 10:00:00', { first_response_at: `2024-05-06 10:0${i}:00` }),
    );
    const rows = await run({ tickets }, { as_of: '2024-05-06', grain: 'day' });
    expect(rows[0]!.p90_first_response_minutes as number).toBeCloseTo(8.1, 12);
    expect(rows[0]!.median_first_response_minutes).toBe(4.5);
  });

  it('zero-fills empty periods, flags the current and after-data periods, weeks from Sunday', async () => {
    const tickets = [ticket('1', '2024-03-02 12:00:00'), ticket('2', '2024-03-17 12:00:00')]; // Sat, Sun
    const rows = await run({ tickets }, { as_of: '2024-03-20', grain: 'week', week_start: 'sunday' });
    expect(rows.map((r) => [r.period, r.tickets, r.response_rate, r.is_complete])).toEqual([
      ['2024-02-25', 1, 0, true],
      ['2024-03-03', 0, null, true],
      ['2024-03-10', 0, null, true],
      ['2024-03-17', 1, 0, false],
    ]);
    const monday = await run({ tickets }, { as_of: '2024-03-20', grain: 'week' });
    // the week of Mar 11 ends on Sunday Mar 17, the last ticket date: complete; the week of as_of is not
    expect(monday.map((r) => [r.period, r.tickets, r.is_complete])).toEqual([
      ['2024-02-26', 1, true],
      ['2024-03-04', 0, true],
      ['2024-03-11', 1, true],
      ['2024-03-18', 0, false],
    ]);
  });

  it('breaks down by segment, unknown customers as (unknown)', async () => {
    const rows = await run(
      {
        customers: [
          { customer_id: 'a', segment: 'SMB' },
          { customer_id: 'b', segment: 'Enterprise' },
        ],
        tickets: [
          ticket('1', '2024-03-01 10:00:00', { customer_id: 'a' }),
          ticket('2', '2024-03-01 10:00:00', { customer_id: 'a' }),
          ticket('3', '2024-03-01 10:00:00', { customer_id: 'b' }),
          ticket('4', '2024-03-01 10:00:00', { customer_id: 'x' }),
        ],
      },
      { breakdown: 'segment' },
    );
    expect(rows.map((r) => [r.period, r.segment, r.tickets, r.is_complete])).toEqual([
      ['2024-03-01', '(unknown)', 1, false],
      ['2024-03-01', 'Enterprise', 1, false],
      ['2024-03-01', 'SMB', 2, false],
    ]);
    const plain = await run({ tickets: [ticket('1', '2024-03-01 10:00:00')] });
    expect(Object.keys(plain[0]!)).toEqual([
      'period',
      'tickets',
      'median_first_response_minutes',
      'p90_first_response_minutes',
      'median_resolution_hours',
      'p90_resolution_hours',
      'first_contact_resolution_rate',
      'response_rate',
      'support_csat',
      'is_complete',
    ]);
  });

  it('negative durations are left out of percentiles but the response counts', async () => {
    const rows = await run(
      {
        tickets: [
          ticket('1', '2024-03-01 10:00:00', {
            first_response_at: '2024-03-01 09:00:00',
            resolved_at: '2024-03-01 09:30:00',
            replies: 1,
          }),
          ticket('2', '2024-03-01 10:00:00', {
            first_response_at: '2024-03-01 10:06:00',
            resolved_at: '2024-03-01 13:00:00',
            replies: 2,
          }),
        ],
      },
      { as_of: '2024-03-31' },
    );
    expect(rows[0]).toMatchObject({
      median_first_response_minutes: 6,
      median_resolution_hours: 3,
      response_rate: 1,
      first_contact_resolution_rate: 0.5,
    });
  });

  it('asks for a tickets file when none is loaded', async () => {
    await loadCanonical(engine, {});
    runner.invalidate();
    const err = await runner.run('support').catch((e) => e);
    expect(err).toBeInstanceOf(KpiRunError);
    expect(err.kind).toBe('missing-data');
  });
});

const DAY_MS = 86_400_000;

const ticketArb = fc
  .record({
    created: instant(130),
    customer_id: factCustomerId,
    fr: fc.option(
      fc.oneof(fc.constant(0), fc.integer({ min: -120, max: -1 }), fc.integer({ min: 1, max: 60 * 24 * 20 })),
      { nil: null },
    ),
    rs: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: -5, max: -1 }), fc.integer({ min: 1, max: 24 * 45 })), {
      nil: null,
    }),
    ms: fc.integer({ min: 0, max: 999 }),
    replies: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    satisfaction: fc.constantFrom<string | null>(
      null,
      'good',
      'bad',
      'Good ',
      ' 5',
      '4',
      '3',
      '1',
      '0',
      '6',
      '4.5',
      'offered',
      'unoffered',
      '',
      '良い',
      '悪い',
    ),
  })
  .map((r): TicketRow => ({
    ticket_id: 't',
    created_at: fmtTs(r.created),
    customer_id: r.customer_id,
    first_response_at: r.fr === null ? null : fmtTs(r.created + r.fr * 60_000 + r.ms),
    resolved_at: r.rs === null ? null : fmtTs(r.created + r.rs * 3_600_000),
    replies: r.replies,
    satisfaction: r.satisfaction,
  }));

describe('support: reference implementation on random data', () => {
  it('matches the reference and keeps its invariants', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(ticketArb, { minLength: 0, maxLength: 25 })
          .map((ts) => ts.map((t, i) => ({ ...t, ticket_id: `t${i}` }))),
        customersArb,
        fc.record({ as_of: asOfArb(130), grain: grainArb, week_start: weekStartArb, breakdown: breakdownArb }),
        async (tickets, customers, params) => {
          await loadCanonical(engine, { tickets, customers });
          runner.invalidate();
          if (tickets.length === 0) {
            await expect(runner.run('support', params)).rejects.toThrow(/tickets/);
            return;
          }
          const rows = tableToRows((await runner.run('support', params)).table);
          let dataEnd = -Infinity;
          for (const t of tickets)
            for (const v of [t.created_at, t.resolved_at])
              if (v) dataEnd = Math.max(dataEnd, Math.floor(Date.parse(`${v.replace(' ', 'T')}Z`) / DAY_MS));
          const dataEndStr = new Date(dataEnd * DAY_MS).toISOString().slice(0, 10);
          expectRows(rows, supportReference(tickets, customers, params, dataEndStr) as never);
          // Invariants: median <= p90, rates are fractions, tickets add up.
          for (const r of rows) {
            for (const [m, p] of [
              ['median_first_response_minutes', 'p90_first_response_minutes'],
              ['median_resolution_hours', 'p90_resolution_hours'],
            ] as const) {
              if (r[m] !== null) expect(r[m] as number).toBeLessThanOrEqual((r[p] as number) + 1e-9);
            }
            for (const k of ['first_contact_resolution_rate', 'response_rate'])
              if (r[k] !== null) {
                expect(r[k]).toBeGreaterThanOrEqual(0);
                expect(r[k]).toBeLessThanOrEqual(1);
              }
            if (r.support_csat !== null) expect(r.support_csat).toBeLessThanOrEqual(100);
          }
          const asOf = params.as_of ?? dataEndStr;
          const created = tickets.filter((t) => t.created_at!.slice(0, 10) <= asOf).length;
          expect(rows.reduce((s, r) => s + (r.tickets as number), 0)).toBe(created);
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});
