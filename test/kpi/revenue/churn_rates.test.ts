/** churn_rates: worked examples, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnRates } from '../../reference/revenue/churn_rates.js';
import { monthlyMrr } from '../../reference/revenue/basis.js';
import {
  PROPERTY_TIMEOUT,
  asOfArb,
  close,
  createCtx,
  expectRows,
  load,
  revenueInputArb,
  run,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await createCtx();
});
afterAll(() => ctx.engine.close());

// ChartMogul: $100 at the start of February; -$10 churn, -$10 contraction, +$10 expansion
const CHARTMOGUL = {
  subscription_periods: [
    { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 30 },
    { customer_id: 'a', start_date: '2024-02-01', end_date: null, mrr: 20 }, // contraction -10
    { customer_id: 'b', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 30 },
    { customer_id: 'b', start_date: '2024-02-01', end_date: null, mrr: 40 }, // expansion +10
    { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10 }, // churn -10
    { customer_id: 'd', start_date: '2024-01-01', end_date: null, mrr: 30 },
    { customer_id: 'e', start_date: '2024-02-10', end_date: null, mrr: 1000 }, // new: in no rate
  ],
  otherDates: ['2024-02-29'],
};

describe('churn_rates examples', () => {
  it('ChartMogul: gross MRR churn 0.20, net 0.10; 1 of 4 customers churned', async () => {
    await load(ctx, CHARTMOGUL);
    expect(await run(ctx, 'churn_rates')).toEqual([
      {
        month: '2024-01-01',
        customer_churn_rate: null,
        gross_mrr_churn_rate: null,
        net_mrr_churn_rate: null,
        is_complete: true,
      },
      {
        month: '2024-02-01',
        customer_churn_rate: 0.25,
        gross_mrr_churn_rate: 0.2,
        net_mrr_churn_rate: 0.1,
        is_complete: true,
      },
    ]);
  });

  it('net churn is negative when expansion and reactivation outweigh losses; the window moves returns to new', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-04-01', mrr: 100 },
        { customer_id: 'a', start_date: '2024-04-01', end_date: null, mrr: 150 }, // April: expansion +50
        { customer_id: 'b', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 40 }, // February: churn -40
        { customer_id: 'b', start_date: '2024-04-01', end_date: null, mrr: 40 }, // April: reactivation 40 after 2 months at 0
        { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-04-01', mrr: 60 },
        { customer_id: 'c', start_date: '2024-04-01', end_date: null, mrr: 50 }, // April: contraction -10
      ],
      otherDates: ['2024-04-30'],
    });
    const april = async (p: Record<string, unknown>) =>
      (await run(ctx, 'churn_rates', p))!.find((r) => r.month === '2024-04-01');
    // starting 160: gross = 10/160; net = -(−10 + 50 + 40)/160 = -0.5
    expect(await april({})).toEqual({
      month: '2024-04-01',
      customer_churn_rate: 0,
      gross_mrr_churn_rate: 10 / 160,
      net_mrr_churn_rate: -80 / 160,
      is_complete: true,
    });
    // with a 1-month window b's return is new: out of net churn
    expect(await april({ reactivation_window_months: 1 })).toMatchObject({ net_mrr_churn_rate: -40 / 160 });
    const feb = (await run(ctx, 'churn_rates'))!.find((r) => r.month === '2024-02-01');
    expect(feb).toMatchObject({
      customer_churn_rate: 1 / 3,
      gross_mrr_churn_rate: 40 / 200,
      net_mrr_churn_rate: 40 / 200,
    });
  });
});

describe('churn_rates against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.constantFrom<number | null>(null, null, 0, 2),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, window, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown };
            if (asOf) params.as_of = asOf;
            if (window !== null) params.reactivation_window_months = window;
            const sql = await run(ctx, 'churn_rates', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = churnRates(input, { as_of: asOf, reactivation_window_months: window, breakdown }).map(
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
    'rates in range: customer and gross churn in [0, 1], net <= gross; gross = 1 - GRR (lookback 1)',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, async (input) => {
          await load(ctx, input);
          const rows = await run(ctx, 'churn_rates');
          if (rows === null) return;
          const nrr = (await run(ctx, 'nrr', { lookback_months: 1 }))!;
          rows.forEach((r, i) => {
            if (r.customer_churn_rate !== null) {
              expect(Number(r.customer_churn_rate)).toBeGreaterThanOrEqual(0);
              expect(Number(r.customer_churn_rate)).toBeLessThanOrEqual(1);
            }
            if (r.gross_mrr_churn_rate === null) {
              expect(r.net_mrr_churn_rate).toBeNull();
              expect(nrr[i]!.grr).toBeNull();
              return;
            }
            const gross = Number(r.gross_mrr_churn_rate);
            expect(gross).toBeGreaterThanOrEqual(0);
            expect(gross).toBeLessThanOrEqual(1 + 1e-12);
            expect(Number(r.net_mrr_churn_rate)).toBeLessThanOrEqual(gross + 1e-12);
            expect(close(gross, 1 - Number(nrr[i]!.grr))).toBe(true);
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
