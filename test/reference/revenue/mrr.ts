/**
 * Reference (test-only) implementation of the mrr KPI from KPI_SPEC section 3: per month the
 * sum of active customers' MRR, ARR = 12 x MRR, active customers, ARPA = MRR / active.
 */
import { dataEnd, isComplete, latestDate, monthlyMrr, reportMonths, segmentOf, type RevenueInput } from './basis.js';

export interface MrrRow {
  month: string;
  segment: string;
  mrr: number;
  arr: number;
  active_customers: number;
  arpa: number | null;
  is_complete: boolean;
}

export function mrrKpi(
  input: RevenueInput,
  params: { as_of?: string | null; breakdown?: 'none' | 'segment' } = {},
): MrrRow[] {
  const end = dataEnd(input);
  const asOf = params.as_of ?? latestDate(input);
  const breakdown = params.breakdown ?? 'none';
  const mm = monthlyMrr(input);
  const months = reportMonths(mm, asOf);
  if (!asOf || !end || months.length === 0) return [];
  const seg = segmentOf(input, breakdown);
  const last = months[months.length - 1]!;
  const segments = new Set<string>(breakdown === 'segment' ? [] : ['(all)']);
  for (const [c, byMonth] of mm.byCustomer) for (const [m, v] of byMonth) if (v > 0 && m <= last) segments.add(seg(c));
  const out: MrrRow[] = [];
  for (const month of months) {
    for (const segment of [...segments].sort()) {
      let mrr = 0;
      let active = 0;
      for (const [c, byMonth] of mm.byCustomer) {
        const v = byMonth.get(month) ?? 0;
        if (v > 0 && seg(c) === segment) {
          mrr += v;
          active++;
        }
      }
      out.push({
        month,
        segment,
        mrr,
        arr: 12 * mrr,
        active_customers: active,
        arpa: active === 0 ? null : mrr / active,
        is_complete: isComplete(month, asOf, end),
      });
    }
  }
  return out;
}
