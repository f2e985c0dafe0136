/**
 * The `customers` view: one row per customer id (the latest file's row when files
 * overlap), trial dates completed from subscriptions (Stripe trials), `segment` from the
 * chosen attribute (`'(all)'` when none, `'(unknown)'` where the attribute is empty),
 * then every attribute column as VARCHAR. Without a customers file, customers are
 * synthesised from the revenue tables' customer ids (signup = first start, attribute
 * `plan` = plan of the latest start).
 */
import type { ExprContext } from '../expr.js';
import { varcharExpr } from '../expr.js';
import { ident, numberLiteral } from '../sql.js';
import type { ConfirmedMapping, LoadedColumn } from '../types.js';
import { isNumericType } from '../valueProfile.js';
import { emptySelect, fieldExprs, fromTable, typedColumns, unionAll } from './common.js';

/** The segment choice: attribute column name, and whether its numbers are grouped into employee-size bands. */
export interface SegmentChoice {
  attribute: string;
  sizeBands: boolean;
}

function attributeText(col: LoadedColumn): string {
  const c = ident(col.name);
  if (isNumericType(col.type))
    return `(CASE WHEN ${c} = round(${c}) THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END)`;
  return varcharExpr(col);
}

/** Employee-size bands of a numeric text value (text that is not a number is kept). */
export function sizeBandExpr(v: string): string {
  const x = `TRY_CAST(${v} AS DOUBLE)`;
  return (
    `(CASE WHEN ${x} IS NULL THEN ${v} WHEN ${x} <= 10 THEN '1-10' WHEN ${x} <= 50 THEN '11-50' ` +
    `WHEN ${x} <= 200 THEN '51-200' WHEN ${x} <= 1000 THEN '201-1000' ELSE '1001+' END)`
  );
}

function segmentExpr(segment: SegmentChoice | null, qualifier: string): string {
  if (!segment) return "'(all)'";
  const v = `${qualifier}${ident(segment.attribute)}`;
  return `COALESCE(${segment.sizeBands ? sizeBandExpr(v) : v}, '(unknown)')`;
}

/** Stage SELECT of a customers table with the union's attribute columns (NULL where this table lacks one). */
export function customersStage(
  m: ConfirmedMapping,
  index: number,
  ctx: ExprContext,
  attributeNames: readonly string[],
): string {
  const f = fieldExprs(m, ctx);
  const byName = new Map(m.attributes.map((a) => [a.name, m.table.columns.find((c) => c.name === a.source)]));
  const attrs = attributeNames.map((name) => {
    const col = byName.get(name);
    return `${col ? attributeText(col) : 'CAST(NULL AS VARCHAR)'} AS ${ident(name)}`;
  });
  const core = [
    `CAST(${f.text('customer_id')} AS VARCHAR) AS customer_id`,
    `CAST(${f.text('name')} AS VARCHAR) AS name`,
    `${f.date('signup_date')} AS signup_date`,
    `${f.date('trial_start')} AS trial_start`,
    `${f.date('trial_end')} AS trial_end`,
  ];
  return `SELECT ${[...core, ...attrs, `${numberLiteral(index)} AS __src`].join(', ')} ${fromTable(m, ctx)}`;
}

/**
 * SELECT of `customers`. `customerStages` from customers tables, `revenueStages`
 * (subscriptions/invoices stages) for trial dates and synthesis, `snapshotStages` for
 * synthesis from MRR snapshots.
 */
export function customersSelect(
  customerStages: readonly string[],
  attributeNames: readonly string[],
  revenueStages: readonly string[],
  snapshotStages: readonly string[],
  segment: SegmentChoice | null,
): string {
  if (customerStages.length === 0) {
    const sources = [
      ...revenueStages.map((s) => `SELECT customer_id, first_start, trial_start, trial_end, plan FROM (${s}) AS r`),
      ...snapshotStages.map(
        (s) =>
          `SELECT customer_id, month AS first_start, CAST(NULL AS DATE) AS trial_start, CAST(NULL AS DATE) AS trial_end, CAST(NULL AS VARCHAR) AS plan FROM (${s}) AS m`,
      ),
    ];
    if (sources.length === 0) return emptySelect('customers');
    const cols = typedColumns('customers', {
      customer_id: 'customer_id',
      signup_date: 'min(first_start)',
      trial_start: 'min(trial_start)',
      trial_end: 'max(trial_end)',
      segment: segment?.attribute === 'plan' ? "COALESCE(arg_max(plan, first_start), '(unknown)')" : "'(all)'",
    });
    return (
      `SELECT ${cols}, CAST(arg_max(plan, first_start) AS VARCHAR) AS plan ` +
      `FROM (${unionAll(sources)}) AS s WHERE customer_id IS NOT NULL GROUP BY customer_id`
    );
  }
  const trials = revenueStages.length > 0;
  const cols = typedColumns('customers', {
    customer_id: 'c.customer_id',
    name: 'c.name',
    signup_date: 'c.signup_date',
    trial_start: trials ? 'COALESCE(c.trial_start, t.__trial_start)' : 'c.trial_start',
    trial_end: trials ? 'COALESCE(c.trial_end, t.__trial_end)' : 'c.trial_end',
    segment: segmentExpr(segment, 'c.'),
  });
  const attrs = attributeNames.map((a) => `c.${ident(a)}`);
  const join = trials
    ? ` LEFT JOIN (SELECT customer_id AS __customer_id, min(trial_start) AS __trial_start, max(trial_end) AS __trial_end FROM (${unionAll(revenueStages)}) AS r GROUP BY customer_id) AS t ON c.customer_id = t.__customer_id`
    : '';
  return (
    `SELECT ${[cols, ...attrs].join(', ')} FROM (` +
    `SELECT * FROM (${unionAll(customerStages)}) AS u WHERE customer_id IS NOT NULL ` +
    `QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY __src DESC, signup_date NULLS LAST, name NULLS LAST) = 1) AS c${join}`
  );
}
