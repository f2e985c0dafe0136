/**
 * SQL text helpers for the ingest layer. Values from files (names, tokens) only ever
 * reach SQL through these two quoting functions.
 */

/**
 * Quotes a string as a SQL string literal: `it's` -> `'it''s'`.
 * NUL characters cannot appear in DuckDB strings and are removed.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/\0/g, '').replace(/'/g, "''")}'`;
}

/**
 * Quotes any identifier for DuckDB: `a"b` -> `"a""b"`. Works for Japanese names, names
 * with spaces and SQL keywords alike. NUL characters are removed.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/\0/g, '').replace(/"/g, '""')}"`;
}
