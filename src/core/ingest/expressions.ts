/**
 * SQL conversion expressions for planned columns. Every expression reads the column as
 * VARCHAR and uses only core DuckDB functions (no ICU): `try_cast`, `try_strptime`,
 * string functions and interval arithmetic. Timestamps with offsets are shifted by
 * arithmetic to the reporting offset and stay plain TIMESTAMP.
 *
 * Measured on duckdb-wasm: `try_cast` to DATE/TIMESTAMP is several times faster than
 * `strptime`, and `left()`/`substr()` much faster than negative slicing, so those are used.
 */
import { quoteIdent, quoteLiteral } from './sql.js';
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  DASH_TOKENS,
  NULL_TOKENS,
  type DateStyle,
  type NumberShape,
} from './valueFormats.js';

/** How a column's values are written; decided by the type plan. */
export type ColumnFormat =
  | { kind: 'text' }
  | { kind: 'identifier'; reason: 'leading-zero' | 'too-large' }
  | {
      kind: 'integer';
      epoch: 'seconds' | 'millis' | null;
      padded: boolean;
      /** Thousands mark accepted in values beyond the sample (`1.200` in a decimal-comma file); default `,`. */
      groupMark?: '.';
    }
  | { kind: 'decimal'; padded: boolean }
  | {
      kind: 'amount';
      currency: string | null;
      /** Every currency mark seen in the sample (the fast path removes exactly these). */
      marks?: string[];
      /** `us`: decimal point (`1,234.5`, `1'234.5`); `eu`: decimal comma (`1.234,5`, `1 234,5`). */
      style: 'us' | 'eu';
      /** Space and apostrophe grouping characters seen in the sample (U+00A0, U+202F, `'`, `’` …): the fast path removes them. */
      groups?: string[];
      negatives: NonNullable<NumberShape['negative']>[];
      padded?: boolean;
    }
  | { kind: 'boolean' }
  | { kind: 'date'; order: 'ymd' | 'mdy' | 'dmy'; styles: DateStyle[]; ambiguous: boolean; padded?: boolean }
  | {
      kind: 'timestamp';
      order: 'ymd' | 'mdy' | 'dmy';
      styles: DateStyle[];
      ambiguous: boolean;
      /** Some values carry a zone (Z, +09:00, …); they are shifted to the reporting offset. */
      zoned: boolean;
      /** Some values have a zone and some do not; those without are taken as reporting time. */
      mixedZones: boolean;
      /** Offset designators seen (`+09:00`, `-0500`), most frequent first, with their minutes: fast paths. */
      offsets?: { text: string; minutes: number }[];
      padded?: boolean;
    };

/** Marker in the message of the error raised by strict expressions. */
export const BAD_VALUE_MARKER = 'kpiw:bad-value';

/** The three SQL snippets of a column; see `ColumnPlan`. */
export interface ColumnSql {
  expr: string;
  strictExpr: string;
  badWhen: string;
}

const list = (xs: readonly string[]): string => xs.map(quoteLiteral).join(', ');
const TYPED_NULLS = ['', ...NULL_TOKENS, ...DASH_TOKENS];

/** Marks of one currency family, multi-character codes first (they must go before single characters). */
function currencyMarks(currency: string | null): string[] {
  if (currency === null) return [];
  const families: string[][] = [['JPY', '¥', '￥', '\\', '円'], ['US$', 'USD', 'ドル', '＄', '$'], ['EUR', '€'], ['£']];
  return families.find((f) => f.includes(currency)) ?? [currency];
}

/**
 * Amounts. Fast path: `replace` of exactly the marks seen in the sample (cheapest in
 * DuckDB). Fallback, evaluated only when the fast path fails: currency codes of the whole
 * family removed, then one `translate` maps negative markers to `-`, the decimal comma to
 * `.` (European style) and deletes currency marks, grouping marks and spaces.
 */
function amountExpr(s: string, f: Extract<ColumnFormat, { kind: 'amount' }>): string {
  const withSign = (t: string): string =>
    f.negatives.includes('()')
      ? `CASE WHEN starts_with(${t}, '(') AND ends_with(${t}, ')') THEN -try_cast(trim(${t}, '()') AS DOUBLE) ELSE try_cast(${t} AS DOUBLE) END`
      : `try_cast(${t} AS DOUBLE)`;
  const negatives = f.negatives.filter((n) => n === '−' || n === '▲' || n === '△');

  let fast = s;
  for (const m of [...(f.marks ?? (f.currency ? [f.currency] : []))].sort((a, b) => b.length - a.length))
    fast = `replace(${fast}, ${quoteLiteral(m)}, '')`;
  for (const n of negatives) fast = `replace(${fast}, ${quoteLiteral(n)}, '-')`;
  // Grouping marks seen in the sample.
  const groups = new Set<string>([f.style === 'us' ? ',' : '.', ...(f.groups ?? (f.style === 'eu' ? [' '] : []))]);
  for (const g of groups) fast = `replace(${fast}, ${quoteLiteral(g)}, '')`;
  if (f.style === 'eu') fast = `replace(${fast}, ',', '.')`;

  let slow = s;
  const marks = currencyMarks(f.currency);
  for (const m of marks.filter((x) => Array.from(x).length > 1)) slow = `replace(${slow}, ${quoteLiteral(m)}, '')`;
  const singles = marks.filter((x) => Array.from(x).length === 1).join('');
  // The minus sign U+2212 is never anything else: read it even when the sample had none.
  const neg = [...new Set([...negatives, '−'])].join('');
  // Every grouping mark of the style is deleted (not only those in the sample).
  const spaces = " '’\u00a0\u202f\u2009";
  const from = f.style === 'us' ? `${neg}${singles},${spaces}` : `${neg},${singles}.${spaces}`;
  const to = '-'.repeat(neg.length) + (f.style === 'us' ? '' : '.');
  slow = `translate(${slow}, ${quoteLiteral(from)}, ${quoteLiteral(to)})`;
  return `coalesce(${withSign(fast)}, ${withSign(slow)})`;
}

/** Rewrites `2024.01.05` and `2024年1月5日` to `2024-01-05` / `2024-1-5` so CAST can read them. */
function ymdNormalize(x: string, styles: readonly DateStyle[]): string {
  let t = x;
  if (styles.includes('.')) t = `replace(${t}, '.', '-')`;
  if (styles.includes('年月日')) t = `replace(replace(replace(${t}, '年', '-'), '月', '-'), '日', '')`;
  return t;
}

function strptimeFormats(order: 'mdy' | 'dmy', styles: readonly DateStyle[], withTime: boolean): string[] {
  const out: string[] = [];
  for (const sep of styles.filter((s) => s === '/' || s === '.')) {
    const date = order === 'mdy' ? `%m${sep}%d${sep}%Y` : `%d${sep}%m${sep}%Y`;
    if (withTime) out.push(`${date} %H:%M:%S`, `${date} %H:%M`, `${date} %H:%M:%S.%f`);
    out.push(date);
  }
  return out;
}

function dateExpr(s: string, f: Extract<ColumnFormat, { kind: 'date' }>): string {
  if (f.order === 'ymd') {
    const n = ymdNormalize(s, f.styles);
    return `CASE WHEN length(${n}) <= 10 THEN try_cast(${n} AS DATE) END`;
  }
  return `CAST(try_strptime(${s}, [${list(strptimeFormats(f.order, f.styles, false))}]) AS DATE)`;
}

function localTimestamp(x: string, f: Extract<ColumnFormat, { kind: 'timestamp' }>): string {
  if (f.order === 'ymd') return `try_cast(${ymdNormalize(x, f.styles)} AS TIMESTAMP)`;
  return `try_strptime(${x}, [${list(strptimeFormats(f.order, f.styles, true))}])`;
}

/**
 * `ts` shifted by a constant number of minutes; no arithmetic when the shift is 0 (UTC
 * values read in UTC, +09:00 values in JST: about a tenth of a 12 M-row load's time).
 */
function plusMinutes(ts: string, minutes: number): string {
  return minutes === 0 ? ts : `${ts} + to_minutes(CAST(${minutes} AS BIGINT))`;
}

/**
 * Zoned timestamps: the zone suffix is cut off, the local part converted, then
 * `reporting - offset` minutes added. Values without a zone are taken as reporting time.
 */
function zonedTimestamp(
  s: string,
  f: Extract<ColumnFormat, { kind: 'timestamp' }>,
  reportingOffsetMinutes: number,
): string {
  const len = `length(${s})`;
  const r = Math.trunc(reportingOffsetMinutes);
  const ch = (fromEnd: number): string => `substr(${s}, ${len} - ${fromEnd}, 1)`;
  const int2 = (fromEnd: number): string => `try_cast(substr(${s}, ${len} - ${fromEnd}, 2) AS INTEGER)`;
  const sign = (fromEnd: number): string => `(CASE WHEN ${ch(fromEnd)} = '-' THEN -1 ELSE 1 END)`;
  const local = (cut: number): string => localTimestamp(`left(${s}, ${len} - ${cut})`, f);
  const shift = (offsetSql: string): string => `to_minutes(CAST(${r} - (${offsetSql}) AS BIGINT))`;
  const timeBefore = (fromEnd: number): string => `strpos(${s}, ':') BETWEEN 1 AND ${len} - ${fromEnd + 1}`;
  // Offsets seen in the sample get a branch with a constant shift (no parsing per row).
  // (Not for bare "+09"/"-05": a plain date 2024-01-05 ends like that too.)
  const fast = (f.offsets ?? [])
    .filter((o) => o.text.length >= 5)
    .map(
      (o) =>
        `WHEN ends_with(${s}, ${quoteLiteral(o.text)}) THEN ${plusMinutes(local(Array.from(o.text).length), r - o.minutes)}`,
    );
  return [
    'CASE',
    ...fast,
    // Z: CAST reads the value whether it keeps or drops a zero offset; no string slicing.
    `WHEN ends_with(${s}, 'Z') THEN ${plusMinutes(f.order === 'ymd' && !f.styles.includes('年月日') && !f.styles.includes('.') ? `try_cast(${s} AS TIMESTAMP)` : local(1), r)}`,
    `WHEN ends_with(${s}, 'z') THEN ${plusMinutes(local(1), r)}`,
    `WHEN ends_with(${s}, ' UTC') THEN ${plusMinutes(local(4), r)}`,
    // +09:00
    `WHEN ${ch(5)} IN ('+', '-') AND ${ch(2)} = ':' AND ${timeBefore(5)} THEN ${local(6)} + ${shift(`${sign(5)} * (${int2(4)} * 60 + ${int2(1)})`)}`,
    // +0900
    `WHEN ${ch(4)} IN ('+', '-') AND ${timeBefore(4)} THEN ${local(5)} + ${shift(`${sign(4)} * (${int2(3)} * 60 + ${int2(1)})`)}`,
    // +09
    `WHEN ${ch(2)} IN ('+', '-') AND ${timeBefore(2)} THEN ${local(3)} + ${shift(`${sign(2)} * ${int2(1)} * 60`)}`,
    `ELSE ${localTimestamp(s, f)}`,
    'END',
  ].join(' ');
}

function conversion(s: string, f: ColumnFormat, reportingOffsetMinutes: number): string | null {
  switch (f.kind) {
    // Excel's "#,##0" format writes 1,200 but 999: a grouped value may first appear after
    // the sample. The fallback (only evaluated when the plain cast fails) accepts it.
    case 'integer':
      // In a decimal-comma file 1.200 is 1200 (a cast would read it as 1.2 and round it).
      if (f.groupMark === '.') {
        return `CASE WHEN contains(${s}, ',') THEN NULL WHEN contains(${s}, '.') THEN CASE WHEN regexp_full_match(trim(${s}), '[+-]?[0-9]{1,3}([.][0-9]{3})+') THEN try_cast(replace(${s}, '.', '') AS BIGINT) END ELSE try_cast(${s} AS BIGINT) END`;
      }
      return `CASE WHEN contains(${s}, '.') THEN NULL ELSE coalesce(try_cast(${s} AS BIGINT), CASE WHEN regexp_full_match(trim(${s}), '[+-]?[0-9]{1,3}(,[0-9]{3})+') THEN try_cast(replace(${s}, ',', '') AS BIGINT) END) END`;
    case 'decimal':
      return `coalesce(try_cast(${s} AS DOUBLE), CASE WHEN regexp_full_match(trim(${s}), '[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?') THEN try_cast(replace(${s}, ',', '') AS DOUBLE) END)`;
    case 'amount':
      return amountExpr(s, f);
    case 'boolean':
      return `CASE WHEN list_contains([${list(BOOLEAN_TRUE)}], lower(trim(${s}))) THEN true WHEN list_contains([${list(BOOLEAN_FALSE)}], lower(trim(${s}))) THEN false END`;
    case 'date':
      return dateExpr(s, f);
    case 'timestamp':
      return f.zoned ? zonedTimestamp(s, f, reportingOffsetMinutes) : localTimestamp(s, f);
    default:
      return null;
  }
}

/**
 * The lenient expression, the strict expression and the "bad cell" predicate of a column
 * named `name` (the source column of the same name, read as VARCHAR).
 */
export function columnExpressions(name: string, format: ColumnFormat, reportingOffsetMinutes: number): ColumnSql {
  const src = quoteIdent(name);
  const padded = 'padded' in format && format.padded === true;
  const s = padded ? `trim(${src})` : src;
  const conv = conversion(s, format, reportingOffsetMinutes);
  if (conv === null) return { expr: src, strictExpr: src, badWhen: 'false' };
  // list_contains, not IN: DuckDB plans a long IN list as a join against its values, and a
  // plan with a join reports no progress (the progress bar of a direct load stayed at 0 %).
  const missing = `(${src} IS NULL OR list_contains([${list(TYPED_NULLS)}], trim(${src})))`;
  return {
    expr: conv,
    strictExpr: `coalesce(${conv}, CASE WHEN ${missing} THEN NULL ELSE error(${quoteLiteral(BAD_VALUE_MARKER)}) END)`,
    badWhen: `((${conv}) IS NULL AND NOT ${missing})`,
  };
}
