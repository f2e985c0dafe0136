/**
 * The SQL the loader runs: `read_csv` calls with every option explicit (no sniffing per
 * chunk, every column VARCHAR), the staging table DDL, and the converting INSERT.
 */
import type { Dialect } from './dialect.js';
import type { ColumnPlan } from './typePlan.js';
import { quoteIdent, quoteLiteral } from './sql.js';

/** Options of {@link readCsvSql}. */
export interface ReadCsvOptions {
  /** Skip unparsable rows (ragged, bad quotes, invalid UTF-8) instead of failing. */
  ignoreErrors?: boolean;
  /** With `ignoreErrors`: tables to store the skipped rows in (DuckDB `store_rejects`). */
  rejects?: { table: string; scan: string; limit: number };
  /** The first record is a header to skip (a whole file read directly); default false (chunks have none). */
  header?: boolean;
  /** `lf` (default): chunks, normalised to LF; `auto`: a file as it is, LF or CRLF. */
  newline?: 'lf' | 'auto';
}

/** A DuckDB string literal for a dialect character (tab written as `\t`, which read_csv understands). */
function charLiteral(c: string): string {
  return c === '\t' ? "'\\t'" : quoteLiteral(c);
}

/**
 * `read_csv(...)` over a registered chunk (header already removed, line breaks normalised
 * to LF) or a whole file, every column read as VARCHAR under its planned name.
 */
export function readCsvSql(
  fileName: string,
  dialect: Pick<Dialect, 'delimiter' | 'quote' | 'escape'>,
  columns: readonly string[],
  options: ReadCsvOptions = {},
): string {
  const cols = columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ');
  const parts = [
    quoteLiteral(fileName),
    'auto_detect = false',
    `header = ${options.header ? 'true' : 'false'}`,
    `delim = ${charLiteral(dialect.delimiter)}`,
    `quote = ${quoteLiteral(dialect.quote)}`,
    `escape = ${quoteLiteral(dialect.escape === '' ? dialect.quote : dialect.escape)}`,
    ...(options.newline === 'auto' ? [] : ["new_line = '\\n'"]),
    'null_padding = false',
    `columns = {${cols}}`,
  ];
  if (options.ignoreErrors) parts.push('ignore_errors = true');
  if (options.rejects) {
    parts.push(
      'store_rejects = true',
      `rejects_table = ${quoteLiteral(options.rejects.table)}`,
      `rejects_scan = ${quoteLiteral(options.rejects.scan)}`,
      `rejects_limit = ${Math.max(1, Math.trunc(options.rejects.limit))}`,
    );
  }
  return `read_csv(${parts.join(', ')})`;
}

/** `CREATE TABLE` with the planned final types. */
export function createTableSql(table: string, plan: readonly ColumnPlan[]): string {
  const cols = plan.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  return `CREATE TABLE ${quoteIdent(table)} (${cols})`;
}

/** `INSERT INTO table SELECT <conversions> FROM <source>`; strict expressions raise on bad cells. */
export function insertSql(table: string, plan: readonly ColumnPlan[], source: string, strict: boolean): string {
  const exprs = plan.map((c) => `${strict ? c.strictExpr : c.expr} AS ${quoteIdent(c.name)}`).join(', ');
  return `INSERT INTO ${quoteIdent(table)} SELECT ${exprs} FROM ${source}`;
}
