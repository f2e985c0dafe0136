import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { eventTrendReference } from '../../reference/product/event_trend.js';
import { expectRows } from './compare.js';
import { asOfArb, breakdownArb, customersArb, eventsArb, grainArb, weekStartArb, type GenEvent } from './gen.js';

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  runner = new KpiRunner(engine, loadCatalogue(readSqlFiles()));
});
afterAll(() => engine.close());

async function run(data: CanonicalRows, params: Record<string, unknown> = {}): Promise<Row[]> {
  await loadCanonical(engine, data);
  runner.invalidate();
  return tableToRows((await runner.run('event_trend', params)).table);
}

function ev(user: string, time: string, name: string, customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: name, customer_id: customer, session_id: null };
}

describe('event_trend: worked examples', () => {
  const events = [
    ev('u1', '2024-01-05 10:00:00', 'review_posted'),
    ev('u1', '2024-01-06 10:00:00', 'review_posted'),
    ev('u2', '2024-01-31 23:59:59', 'review_posted'),
    ev('u2', '2024-01-20 10:00:00', 'csql'),
    ev('u3', '2024-02-01 00:00:00', 'login'),
    ev('u3', '2024-03-01 00:00:00', 'review_posted'),
  ];

  it('counts events and distinct users per listed event, zero-filled (listed names that never occur too)', async () => {
    const rows = await run({ events }, { event_names: ['review_posted', 'csql', 'referral'] });
    expect(rows.map((r) => [r.period, r.event_name, r.events, r.users, r.is_complete])).toEqual([
      ['2024-01-01', 'csql', 1, 1, true],
      ['2024-01-01', 'referral', 0, 0, true],
      ['2024-01-01', 'review_posted', 3, 2, true],
      ['2024-02-01', 'csql', 0, 0, true],
      ['2024-02-01', 'referral', 0, 0, true],
      ['2024-02-01', 'review_posted', 0, 0, true],
      ['2024-03-01', 'csql', 0, 0, false],
      ['2024-03-01', 'referral', 0, 0, false],
      ['2024-03-01', 'review_posted', 1, 1, false],
    ]);
  });

  it('split_by_event = false: one total row per period, users counted once', async () => {
    const rows = await run(
      { events },
      { event_names: 'review_posted,csql', split_by_event: false, as_of: '2024-01-31' },
    );
    expect(rows).toEqual([{ period: '2024-01-01', event_name: '(all)', events: 4, users: 2, is_complete: true }]);
  });

  it('every event when no names are given; segment by the event customer', async () => {
    const rows = await run(
      {
        events: [
          ev('u1', '2024-01-05 10:00:00', 'a', 'c1'),
          ev('u1', '2024-01-05 11:00:00', 'a', null),
          ev('u2', '2024-01-06 10:00:00', 'b', 'c1'),
        ],
        customers: [{ customer_id: 'c1', segment: 'SMB' }],
      },
      { breakdown: 'segment', grain: 'year' },
    );
    expect(rows.map((r) => [r.period, r.segment, r.event_name, r.events, r.users])).toEqual([
      ['2024-01-01', '(unknown)', 'a', 1, 1],
      ['2024-01-01', '(unknown)', 'b', 0, 0],
      ['2024-01-01', 'SMB', 'a', 1, 1],
      ['2024-01-01', 'SMB', 'b', 1, 1],
    ]);
  });
});

describe('event_trend: reference implementation on random data', () => {
  it('matches the reference; totals equal the sum of split rows', async () => {
    const paramsArb = fc.record({
      as_of: asOfArb(130),
      grain: grainArb,
      week_start: weekStartArb,
      event_names: fc.oneof(fc.constant<string[]>([]), fc.subarray(['a', 'b', 'zzz'], { minLength: 1 })),
      split_by_event: fc.boolean(),
      breakdown: breakdownArb,
    });
    await fc.assert(
      fc.asyncProperty(eventsArb(130), customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null && e.event_name !== null)) return;
        const rows = tableToRows((await runner.run('event_trend', params)).table);
        expectRows(rows, eventTrendReference(events, customers, params) as never);
        const other = tableToRows(
          (await runner.run('event_trend', { ...params, split_by_event: !params.split_by_event })).table,
        );
        const total = (rs: Row[]): number => rs.reduce((s, r) => s + (r.events as number), 0);
        expect(total(rows)).toBe(total(other));
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
