/** renewal_rate: hand-computed examples, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewalRate } from '../../reference/revenue/renewal_rate.js';
import { monthlyMrr } from '../../reference/revenue/basis.js';
import {
  PROPERTY_TIMEOUT,
  asOfArb,
  chainedInputArb,
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

describe('renewal_rate examples', () => {
  const data = {
    subscription_periods: [
      { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 100 },
      { customer_id: 'a', start_date: '2024-02-01', end_date: '2024-03-01', mrr: 120 }, // renews on the day; then ends for good
      { customer_id: 'b', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 50 },
      { customer_id: 'b', start_date: '2024-02-10', end_date: null, mrr: 50 }, // 9 days late
      { customer_id: 'c', start_date: '2024-01-01', end_date: null, mrr: 30 },
    ],
    otherDates: ['2024-03-31'],
  };

  it('grace_days 0: the next period must start on the end date', async () => {
    await load(ctx, data);
    expect(await run(ctx, 'renewal_rate')).toEqual([
      {
        month: '2024-01-01',
        ending_customers: 0,
        renewed_customers: 0,
        renewal_rate: null,
        renewal_mrr: 0,
        renewal_mrr_rate: 0,
        is_complete: true,
      },
      // a renewed, b not; a's renewing period (120) over February's MRR 120 + 50 + 30
      {
        month: '2024-02-01',
        ending_customers: 2,
        renewed_customers: 1,
        renewal_rate: 0.5,
        renewal_mrr: 120,
        renewal_mrr_rate: 0.6,
        is_complete: true,
      },
      {
        month: '2024-03-01',
        ending_customers: 1,
        renewed_customers: 0,
        renewal_rate: 0,
        renewal_mrr: 0,
        renewal_mrr_rate: 0,
        is_complete: true,
      },
    ]);
  });

  it('grace_days 10: a late renewal counts; a month is complete only once its grace has passed in the data', async () => {
    await load(ctx, data);
    const rows = (await run(ctx, 'renewal_rate', { grace_days: 10 }))!;
    expect(rows[1]).toEqual({
      month: '2024-02-01',
      ending_customers: 2,
      renewed_customers: 2,
      renewal_rate: 1,
      renewal_mrr: 170,
      renewal_mrr_rate: 170 / 200,
      is_complete: true,
    });
    expect(rows[2]).toMatchObject({ month: '2024-03-01', renewal_rate: 0, is_complete: false }); // March 31 + 10 days is after the data end
  });

  it('an early renewal needs grace days; a period that ends before the old one does not renew it; customers count once', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'd', start_date: '2024-01-01', end_date: '2024-04-01', mrr: 10 },
        { customer_id: 'd', start_date: '2024-03-29', end_date: null, mrr: 10 }, // starts 3 days before the end
        { customer_id: 'e', start_date: '2024-01-01', end_date: '2024-04-01', mrr: 10 },
        { customer_id: 'e', start_date: '2024-03-30', end_date: '2024-03-31', mrr: 10 }, // ends before e's first period
        { customer_id: 'f', start_date: '2024-01-01', end_date: '2024-04-05', mrr: 10 },
        { customer_id: 'f', start_date: '2024-02-01', end_date: '2024-04-20', mrr: 5 }, // two of f's periods end in April
        { customer_id: 'f', start_date: '2024-04-20', end_date: null, mrr: 5 }, // renews the second one
      ],
      otherDates: ['2024-06-30'],
    });
    const april = async (g: number) =>
      (await run(ctx, 'renewal_rate', { grace_days: g }))!.find((r) => r.month === '2024-04-01');
    expect(await april(0)).toMatchObject({ ending_customers: 3, renewed_customers: 1, renewal_mrr: 5 });
    expect(await april(3)).toMatchObject({ ending_customers: 3, renewed_customers: 2, renewal_mrr: 5 }); // d's renewal starts in March
    const march = (await run(ctx, 'renewal_rate', { grace_days: 3 }))!.find((r) => r.month === '2024-03-01');
    expect(march).toMatchObject({ ending_customers: 1, renewed_customers: 0, renewal_mrr: 10 }); // e's short period ends in March
  });
});

describe('renewal_rate against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: chainedInputArb }, { weight: 1, arbitrary: revenueInputArb }),
          asOfArb,
          fc.constantFrom(0, 0, 3, 15),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, g, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown, grace_days: g };
            if (asOf) params.as_of = asOf;
            const sql = await run(ctx, 'renewal_rate', params);
            if (sql === null) {
              const noEnd = (input.subscription_periods ?? []).every(
                (p) => p.end_date === null || p.customer_id === null || p.start_date === null,
              );
              expect(noEnd || monthlyMrr(input).firstMonth === null).toBe(true);
              return;
            }
            const expected = renewalRate(input, { as_of: asOf, grace_days: g, breakdown }).map(
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
    '0 <= renewed <= ending; more grace never renews fewer customers',
    async () => {
      await fc.assert(
        fc.asyncProperty(chainedInputArb, async (input) => {
          await load(ctx, input);
          const g0 = await run(ctx, 'renewal_rate');
          if (g0 === null) return;
          const g15 = (await run(ctx, 'renewal_rate', { grace_days: 15 }))!;
          g0.forEach((r, i) => {
            expect(Number(r.renewed_customers)).toBeLessThanOrEqual(Number(r.ending_customers));
            expect(g15[i]!.ending_customers).toBe(r.ending_customers);
            expect(Number(g15[i]!.renewed_customers)).toBeGreaterThanOrEqual(Number(r.renewed_customers));
            if (r.renewal_rate !== null) {
              expect(Number(r.renewal_rate)).toBeGreaterThanOrEqual(0);
              expect(Number(r.renewal_rate)).toBeLessThanOrEqual(1);
            }
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
