import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { unitCostsReference, type CustRow, type EvRow, type SubRow } from '../../reference/costs/unit_costs.js';
import { expectRows, sameCell } from '../product/compare.js';
import { breakdownArb, dayOffset, fmtDay, fmtTs, instant } from '../product/gen.js';

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  const cat = loadCatalogue(readSqlFiles());
  expect(cat.errors.filter((e) => e.path.includes('/costs/'))).toEqual([]);
  runner = new KpiRunner(engine, cat);
});
afterAll(() => engine.close());

async function run(data: CanonicalRows, params: Record<string, unknown> = {}): Promise<Row[]> {
  await loadCanonical(engine, data);
  runner.invalidate();
  return tableToRows((await runner.run('unit_costs', params)).table);
}

const sub = (customer_id: string, start_date: string, end_date: string | null, mrr: number): SubRow => ({
  customer_id,
  start_date,
  end_date,
  mrr,
});
const evt = (customer_id: string, time: string, event_name = 'complete_onboarding'): EvRow => ({
  user_id: `u_${customer_id}`,
  event_time: time,
  event_name,
  customer_id,
  session_id: null,
});

describe('unit_costs: worked examples', () => {
  // 20 customers at $100 from January; one churns at the end of January (end_date Feb 1 is exclusive,
  // so its last month in force is January): February churn 1/20 = 5 %.
  const subs = Array.from({ length: 20 }, (_, i) => sub(`c${i}`, '2024-01-01', i === 0 ? '2024-02-01' : null, 100));

  it('LTV example of KPI_SPEC: ARPA $100, churn 5 % -> $2,000; margin 0.8 -> $1,600; LTV ÷ CRC', async () => {
    const rows = await run(
      { subscription_periods: subs },
      { as_of: '2024-02-29', window_months: 1, cs_cost_per_month: 1900 },
    );
    expectRows(rows, [
      // January: no month before -> no churn rate -> no LTV
      {
        month: '2024-01-01',
        active_customers: 20,
        crc: 95,
        completed_onboardings: 0,
        onboarding_cost_per_completion: null,
        ltv: null,
        ltv_to_crc: null,
        is_complete: false,
      },
      // February: 19 active at $100, churn 1/20; CRC 1900 / 19 = 100
      {
        month: '2024-02-01',
        active_customers: 19,
        crc: 100,
        completed_onboardings: 0,
        onboarding_cost_per_completion: null,
        ltv: 2000,
        ltv_to_crc: 20,
        is_complete: false,
      },
    ]);
    const margin = await run(
      { subscription_periods: subs },
      { as_of: '2024-02-29', window_months: 1, cs_cost_per_month: 1900, gross_margin: 0.8 },
    );
    expect(margin[1]!.ltv as number).toBeCloseTo(1600, 9);
    expect(margin[1]!.ltv_to_crc as number).toBeCloseTo(16, 9);
  });

  it('averages the churn rate over the trailing window (months with no customers before are left out)', async () => {
    // window 2 in February: January has no rate, February 5 % -> mean 5 %; in March (0 %) -> (5 + 0) / 2
    // (an event on Mar 31 carries the data into March)
    const data = { subscription_periods: subs, events: [evt('c1', '2024-03-31 12:00:00', 'login')] };
    const rows = await run(data, { as_of: '2024-03-31', window_months: 2 });
    expect(rows.map((r) => r.ltv)).toEqual([null, 2000, 4000]);
    // window 1 in March: churn 0 -> LTV NULL
    const w1 = await run(data, { as_of: '2024-03-31', window_months: 1 });
    expect(w1.map((r) => r.ltv)).toEqual([null, 2000, null]);
  });

  it('onboarding cost per completed onboarding of the month signups (as the onboarding KPI)', async () => {
    const data = {
      subscription_periods: [
        sub('a', '2024-01-05', null, 100),
        sub('b', '2024-01-20', null, 100),
        sub('c', '2024-01-31', null, 100),
        sub('d', '2024-02-03', null, 100),
      ],
      events: [
        evt('a', '2024-01-06 10:00:00'), // 1 day after signup
        evt('b', '2024-02-19 23:59:59'), // 30 days after signup: inside the window
        evt('c', '2024-03-02 00:00:00'), // 31 days after signup: outside
        evt('d', '2024-02-04 00:00:00', 'login'),
      ],
    };
    const rows = await run(data, { as_of: '2024-04-30', onboarding_cost: 1000, cs_cost_per_month: 300 });
    expect(
      rows.map((r) => [r.month, r.active_customers, r.crc, r.completed_onboardings, r.onboarding_cost_per_completion]),
    ).toEqual([
      ['2024-01-01', 3, 100, 2, 500],
      ['2024-02-01', 4, 75, 0, null],
      ['2024-03-01', 4, 75, 0, null],
    ]);
    // the data ends on Mar 2: January's signups had their 30 days (Jan 31 + 30 = Mar 1 <= Mar 2); February's not
    expect(rows.map((r) => r.is_complete)).toEqual([true, false, false]);
  });

  it('segments: counts and LTV per segment, costs spread over all customers', async () => {
    const data = {
      customers: [
        { customer_id: 'a', segment: 'SMB' },
        { customer_id: 'b', segment: 'SMB' },
        { customer_id: 'c', segment: 'Ent' },
      ],
      subscription_periods: [
        sub('a', '2024-01-01', '2024-02-01', 50),
        sub('b', '2024-01-01', null, 50),
        sub('c', '2024-01-01', null, 400),
      ],
    };
    const rows = await run(data, { as_of: '2024-02-29', cs_cost_per_month: 600, breakdown: 'segment' });
    expect(rows.map((r) => [r.month, r.segment, r.active_customers, r.crc, r.ltv])).toEqual([
      ['2024-01-01', 'Ent', 1, 200, null],
      ['2024-01-01', 'SMB', 2, 200, null],
      ['2024-02-01', 'Ent', 1, 300, null], // no churn in Ent: LTV NULL
      ['2024-02-01', 'SMB', 1, 300, 100], // ARPA 50, churn 1/2 -> 100
    ]);
  });
});

const subArb = fc
  .record({
    customer_id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
    start: dayOffset(150),
    len: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 32, max: 200 })), {
      nil: null,
    }),
    mrr: fc.oneof(fc.constantFrom(0, -10, 50, 100, 100.5), fc.integer({ min: 1, max: 500 })),
  })
  .map((r): SubRow => ({
    customer_id: r.customer_id,
    start_date: fmtDay(r.start),
    end_date: r.len === null ? null : fmtDay(r.start + r.len),
    mrr: r.mrr,
  }));

const custArb = fc.subarray(['c1', 'c2', 'c3', 'c4', 'c6']).chain((ids) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.record({
        customer_id: fc.constant(id),
        segment: fc.constantFrom('SMB', 'Ent', null),
        signup_date: fc.option(fc.integer({ min: -20, max: 150 }).map(fmtDay), { nil: null }),
      }),
    ),
  ),
);

const evArb = fc
  .record({
    customer_id: fc.constantFrom<string | null>('c1', 'c2', 'c3', 'c5', 'c7', null),
    t: instant(170),
    name: fc.constantFrom('complete_onboarding', 'setup', 'login'),
  })
  .map((r): EvRow => ({
    user_id: 'u1',
    event_time: fmtTs(r.t),
    event_name: r.name,
    customer_id: r.customer_id,
    session_id: null,
  }));

const paramsArb = fc.record({
  as_of: fc.option(dayOffset(200).map(fmtDay), { nil: null }),
  cs_cost_per_month: fc.constantFrom(null, 0, 1000, 1234.5),
  onboarding_cost: fc.constantFrom(null, 0, 500, 777.7),
  gross_margin: fc.constantFrom(1, 0.8, 0),
  window_months: fc.constantFrom(1, 2, 3, 6),
  completion_events: fc.constantFrom<string[]>([], ['complete_onboarding'], ['complete_onboarding', 'setup']),
  completion_rule: fc.constantFrom('any', 'all') as fc.Arbitrary<'any' | 'all'>,
  window_days: fc.constantFrom(0, 7, 30),
  breakdown: breakdownArb,
});

describe('unit_costs: reference implementation on random data', () => {
  it('matches the reference (MRR from the periods by the snapshot rule, churn, LTV, onboarding)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(subArb, { maxLength: 10 }),
        custArb,
        fc.array(evArb, { maxLength: 12 }),
        paramsArb,
        async (subs, customers, events, params) => {
          await loadCanonical(engine, {
            subscription_periods: subs,
            customers: customers as CustRow[] as never,
            events,
          });
          runner.invalidate();
          const expected = unitCostsReference(subs, customers, events, params);
          let rows: Row[];
          try {
            rows = tableToRows((await runner.run('unit_costs', params)).table);
          } catch (e) {
            // no customer ever active: nothing to report (the revenue data is missing)
            expect(expected).toEqual([]);
            expect(String(e)).toMatch(/subscriptions or monthly MRR/);
            return;
          }
          expectRows(rows, expected as never);
        },
      ),
      { numRuns: 100 },
    );
  }, 300_000);

  it('ltv equals the ltv KPI (revenue family) on the same data and parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(subArb, { minLength: 1, maxLength: 10 }),
        custArb,
        paramsArb,
        async (subs, customers, params) => {
          await loadCanonical(engine, { subscription_periods: subs, customers: customers as CustRow[] as never });
          runner.invalidate();
          let mine: Row[];
          try {
            mine = tableToRows((await runner.run('unit_costs', params)).table);
          } catch {
            return; // no customer ever active
          }
          const theirs = tableToRows(
            (
              await runner.run('ltv', {
                as_of: params.as_of,
                gross_margin: params.gross_margin,
                window_months: params.window_months,
                breakdown: params.breakdown,
              })
            ).table,
          );
          const key = (r: Row): string => `${r.month}|${r.segment ?? ''}`;
          const mineBy = new Map(mine.map((r) => [key(r), r]));
          for (const t of theirs) {
            const m = mineBy.get(key(t));
            expect(m, `unit_costs has no row ${key(t)}`).toBeDefined();
            expect(sameCell(m!.ltv, t.ltv), `${key(t)}: unit_costs ltv ${m!.ltv} vs ltv ${t.ltv}`).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);

  it('completed_onboardings equals the onboarding KPI (grain month) on the same data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(subArb, { minLength: 1, maxLength: 8 }),
        custArb,
        fc.array(evArb, { minLength: 1, maxLength: 12 }),
        paramsArb,
        async (subs, customers, events, params) => {
          await loadCanonical(engine, {
            subscription_periods: subs,
            customers: customers as CustRow[] as never,
            events,
          });
          runner.invalidate();
          if (!events.some((e) => e.customer_id !== null)) return;
          let mine: Row[];
          try {
            mine = tableToRows((await runner.run('unit_costs', params)).table);
          } catch {
            return;
          }
          const onboarding = tableToRows(
            (
              await runner.run('onboarding', {
                as_of: params.as_of,
                grain: 'month',
                completion_events: params.completion_events,
                completion_rule: params.completion_rule,
                window_days: params.window_days,
                breakdown: params.breakdown,
              })
            ).table,
          );
          const key = (r: Row): string => `${r.month ?? r.period}|${r.segment ?? ''}`;
          const theirs = new Map(onboarding.map((r) => [key(r), r.completed as number]));
          for (const r of mine) expect(sameCell(r.completed_onboardings, theirs.get(key(r)) ?? 0)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);
});
