/** Reference (test-only) expansion_rate: expanded / active in M-1; expansion MRR / starting MRR. */
import { addMonths, activeCount, monthlyMrr, segmentOf, type RevenueInput } from './basis.js';
import { mrrMovements } from './mrr_movements.js';

export interface ExpansionRow {
  month: string;
  segment: string;
  expanded_customers: number;
  expansion_mrr: number;
  customer_expansion_rate: number | null;
  mrr_expansion_rate: number | null;
  is_complete: boolean;
}

export function expansionRate(
  input: RevenueInput,
  params: { as_of?: string | null; breakdown?: 'none' | 'segment' } = {},
): ExpansionRow[] {
  const mm = monthlyMrr(input);
  const seg = segmentOf(input, params.breakdown ?? 'none');
  return mrrMovements(input, params).map((r) => {
    const before = activeCount(mm, seg, r.segment, addMonths(r.month, -1));
    return {
      month: r.month,
      segment: r.segment,
      expanded_customers: r.expanded_customers,
      expansion_mrr: r.expansion_mrr,
      customer_expansion_rate: before === 0 ? null : r.expanded_customers / before,
      mrr_expansion_rate: r.starting_mrr === 0 ? null : r.expansion_mrr / r.starting_mrr,
      is_complete: r.is_complete,
    };
  });
}
