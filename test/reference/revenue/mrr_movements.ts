/**
 * Reference (test-only) implementation of mrr_movements, written from KPI_SPEC section 3:
 * per customer, compare MRR(M) with MRR(M-1); plain loops, no SQL.
 */
import {
  addMonths,
  dataEnd,
  latestDate,
  isComplete,
  monthIndex,
  monthlyMrr,
  mrrOf,
  reportMonths,
  segmentOf,
  type MonthlyMrr,
  type RevenueInput,
} from './basis.js';

export type Category = 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn' | '';

export interface CustomerMonth {
  customer: string;
  month: string;
  mrr: number;
  prev: number;
  category: Category;
}

/**
 * Classifies every customer in every month of `months` (the spec's rules).
 * `window`: reactivation_window_months (null = any gap is a reactivation).
 */
export function classify(mm: MonthlyMrr, months: string[], window: number | null): CustomerMonth[] {
  const out: CustomerMonth[] = [];
  for (const [customer, byMonth] of mm.byCustomer) {
    // every month the customer was active, to find "active before" and the gap
    const activeMonths = [...byMonth.entries()]
      .filter(([, v]) => v > 0)
      .map(([m]) => m)
      .sort();
    for (const month of months) {
      const mrr = mrrOf(mm, customer, month);
      const prev = mrrOf(mm, customer, addMonths(month, -1));
      let category: Category = '';
      if (mrr > 0 && prev === 0) {
        const before = activeMonths.filter((m) => m < month);
        if (before.length === 0) category = 'new';
        else {
          const lastActive = before[before.length - 1]!;
          const gap = monthIndex(month) - monthIndex(lastActive) - 1; // months at zero in between
          category = window !== null && gap > window ? 'new' : 'reactivation';
        }
      } else if (mrr === 0 && prev > 0) category = 'churn';
      else if (mrr > prev) category = 'expansion';
      else if (mrr < prev) category = 'contraction';
      out.push({ customer, month, mrr, prev, category });
    }
  }
  return out;
}

export interface MovementRow {
  month: string;
  segment: string;
  starting_mrr: number;
  new_mrr: number;
  expansion_mrr: number;
  reactivation_mrr: number;
  contraction_mrr: number;
  churned_mrr: number;
  ending_mrr: number;
  net_new_mrr: number;
  new_customers: number;
  expanded_customers: number;
  contracted_customers: number;
  churned_customers: number;
  reactivated_customers: number;
  active_customers: number;
  is_complete: boolean;
}

export interface MovementParams {
  as_of?: string | null;
  reactivation_window_months?: number | null;
  breakdown?: 'none' | 'segment';
}

/** Rows of mrr_movements, ordered by month then segment (segment '(all)' without breakdown). */
export function mrrMovements(input: RevenueInput, params: MovementParams = {}): MovementRow[] {
  const end = dataEnd(input);
  const asOf = params.as_of ?? latestDate(input);
  const breakdown = params.breakdown ?? 'none';
  const mm = monthlyMrr(input);
  const months = reportMonths(mm, asOf);
  if (months.length === 0 || !asOf || !end) return [];
  const seg = segmentOf(input, breakdown);
  const cms = classify(mm, months, params.reactivation_window_months ?? null);

  // segments listed: without breakdown '(all)'; with it, those with a customer active up to the last month
  const segments = new Set<string>();
  if (breakdown !== 'segment') segments.add('(all)');
  const lastMonth = months[months.length - 1]!;
  for (const [c, byMonth] of mm.byCustomer) {
    for (const [m, v] of byMonth) if (v > 0 && m <= lastMonth) segments.add(seg(c));
  }
  const rows: MovementRow[] = [];
  for (const month of months) {
    for (const segment of [...segments].sort()) {
      const r: MovementRow = {
        month,
        segment,
        starting_mrr: 0,
        new_mrr: 0,
        expansion_mrr: 0,
        reactivation_mrr: 0,
        contraction_mrr: 0,
        churned_mrr: 0,
        ending_mrr: 0,
        net_new_mrr: 0,
        new_customers: 0,
        expanded_customers: 0,
        contracted_customers: 0,
        churned_customers: 0,
        reactivated_customers: 0,
        active_customers: 0,
        is_complete: isComplete(month, asOf, end),
      };
      for (const cm of cms) {
        if (cm.month !== month || seg(cm.customer) !== segment) continue;
        r.starting_mrr += cm.prev;
        r.ending_mrr += cm.mrr;
        if (cm.mrr > 0) r.active_customers++;
        switch (cm.category) {
          case 'new':
            r.new_mrr += cm.mrr;
            r.new_customers++;
            break;
          case 'reactivation':
            r.reactivation_mrr += cm.mrr;
            r.reactivated_customers++;
            break;
          case 'churn':
            r.churned_mrr -= cm.prev;
            r.churned_customers++;
            break;
          case 'expansion':
            r.expansion_mrr += cm.mrr - cm.prev;
            r.expanded_customers++;
            break;
          case 'contraction':
            r.contraction_mrr += cm.mrr - cm.prev;
            r.contracted_customers++;
            break;
        }
      }
      r.net_new_mrr = r.new_mrr + r.expansion_mrr + r.reactivation_mrr + r.contraction_mrr + r.churned_mrr;
      rows.push(r);
    }
  }
  // SQL sorts segments with ORDER BY (byte order); JS sort of plain strings is code-unit order
  return rows;
}
