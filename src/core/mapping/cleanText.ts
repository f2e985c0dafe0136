/**
 * Text columns that need no trimming. The canonical model reads text as
 * `NULLIF(trim(x), '')`; materialising that over a 10-million-row events table costs as
 * much as loading the file, and a second copy of it in memory. When no value of a column
 * is changed by that expression (no empty string, nothing for `trim` to strip), the
 * column is marked `clean` and read as it is, and a table whose mapped columns are all
 * clean and already typed is served by a view instead of a copy (see `views/events.ts`).
 *
 * The test is DuckDB's own `trim` (so it agrees with the expression it stands in for);
 * it reads the table and writes nothing. DuckDB's column statistics (`stats()`, kept as
 * rows are appended, read without a scan) narrow it: where they show every value is ASCII
 * and none starts with a space or is empty, only a trailing space is left to look for —
 * a third of the scan's cost over 12 M events (duckdb-wasm: 1.9 s → 0.7 s).
 */
import { ident } from './sql.js';

/**
 * SQL that is true for a VARCHAR value that `NULLIF(trim(x), '')` would change; NULL for
 * NULL. `trim` strips only Unicode space separators, of which U+0020 is the only ASCII
 * one: an all-ASCII value (byte length = character length) not starting or ending with a
 * space cannot change, so the exact comparison runs only for the other values (as a WHERE
 * clause, DuckDB evaluates the right of AND only where the left holds).
 */
export function needsTrimSql(x: string): string {
  return (
    `(${x} = '' OR starts_with(${x}, ' ') OR ends_with(${x}, ' ') OR ` +
    `((unicode(${x}) > 127 OR strlen(${x}) <> length(${x})) AND trim(${x}) <> ${x}))`
  );
}

/**
 * One query over a table answering, per column, whether some value needs trimming:
 * `SELECT EXISTS (SELECT 1 FROM table WHERE …) AS "0", …` (each stops at the first such
 * value). Columns in `asciiNoLeadingSpace` (see {@link asciiWithoutLeadingSpace}) are
 * only searched for a trailing space. Null when there is no column.
 */
export function cleanTextSql(
  qualifiedTable: string,
  columns: readonly string[],
  asciiNoLeadingSpace: ReadonlySet<string> = new Set(),
): string | null {
  if (columns.length === 0) return null;
  const tests = columns.map((c, i) => {
    const test = asciiNoLeadingSpace.has(c) ? `ends_with(${ident(c)}, ' ')` : needsTrimSql(ident(c));
    return `EXISTS (SELECT 1 FROM ${qualifiedTable} WHERE ${test}) AS "${i}"`;
  });
  return `SELECT ${tests.join(', ')}`;
}

/**
 * DuckDB's statistics of the columns, as text (`stats(x)`; no scan), one per column in
 * `"0"`, `"1"`, …; no row when the table is empty. Null when there is no column.
 */
export function textStatsSql(qualifiedTable: string, columns: readonly string[]): string | null {
  if (columns.length === 0) return null;
  return `SELECT ${columns.map((c, i) => `stats(${ident(c)}) AS "${i}"`).join(', ')} FROM ${qualifiedTable} LIMIT 1`;
}

/**
 * True when a column's `stats()` text proves that every value is ASCII and none is empty
 * or starts with a space (or any byte up to U+0020): "Has Unicode: false", and a minimum
 * (a lower bound, cut to 8 bytes) whose first character is printable ASCII above the space
 * and not the backslash of an escaped byte. Anything
 * else — another layout, a minimum that may be empty — gives false, and the column gets
 * the full test.
 */
export function asciiWithoutLeadingSpace(stats: unknown): boolean {
  if (typeof stats !== 'string' || !stats.startsWith('[Min: ') || !/\bHas Unicode: false\b/.test(stats)) return false;
  const first = stats.charCodeAt('[Min: '.length);
  // DuckDB writes bytes below U+0020 (and above ASCII) as `\xNN`: a leading backslash may
  // stand for a tab or a newline, so it proves nothing.
  return first > 0x20 && first < 0x7f && first !== 0x5c && !stats.startsWith('[Min: , Max: ');
}

/**
 * SQL true where `NULLIF(trim(CAST(x AS VARCHAR)), '')` is NULL (a missing value), cheaply:
 * a typed column (dates, numbers) is blank only when NULL, and a text value only when it is
 * empty or all trimmed spaces (so `trim` runs only on values that start or end with one).
 * `type` is the column's DuckDB type.
 */
export function blankSql(x: string, type: string): string {
  if (type.toUpperCase() !== 'VARCHAR') return `(${x} IS NULL)`;
  return `(${x} IS NULL OR (${needsTrimSql(x)} AND trim(${x}) = ''))`;
}
