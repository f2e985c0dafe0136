/** trial_conversion: hand-computed examples, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trialConversion } from '../../reference/revenue/trial_conversion.js';
import { monthlyMrr, type CustomerRow, type RevenueInput, type SourceRow } from '../../reference/revenue/basis.js';
import {
  PROPERTY_TIMEOUT,
  asOfArb,
  createCtx,
  dateArb,
  expectRows,
  load,
  periodArb,
  run,
  sourceRowArb,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await createCtx();
});
afterAll(() => ctx.engine.close());

const DATA: RevenueInput = {
  customers: [
    { customer_id: 'a', trial_start: '2024-01-05', trial_end: '2024-01-19' },
    { customer_id: 'b', trial_start: '2024-01-10', trial_end: '2024-01-24' },
    { customer_id: 'c', trial_start: '2024-01-20', trial_end: null },
    { customer_id: 'd', trial_start: '2024-01-03', trial_end: '2024-01-17' },
    { customer_id: 'e', trial_start: '2024-02-01', trial_end: '2024-02-15' },
    { customer_id: 'f', trial_start: '2024-02-01', trial_end: '2024-02-15' },
    { customer_id: 'g', trial_start: null, trial_end: null }, // no trial
  ],
  subscription_periods: [
    { customer_id: 'a', start_date: '2024-02-10', end_date: null, mrr: 50 }, // 22 days after the trial: converted
    { customer_id: 'b', start_date: '2024-03-01', end_date: null, mrr: 50 }, // 37 days after: not within 30
    { customer_id: 'c', start_date: '2024-02-19', end_date: null, mrr: 50 }, // exactly trial_start + 30 (no end): converted
    { customer_id: 'd', start_date: '2024-01-10', end_date: null, mrr: 50 }, // paying before the trial ended: converted
    { customer_id: 'e', start_date: '2024-02-05', end_date: '2024-02-10', mrr: 50 }, // paid and gone before the trial's end
    { customer_id: 'e', start_date: '2024-02-20', end_date: null, mrr: 0 }, // free plan: MRR 0
    { customer_id: 'g', start_date: '2024-01-01', end_date: null, mrr: 10 },
  ],
  mrr_monthly_source: [{ customer_id: 'f', month: '2024-03-01', mrr: 20 }], // March overlaps Feb 15 .. Mar 16
  otherDates: ['2024-04-30'],
};

describe('trial_conversion examples', () => {
  it('by trial-start month: converted within 30 days after the trial end (or start), ends included', async () => {
    await load(ctx, DATA);
    expect(await run(ctx, 'trial_conversion')).toEqual([
      { month: '2024-01-01', trials: 4, converted: 3, conversion_rate: 0.75, is_complete: true },
      { month: '2024-02-01', trials: 2, converted: 1, conversion_rate: 0.5, is_complete: true },
      { month: '2024-03-01', trials: 0, converted: 0, conversion_rate: null, is_complete: true },
      { month: '2024-04-01', trials: 0, converted: 0, conversion_rate: null, is_complete: true },
    ]);
  });

  it('window_days and as_of: shorter windows convert fewer; a window not yet over leaves the month incomplete', async () => {
    await load(ctx, DATA);
    const w0 = (await run(ctx, 'trial_conversion', { window_days: 0 }))!;
    expect(w0[0]).toMatchObject({ trials: 4, converted: 1 }); // only d pays on its trial's last day
    const early = (await run(ctx, 'trial_conversion', { as_of: '2024-02-20' }))!;
    expect(early.map((r) => [r.month, r.trials, r.is_complete])).toEqual([
      ['2024-01-01', 4, false], // b's window runs to Feb 23
      ['2024-02-01', 2, false],
    ]);
  });

  it('breaks down by segment', async () => {
    await load(ctx, {
      ...DATA,
      customers: DATA.customers!.map((c: CustomerRow) => ({ ...c, segment: c.customer_id < 'c' ? 'X' : 'Y' })),
    });
    const rows = (await run(ctx, 'trial_conversion', { breakdown: 'segment', as_of: '2024-01-31' }))!;
    expect(rows).toEqual([
      { month: '2024-01-01', segment: 'X', trials: 2, converted: 1, conversion_rate: 0.5, is_complete: false },
      { month: '2024-01-01', segment: 'Y', trials: 2, converted: 2, conversion_rate: 1, is_complete: false },
    ]);
  });
});

const trialCustomerArb = fc
  .record({
    customer_id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 's1', 's2'),
    trial_start: fc.option(dateArb, { nil: null, freq: 5 }),
    trial_len: fc.constantFrom<number | null>(null, 0, 7, 14, 30, -3),
    segment: fc.constantFrom<string | null>('A', 'B', null),
  })
  .map(({ customer_id, trial_start, trial_len, segment }) => ({
    customer_id,
    trial_start,
    trial_end:
      trial_start === null || trial_len === null
        ? null
        : new Date(
            Date.UTC(+trial_start.slice(0, 4), +trial_start.slice(5, 7) - 1, +trial_start.slice(8, 10) + trial_len),
          )
            .toISOString()
            .slice(0, 10),
    segment,
  }));

const trialInputArb: fc.Arbitrary<RevenueInput> = fc.record({
  customers: fc.array(trialCustomerArb, { maxLength: 8 }), // duplicates allowed: merged per customer
  subscription_periods: fc.array(periodArb, { maxLength: 12 }),
  mrr_monthly_source: fc.oneof(
    { weight: 3, arbitrary: fc.constant<SourceRow[]>([]) },
    { weight: 1, arbitrary: fc.array(sourceRowArb, { maxLength: 5 }) },
  ),
  otherDates: fc.array(dateArb, { maxLength: 1 }),
});

describe('trial_conversion against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          trialInputArb,
          asOfArb,
          fc.constantFrom(0, 7, 30),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, W, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown, window_days: W };
            if (asOf) params.as_of = asOf;
            const sql = await run(ctx, 'trial_conversion', params);
            if (sql === null) {
              const noTrials = (input.customers ?? []).every((c) => c.trial_start === null);
              expect(noTrials || monthlyMrr(input).firstMonth === null).toBe(true);
              return;
            }
            const expected = trialConversion(input, { as_of: asOf, window_days: W, breakdown }).map(
              ({ segment, ...rest }) => (breakdown === 'segment' ? { ...rest, segment } : rest),
            );
            expectRows(sql, expected, JSON.stringify({ input, params }));
          },
        ),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '0 <= converted <= trials; a longer window never converts fewer',
    async () => {
      await fc.assert(
        fc.asyncProperty(trialInputArb, async (input) => {
          await load(ctx, input);
          const w7 = await run(ctx, 'trial_conversion', { window_days: 7 });
          if (w7 === null) return;
          const w30 = (await run(ctx, 'trial_conversion', { window_days: 30 }))!;
          expect(w30.map((r) => r.month)).toEqual(w7.map((r) => r.month));
          w7.forEach((r, i) => {
            expect(Number(r.converted)).toBeLessThanOrEqual(Number(r.trials));
            expect(w30[i]!.trials).toBe(r.trials);
            expect(Number(w30[i]!.converted)).toBeGreaterThanOrEqual(Number(r.converted));
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
