/**
 * The type plan: each column's final DuckDB type, decided from many sampled rows, and the
 * SQL that converts the column's text (read by `read_csv` as VARCHAR) into that type.
 *
 * Numbers, dates and timestamps are recognised only when the whole sampled column agrees
 * (formatted amounts such as `¥1,200` only with one currency and one grouping style).
 * The decimal mark is decided per column from all its sampled values (`12,5` or `1.234,50`
 * prove a decimal comma, `12.5` or `1,234.50` a decimal point). A column whose values read
 * either way (`1.200`, `3.500`) takes the file's decimal mark when the file shows one (a `;`
 * file with decimal commas elsewhere), else the decimal point, and is always noted.
 * Identifiers with leading zeros stay text; epoch numbers stay BIGINT (noted, not
 * converted). Timestamps with offsets become plain TIMESTAMP in the reporting offset.
 */
import type { Bilingual } from './errors.js';
import { columnExpressions, type ColumnFormat } from './expressions.js';
import {
  booleanValue,
  dateShape,
  decimalEvidence,
  integerShape,
  isDashToken,
  isNullToken,
  isPlainDecimal,
  numberShape,
  readNumber,
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

/** A decimal mark. */
export type DecimalMark = '.' | ',';

/** Options of {@link planColumns}. */
export interface PlanOptions {
  /** Offset of the workspace's reporting time zone from UTC, in minutes (+540 for JST). */
  reportingOffsetMinutes: number;
  /** The file's delimiter: in a `;` file, decimal commas in other columns decide numbers like `1.200`. */
  delimiter?: string | undefined;
  /** Decimal mark chosen by the user for numbers that read either way (`1.200`); default: decided from the file. */
  decimalMark?: DecimalMark | undefined;
}

/** Why an ambiguous number column was read with its decimal mark. */
export type DecimalMarkReason =
  /** The user chose it. */
  | 'user'
  /** A `;` file whose other columns use decimal commas (and none a decimal point). */
  | 'file'
  /** Nothing in the file decides: the decimal point. */
  | 'default';

/** Column-level findings worth telling the user about. */
export type PlanNote =
  | {
      column: string;
      kind: 'ambiguous-date-order';
      /** The order that was chosen. */
      chosen: 'mdy';
    }
  | {
      column: string;
      kind: 'ambiguous-number';
      /** The decimal mark used: `,` reads `1.200` as 1200, `.` reads it as 1.2. */
      decimalMark: DecimalMark;
      reason: DecimalMarkReason;
      /** A sampled value that reads either way, as written. */
      example: string;
      /** What `example` became. */
      value: number;
    };

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

/** What the number shapes of a whole column say (null: not every value is a number). */
interface NumberReading {
  values: string[];
  shapes: NumberShape[];
  currencies: string[];
  /** The decimal mark the values prove; null when none does. Conflicting values give no reading. */
  evidence: DecimalMark | null;
  /** Marks of the values that read either way (`1.200`, `1,200`). */
  ambiguous: DecimalMark[];
  /** The first such value, as written. */
  example: string | null;
}

function readNumbers(values: string[]): NumberReading | null {
  const shapes: NumberShape[] = [];
  for (const v of values) {
    const s = numberShape(v);
    if (!s) return null;
    shapes.push(s);
  }
  const currencies = [...new Set(shapes.map((s) => s.currency).filter((c): c is string => c !== null))];
  const family = new Set(currencies.map(currencyFamily));
  if (family.size > 1) return null; // ¥ and $ in one column: not one amount
  // Yen have no minor unit: in ¥1,200 the comma can only group thousands.
  const yen = family.has('JPY');
  const proofs = new Set(
    shapes
      .map((s) => (yen && s.grouping === 'ambiguous' && s.mark === ',' ? '.' : decimalEvidence(s)))
      .filter((e) => e !== null),
  );
  if (proofs.size > 1) return null; // 1,234.50 and 1.234,50 in one column
  const amb = shapes
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s.grouping === 'ambiguous' && !(yen && s.mark === ','));
  return {
    values,
    shapes,
    currencies,
    evidence: ([...proofs][0] as DecimalMark | undefined) ?? null,
    ambiguous: [...new Set(amb.map(([s]) => s.mark as DecimalMark))],
    example: amb.length ? (values[amb[0]![1]] as string).trim() : null,
  };
}

const GROUP_CHARS = [' ', '\u00a0', '\u202f', '\u2009', "'", '’'];

/** A formatted amount column read with `decimalMark`, or null when the values are plain numbers. */
function amountFormat(r: NumberReading, decimalMark: DecimalMark, padded: boolean): ColumnFormat | null {
  const style: 'us' | 'eu' = decimalMark === ',' ? 'eu' : 'us';
  const negatives = [
    ...new Set(r.shapes.map((s) => s.negative).filter((n): n is NonNullable<NumberShape['negative']> => n !== null)),
  ];
  // The exact space and apostrophe characters used for grouping (1 234 with U+202F, 1’234).
  const groups = [
    ...new Set(
      r.values.flatMap((v, i) =>
        r.shapes[i]?.grouping === ' ' || r.shapes[i]?.grouping === "'"
          ? [...v.trim()].filter((c) => GROUP_CHARS.includes(c))
          : [],
      ),
    ),
  ];
  const formatted =
    r.currencies.length > 0 ||
    style === 'eu' ||
    r.shapes.some((s) => s.grouping !== 'none' || (s.negative !== null && s.negative !== '-'));
  if (!formatted) return null;
  return {
    kind: 'amount',
    currency: r.currencies[0] ?? null,
    marks: r.currencies,
    style,
    negatives,
    ...(groups.length ? { groups } : {}),
    padded,
  };
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
  return {
    kind: 'date',
    order: order === 'ambiguous' ? 'mdy' : order,
    styles: [...styles],
    ambiguous: order === 'ambiguous',
  };
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

/** Context from the rest of the file for {@link classifyColumn}. */
export interface ColumnContext {
  /**
   * The decimal mark for values that read either way (`1.200`, `1,200`), and for grouped
   * integers found beyond the sample (`1.200` in a column sampled as `999`). Default `.`.
   */
  decimalMark?: DecimalMark | undefined;
}

/** A column's format plus what its numbers say about the file's decimal mark. */
interface Classified {
  format: ColumnFormat;
  /** The decimal mark the column's values prove (numeric columns only). */
  evidence: DecimalMark | null;
  /** Set when every value reads either way: the marks involved and a sample value. */
  ambiguous: { marks: DecimalMark[]; example: string } | null;
}

function classify(cells: readonly string[], context: ColumnContext): Classified {
  const plain = (format: ColumnFormat): Classified => ({ format, evidence: null, ambiguous: null });
  const present = cells.filter((v) => !isNullToken(v));
  const values = present.filter((v) => !isDashToken(v));
  if (values.length === 0) return plain({ kind: 'text' });
  const padded = values.some((v) => v !== v.trim());
  const mark = context.decimalMark ?? '.';

  const ints = values.map(integerShape);
  if (ints.every((i) => i !== null)) {
    const all = ints as NonNullable<ReturnType<typeof integerShape>>[];
    if (all.some((i) => i.leadingZero)) return plain({ kind: 'identifier', reason: 'leading-zero' });
    if (all.some((i) => i.outOfRange)) return plain({ kind: 'identifier', reason: 'too-large' });
    const inRange = ([lo, hi]: [bigint, bigint]): boolean => all.every((i) => i.value >= lo && i.value < hi);
    const epoch = inRange(EPOCH_S) ? 'seconds' : inRange(EPOCH_MS) ? 'millis' : null;
    return plain({ kind: 'integer', epoch, padded, ...(mark === ',' ? { groupMark: '.' as const } : {}) });
  }
  const reading = readNumbers(values);
  if (reading && reading.evidence === null && reading.ambiguous.length > 0) {
    // 1.200 / 3.500: thousands or decimals. The caller decides from the rest of the file.
    const format =
      mark === '.' && values.every(isPlainDecimal)
        ? { kind: 'decimal' as const, padded }
        : (amountFormat(reading, mark, padded) as ColumnFormat);
    return { format, evidence: null, ambiguous: { marks: reading.ambiguous, example: reading.example as string } };
  }
  const evidence = reading?.evidence ?? null;
  if (values.every(isPlainDecimal)) return { format: { kind: 'decimal', padded }, evidence, ambiguous: null };
  if (values.every((v) => booleanValue(v) !== null)) return plain({ kind: 'boolean' });
  const date = classifyDates(values);
  if (date) return plain({ ...date, padded } as ColumnFormat);
  const ts = classifyTimestamps(values);
  if (ts) return plain({ ...ts, padded } as ColumnFormat);
  const amount = reading ? amountFormat(reading, evidence ?? mark, padded) : null;
  if (amount) return { format: amount, evidence, ambiguous: null };
  return plain({ kind: 'text' });
}

/**
 * Decides the format of one column from its sampled cells. Cells that are empty or a null
 * token never decide; lone dashes count as missing only if the rest is numeric, boolean or
 * a date/timestamp. Numbers that read either way (`1.200`) take `context.decimalMark`
 * (default `.`); {@link planColumns} decides it from the whole file and notes it.
 */
export function classifyColumn(cells: readonly string[], context: ColumnContext = {}): ColumnFormat {
  return classify(cells, context).format;
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
 *
 * Two passes: the first classifies each column on its own and collects the decimal mark
 * each numeric column proves; columns whose numbers read either way are then read with the
 * user's decimal mark, or the file's (a `;` file with decimal commas and no decimal points
 * elsewhere), or the decimal point, and noted.
 */
export function planColumns(
  names: readonly string[],
  records: readonly (readonly string[])[],
  options: PlanOptions,
): TypePlan {
  const notes: PlanNote[] = [];
  const cellsOf = (index: number): string[] => records.map((r) => r[index] ?? '');
  const first = names.map((_, index) => classify(cellsOf(index), {}));
  const proves = (m: DecimalMark): boolean => first.some((c) => c.evidence === m);
  const fileMark: DecimalMark | null = options.delimiter === ';' && proves(',') && !proves('.') ? ',' : null;
  const decimalMark: DecimalMark = options.decimalMark ?? fileMark ?? '.';
  const reason: DecimalMarkReason = options.decimalMark ? 'user' : fileMark ? 'file' : 'default';
  const columns = names.map((name, index): ColumnPlan => {
    const c = decimalMark === '.' ? (first[index] as Classified) : classify(cellsOf(index), { decimalMark });
    const format = c.format;
    if ((format.kind === 'date' || format.kind === 'timestamp') && format.ambiguous) {
      notes.push({ column: name, kind: 'ambiguous-date-order', chosen: 'mdy' });
    }
    // 1,200 as 1200 is the only sensible reading outside `;` files: noted only where a
    // decimal comma is plausible. 1.200 is always noted, whichever way it was read.
    if (c.ambiguous && (c.ambiguous.marks.includes('.') || decimalMark === ',' || options.delimiter === ';')) {
      const value = readNumber(c.ambiguous.example, decimalMark) as number;
      notes.push({ column: name, kind: 'ambiguous-number', decimalMark, reason, example: c.ambiguous.example, value });
    }
    const sql = columnExpressions(name, format, options.reportingOffsetMinutes);
    return { index, name, sourceType: 'VARCHAR', type: finalType(format), format, ...sql };
  });
  return { columns, notes };
}
