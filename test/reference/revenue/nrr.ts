/**
 * Reference (test-only) implementation of nrr/grr from KPI_SPEC section 3:
 * B(M) = customers with MRR > 0 in M - L; NRR = Σ_B MRR(M) / Σ_B MRR(M-L);
 * GRR = Σ_B min(MRR(M), MRR(M-L)) / Σ_B MRR(M-L).
 */
import {
  addMonths,
  dataEnd,
  isComplete,
  latestDate,
  monthlyMrr,
  mrrOf,
  reportMonths,
  segmentOf,
  type RevenueInput,
} from './basis.js';

export interface NrrRow {
  month: string;
  segment: string;
  base_customers: number;
  base_mrr: number;
  retained_mrr: number;
  nrr: number | null;
  grr: number | null;
  is_complete: boolean;
}

export function nrrKpi(
  input: RevenueInput,
  params: { as_of?: string | null; lookback_months?: number; breakdown?: 'none' | 'segment' } = {},
): NrrRow[] {
  const end = dataEnd(input);
  const asOf = params.as_of ?? latestDate(input);
  const L = params.lookback_months ?? 12;
  const breakdown = params.breakdown ?? 'none';
  const mm = monthlyMrr(input);
  const months = reportMonths(mm, asOf);
  if (!asOf || !end || months.length === 0) return [];
  const seg = segmentOf(input, breakdown);
  const last = months[months.length - 1]!;
  const segments = new Set<string>(breakdown === 'segment' ? [] : ['(all)']);
  for (const [c, byMonth] of mm.byCustomer) for (const [m, v] of byMonth) if (v > 0 && m <= last) segments.add(seg(c));
  const out: NrrRow[] = [];
  for (const month of months) {
    const then = addMonths(month, -L);
    for (const segment of [...segments].sort()) {
      let n = 0;
      let base = 0;
      let retained = 0;
      let kept = 0;
      for (const c of mm.byCustomer.keys()) {
        if (seg(c) !== segment) continue;
        const before = mrrOf(mm, c, then);
        if (!(before > 0)) continue;
        const now = mrrOf(mm, c, month);
        n++;
        base += before;
        retained += now;
        kept += Math.min(now, before);
      }
      out.push({
        month,
        segment,
        base_customers: n,
        base_mrr: base,
        retained_mrr: retained,
        nrr: base === 0 ? null : retained / base,
        grr: base === 0 ? null : kept / base,
        is_complete: isComplete(month, asOf, end),
      });
    }
  }
  return out;
}
