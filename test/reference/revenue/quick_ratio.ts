/** Reference (test-only) quick_ratio: (new + expansion [+ reactivation]) / -(contraction + churned). */
import type { RevenueInput } from './basis.js';
import { mrrMovements, type MovementParams } from './mrr_movements.js';

export interface QuickRatioRow {
  month: string;
  segment: string;
  quick_ratio: number | null;
  is_complete: boolean;
}

export function quickRatio(
  input: RevenueInput,
  params: MovementParams & { include_reactivation?: boolean } = {},
): QuickRatioRow[] {
  const withReactivation = params.include_reactivation ?? true;
  return mrrMovements(input, params).map((r) => {
    const gained = r.new_mrr + r.expansion_mrr + (withReactivation ? r.reactivation_mrr : 0);
    const lost = -(r.contraction_mrr + r.churned_mrr);
    return {
      month: r.month,
      segment: r.segment,
      quick_ratio: lost === 0 ? null : gained / lost,
      is_complete: r.is_complete,
    };
  });
}
