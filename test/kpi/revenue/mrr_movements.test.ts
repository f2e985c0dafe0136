/**
 * mrr_monthly (derived) and mrr_movements: hand-made examples, comparison with the
 * independent reference on random data, and the spec's identities as properties.
 * (Conformance with the dbt-labs mrr-playbook: test/conformance/mrr-playbook.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { mrrMovements } from '../../reference/revenue/mrr_movements.js';
import { addMonths, monthlyMrr, monthRange, mrrOf, type RevenueInput } from '../../reference/revenue/basis.js';
import { loadCanonical } from '../canonical.js';
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

async function mrrMonthly(): Promise<Row[]> {
  await ctx.runner.ensureDerived(['mrr_monthly']);
  return tableToRows(
    await ctx.engine.query(
      'SELECT customer_id, CAST(month AS VARCHAR) AS month, mrr FROM mrr_monthly ORDER BY customer_id, month',
    ),
  );
}

describe('mrr_monthly (derived table)', () => {
  it('applies the snapshot rule at the last day of each month, end_date exclusive', async () => {
    await load(ctx, {
      subscription_periods: [
        // counts where last_day(M) >= start and end > last_day(M): Jan, Feb (not Mar: ends 03-10)
        { customer_id: 'a', start_date: '2024-01-15', end_date: '2024-03-10', mrr: 10 },
        // starts on the last day of January: counts in January
        { customer_id: 'b', start_date: '2024-01-31', end_date: '2024-02-29', mrr: 7 },
        // ends on the last day of January (exclusive): never in force at a month end
        { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-01-31', mrr: 5 },
        // ongoing from April; two periods of one customer add up
        { customer_id: 'd', start_date: '2024-04-01', end_date: null, mrr: 20 },
        { customer_id: 'd', start_date: '2024-04-20', end_date: null, mrr: 5 },
      ],
    });
    const rows = await mrrMonthly();
    const extra = tableToRows(
      await ctx.engine.query(
        `SELECT customer_id, CAST(month AS VARCHAR) AS month, prev_mrr, is_first_active, gap_months FROM mrr_monthly WHERE customer_id = 'a' ORDER BY month`,
      ),
    );
    expect(extra).toEqual([
      { customer_id: 'a', month: '2024-01-01', prev_mrr: 0, is_first_active: true, gap_months: null },
      { customer_id: 'a', month: '2024-02-01', prev_mrr: 10, is_first_active: false, gap_months: null },
      { customer_id: 'a', month: '2024-03-01', prev_mrr: 10, is_first_active: false, gap_months: null },
      { customer_id: 'a', month: '2024-04-01', prev_mrr: 0, is_first_active: false, gap_months: null },
    ]);
    // data end = 2024-04-20: dense rows from each customer's first month to 2024-04, zeros after churn
    expect(rows).toEqual([
      { customer_id: 'a', month: '2024-01-01', mrr: 10 },
      { customer_id: 'a', month: '2024-02-01', mrr: 10 },
      { customer_id: 'a', month: '2024-03-01', mrr: 0 },
      { customer_id: 'a', month: '2024-04-01', mrr: 0 },
      { customer_id: 'b', month: '2024-01-01', mrr: 7 },
      { customer_id: 'b', month: '2024-02-01', mrr: 0 },
      { customer_id: 'b', month: '2024-03-01', mrr: 0 },
      { customer_id: 'b', month: '2024-04-01', mrr: 0 },
      { customer_id: 'd', month: '2024-04-01', mrr: 25 },
    ]);
  });

  it('takes a customer found in mrr_monthly_source wholly from it; nets and clamps negative sums to 0', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 100 }, // ignored: a is in the snapshot export
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 30 },
        { customer_id: 'b', start_date: '2024-02-01', end_date: '2024-03-01', mrr: -50 }, // credit larger than the charge
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: null }, // NULL mrr counts as 0
      ],
      mrr_monthly_source: [
        { customer_id: 'a', month: '2024-01-01', mrr: 40 },
        { customer_id: 'a', month: '2024-01-15', mrr: 2 }, // same month: summed
        { customer_id: 'a', month: '2024-03-01', mrr: 45 }, // February absent: 0
      ],
    });
    expect(await mrrMonthly()).toEqual([
      { customer_id: 'a', month: '2024-01-01', mrr: 42 },
      { customer_id: 'a', month: '2024-02-01', mrr: 0 },
      { customer_id: 'a', month: '2024-03-01', mrr: 45 },
      { customer_id: 'b', month: '2024-01-01', mrr: 30 },
      { customer_id: 'b', month: '2024-02-01', mrr: 0 },
      { customer_id: 'b', month: '2024-03-01', mrr: 30 },
    ]);
  });

  it('extends to the month of the latest date in any data (events too), and is empty without revenue', async () => {
    await load(ctx, {
      subscription_periods: [{ customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 10 }],
      otherDates: ['2024-03-05'],
    });
    expect((await mrrMonthly()).map((r) => r.month)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    await load(ctx, { otherDates: ['2024-03-05'] });
    expect(await mrrMonthly()).toEqual([]);
    expect(await run(ctx, 'mrr_movements')).toBeNull(); // refused: needs revenue data
  });

  it('calendar_months.data_end is the report-date default (responses and tickets count too)', async () => {
    await loadCanonical(ctx.engine, {
      subscription_periods: [{ customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10 }],
      responses: [{ responded_at: '2024-03-03 10:00:00', score: 9 }],
      tickets: [{ ticket_id: 't', created_at: '2024-02-01 09:00:00', resolved_at: '2024-04-02 23:59:59' }],
    });
    ctx.runner.invalidate();
    expect(await ctx.runner.dataEnd()).toBe('2024-04-02');
    await ctx.runner.ensureDerived(['calendar_months']);
    expect(
      tableToRows(
        await ctx.engine.query('SELECT min(month) AS lo, max(month) AS hi, max(data_end) AS e FROM calendar_months'),
      ),
    ).toEqual([{ lo: '2024-01-01', hi: '2024-04-01', e: '2024-04-02' }]);
    expect((await run(ctx, 'mrr_movements'))!.map((r) => [r.month, r.churned_mrr, r.is_complete])).toEqual([
      ['2024-01-01', 0, true],
      ['2024-02-01', -10, true],
      ['2024-03-01', 0, true],
      ['2024-04-01', 0, false],
    ]);
  });

  it('ignores far-future sentinel end dates beyond 36 months after the other data', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '9999-12-31', mrr: 10 },
        { customer_id: 'b', start_date: '2024-02-01', end_date: '2024-05-01', mrr: 10 },
      ],
    });
    const rows = await mrrMonthly();
    expect(
      rows
        .filter((r) => r.customer_id === 'a')
        .map((r) => r.month)
        .at(-1),
    ).toBe('2027-02-01');
    expect(rows.length).toBe(38 + 37);
  });
});

describe('mrr_movements examples', () => {
  it('classifies new, expansion, contraction, churn and reactivation; contraction and churn negative', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 100 },
        { customer_id: 'a', start_date: '2024-02-01', end_date: '2024-03-01', mrr: 120 }, // +20 in Feb
        { customer_id: 'a', start_date: '2024-03-01', end_date: '2024-04-01', mrr: 90 }, // -30 in Mar
        // April: a at 0 -> churn -90; back in June after 1 month at 0 (May): reactivation 50
        { customer_id: 'a', start_date: '2024-06-10', end_date: null, mrr: 50 },
        { customer_id: 'b', start_date: '2024-02-15', end_date: null, mrr: 40 }, // new in Feb (mid-month)
      ],
    });
    const rows = (await run(ctx, 'mrr_movements'))!;
    const z = { new_mrr: 0, expansion_mrr: 0, reactivation_mrr: 0, contraction_mrr: 0, churned_mrr: 0 };
    const zc = {
      new_customers: 0,
      expanded_customers: 0,
      contracted_customers: 0,
      churned_customers: 0,
      reactivated_customers: 0,
    };
    expect(rows).toEqual([
      {
        month: '2024-01-01',
        starting_mrr: 0,
        ...z,
        new_mrr: 100,
        ending_mrr: 100,
        net_new_mrr: 100,
        ...zc,
        new_customers: 1,
        active_customers: 1,
        is_complete: true,
      },
      {
        month: '2024-02-01',
        starting_mrr: 100,
        ...z,
        new_mrr: 40,
        expansion_mrr: 20,
        ending_mrr: 160,
        net_new_mrr: 60,
        ...zc,
        new_customers: 1,
        expanded_customers: 1,
        active_customers: 2,
        is_complete: true,
      },
      {
        month: '2024-03-01',
        starting_mrr: 160,
        ...z,
        contraction_mrr: -30,
        ending_mrr: 130,
        net_new_mrr: -30,
        ...zc,
        contracted_customers: 1,
        active_customers: 2,
        is_complete: true,
      },
      {
        month: '2024-04-01',
        starting_mrr: 130,
        ...z,
        churned_mrr: -90,
        ending_mrr: 40,
        net_new_mrr: -90,
        ...zc,
        churned_customers: 1,
        active_customers: 1,
        is_complete: true,
      },
      {
        month: '2024-05-01',
        starting_mrr: 40,
        ...z,
        ending_mrr: 40,
        net_new_mrr: 0,
        ...zc,
        active_customers: 1,
        is_complete: true,
      },
      // data end 2024-06-10: June is the month of as_of and not complete
      {
        month: '2024-06-01',
        starting_mrr: 40,
        ...z,
        reactivation_mrr: 50,
        ending_mrr: 90,
        net_new_mrr: 50,
        ...zc,
        reactivated_customers: 1,
        active_customers: 2,
        is_complete: false,
      },
    ]);
  });

  it('reactivation_window_months: a return after a longer gap (months at zero) counts as new', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10 }, // active Jan
        { customer_id: 'a', start_date: '2024-04-01', end_date: null, mrr: 30 }, // back in April: 2 months at zero
      ],
    });
    await ctx.runner.ensureDerived(['mrr_monthly']);
    expect(
      tableToRows(await ctx.engine.query(`SELECT gap_months FROM mrr_monthly WHERE month = DATE '2024-04-01'`)),
    ).toEqual([{ gap_months: 2 }]);
    const april = async (params: Record<string, unknown>) =>
      (await run(ctx, 'mrr_movements', params))!.find((r) => r.month === '2024-04-01')!;
    expect(await april({})).toMatchObject({
      new_mrr: 0,
      reactivation_mrr: 30,
      new_customers: 0,
      reactivated_customers: 1,
    });
    expect(await april({ reactivation_window_months: 2 })).toMatchObject({
      new_mrr: 0,
      reactivation_mrr: 30,
      reactivated_customers: 1,
    });
    expect(await april({ reactivation_window_months: 1 })).toMatchObject({
      new_mrr: 30,
      reactivation_mrr: 0,
      new_customers: 1,
      reactivated_customers: 0,
    });
    expect(await april({ reactivation_window_months: 0 })).toMatchObject({ new_mrr: 30, new_customers: 1 });
  });

  it('stops at the month of as_of and flags it incomplete unless as_of is its last day', async () => {
    await load(ctx, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 10 },
        { customer_id: 'b', start_date: '2024-03-20', end_date: null, mrr: 5 },
      ],
    });
    const r1 = (await run(ctx, 'mrr_movements', { as_of: '2024-02-10' }))!;
    expect(r1.map((r) => [r.month, r.ending_mrr, r.is_complete])).toEqual([
      ['2024-01-01', 10, true],
      ['2024-02-01', 10, false],
    ]);
    const r2 = (await run(ctx, 'mrr_movements', { as_of: '2024-02-29' }))!;
    expect(r2.map((r) => r.is_complete)).toEqual([true, true]);
    // after the data end (2024-03-20): months stop at the data, March stays incomplete
    const r3 = (await run(ctx, 'mrr_movements', { as_of: '2024-06-30' }))!;
    expect(r3.map((r) => [r.month, r.ending_mrr, r.is_complete])).toEqual([
      ['2024-01-01', 10, true],
      ['2024-02-01', 10, true],
      ['2024-03-01', 15, false],
    ]);
    expect(await run(ctx, 'mrr_movements', { as_of: '2023-12-31' })).toEqual([]);
  });

  it('breaks down by customer segment; unknown customers go to (unknown)', async () => {
    await load(ctx, {
      customers: [
        { customer_id: 'a', segment: 'SMB' },
        { customer_id: 'b', segment: 'Enterprise' },
      ],
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-02-01', mrr: 10 },
        { customer_id: 'b', start_date: '2024-02-01', end_date: null, mrr: 100 },
        { customer_id: 'x', start_date: '2024-02-01', end_date: null, mrr: 1 },
      ],
    });
    const rows = (await run(ctx, 'mrr_movements', { breakdown: 'segment' }))!;
    expect(rows.map((r) => [r.month, r.segment, r.starting_mrr, r.new_mrr, r.churned_mrr, r.ending_mrr])).toEqual([
      ['2024-01-01', '(unknown)', 0, 0, 0, 0],
      ['2024-01-01', 'Enterprise', 0, 0, 0, 0],
      ['2024-01-01', 'SMB', 0, 10, 0, 10],
      ['2024-02-01', '(unknown)', 0, 1, 0, 1],
      ['2024-02-01', 'Enterprise', 0, 100, 0, 100],
      ['2024-02-01', 'SMB', 10, 0, -10, 0],
    ]);
  });
});

describe('mrr_movements against the reference (random data)', () => {
  it(
    'equals the independent reference implementation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          asOfArb,
          fc.constantFrom<number | null>(null, null, 0, 1, 3),
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input, asOf, window, breakdown) => {
            await load(ctx, input);
            const params: Record<string, unknown> = { breakdown };
            if (asOf) params.as_of = asOf;
            if (window !== null) params.reactivation_window_months = window;
            const sql = await run(ctx, 'mrr_movements', params);
            // the calendar's data end is the framework's report-date default (no sentinel dates here)
            await ctx.runner.ensureDerived(['calendar_months']);
            const cal = tableToRows(await ctx.engine.query('SELECT max(data_end) AS e FROM calendar_months'));
            expect(cal[0]!.e).toBe(await ctx.runner.dataEnd());
            if (sql === null) {
              expect(monthlyMrr(input).firstMonth).toBeNull();
              return;
            }
            const ref = mrrMovements(input, { as_of: asOf, reactivation_window_months: window, breakdown });
            const expected = ref.map((r) => {
              const { segment, ...rest } = r;
              return breakdown === 'segment' ? { ...rest, segment } : rest;
            });
            expectRows(sql, expected, JSON.stringify({ input, params }));
            // the derived table itself: dense from each customer's first active month to the data end
            const mm = monthlyMrr(input);
            const want: Array<Record<string, unknown>> = [];
            for (const c of [...mm.byCustomer.keys()].sort()) {
              const months = monthRange(mm.firstMonth!, mm.lastMonth!);
              const first = months.find((m) => mrrOf(mm, c, m) > 0);
              if (!first) continue;
              for (const m of monthRange(first, mm.lastMonth!)) {
                want.push({
                  customer_id: c,
                  month: m,
                  mrr: mrrOf(mm, c, m),
                  prev_mrr: m === first ? 0 : mrrOf(mm, c, addMonths(m, -1)),
                });
              }
            }
            const got = tableToRows(
              await ctx.engine.query(
                'SELECT customer_id, CAST(month AS VARCHAR) AS month, mrr, prev_mrr FROM mrr_monthly ORDER BY customer_id, month',
              ),
            );
            expectRows(got, want, 'mrr_monthly ' + JSON.stringify(input));
          },
        ),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'keeps the identities and signs in every month and segment',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          revenueInputArb,
          fc.constantFrom<'none' | 'segment'>('none', 'segment'),
          async (input: RevenueInput, breakdown) => {
            await load(ctx, input);
            const rows = await run(ctx, 'mrr_movements', { breakdown });
            if (rows === null) return;
            const prev = new Map<string, Row>();
            for (const r of rows) {
              const n = (k: string) => Number(r[k]);
              const moves =
                n('new_mrr') + n('expansion_mrr') + n('reactivation_mrr') + n('contraction_mrr') + n('churned_mrr');
              expect(close(n('starting_mrr') + moves, n('ending_mrr'), 1e-9)).toBe(true);
              expect(close(n('net_new_mrr'), n('ending_mrr') - n('starting_mrr'), 1e-9)).toBe(true);
              const p = prev.get(String(r.segment ?? '(all)'));
              expect(close(n('starting_mrr'), p ? Number(p.ending_mrr) : 0, 1e-9)).toBe(true);
              if (p) {
                expect(n('active_customers')).toBe(
                  Number(p.active_customers) + n('new_customers') + n('reactivated_customers') - n('churned_customers'),
                );
              }
              for (const k of ['new_mrr', 'expansion_mrr', 'reactivation_mrr', 'ending_mrr', 'starting_mrr'])
                expect(n(k)).toBeGreaterThanOrEqual(0);
              for (const k of ['contraction_mrr', 'churned_mrr']) expect(n(k)).toBeLessThanOrEqual(0);
              expect(n('new_customers') > 0).toBe(n('new_mrr') > 0);
              expect(n('churned_customers') > 0).toBe(n('churned_mrr') < 0);
              prev.set(String(r.segment ?? '(all)'), r);
            }
            if (breakdown === 'segment') {
              // segments add up to the total
              const total = (await run(ctx, 'mrr_movements'))!;
              for (const t of total) {
                const parts = rows.filter((r) => r.month === t.month);
                for (const k of ['ending_mrr', 'new_mrr', 'churned_mrr', 'active_customers', 'reactivated_customers']) {
                  expect(
                    close(
                      parts.reduce((s, r) => s + Number(r[k]), 0),
                      Number(t[k]),
                      1e-9,
                    ),
                  ).toBe(true);
                }
              }
            }
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
