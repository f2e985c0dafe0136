/** Pieces shared by the canonical view builders. */
import { CANONICAL_SCHEMA, type CanonicalView } from '../../model/schema.js';
import type { ExprContext } from '../expr.js';
import { booleanExpr, currencyExpr, dateExpr, numberExpr, timestampExpr, varcharExpr } from '../expr.js';
import { ident, literal } from '../sql.js';
import type { ConfirmedMapping, LoadedColumn } from '../types.js';

/** The source column mapped to `field`, or null (also when the header is not in the table). */
export function columnOf(m: ConfirmedMapping, field: string): LoadedColumn | null {
  const header = m.columns[field];
  if (!header) return null;
  return m.table.columns.find((c) => c.name === header) ?? null;
}

/** Expression builders bound to one mapping: each returns a typed NULL when the field is unmapped. */
export function fieldExprs(m: ConfirmedMapping, ctx: ExprContext) {
  const on = (field: string, type: string, build: (c: LoadedColumn) => string): string => {
    const c = columnOf(m, field);
    return c ? build(c) : `CAST(NULL AS ${type})`;
  };
  return {
    text: (field: string) => on(field, 'VARCHAR', varcharExpr),
    date: (field: string) => on(field, 'DATE', (c) => dateExpr(c, ctx)),
    timestamp: (field: string) => on(field, 'TIMESTAMP', (c) => timestampExpr(c, ctx)),
    number: (field: string) => on(field, 'DOUBLE', numberExpr),
    boolean: (field: string) => on(field, 'BOOLEAN', booleanExpr),
    currency: (field: string) => on(field, 'VARCHAR', currencyExpr),
    has: (field: string) => columnOf(m, field) !== null,
  };
}

/** `FROM "schema"."table"` of a mapping's loaded table. */
export function fromTable(m: ConfirmedMapping, ctx: ExprContext): string {
  return `FROM ${ctx.sourceSchema === null ? '' : `${ident(ctx.sourceSchema)}.`}${ident(m.table.table)}`;
}

/** The select list of a canonical view, in schema order, each column cast to its type (NULL when absent). */
export function typedColumns(view: CanonicalView, exprs: Readonly<Record<string, string>>): string {
  return CANONICAL_SCHEMA[view]
    .map(([name, type]) => `CAST(${exprs[name] ?? 'NULL'} AS ${type}) AS ${ident(name)}`)
    .join(', ');
}

/** SELECT of no rows with a view's canonical columns and types (the view when no file feeds it). */
export function emptySelect(view: CanonicalView): string {
  return `SELECT ${CANONICAL_SCHEMA[view].map(([name, type]) => `CAST(NULL AS ${type}) AS ${ident(name)}`).join(', ')} WHERE false`;
}

/** `a UNION ALL b …` of stage selects, parenthesised. */
export function unionAll(selects: readonly string[]): string {
  return selects.map((s) => `(${s})`).join(' UNION ALL ');
}

/**
 * QUALIFY clause keeping, for rows sharing a key, only those of the latest table
 * (monthly exports overlap; the newest file is the truth). Rows without a key are kept.
 */
export function latestFileWins(key: string, tables: number): string {
  return tables > 1 ? ` QUALIFY ${key} IS NULL OR __src = max(__src) OVER (PARTITION BY ${key})` : '';
}

/** Currency filter: rows in the reporting currency or without a currency. */
export function currencyFilter(reportingCurrency: string | null): string {
  return reportingCurrency === null ? 'true' : `(currency IS NULL OR currency = ${literal(reportingCurrency)})`;
}
