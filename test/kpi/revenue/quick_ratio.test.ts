/** quick_ratio: worked example, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickRatio } from '../../reference/revenue/quick_ratio.js';
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

describe('quick_ratio examples', () => {
  it('(40k new + 10k expansion) / (5k contraction + 15k churn) = 2.5; NULL without losses', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'x', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 20000 },
        { customer_id: 'x', start_date: '2024-02-01', end_date: null, mrr: 15000 }, // contraction -5k
        { customer_id: 'y', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 15000 }, // churn -15k
        { customer_id: 'z', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10000 },
        { customer_id: 'z', start_date: '2024-02-01', end_date: null, mrr: 20000 }, // expansion +10k
        { customer_id: 'w', start_date: '2024-02-01', end_date: null, mrr: 40000 }, // new 40k
      ],
      otherDates: ['2024-02-29'],
    });
    expect(await run(ctx, 'quick_ratio')).toEqual([
      { month: '2024-01-01', quick_ratio: null, is_complete: true }, // nothing lost in January
      { month: '2024-02-01', quick_ratio: 2.5, is_complete: true },
    ]);
  });

  it('include_reactivation = false leaves reactivations out of the gains', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 30 }, // February: churn -30
        { customer_id: 'a', start_date: '2024-03-01', end_date: null, mrr: 30 }, // March: reactivation 30
        { customer_id: 'b', start_date: '2024-01-01', end_date: '2024-03-01', mrr: 20 }, // March: churn -20
        { customer_id: 'c', start_date: '2024-03-01', end_date: null, mrr: 10 }, // March: new 10
      ],
    });
    const march = async (p: Record<string, unknown>) =>
      (await run(ctx, 'quick_ratio', p))!.find((r) => r.month === '2024-03-01')!.quick_ratio;
    expect(await march({})).toBe(40 / 20);
    expect(await march({ include_reactivation: false })).toBe(10 / 20);
    expect(await march({ reactivation_window_months: 0 })).toBe(40 / 20); // a's return is new: still a gain
  });
});

describe('quick_ratio against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.boolean(),
          fc.constantFrom<number | null>(null, null, 1),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, withReactivation, window, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown, include_reactivation: withReactivation };
            if (asOf) params.as_of = asOf;
            if (window !== null) params.reactivation_window_months = window;
            const sql = await run(ctx, 'quick_ratio', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = quickRatio(input, {
              as_of: asOf,
              include_reactivation: withReactivation,
              reactivation_window_months: window,
              breakdown,
            }).map(({ segment, ...rest }) => (breakdown === 'segment' ? { ...rest, segment } : rest));
            expectRows(sql, expected, JSON.stringify({ input, params }));
          },
        ),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'is >= 0, equals gains / losses of mrr_movements, and never grows when reactivations are left out',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, async (input) => {
          await load(ctx, input);
          const rows = await run(ctx, 'quick_ratio');
          if (rows === null) return;
          const without = (await run(ctx, 'quick_ratio', { include_reactivation: false }))!;
          const moves = (await run(ctx, 'mrr_movements'))!;
          rows.forEach((r, i) => {
            const m = moves[i]!;
            const n = (k: string) => Number(m[k]);
            const lost = -(n('contraction_mrr') + n('churned_mrr'));
            if (lost === 0) {
              expect(r.quick_ratio).toBeNull();
              return;
            }
            expect(Number(r.quick_ratio)).toBeGreaterThanOrEqual(0);
            expect(
              close(Number(r.quick_ratio), (n('new_mrr') + n('expansion_mrr') + n('reactivation_mrr')) / lost),
            ).toBe(true);
            expect(Number(without[i]!.quick_ratio)).toBeLessThanOrEqual(Number(r.quick_ratio) + 1e-12);
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
