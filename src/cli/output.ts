/**
 * Output of KPI results: CSV (RFC 4180, ISO dates, full precision) or JSON.
 */
import type { Row } from '../core/engine/rows.js';

function csvCell(v: Row[string]): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(v)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header line, in the given column order. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

/** Rows as a JSON array of objects. */
export function toJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
