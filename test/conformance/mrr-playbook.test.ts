/**
 * Conformance with the dbt-labs mrr-playbook (KPI_SPEC section 3, mrr_movements): its seed
 * subscription periods must give exactly its monthly movements and customer categories.
 * The fixture lives outside the repository: ../shared/conformance/mrr-playbook/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/core/engine/rows.js';
import { createCtx, load, run, type Ctx } from '../kpi/revenue/helpers.js';
import { classify } from '../reference/revenue/mrr_movements.js';
import { monthlyMrr, monthRange, type PeriodRow, type RevenueInput } from '../reference/revenue/basis.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.resolve(REPO, '../shared/conformance/mrr-playbook');

function readCsv(name: string): Array<Record<string, string>> {
  const file = path.join(DIR, name);
  if (!existsSync(file)) {
    throw new Error(
      `conformance fixture ${file} is missing: the mrr-playbook fixture must be checked out in shared/ beside the repository (../shared/conformance/mrr-playbook/ from ${REPO})`,
    );
  }
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => {
    const v = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, v[i] ?? '']));
  });
}

const num = (s: string) => Number(s);

describe('mrr-playbook conformance', () => {
  let ctx: Ctx;
  let periods: PeriodRow[];
  let input: RevenueInput;
  let rows: Row[];

  beforeAll(async () => {
    periods = readCsv('subscription_periods.csv').map((r) => ({
      customer_id: r.customer_id!,
      start_date: r.start_date!,
      end_date: r.end_date || null,
      mrr: num(r.monthly_amount!),
    }));
    expect(periods).toHaveLength(121);
    input = { subscription_periods: periods };
    ctx = await createCtx();
    await load(ctx, input);
    rows = (await run(ctx, 'mrr_movements'))!;
  });
  afterAll(() => ctx?.engine.close());

  it('reports every month from the first active month (2017-09) to the data end (2020-02)', () => {
    expect(rows.map((r) => r.month)).toEqual(monthRange('2017-09-01', '2020-02-01'));
    expect(Object.keys(rows[0]!)).toEqual([
      'month',
      'starting_mrr',
      'new_mrr',
      'expansion_mrr',
      'reactivation_mrr',
      'contraction_mrr',
      'churned_mrr',
      'ending_mrr',
      'net_new_mrr',
      'new_customers',
      'expanded_customers',
      'contracted_customers',
      'churned_customers',
      'reactivated_customers',
      'active_customers',
      'is_complete',
    ]);
    // as_of defaults to the data end 2020-02-01: February 2020 is not complete, the rest is
    expect(rows.filter((r) => r.is_complete === false).map((r) => r.month)).toEqual(['2020-02-01']);
  });

  it('equals expected_monthly_movements.csv exactly from 2018-01 on', () => {
    const expected = readCsv('expected_monthly_movements.csv');
    expect(expected).toHaveLength(26);
    const from2018 = rows.filter((r) => String(r.month) >= '2018-01-01');
    expect(from2018.map((r) => r.month)).toEqual(expected.map((e) => e.date_month));
    expected.forEach((e, i) => {
      const r = from2018[i]!;
      const want = {
        month: e.date_month,
        ending_mrr: num(e.total_mrr!),
        active_customers: num(e.active_customers!),
        new_mrr: num(e.new_mrr!),
        reactivation_mrr: num(e.reactivation_mrr!),
        expansion_mrr: num(e.expansion_mrr!),
        contraction_mrr: num(e.contraction_mrr!),
        churned_mrr: num(e.churned_mrr!),
        new_customers: num(e.new_customers!),
        churned_customers: num(e.churned_customers!),
        reactivated_customers: num(e.reactivated_customers!),
      };
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, r[k]]));
      expect(got, e.date_month).toEqual(want);
    });
  });

  it('also reports 2017-09 .. 2017-12, which the playbook drops (README)', () => {
    const pick = (m: string) => rows.find((r) => r.month === m)!;
    expect(pick('2017-09-01')).toMatchObject({
      starting_mrr: 0,
      new_mrr: 75,
      new_customers: 2,
      churned_mrr: 0,
      ending_mrr: 75,
      active_customers: 2,
    });
    expect(pick('2017-10-01')).toMatchObject({
      starting_mrr: 75,
      new_mrr: 25,
      new_customers: 1,
      churned_mrr: -50,
      churned_customers: 1,
      ending_mrr: 50,
      active_customers: 2,
    });
    expect(pick('2017-11-01')).toMatchObject({
      starting_mrr: 50,
      new_mrr: 0,
      churned_mrr: -50,
      churned_customers: 2,
      ending_mrr: 0,
      active_customers: 0,
    });
    // no customer is active in 2017-12: the month is reported with zeros, so the series has no hole
    expect(pick('2017-12-01')).toMatchObject({
      starting_mrr: 0,
      new_mrr: 0,
      expansion_mrr: 0,
      reactivation_mrr: 0,
      contraction_mrr: 0,
      churned_mrr: 0,
      ending_mrr: 0,
      net_new_mrr: 0,
      active_customers: 0,
    });
  });

  it('keeps the identities: starting + movements = ending, starting = previous ending', () => {
    let prevEnding = 0;
    for (const r of rows) {
      const s = Number(r.starting_mrr);
      const moves =
        Number(r.new_mrr) +
        Number(r.expansion_mrr) +
        Number(r.reactivation_mrr) +
        Number(r.contraction_mrr) +
        Number(r.churned_mrr);
      expect(s + moves, String(r.month)).toBe(r.ending_mrr);
      expect(r.net_new_mrr).toBe(moves);
      expect(s, String(r.month)).toBe(prevEnding);
      prevEnding = Number(r.ending_mrr);
    }
  });

  const CATEGORY: Record<string, string> = {
    new: 'new',
    churn: 'churn',
    reactivation: 'reactivation',
    upgrade: 'expansion',
    downgrade: 'contraction',
    '': '',
  };

  /** expected_mrr.csv as (month|customer) -> {mrr, previous mrr, category}; absent = inactive, no change. */
  function expectedByCustomer(): Map<string, { mrr: number; prev: number; category: string }> {
    const rowsCsv = readCsv('expected_mrr.csv');
    expect(rowsCsv).toHaveLength(410);
    return new Map(
      rowsCsv.map((r) => [
        `${r.date_month}|${r.customer_id}`,
        { mrr: num(r.mrr!), prev: num(r.previous_month_mrr!), category: CATEGORY[r.change_category!]! },
      ]),
    );
  }

  it('classifies every customer-month like expected_mrr.csv (KPI SQL, one segment per customer)', async () => {
    const expected = expectedByCustomer();
    const customers = [...new Set(periods.map((p) => p.customer_id!))];
    await load(ctx, {
      subscription_periods: periods,
      customers: customers.map((c) => ({ customer_id: c, segment: c })),
    });
    const perCustomer = (await run(ctx, 'mrr_movements', { breakdown: 'segment' }))!;
    const months = monthRange('2018-01-01', '2020-02-01');
    let compared = 0;
    for (const month of months) {
      for (const c of customers) {
        const r = perCustomer.find((x) => x.month === month && x.segment === c);
        const want = expected.get(`${month}|${c}`) ?? { mrr: 0, prev: 0, category: '' };
        const n = (k: string) => Number(r?.[k] ?? 0);
        const category =
          n('new_customers') === 1
            ? 'new'
            : n('churned_customers') === 1
              ? 'churn'
              : n('reactivated_customers') === 1
                ? 'reactivation'
                : n('expanded_customers') === 1
                  ? 'expansion'
                  : n('contracted_customers') === 1
                    ? 'contraction'
                    : '';
        expect({ mrr: n('ending_mrr'), prev: n('starting_mrr'), category }, `${month} customer ${c}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBe(26 * 55);
    // every expected row was looked at (its month is in range and its customer is known)
    for (const key of expected.keys()) {
      const [m, c] = key.split('|');
      expect(months.includes(m!) && customers.includes(c!), key).toBe(true);
    }
  });

  it('classifies every customer-month like expected_mrr.csv (reference implementation)', () => {
    const expected = expectedByCustomer();
    const mm = monthlyMrr(input);
    const cms = classify(mm, monthRange('2018-01-01', '2020-02-01'), null);
    expect(cms).toHaveLength(26 * 55);
    for (const cm of cms) {
      const want = expected.get(`${cm.month}|${cm.customer}`) ?? { mrr: 0, prev: 0, category: '' };
      expect({ mrr: cm.mrr, prev: cm.prev, category: cm.category }, `${cm.month} customer ${cm.customer}`).toEqual(
        want,
      );
    }
  });
});
