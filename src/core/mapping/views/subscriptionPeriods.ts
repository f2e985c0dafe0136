/** The `subscription_periods` view: revenue rows of all subscriptions and invoices tables. */
import { currencyFilter, emptySelect, latestFileWins, typedColumns, unionAll } from './common.js';

/**
 * SELECT of `subscription_periods` over revenue stage selects. Overlapping monthly
 * files are deduplicated first (latest file wins per subscription/invoice id), then
 * revenue rows (no trials, no excluded statuses) in the reporting currency with a
 * customer, a start, an MRR and a non-empty period (end after start, or ongoing) are kept.
 */
export function subscriptionPeriodsSelect(stages: readonly string[], reportingCurrency: string | null): string {
  if (stages.length === 0) return emptySelect('subscription_periods');
  const cols = typedColumns('subscription_periods', {
    customer_id: 'customer_id',
    start_date: 'start_date',
    end_date: 'end_date',
    mrr: 'mrr',
    plan: 'plan',
    quantity: 'quantity',
    currency: 'currency',
  });
  return (
    `SELECT ${cols} FROM (` +
    `SELECT * FROM (${unionAll(stages)}) AS u${latestFileWins('__key', stages.length)}) AS s ` +
    `WHERE is_revenue AND customer_id IS NOT NULL AND start_date IS NOT NULL AND mrr IS NOT NULL ` +
    `AND (end_date IS NULL OR end_date > start_date) AND ${currencyFilter(reportingCurrency)}`
  );
}
