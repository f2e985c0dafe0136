/** nrr (and grr): worked examples, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nrrKpi } from '../../reference/revenue/nrr.js';
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

describe('nrr examples', () => {
  it('ChartMogul: start $100, contraction -$10, churn -$10, expansion +$10 -> GRR 0.80, NRR 0.90', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 30 },
        { customer_id: 'a', start_date: '2024-02-01', end_date: null, mrr: 20 }, // contraction -10
        { customer_id: 'b', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 30 },
        { customer_id: 'b', start_date: '2024-02-01', end_date: null, mrr: 40 }, // expansion +10
        { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10 }, // churn -10
        { customer_id: 'd', start_date: '2024-01-01', end_date: null, mrr: 30 }, // unchanged
        { customer_id: 'e', start_date: '2024-02-01', end_date: null, mrr: 500 }, // new: never in the base
      ],
      otherDates: ['2024-02-29'], // the data cover February to its last day: the month is complete
    });
    const rows = (await run(ctx, 'nrr', { lookback_months: 1 }))!;
    // grr is an alias of nrr: the same result
    expect(await run(ctx, 'grr', { lookback_months: 1 })).toEqual(rows);
    expect(rows).toEqual([
      { month: '2024-01-01', base_customers: 0, base_mrr: 0, retained_mrr: 0, nrr: null, grr: null, is_complete: true },
      {
        month: '2024-02-01',
        base_customers: 4,
        base_mrr: 100,
        retained_mrr: 90,
        nrr: 0.9,
        grr: 0.8,
        is_complete: true,
      },
    ]);
  });

  it('lookback 12: the base is customers active 12 months earlier, wherever they were in between', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2023-01-01', end_date: '2023-04-01', mrr: 100 }, // churns, then comes back
        { customer_id: 'a', start_date: '2023-09-01', end_date: null, mrr: 150 },
        { customer_id: 'b', start_date: '2023-01-15', end_date: '2023-12-01', mrr: 50 }, // churned by Jan 2024
        { customer_id: 'c', start_date: '2023-06-01', end_date: null, mrr: 70 }, // not active in Jan 2023
      ],
      otherDates: ['2024-01-31'],
    });
    const rows = (await run(ctx, 'nrr'))!;
    expect(rows.map((r) => r.month)).toHaveLength(13);
    expect(rows.slice(0, 12).every((r) => r.nrr === null && r.base_customers === 0)).toBe(true);
    expect(rows[12]).toEqual({
      month: '2024-01-01',
      base_customers: 2,
      base_mrr: 150,
      retained_mrr: 150,
      nrr: 1,
      grr: 100 / 150,
      is_complete: true,
    });
  });

  it('lookback 1: a customer reactivated this month is not in the base', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 100 },
        { customer_id: 'a', start_date: '2024-03-01', end_date: null, mrr: 100 },
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 50 },
      ],
    });
    const march = (await run(ctx, 'nrr', { lookback_months: 1 }))!.find((r) => r.month === '2024-03-01');
    expect(march).toMatchObject({ base_customers: 1, base_mrr: 50, retained_mrr: 50, nrr: 1, grr: 1 });
  });
});

describe('nrr against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.constantFrom(1, 1, 2, 3, 12),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, L, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown, lookback_months: L };
            if (asOf) params.as_of = asOf;
            const sql = await run(ctx, 'nrr', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = nrrKpi(input, { as_of: asOf, lookback_months: L, breakdown }).map(
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
    '0 <= GRR <= 1, GRR <= NRR; with lookback 1 they follow from mrr_movements',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, fc.constantFrom(1, 2, 12), async (input, L) => {
          await load(ctx, input);
          const rows = await run(ctx, 'nrr', { lookback_months: L });
          if (rows === null) return;
          for (const r of rows) {
            if (r.grr === null) {
              expect(r.nrr).toBeNull();
              expect(r.base_customers).toBe(0);
              continue;
            }
            const grr = Number(r.grr);
            const nrr = Number(r.nrr);
            expect(grr).toBeGreaterThanOrEqual(0);
            expect(grr).toBeLessThanOrEqual(1 + 1e-12);
            expect(grr).toBeLessThanOrEqual(nrr + 1e-12);
          }
          if (L === 1) {
            const moves = (await run(ctx, 'mrr_movements'))!;
            rows.forEach((r, i) => {
              const m = moves[i]!;
              const n = (k: string) => Number(m[k]);
              expect(r.month).toBe(m.month);
              // the base is last month's active customers: base MRR = starting MRR,
              // retained = starting + expansion + contraction + churn; GRR leaves out expansion
              expect(close(Number(r.base_mrr), n('starting_mrr'))).toBe(true);
              expect(
                close(
                  Number(r.retained_mrr),
                  n('starting_mrr') + n('expansion_mrr') + n('contraction_mrr') + n('churned_mrr'),
                ),
              ).toBe(true);
              if (n('starting_mrr') > 0) {
                expect(
                  close(
                    Number(r.grr),
                    (n('starting_mrr') + n('contraction_mrr') + n('churned_mrr')) / n('starting_mrr'),
                  ),
                ).toBe(true);
              }
            });
          }
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
