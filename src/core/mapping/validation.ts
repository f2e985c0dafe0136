/**
 * Validation report: per mapping, rows whose values do not parse (source filled,
 * canonical NULL), missing required values, duplicate keys, periods ending before they
 * start, negative MRR, rows in other currencies; across mappings, customers of the
 * revenue files missing from the customers file. Each check gives a count and up to 5
 * examples, with messages in English and Japanese.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { chooseReportingCurrency, exprContext, usableMappings, type CanonicalOptions } from './canonicalSql.js';
import type { ExprContext } from './expr.js';
import { dateExpr, numberExpr, timestampExpr, varcharExpr } from './expr.js';
import { ROLE_FIELDS, type FieldKind } from './fields.js';
import { ident, literal } from './sql.js';
import { blankSql } from './cleanText.js';
import type { ConfirmedMapping, LoadedColumn, Message } from './types.js';
import { validationMessage, type ValidationCheckId } from './validationMessages.js';
import { isNumericType } from './valueProfile.js';
import { columnOf, fromTable } from './views/common.js';
import { snapshotStage } from './views/mrrMonthlySource.js';
import { intervalMonths, invoiceStage, subscriptionStage } from './views/revenueStage.js';
import { customersStage } from './views/customers.js';

/** How bad a finding is: errors lose rows, warnings change numbers, info is advisory. */
export type Severity = 'error' | 'warning' | 'info';

/** One check, as SQL returning a single row `(n, examples)`; examples joined by U+001F. */
export interface ValidationQuery {
  id: ValidationCheckId;
  severity: Severity;
  file: string;
  column?: string;
  currency?: string | null;
  sql: string;
}

/** The outcome of one check. */
export interface ValidationResult {
  id: ValidationCheckId;
  severity: Severity;
  file: string;
  column?: string;
  count: number;
  /** Up to 5 distinct examples (`key: value` where a key is mapped). */
  examples: string[];
  message: Message;
}

const SEP = 'chr(31)';
const DATE_KINDS: readonly FieldKind[] = ['date', 'timestamp', 'month'];
const NUMBER_KINDS: readonly FieldKind[] = ['money', 'number', 'integer', 'percent', 'minutes', 'seconds', 'score'];
/** Fields that identify a row in examples, best first, per role. */
const KEY_FIELDS: Record<string, readonly string[]> = {
  customers: ['customer_id'],
  subscriptions: ['subscription_id', 'customer_id'],
  invoices: ['invoice_id', 'customer_id'],
  mrr_snapshots: ['customer_id'],
  events: ['event_id', 'user_id', 'customer_id'],
  responses: ['response_id', 'customer_id', 'user_id'],
  tickets: ['ticket_id'],
};

/** SQL of a check over `bad` rows, each with an `example` column. */
function countAndExamples(bad: string): string {
  return (
    `WITH bad AS (${bad}) SELECT (SELECT count(*) FROM bad) AS n, ` +
    `(SELECT string_agg(example, ${SEP} ORDER BY example) FROM (SELECT DISTINCT example FROM bad WHERE example IS NOT NULL ORDER BY example LIMIT 5)) AS examples`
  );
}

/** An example: `key: value`, the key being the first identifying column other than `checked`. */
function exampleOf(m: ConfirmedMapping, value: string, checked?: LoadedColumn): string {
  const key = (KEY_FIELDS[m.role] ?? []).map((f) => columnOf(m, f)).find((c) => c !== null && c !== checked);
  return key ? `concat_ws(': ', ${varcharExpr(key)}, ${value})` : value;
}

function parsesNatively(kind: FieldKind, col: LoadedColumn): boolean {
  const t = col.type.toUpperCase();
  if (DATE_KINDS.includes(kind)) return t === 'DATE' || t.startsWith('TIMESTAMP');
  return isNumericType(t);
}

function parseChecks(m: ConfirmedMapping, ctx: ExprContext): ValidationQuery[] {
  const out: ValidationQuery[] = [];
  for (const f of ROLE_FIELDS[m.role].fields) {
    const col = columnOf(m, f.name);
    if (!col) continue;
    const raw = varcharExpr(col);
    if (f.required) {
      out.push({
        id: 'missing_value',
        severity: 'error',
        file: m.table.file,
        column: col.name,
        sql: countAndExamples(
          `SELECT ${exampleOf(m, "'(empty)'", col)} AS example ${fromTable(m, ctx)} WHERE ${blankSql(ident(col.name), col.type)}`,
        ),
      });
    }
    const isDate = DATE_KINDS.includes(f.kind);
    if ((!isDate && !NUMBER_KINDS.includes(f.kind)) || parsesNatively(f.kind, col)) continue;
    const parsed = isDate ? (f.kind === 'timestamp' ? timestampExpr(col, ctx) : dateExpr(col, ctx)) : numberExpr(col);
    out.push({
      id: isDate ? 'unparseable_date' : 'unparseable_amount',
      severity: f.required ? 'error' : 'warning',
      file: m.table.file,
      column: col.name,
      sql: countAndExamples(
        `SELECT ${exampleOf(m, raw, col)} AS example ${fromTable(m, ctx)} WHERE ${raw} IS NOT NULL AND ${parsed} IS NULL`,
      ),
    });
  }
  const interval = columnOf(m, 'interval');
  if (m.role === 'subscriptions' && interval) {
    // Parsed once per distinct (interval, count) pair, as in the revenue model.
    const { months, from } = intervalMonths(m, ctx);
    out.push({
      id: 'unparseable_interval',
      severity: 'error',
      file: m.table.file,
      column: interval.name,
      sql: countAndExamples(
        `SELECT ${exampleOf(m, varcharExpr(interval))} AS example ${from} WHERE ${varcharExpr(interval)} IS NOT NULL AND ${months} IS NULL`,
      ),
    });
  }
  return out;
}

function duplicateCheck(m: ConfirmedMapping, ctx: ExprContext): ValidationQuery[] {
  const field = m.role === 'customers' ? 'customer_id' : m.role === 'tickets' ? 'ticket_id' : null;
  const col = field ? columnOf(m, field) : null;
  if (!col) return [];
  const key = varcharExpr(col);
  return [
    {
      id: 'duplicate_key',
      severity: 'warning',
      file: m.table.file,
      column: col.name,
      sql: countAndExamples(
        `SELECT ${key} || ' ×' || CAST(count(*) AS VARCHAR) AS example ${fromTable(m, ctx)} WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1`,
      ),
    },
  ];
}

function revenueStageOf(m: ConfirmedMapping, ctx: ExprContext): string | null {
  if (m.role === 'subscriptions') return subscriptionStage(m, 0, ctx);
  if (m.role === 'invoices') return invoiceStage(m, 0, ctx);
  if (m.role === 'mrr_snapshots') return snapshotStage(m, 0, ctx);
  return null;
}

function revenueChecks(m: ConfirmedMapping, ctx: ExprContext, reportingCurrency: string | null): ValidationQuery[] {
  const stage = revenueStageOf(m, ctx);
  if (!stage) return [];
  const out: ValidationQuery[] = [];
  const file = m.table.file;
  if (m.role === 'subscriptions') {
    out.push({
      id: 'end_before_start',
      severity: 'warning',
      file,
      sql: countAndExamples(
        `SELECT concat_ws(': ', customer_id, CAST(first_start AS VARCHAR) || ' → ' || CAST(end_date AS VARCHAR)) AS example FROM (${stage}) AS s WHERE end_date < first_start`,
      ),
    });
  }
  if (m.role === 'invoices') {
    const s = dateExpr(columnOf(m, 'period_start') as LoadedColumn, ctx);
    const e = dateExpr(columnOf(m, 'period_end') as LoadedColumn, ctx);
    out.push({
      id: 'end_before_start',
      severity: 'warning',
      file,
      sql: countAndExamples(
        `SELECT ${exampleOf(m, `CAST(${s} AS VARCHAR) || ' → ' || CAST(${e} AS VARCHAR)`)} AS example ${fromTable(m, ctx)} WHERE ${e} < ${s}`,
      ),
    });
  }
  out.push({
    id: 'negative_mrr',
    severity: 'warning',
    file,
    sql: countAndExamples(
      `SELECT concat_ws(': ', customer_id, CAST(round(mrr, 2) AS VARCHAR)) AS example FROM (${stage}) AS s WHERE mrr < 0`,
    ),
  });
  if (reportingCurrency !== null && columnOf(m, 'currency')) {
    out.push({
      id: 'mixed_currencies',
      severity: 'warning',
      file,
      column: m.columns.currency ?? undefined,
      currency: reportingCurrency,
      sql:
        `WITH other AS (SELECT currency, count(*) AS k FROM (${stage}) AS s WHERE currency IS NOT NULL AND currency <> ${literal(reportingCurrency)} GROUP BY currency) ` +
        `SELECT COALESCE((SELECT sum(k) FROM other), 0) AS n, (SELECT string_agg(currency || ' ×' || CAST(k AS VARCHAR), ${SEP} ORDER BY k DESC, currency) FROM (SELECT * FROM other ORDER BY k DESC, currency LIMIT 5)) AS examples`,
    });
  }
  return out;
}

/** The checks of one mapping. */
export function validationSql(m: ConfirmedMapping, options: CanonicalOptions = {}): ValidationQuery[] {
  const ctx = exprContext(m, options);
  const reporting = chooseReportingCurrency([m], options.reportingCurrency);
  return [...parseChecks(m, ctx), ...duplicateCheck(m, ctx), ...revenueChecks(m, ctx, reporting)];
}

/** Checks across mappings: customers of revenue files missing from the customers files. */
export function crossValidationSql(
  mappings: readonly ConfirmedMapping[],
  options: CanonicalOptions = {},
): ValidationQuery[] {
  const customers = mappings.filter((m) => m.role === 'customers');
  if (customers.length === 0) return [];
  const ctxOf = (m: ConfirmedMapping): ExprContext => exprContext(m, options);
  // NOT IN over a set holding NULL is never true: keep the known ids non-null.
  const known = customers
    .map((m) => `SELECT customer_id FROM (${customersStage(m, 0, ctxOf(m), [])}) AS c WHERE customer_id IS NOT NULL`)
    .join(' UNION ');
  return mappings.flatMap((m) => {
    const stage = revenueStageOf(m, ctxOf(m));
    if (!stage) return [];
    return [
      {
        id: 'missing_customer' as const,
        severity: 'warning' as const,
        file: m.table.file,
        column: m.columns.customer_id ?? undefined,
        sql: countAndExamples(
          `SELECT DISTINCT customer_id AS example FROM (${stage}) AS s WHERE customer_id IS NOT NULL AND customer_id NOT IN (${known})`,
        ),
      },
    ];
  });
}

/**
 * Runs every check of the usable mappings and returns all results (count 0 included;
 * filter on `count > 0` for the findings), errors first.
 */
export async function runValidation(
  engine: SqlEngine,
  mappings: readonly ConfirmedMapping[],
  options: CanonicalOptions = {},
): Promise<ValidationResult[]> {
  const { usable } = usableMappings(mappings);
  const reporting = chooseReportingCurrency(usable, options.reportingCurrency);
  const opts = { ...options, reportingCurrency: reporting };
  const queries = [...usable.flatMap((m) => validationSql(m, opts)), ...crossValidationSql(usable, opts)];
  const results: ValidationResult[] = [];
  for (const q of queries) {
    const row = tableToRows(await engine.query(q.sql))[0] ?? {};
    const count = Number(row.n ?? 0);
    const examples = typeof row.examples === 'string' && row.examples !== '' ? row.examples.split('\u001f') : [];
    results.push({
      id: q.id,
      severity: q.severity,
      file: q.file,
      ...(q.column !== undefined ? { column: q.column } : {}),
      count,
      examples,
      message: validationMessage(q.id, { count, file: q.file, column: q.column, currency: q.currency }),
    });
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return results.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
