/**
 * Text columns that need no trimming. The canonical model reads text as
 * `NULLIF(trim(x), '')`; materialising that over a 10-million-row events table costs as
 * much as loading the file, and a second copy of it in memory. When no value of a column
 * is changed by that expression (no empty string, nothing for `trim` to strip), the
 * column is marked `clean` and read as it is, and a table whose mapped columns are all
 * clean and already typed is served by a view instead of a copy (see `views/events.ts`).
 *
 * The test is DuckDB's own `trim` (so it agrees with the expression it stands in for);
 * it reads the table once and writes nothing.
 */
import { ident } from './sql.js';

/** SQL that is true for a VARCHAR value that `NULLIF(trim(x), '')` would change; NULL for NULL. */
export function needsTrimSql(x: string): string {
  return `(${x} = '' OR trim(${x}) <> ${x})`;
}

/**
 * One query over a table answering, per column, whether some value needs trimming:
 * `SELECT coalesce(bool_or(…), false) AS "0", … FROM table`. Null when there is no column.
 */
export function cleanTextSql(qualifiedTable: string, columns: readonly string[]): string | null {
  if (columns.length === 0) return null;
  const tests = columns.map(
    (c, i) => `coalesce(bool_or(${needsTrimSql(`CAST(${ident(c)} AS VARCHAR)`)}), false) AS "${i}"`,
  );
  return `SELECT ${tests.join(', ')} FROM ${qualifiedTable}`;
}
