/** mrr: hand-computed examples, the independent reference on random data, invariants. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mrrKpi } from '../../reference/revenue/mrr.js';
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

describe('mrr examples', () => {
  it('sums active MRR per month; ARR = 12 x MRR; ARPA = MRR / active customers, NULL with none', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 100 },
        { customer_id: 'b', start_date: '2024-03-05', end_date: '2024-05-01', mrr: 50 },
        { customer_id: 'c', start_date: '2024-03-31', end_date: null, mrr: 25 },
        { customer_id: 'c', start_date: '2024-04-01', end_date: null, mrr: -40 }, // c nets to -15 from April: inactive
      ],
      mrr_monthly_source: [{ customer_id: 'd', month: '2024-04-01', mrr: 30 }],
    });
    expect(await run(ctx, 'mrr')).toEqual([
      { month: '2024-01-01', mrr: 100, arr: 1200, active_customers: 1, arpa: 100, is_complete: true },
      { month: '2024-02-01', mrr: 0, arr: 0, active_customers: 0, arpa: null, is_complete: true },
      { month: '2024-03-01', mrr: 75, arr: 900, active_customers: 2, arpa: 37.5, is_complete: true },
      // data end 2024-05-01 is in May; April: b 50 + d 30 (c is at -15, not active)
      { month: '2024-04-01', mrr: 80, arr: 960, active_customers: 2, arpa: 40, is_complete: true },
      { month: '2024-05-01', mrr: 0, arr: 0, active_customers: 0, arpa: null, is_complete: false },
    ]);
    expect(await run(ctx, 'mrr', { as_of: '2024-03-15' })).toEqual([
      { month: '2024-01-01', mrr: 100, arr: 1200, active_customers: 1, arpa: 100, is_complete: true },
      { month: '2024-02-01', mrr: 0, arr: 0, active_customers: 0, arpa: null, is_complete: true },
      { month: '2024-03-01', mrr: 75, arr: 900, active_customers: 2, arpa: 37.5, is_complete: false },
    ]);
  });

  it('breaks down by segment', async () => {
    await load(ctx, {
      customers: [
        { customer_id: 'a', segment: 'SMB' },
        { customer_id: 'b', segment: 'SMB' },
        { customer_id: 'c', segment: 'Ent' },
      ],
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 10 },
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 20 },
        { customer_id: 'c', start_date: '2024-02-01', end_date: null, mrr: 300 },
      ],
    });
    expect(
      (await run(ctx, 'mrr', { breakdown: 'segment' }))!.map((r) => [
        r.month,
        r.segment,
        r.mrr,
        r.active_customers,
        r.arpa,
      ]),
    ).toEqual([
      ['2024-01-01', 'Ent', 0, 0, null],
      ['2024-01-01', 'SMB', 30, 2, 15],
      ['2024-02-01', 'Ent', 300, 1, 300],
      ['2024-02-01', 'SMB', 30, 2, 15],
    ]);
  });
});

describe('mrr against the reference (random data)', () => {
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
            const sql = await run(ctx, 'mrr', params);
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const expected = mrrKpi(input, { as_of: asOf, breakdown }).map(({ segment, ...rest }) =>
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
    'ARR = 12 MRR, ARPA x active = MRR, and MRR / active equal mrr_movements ending_mrr / active_customers',
    async () => {
      await fc.assert(
        fc.asyncProperty(revenueInputArb, asOfArb, async (input, asOf) => {
          await load(ctx, input);
          const params: Record<string, unknown> = asOf ? { as_of: asOf } : {};
          const rows = await run(ctx, 'mrr', params);
          if (rows === null) return;
          const moves = (await run(ctx, 'mrr_movements', params))!;
          expect(rows.map((r) => r.month)).toEqual(moves.map((r) => r.month));
          rows.forEach((r, i) => {
            const n = (k: string) => Number(r[k]);
            expect(close(n('arr'), 12 * n('mrr'))).toBe(true);
            if (n('active_customers') === 0) {
              expect(r.arpa).toBeNull();
              expect(n('mrr')).toBe(0);
            } else expect(close(n('arpa') * n('active_customers'), n('mrr'))).toBe(true);
            expect(close(n('mrr'), Number(moves[i]!.ending_mrr))).toBe(true);
            expect(r.active_customers).toBe(moves[i]!.active_customers);
            expect(r.is_complete).toBe(moves[i]!.is_complete);
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
