/** expansion_rate: hand-computed example, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expansionRate } from '../../reference/revenue/expansion_rate.js';
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

describe('expansion_rate examples', () => {
  it('counts rises of customers active last month; new and reactivated customers are not expansion', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 100 },
        { customer_id: 'a', start_date: '2024-02-01', end_date: null, mrr: 130 }, // +30
        { customer_id: 'a', start_date: '2024-02-15', end_date: null, mrr: 20 }, // cross-sell +20 (same month)
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 50 }, // flat
        { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 50 },
        { customer_id: 'c', start_date: '2024-02-01', end_date: null, mrr: 40 }, // contraction
        { customer_id: 'd', start_date: '2024-02-01', end_date: null, mrr: 500 }, // new
      ],
      otherDates: ['2024-02-29'],
    });
    expect(await run(ctx, 'expansion_rate')).toEqual([
      {
        month: '2024-01-01',
        expanded_customers: 0,
        expansion_mrr: 0,
        customer_expansion_rate: null,
        mrr_expansion_rate: null,
        is_complete: true,
      },
      {
        month: '2024-02-01',
        expanded_customers: 1,
        expansion_mrr: 50,
        customer_expansion_rate: 1 / 3,
        mrr_expansion_rate: 50 / 200,
        is_complete: true,
      },
    ]);
  });
});

describe('expansion_rate against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown };
            if (asOf) params.as_of = asOf;
            const sql = await run(ctx, 'expansion_rate', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = expansionRate(input, { as_of: asOf, breakdown }).map(({ segment, ...rest }) =>
              breakdown === 'segment' ? { ...rest, segment } : rest,
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
    'customer rate in [0, 1], MRR rate >= 0, and both agree with mrr_movements and nrr (lookback 1)',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, async (input) => {
          await load(ctx, input);
          const rows = await run(ctx, 'expansion_rate');
          if (rows === null) return;
          const moves = (await run(ctx, 'mrr_movements'))!;
          const nrr = (await run(ctx, 'nrr', { lookback_months: 1 }))!;
          rows.forEach((r, i) => {
            expect(r.expanded_customers).toBe(moves[i]!.expanded_customers);
            expect(close(r.expansion_mrr, moves[i]!.expansion_mrr)).toBe(true);
            if (r.customer_expansion_rate === null) {
              expect(nrr[i]!.base_customers).toBe(0);
              return;
            }
            expect(Number(r.customer_expansion_rate)).toBeGreaterThanOrEqual(0);
            expect(Number(r.customer_expansion_rate)).toBeLessThanOrEqual(1);
            expect(
              close(Number(r.customer_expansion_rate), Number(r.expanded_customers) / Number(nrr[i]!.base_customers)),
            ).toBe(true);
            expect(Number(r.mrr_expansion_rate)).toBeGreaterThanOrEqual(0);
            // NRR - GRR (lookback 1) is exactly the expansion share of the starting MRR
            expect(close(Number(r.mrr_expansion_rate), Number(nrr[i]!.nrr) - Number(nrr[i]!.grr), 1e-9)).toBe(true);
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
