/**
 * CSV export of a KPI table, safe to open in a spreadsheet: text cells that a spreadsheet
 * would run as a formula (starting with = + - @, tab or carriage return) are prefixed
 * with an apostrophe. Numbers stay numbers; dates stay ISO.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text. */
export function safeCsvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  let s = String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV (header line first, CRLF line ends as spreadsheets expect, UTF-8 BOM for Excel). */
export function toSafeCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(safeCsvCell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => safeCsvCell(r[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
