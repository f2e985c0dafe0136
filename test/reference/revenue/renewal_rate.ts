/**
 * Reference (test-only) renewal_rate from KPI_SPEC section 3 and the documented choices of
 * sql/revenue/renewal_rate.sql: per month, customers with a period ending in it, those with
 * a period renewed (another period of the customer starting within grace_days of the end,
 * before or after, and running past it), and the MRR of renewing periods starting in the
 * month over the month's MRR.
 */
import {
  addDays,
  dataEnd,
  lastDay,
  latestDate,
  monthOf,
  monthlyMrr,
  reportMonths,
  segmentOf,
  type PeriodRow,
  type RevenueInput,
} from './basis.js';

export interface RenewalRow {
  month: string;
  segment: string;
  ending_customers: number;
  renewed_customers: number;
  renewal_rate: number | null;
  renewal_mrr: number;
  renewal_mrr_rate: number | null;
  is_complete: boolean;
}

export function renewalRate(
  input: RevenueInput,
  params: { as_of?: string | null; grace_days?: number; breakdown?: 'none' | 'segment' } = {},
): RenewalRow[] {
  const end = dataEnd(input);
  const asOf = params.as_of ?? latestDate(input);
  const g = params.grace_days ?? 0;
  const breakdown = params.breakdown ?? 'none';
  const mm = monthlyMrr(input);
  const months = reportMonths(mm, asOf);
  if (!asOf || !end || months.length === 0) return [];
  const seg = segmentOf(input, breakdown);
  const fromSource = new Set(
    (input.mrr_monthly_source ?? [])
      .filter((s) => s.customer_id !== null && s.month !== null)
      .map((s) => s.customer_id!),
  );
  const periods: PeriodRow[] = (input.subscription_periods ?? []).filter(
    (p) =>
      p.customer_id !== null &&
      p.start_date !== null &&
      !fromSource.has(p.customer_id) &&
      (p.end_date === null || p.end_date > p.start_date!),
  );
  const renews = (q: PeriodRow, e: PeriodRow) =>
    q !== e &&
    q.customer_id === e.customer_id &&
    e.end_date !== null &&
    q.start_date! >= addDays(e.end_date, -g) &&
    q.start_date! <= addDays(e.end_date, g) &&
    (q.end_date === null || q.end_date > e.end_date);
  const renewed = (e: PeriodRow) => periods.some((q) => renews(q, e));
  const renewing = (q: PeriodRow) => periods.some((e) => renews(q, e));
  const lastMonth = months[months.length - 1]!;
  const asOfMonth = monthOf(asOf);

  const segments = new Set<string>(breakdown === 'segment' ? [] : ['(all)']);
  for (const [c, byMonth] of mm.byCustomer)
    for (const [m, v] of byMonth) if (v > 0 && m <= lastMonth) segments.add(seg(c));
  for (const p of periods)
    if (p.end_date !== null && monthOf(p.end_date) <= asOfMonth) segments.add(seg(p.customer_id!));

  const out: RenewalRow[] = [];
  for (const month of months) {
    for (const segment of [...segments].sort()) {
      const ending = new Set<string>();
      const kept = new Set<string>();
      for (const p of periods) {
        if (p.end_date === null || monthOf(p.end_date) !== month || seg(p.customer_id!) !== segment) continue;
        ending.add(p.customer_id!);
        if (renewed(p)) kept.add(p.customer_id!);
      }
      let renewalMrr = 0;
      for (const q of periods)
        if (monthOf(q.start_date!) === month && seg(q.customer_id!) === segment && renewing(q))
          renewalMrr += q.mrr ?? 0;
      let monthMrr = 0;
      for (const [c, byMonth] of mm.byCustomer) if (seg(c) === segment) monthMrr += byMonth.get(month) ?? 0;
      const ld = addDays(lastDay(month), g);
      out.push({
        month,
        segment,
        ending_customers: ending.size,
        renewed_customers: kept.size,
        renewal_rate: ending.size === 0 ? null : kept.size / ending.size,
        renewal_mrr: renewalMrr,
        renewal_mrr_rate: monthMrr === 0 ? null : renewalMrr / monthMrr,
        is_complete: ld <= asOf && ld <= end,
      });
    }
  }
  return out;
}
