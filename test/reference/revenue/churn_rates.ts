/**
 * Reference (test-only) churn_rates from KPI_SPEC section 3, on top of the reference
 * movements: customer churn = churned / active in M-1; gross = -(churn + contraction) /
 * starting MRR; net = -(churn + contraction + expansion + reactivation) / starting MRR.
 */
import { addMonths, activeCount, monthlyMrr, segmentOf, type RevenueInput } from './basis.js';
import { mrrMovements, type MovementParams } from './mrr_movements.js';

export interface ChurnRow {
  month: string;
  segment: string;
  customer_churn_rate: number | null;
  gross_mrr_churn_rate: number | null;
  net_mrr_churn_rate: number | null;
  is_complete: boolean;
}

export function churnRates(input: RevenueInput, params: MovementParams = {}): ChurnRow[] {
  const mm = monthlyMrr(input);
  const seg = segmentOf(input, params.breakdown ?? 'none');
  return mrrMovements(input, params).map((r) => {
    const before = activeCount(mm, seg, r.segment, addMonths(r.month, -1));
    const s = r.starting_mrr;
    return {
      month: r.month,
      segment: r.segment,
      customer_churn_rate: before === 0 ? null : r.churned_customers / before,
      gross_mrr_churn_rate: s === 0 ? null : -(r.churned_mrr + r.contraction_mrr) / s,
      net_mrr_churn_rate:
        s === 0 ? null : -(r.churned_mrr + r.contraction_mrr + r.expansion_mrr + r.reactivation_mrr) / s,
      is_complete: r.is_complete,
    };
  });
}
