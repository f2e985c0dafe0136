/**
 * Per-table stages of the revenue views. Every revenue-shaped table (subscriptions,
 * invoices) becomes rows of the same stage columns:
 *
 * `customer_id, start_date, end_date, mrr, plan, quantity, currency` (the canonical
 * columns) plus `first_start` (start before any trial), `trial_start`, `trial_end`,
 * `is_revenue` (false for trials, incomplete, unpaid-draft… rows), `__key` (row identity
 * across monthly files) and `__src` (position of the table, later wins).
 *
 * Rules (KPI_SPEC section 2):
 * - MRR = amount × quantity × (1 − discount %) − discount amount, ÷ months per interval
 *   (interval × interval count; week = 12/52, day = 12/365 months), tax excluded; or the
 *   source's own MRR column; or annual amount ÷ 12. Cents are ÷ 100 except in
 *   zero-decimal currencies (JPY…).
 * - Trials are not revenue: rows whose status is a trial/incomplete status are kept in
 *   the stage with `is_revenue = false` (they feed customers' trial dates) and excluded
 *   from `subscription_periods`; a paid subscription that began with a trial starts
 *   earning at the trial end.
 * - End date (exclusive) = the end column, else cancellation per `endDateRule`, else
 *   start + `termMonths` (deals), else NULL (ongoing).
 * - Invoices: one period per invoice; MRR = amount ÷ months covered (at least 1); an
 *   invoice whose period is empty covers one month from its start.
 */
import type { ExprContext } from '../expr.js';
import { firstIdExpr, intervalMonthsExpr, moneyExpr } from '../expr.js';
import { ident, literal, literalList, numberLiteral } from '../sql.js';
import type { ConfirmedMapping, Normalisation } from '../types.js';
import { TRIAL_STATUSES } from '../vocabulary.js';
import { columnOf, fieldExprs, fromTable } from './common.js';

/** Stage column names, in order. */
export const REVENUE_STAGE_COLUMNS = [
  'customer_id',
  'start_date',
  'end_date',
  'mrr',
  'plan',
  'quantity',
  'currency',
  'first_start',
  'trial_start',
  'trial_end',
  'is_revenue',
  '__key',
  '__src',
] as const;

function statusFilter(status: string | null, won: string | null, n: Normalisation): string {
  const parts: string[] = [];
  const excluded = n.excludedStatuses.map((s) => s.toLowerCase());
  const included = n.includedStatuses.map((s) => s.toLowerCase());
  if (status && excluded.length) parts.push(`(${status} IS NULL OR ${status} NOT IN ${literalList(excluded)})`);
  if (won) parts.push(`COALESCE(${won}, false)`);
  else if (status && included.length) parts.push(`COALESCE(${status} IN ${literalList(included)}, false)`);
  return parts.length ? parts.join(' AND ') : 'true';
}

function select(cols: Record<(typeof REVENUE_STAGE_COLUMNS)[number], string>, from: string, inner: string[]): string {
  const list = REVENUE_STAGE_COLUMNS.map((c) => `${cols[c]} AS ${c}`).join(', ');
  return `SELECT ${list} FROM (SELECT ${inner.join(', ')} ${from}) AS r`;
}

/**
 * Months per billing interval of a subscriptions table, and the FROM clause that provides
 * them. The parse (a chain of regexes, `intervalMonthsExpr`) runs once per distinct
 * (interval, interval count) pair, joined back to the rows: an export has a handful of
 * pairs and 100 k rows, and the per-row parse was most of the revenue model's build time.
 * `months` is an expression over that FROM (the validation report reads it too).
 */
export function intervalMonths(m: ConfirmedMapping, ctx: ExprContext): { months: string; from: string } {
  const iv = columnOf(m, 'interval');
  const count = columnOf(m, 'interval_count');
  const months = intervalMonthsExpr(iv, count, m.normalisation.defaultInterval);
  if (!iv) return { months, from: fromTable(m, ctx) };
  const keys = [...new Set([iv, ...(count ? [count] : [])].map((c) => ident(c.name)))];
  const pairs =
    `SELECT ${keys.map((k, i) => `${k} AS __iv${i}`).join(', ')}, ${months} AS __months ` +
    `FROM (SELECT DISTINCT ${keys.join(', ')} ${fromTable(m, ctx)}) AS __d`;
  const on = keys.map((k, i) => `${k} IS NOT DISTINCT FROM __iv${i}`).join(' AND ');
  return { months: '__months', from: `${fromTable(m, ctx)} LEFT JOIN (${pairs}) AS __iv ON ${on}` };
}

/** Stage SELECT of a subscriptions-shaped table (`index` = its position; later wins). */
export function subscriptionStage(m: ConfirmedMapping, index: number, ctx: ExprContext): string {
  const n = m.normalisation;
  const f = fieldExprs(m, ctx);
  const interval = intervalMonths(m, ctx);
  const customer = columnOf(m, 'customer_id');
  const inner = [
    `${customer ? firstIdExpr(customer) : 'CAST(NULL AS VARCHAR)'} AS customer_id`,
    `${f.text('subscription_id')} AS subscription_id`,
    `${f.date('start_date')} AS start_raw`,
    `${f.date('end_date')} AS ended`,
    `${f.date('cancel_at')} AS cancel_at`,
    `${f.date('canceled_at')} AS canceled_at`,
    `${f.date('current_period_end')} AS period_end`,
    `${f.boolean('cancel_at_period_end')} AS at_period_end`,
    `lower(${f.text('status')}) AS status`,
    `${f.boolean('won')} AS won`,
    `${f.text('plan')} AS plan`,
    `${f.number('quantity')} AS quantity`,
    `${f.currency('currency')} AS currency`,
    `${f.number('amount')} AS amount`,
    `${f.number('mrr')} AS mrr_col`,
    `${f.number('arr')} AS arr`,
    `${f.number('discount_percent')} AS discount_percent`,
    `${f.number('discount_amount')} AS discount_amount`,
    `${interval.months} AS months`,
    `${f.date('trial_start')} AS trial_start`,
    `${f.date('trial_end')} AS trial_end`,
  ];
  const money = (x: string): string => moneyExpr(x, n, 'currency');
  const fromAmount = `((${money('amount')}) * COALESCE(quantity, 1) * (1 - COALESCE(discount_percent, 0) / 100.0) - COALESCE(${money('discount_amount')}, 0)) / months`;
  let mrr: string;
  if (n.mrrFrom === 'mrr_column' && f.has('mrr')) mrr = money('mrr_col');
  else if (f.has('amount')) mrr = fromAmount;
  else if (f.has('arr')) mrr = `(${money('arr')}) / 12.0`;
  else mrr = money('mrr_col');

  const ended = n.periodEndInclusive ? `CAST(ended + INTERVAL 1 DAY AS DATE)` : 'ended';
  const flagged = `CASE WHEN at_period_end THEN period_end END`;
  const cancellation =
    n.endDateRule === 'canceled_at_first'
      ? [ended, 'canceled_at', 'cancel_at', flagged]
      : [ended, 'cancel_at', flagged, 'canceled_at'];
  const revenueStart = f.has('trial_end')
    ? `CASE WHEN trial_end > start_raw THEN trial_end ELSE start_raw END`
    : 'start_raw';
  const term =
    n.termMonths !== null
      ? [`CAST(${revenueStart} + INTERVAL (${numberLiteral(Math.trunc(n.termMonths))}) MONTH AS DATE)`]
      : [];
  const trialStatus = `status IN ${literalList(TRIAL_STATUSES)}`;
  return select(
    {
      customer_id: 'customer_id',
      start_date: revenueStart,
      end_date: `COALESCE(${[...cancellation, ...term].join(', ')})`,
      mrr,
      plan: 'plan',
      quantity: 'quantity',
      currency: 'currency',
      first_start: 'start_raw',
      trial_start: `COALESCE(trial_start, CASE WHEN ${trialStatus} THEN start_raw END)`,
      trial_end: `COALESCE(trial_end, CASE WHEN ${trialStatus} THEN period_end END)`,
      is_revenue: statusFilter(f.has('status') ? 'status' : null, f.has('won') ? 'won' : null, n),
      __key: `${literal('s:')} || subscription_id`,
      __src: numberLiteral(index),
    },
    interval.from,
    inner,
  );
}

/** Stage SELECT of an invoices-shaped table. */
export function invoiceStage(m: ConfirmedMapping, index: number, ctx: ExprContext): string {
  const n = m.normalisation;
  const f = fieldExprs(m, ctx);
  const inner = [
    `${f.text('customer_id')} AS customer_id`,
    `${f.text('invoice_id')} AS invoice_id`,
    `${f.date('period_start')} AS period_start`,
    `${n.periodEndInclusive ? `CAST(${f.date('period_end')} + INTERVAL 1 DAY AS DATE)` : f.date('period_end')} AS period_end`,
    `lower(${f.text('status')}) AS status`,
    `${f.text('plan')} AS plan`,
    `${f.number('quantity')} AS quantity`,
    `${f.currency('currency')} AS currency`,
    `${f.number('amount')} AS amount`,
  ];
  const end = `CASE WHEN period_end > period_start THEN period_end ELSE CAST(period_start + INTERVAL 1 MONTH AS DATE) END`;
  const months = `greatest(1, round(date_diff('day', period_start, ${end}) / 30.436875))`;
  return select(
    {
      customer_id: 'customer_id',
      start_date: 'period_start',
      end_date: end,
      mrr: `(${moneyExpr('amount', n, 'currency')}) / ${months}`,
      plan: 'plan',
      quantity: 'quantity',
      currency: 'currency',
      first_start: 'period_start',
      trial_start: 'CAST(NULL AS DATE)',
      trial_end: 'CAST(NULL AS DATE)',
      is_revenue: statusFilter(f.has('status') ? 'status' : null, null, n),
      __key: `${literal('i:')} || invoice_id`,
      __src: numberLiteral(index),
    },
    fromTable(m, ctx),
    inner,
  );
}
