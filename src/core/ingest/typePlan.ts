/**
 * The type plan: each column's final DuckDB type, decided from many sampled rows, and the
 * SQL that converts the column's text (read by `read_csv` as VARCHAR) into that type.
 *
 * Numbers, dates and timestamps are recognised only when the whole sampled column agrees
 * (formatted amounts such as `¥1,200` only with one currency and one grouping style).
 * Identifiers with leading zeros stay text; epoch numbers stay BIGINT (noted, not
 * converted). Timestamps with offsets become plain TIMESTAMP in the reporting offset.
 */
import type { Bilingual } from './errors.js';
import { columnExpressions, type ColumnFormat } from './expressions.js';
import {
  booleanValue,
  dateShape,
  integerShape,
  isDashToken,
  isNullToken,
  isPlainDecimal,
  numberShape,
  timestampShape,
  type DateOrder,
  type DateStyle,
  type NumberShape,
} from './valueFormats.js';

export type { ColumnFormat } from './expressions.js';

/** Final column types the ingest produces (never TIMESTAMP WITH TIME ZONE). */
export type FinalType = 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'VARCHAR';

/** How one column is read and converted. */
export interface ColumnPlan {
  /** 0-based position in the file. */
  index: number;
  /** Column name (from the header, made unique; see `naming.ts`). */
  name: string;
  /** What `read_csv` reads: always VARCHAR, so a bad cell never aborts parsing. */
  sourceType: 'VARCHAR';
  /** Final DuckDB type. */
  type: FinalType;
  /** How the values are written, for the UI ("¥1,200", "2024/01/05", offsets …). */
  format: ColumnFormat;
  /** SQL over the quoted source column giving the final value; a bad cell gives NULL. */
  expr: string;
  /** Like `expr`, but a bad cell raises `error('kpiw:bad-value')` (strict mode). */
  strictExpr: string;
  /** SQL predicate: true when a cell holds a value that does not convert (null tokens excluded). */
  badWhen: string;
}

/** Options of {@link planColumns}. */
export interface PlanOptions {
  /** Offset of the workspace's reporting time zone from UTC, in minutes (+540 for JST). */
  reportingOffsetMinutes: number;
}

/** Column-level findings worth telling the user about. */
export interface PlanNote {
  column: string;
  kind: 'ambiguous-date-order';
  /** The order that was chosen. */
  chosen: 'mdy';
}

/** Result of {@link planColumns}. */
export interface TypePlan {
  columns: ColumnPlan[];
  notes: PlanNote[];
}

const dateFamilyOk = (orders: Set<DateOrder>): DateOrder | null => {
  const hasY = orders.has('ymd');
  const hasM = orders.has('mdy');
  const hasD = orders.has('dmy');
  if (hasY && (hasM || hasD || orders.has('ambiguous'))) return null;
  if (hasM && hasD) return null;
  if (hasY) return 'ymd';
  if (hasM) return 'mdy';
  if (hasD) return 'dmy';
  return 'ambiguous';
};

function classifyNumbers(values: string[]): ColumnFormat | null {
  const shapes: NumberShape[] = [];
  for (const v of values) {
    const s = numberShape(v);
    if (!s) return null;
    shapes.push(s);
  }
  const currencies = new Set(shapes.map((s) => s.currency).filter((c): c is string => c !== null));
  const family = new Set([...currencies].map(currencyFamily));
  if (family.size > 1) return null; // ¥ and $ in one column: not one amount
  const us = shapes.some((s) => s.grouping === ',' || s.decimal === '.');
  const eu = shapes.some((s) => s.grouping === '.' || s.grouping === ' ' || s.decimal === ',');
  if (us && eu) return null;
  const style: 'us' | 'eu' = eu ? 'eu' : 'us';
  const negatives = [...new Set(shapes.map((s) => s.negative).filter((n): n is NonNullable<NumberShape['negative']> => n !== null))];
  const formatted =
    currencies.size > 0 || style === 'eu' || shapes.some((s) => s.grouping !== 'none' || (s.negative !== null && s.negative !== '-'));
  if (!formatted) return null;
  return { kind: 'amount', currency: [...currencies][0] ?? null, marks: [...currencies], style, negatives };
}

/** Groups currency marks that mean the same currency. */
export function currencyFamily(mark: string): string {
  if (['¥', '￥', '\\', '円', 'JPY'].includes(mark)) return 'JPY';
  if (['$', '＄', 'US$', 'USD', 'ドル'].includes(mark)) return 'USD';
  if (['€', 'EUR'].includes(mark)) return 'EUR';
  return mark;
}

function classifyDates(values: string[]): ColumnFormat | null {
  const orders = new Set<DateOrder>();
  const styles = new Set<DateStyle>();
  for (const v of values) {
    const d = dateShape(v);
    if (!d) return null;
    orders.add(d.order);
    styles.add(d.style);
  }
  const order = dateFamilyOk(orders);
  if (!order) return null;
  return { kind: 'date', order: order === 'ambiguous' ? 'mdy' : order, styles: [...styles], ambiguous: order === 'ambiguous' };
}

function classifyTimestamps(values: string[]): ColumnFormat | null {
  const orders = new Set<DateOrder>();
  const styles = new Set<DateStyle>();
  let withTime = 0;
  let zoned = 0;
  const offsets = new Map<string, { text: string; minutes: number; n: number }>();
  for (const v of values) {
    const t = timestampShape(v);
    const d = t ? t.date : dateShape(v);
    if (!d) return null;
    orders.add(d.order);
    styles.add(d.style);
    if (t) {
      withTime++;
      if (t.zone) zoned++;
      if (t.zoneText && t.offsetMinutes !== null && /^[+-]/.test(t.zoneText)) {
        const o = offsets.get(t.zoneText) ?? { text: t.zoneText, minutes: t.offsetMinutes, n: 0 };
        o.n++;
        offsets.set(t.zoneText, o);
      }
    }
  }
  if (withTime === 0) return null;
  const order = dateFamilyOk(orders);
  if (!order) return null;
  return {
    kind: 'timestamp',
    order: order === 'ambiguous' ? 'mdy' : order,
    styles: [...styles],
    ambiguous: order === 'ambiguous',
    zoned: zoned > 0,
    mixedZones: zoned > 0 && zoned < withTime,
    offsets: [...offsets.values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, 3)
      .map(({ text, minutes }) => ({ text, minutes })),
  };
}

const EPOCH_S: [bigint, bigint] = [946684800n, 4102444800n]; // 2000-01-01 .. 2100-01-01
const EPOCH_MS: [bigint, bigint] = [EPOCH_S[0] * 1000n, EPOCH_S[1] * 1000n];

/**
 * Decides the format of one column from its sampled cells. Cells that are empty or a null
 * token never decide; lone dashes count as missing only if the rest is numeric, boolean or
 * a date/timestamp.
 */
export function classifyColumn(cells: readonly string[]): ColumnFormat {
  const present = cells.filter((v) => !isNullToken(v));
  const values = present.filter((v) => !isDashToken(v));
  if (values.length === 0) return { kind: 'text' };
  const padded = values.some((v) => v !== v.trim());

  const ints = values.map(integerShape);
  if (ints.every((i) => i !== null)) {
    const all = ints as NonNullable<ReturnType<typeof integerShape>>[];
    if (all.some((i) => i.leadingZero)) return { kind: 'identifier', reason: 'leading-zero' };
    if (all.some((i) => i.outOfRange)) return { kind: 'identifier', reason: 'too-large' };
    const inRange = ([lo, hi]: [bigint, bigint]): boolean => all.every((i) => i.value >= lo && i.value < hi);
    const epoch = inRange(EPOCH_S) ? 'seconds' : inRange(EPOCH_MS) ? 'millis' : null;
    return { kind: 'integer', epoch, padded };
  }
  if (values.every(isPlainDecimal)) return { kind: 'decimal', padded };
  if (values.every((v) => booleanValue(v) !== null)) return { kind: 'boolean' };
  const date = classifyDates(values);
  if (date) return { ...date, padded } as ColumnFormat;
  const ts = classifyTimestamps(values);
  if (ts) return { ...ts, padded } as ColumnFormat;
  const amount = classifyNumbers(values);
  if (amount) return { ...amount, padded } as ColumnFormat;
  return { kind: 'text' };
}

/** The final type of a format. */
export function finalType(format: ColumnFormat): FinalType {
  switch (format.kind) {
    case 'integer':
      return 'BIGINT';
    case 'decimal':
    case 'amount':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    default:
      return 'VARCHAR';
  }
}

/** How a type is named in messages ("is not a whole number"). */
export function typeLabel(type: FinalType): Bilingual {
  switch (type) {
    case 'BIGINT':
      return { en: 'a whole number', ja: '整数' };
    case 'DOUBLE':
      return { en: 'a number', ja: '数値' };
    case 'BOOLEAN':
      return { en: 'true/false', ja: '真偽値（true/false）' };
    case 'DATE':
      return { en: 'a date', ja: '日付' };
    case 'TIMESTAMP':
      return { en: 'a date and time', ja: '日時' };
    default:
      return { en: 'text', ja: '文字列' };
  }
}

/**
 * Plans every column from sampled records (header already removed). `names` gives the
 * column names and the column count; records may be ragged (missing cells count as empty).
 */
export function planColumns(names: readonly string[], records: readonly (readonly string[])[], options: PlanOptions): TypePlan {
  const notes: PlanNote[] = [];
  const columns = names.map((name, index): ColumnPlan => {
    const cells = records.map((r) => r[index] ?? '');
    const format = classifyColumn(cells);
    if ((format.kind === 'date' || format.kind === 'timestamp') && format.ambiguous) {
      notes.push({ column: name, kind: 'ambiguous-date-order', chosen: 'mdy' });
    }
    const sql = columnExpressions(name, format, options.reportingOffsetMinutes);
    return { index, name, sourceType: 'VARCHAR', type: finalType(format), format, ...sql };
  });
  return { columns, notes };
}
