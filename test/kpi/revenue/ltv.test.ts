/** ltv: worked example, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ltv } from '../../reference/revenue/ltv.js';
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

describe('ltv examples', () => {
  it('ARPA $100, churn 5 % -> $2,000; with gross margin 0.8 -> $1,600', async () => {
    // 20 customers at $100 from January; one leaves at the start of February: 1/20 = 5 % churn,
    // February ARPA = 1900 / 19 = 100. January has no churn rate (nobody active in December).
    await load(ctx, {
      subscription_periods: Array.from({ length: 20 }, (_, i) => ({
        customer_id: `c${i}`,
        start_date: '2024-01-01',
        end_date: i === 0 ? '2024-02-01' : null,
        mrr: 100,
      })),
      otherDates: ['2024-02-29'],
    });
    const rows = (await run(ctx, 'ltv'))!;
    expect(rows[0]).toEqual({
      month: '2024-01-01',
      arpa: 100,
      avg_customer_churn_rate: null,
      ltv: null,
      is_complete: true,
    });
    expect(rows[1]).toMatchObject({ month: '2024-02-01', arpa: 100, avg_customer_churn_rate: 0.05, is_complete: true });
    expect(close(Number(rows[1]!.ltv), 2000, 1e-12)).toBe(true);
    const m = (await run(ctx, 'ltv', { gross_margin: 0.8 }))!;
    expect(close(Number(m[1]!.ltv), 1600, 1e-12)).toBe(true);
  });

  it('averages the monthly churn rates of the trailing window; NULL when the average is 0', async () => {
    // 10 customers at $10; one leaves at the start of February, two at the start of April
    await load(ctx, {
      subscription_periods: Array.from({ length: 10 }, (_, i) => ({
        customer_id: `c${i}`,
        start_date: '2024-01-01',
        end_date: i === 0 ? '2024-02-01' : i <= 2 ? '2024-04-01' : null,
        mrr: 10,
      })),
      otherDates: ['2024-05-31'],
    });
    const rates = [null, 1 / 10, 0, 2 / 9, 0]; // Jan..May
    const rows = (await run(ctx, 'ltv', { window_months: 2 }))!;
    expect(rows.map((r) => r.month)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01']);
    const avg2 = [null, 0.1, 0.05, 1 / 9, 1 / 9];
    rows.forEach((r, i) => expect(close(r.avg_customer_churn_rate, avg2[i] ?? null), `month ${i}`).toBe(true));
    expect(close(rows[2]!.ltv, 10 / 0.05)).toBe(true);
    const one = (await run(ctx, 'ltv', { window_months: 1 }))!;
    expect(one.map((r) => r.avg_customer_churn_rate)).toEqual(rates);
    expect(one[2]!.ltv).toBeNull(); // March: no churn in a 1-month window -> NULL, not infinite
    expect(one[4]!.ltv).toBeNull();
  });
});

describe('ltv against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.constantFrom(1, 0.8, 0.35),
          fc.constantFrom(1, 3, 6),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, margin, W, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown, gross_margin: margin, window_months: W };
            if (asOf) params.as_of = asOf;
            const sql = await run(ctx, 'ltv', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = ltv(input, { as_of: asOf, gross_margin: margin, window_months: W, breakdown }).map(
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
    'ltv x average churn = ARPA x margin; ARPA = mrr ARPA; the average lies within the window rates',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, fc.constantFrom(2, 6), async (input, W) => {
          await load(ctx, input);
          const rows = await run(ctx, 'ltv', { window_months: W, gross_margin: 0.5 });
          if (rows === null) return;
          const mrr = (await run(ctx, 'mrr'))!;
          const churn = (await run(ctx, 'churn_rates'))!;
          rows.forEach((r, i) => {
            expect(close(r.arpa, mrr[i]!.arpa)).toBe(true);
            const window = churn
              .slice(Math.max(0, i - W + 1), i + 1)
              .map((c) => c.customer_churn_rate)
              .filter((v): v is number => v !== null);
            if (window.length === 0) expect(r.avg_customer_churn_rate).toBeNull();
            else {
              expect(Number(r.avg_customer_churn_rate)).toBeGreaterThanOrEqual(Math.min(...window) - 1e-12);
              expect(Number(r.avg_customer_churn_rate)).toBeLessThanOrEqual(Math.max(...window) + 1e-12);
            }
            if (r.ltv !== null)
              expect(close(Number(r.ltv) * Number(r.avg_customer_churn_rate), Number(r.arpa) * 0.5)).toBe(true);
            else
              expect(r.arpa === null || r.avg_customer_churn_rate === null || r.avg_customer_churn_rate === 0).toBe(
                true,
              );
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
