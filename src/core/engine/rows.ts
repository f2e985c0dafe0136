/**
 * Conversion of Arrow results into plain JavaScript rows, for the CLI, the tests and
 * small UI tables. Dates become ISO `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS`
 * (plain TIMESTAMP carries no zone, so no zone is printed), 64-bit integers and
 * decimals become numbers.
 */
import type { Table, Field } from 'apache-arrow';
import { isArrowType } from './arrowTypes.js';

/** A plain row: column name to JS value. */
export type Row = Record<string, string | number | boolean | null>;

/** Name and DuckDB-ish logical type of a result column. */
export interface ColumnInfo {
  name: string;
  type: string;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Formats epoch milliseconds (UTC) as an ISO date. */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Formats epoch milliseconds (UTC) as `YYYY-MM-DD HH:MM:SS` (with `.mmm` when not whole). */
export function isoTimestamp(ms: number): string {
  const d = new Date(ms);
  const base = `${isoDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds();
  return frac ? `${base}.${pad(frac, 3)}` : base;
}

/** A short logical type name for an Arrow field. */
export function typeName(field: Field): string {
  const t = field.type;
  if (isArrowType(t, 'Date')) return 'DATE';
  if (isArrowType(t, 'Timestamp')) return 'TIMESTAMP';
  if (isArrowType(t, 'Int')) return t.bitWidth === 64 ? 'BIGINT' : 'INTEGER';
  if (isArrowType(t, 'Float')) return 'DOUBLE';
  if (isArrowType(t, 'Decimal')) return 'DECIMAL';
  if (isArrowType(t, 'Bool')) return 'BOOLEAN';
  if (isArrowType(t, 'Utf8') || isArrowType(t, 'LargeUtf8')) return 'VARCHAR';
  if (isArrowType(t, 'List')) return 'LIST';
  if (isArrowType(t, 'Struct')) return 'STRUCT';
  if (isArrowType(t, 'Time')) return 'TIME';
  if (isArrowType(t, 'Interval')) return 'INTERVAL';
  return String(t);
}

function decimalToNumber(v: unknown, scale: number): number {
  // apache-arrow returns decimals as Uint32Array-backed BN; String() gives the unscaled integer.
  const s = String(v);
  const n = Number(s);
  return n / 10 ** scale;
}

/** Converts one Arrow cell into a plain JS value according to its field type. */
export function cellValue(field: Field, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  const t = field.type;
  if (isArrowType(t, 'Date')) return isoDate(v instanceof Date ? v.getTime() : Number(v));
  if (isArrowType(t, 'Timestamp')) return isoTimestamp(v instanceof Date ? v.getTime() : Number(v));
  if (isArrowType(t, 'Decimal')) return decimalToNumber(v, t.scale);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoTimestamp(v.getTime());
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v);
  return String(v);
}

/** Column names and types of an Arrow table. */
export function columnsOf(table: Table): ColumnInfo[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: typeName(f) }));
}

/** All rows of an Arrow table as plain objects. Use for small results only. */
export function tableToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const cols = fields.map((f) => table.getChild(f.name));
  const out: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, j) => {
      row[f.name] = cellValue(f, cols[j]?.get(i));
    });
    out.push(row);
  }
  return out;
}
