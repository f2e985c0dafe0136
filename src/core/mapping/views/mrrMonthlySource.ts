/** The `mrr_monthly_source` view: snapshot-shaped exports (one row per customer and month). */
import type { ExprContext } from '../expr.js';
import { moneyExpr } from '../expr.js';
import { numberLiteral } from '../sql.js';
import type { ConfirmedMapping } from '../types.js';
import { currencyFilter, emptySelect, fieldExprs, fromTable, typedColumns, unionAll } from './common.js';

/** Stage SELECT of a snapshot table: customer_id, month (first day), mrr, currency, __src. */
export function snapshotStage(m: ConfirmedMapping, index: number, ctx: ExprContext): string {
  const f = fieldExprs(m, ctx);
  return (
    `SELECT customer_id, month, ${moneyExpr('mrr', m.normalisation, 'currency')} AS mrr, currency, ${numberLiteral(index)} AS __src FROM (` +
    `SELECT ${f.text('customer_id')} AS customer_id, CAST(date_trunc('month', ${f.date('month')}) AS DATE) AS month, ` +
    `${f.number('mrr')} AS mrr, ${f.currency('currency')} AS currency ${fromTable(m, ctx)}) AS r`
  );
}

/**
 * SELECT of `mrr_monthly_source`: MRR summed per customer and month (several rows
 * per customer-month, e.g. one per product, add up). When monthly files overlap, a
 * customer-month comes from the latest file only.
 */
export function mrrMonthlySourceSelect(stages: readonly string[], reportingCurrency: string | null): string {
  if (stages.length === 0) return emptySelect('mrr_monthly_source');
  const cols = typedColumns('mrr_monthly_source', { customer_id: 'customer_id', month: 'month', mrr: 'sum(mrr)' });
  const latest = stages.length > 1 ? ' QUALIFY __src = max(__src) OVER (PARTITION BY customer_id, month)' : '';
  return (
    `SELECT ${cols} FROM (` +
    `SELECT * FROM (${unionAll(stages)}) AS u WHERE customer_id IS NOT NULL AND month IS NOT NULL${latest}) AS s ` +
    `WHERE mrr IS NOT NULL AND ${currencyFilter(reportingCurrency)} GROUP BY customer_id, month`
  );
}
