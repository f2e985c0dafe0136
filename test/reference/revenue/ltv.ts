/**
 * Reference (test-only) ltv: arpa(M) x gross_margin / mean of the monthly customer churn
 * rates (churned / active in M-1) over the months M-W+1..M that have a rate.
 */
import { addMonths, activeCount, monthlyMrr, segmentOf, type RevenueInput } from './basis.js';
import { mrrMovements } from './mrr_movements.js';

export interface LtvRow {
  month: string;
  segment: string;
  arpa: number | null;
  avg_customer_churn_rate: number | null;
  ltv: number | null;
  is_complete: boolean;
}

export function ltv(
  input: RevenueInput,
  params: { as_of?: string | null; gross_margin?: number; window_months?: number; breakdown?: 'none' | 'segment' } = {},
): LtvRow[] {
  const margin = params.gross_margin ?? 1;
  const W = params.window_months ?? 6;
  const mm = monthlyMrr(input);
  const seg = segmentOf(input, params.breakdown ?? 'none');
  const rows = mrrMovements(input, { as_of: params.as_of ?? null, breakdown: params.breakdown ?? 'none' });
  const rate = new Map<string, number | null>();
  for (const r of rows) {
    const before = activeCount(mm, seg, r.segment, addMonths(r.month, -1));
    rate.set(`${r.month}|${r.segment}`, before === 0 ? null : r.churned_customers / before);
  }
  return rows.map((r) => {
    const rates: number[] = [];
    for (let k = 0; k < W; k++) {
      const v = rate.get(`${addMonths(r.month, -k)}|${r.segment}`);
      if (v !== undefined && v !== null) rates.push(v);
    }
    const avg = rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length;
    const arpa = r.active_customers === 0 ? null : r.ending_mrr / r.active_customers;
    return {
      month: r.month,
      segment: r.segment,
      arpa,
      avg_customer_churn_rate: avg,
      ltv: arpa === null || avg === null || avg === 0 ? null : (arpa * margin) / avg,
      is_complete: r.is_complete,
    };
  });
}
