/**
 * SQL expressions that parse one source column into a canonical type, whatever type
 * ingest gave it: typed DATE/TIMESTAMP/numbers pass through; text dates (ISO, slash,
 * Japanese 年月日, with or without offsets), epoch numbers (s/ms/µs, YYYYMMDD),
 * amounts with symbols and separators, yes/no words are parsed. Never a TIMESTAMPTZ.
 */
import type { EpochUnit, IntervalUnit, LoadedColumn, Normalisation } from './types.js';
import { ident, literal, literalList, numberLiteral } from './sql.js';
import { isNumericType } from './valueProfile.js';
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  CURRENCY_SYMBOLS,
  INTERVAL_WORDS,
  MONTHS_PER_UNIT,
  ZERO_DECIMAL_CURRENCIES,
} from './vocabulary.js';

/** What expressions need besides the column: the mapping's normalisation and the reporting offset. */
export interface ExprContext {
  norm: Normalisation;
  /** Offset (minutes east of UTC) that UTC instants are shifted to; applied to epochs and `Z`/`+hh:mm` text. */
  utcOffsetMinutes: number;
  /** Schema of the loaded tables (`main`); null leaves table names unqualified. */
  sourceSchema: string | null;
}

/** Text of amounts that may be parsed: optional currency prefix/suffix, sign, separators, decimals. */
export const AMOUNT_TEXT_PATTERN =
  '^-?([A-Za-z]{3} ?|[^0-9A-Za-z-]{0,3}) *-?[0-9,]*[.]?[0-9]+ *([A-Za-z]{0,3}|[^0-9A-Za-z]{0,3})$';

const FULL_WIDTH = { from: '０１２３４５６７８９，．－：／　', to: '0123456789,.-:/ ' };

const OFFSET_SUFFIX = '\\d{1,2}:\\d{2}(:\\d{2}([.]\\d+)?)? *([Zz]|[+-]\\d{2}(:?\\d{2})?)$';
const STRIP_OFFSET = ' *([Zz]|[+-]\\d{2}(:?\\d{2})?)$';

/** Text formats tried after DuckDB's own ISO cast, most specific first. */
export function dateFormats(dayFirst: boolean): string[] {
  const slash = dayFirst
    ? ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y']
    : ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y'];
  return [
    '%Y/%m/%d %H:%M:%S',
    '%Y/%m/%d %H:%M',
    '%Y/%m/%d',
    '%Y年%m月%d日 %H:%M:%S',
    '%Y年%m月%d日 %H:%M',
    '%Y年%m月%d日',
    '%Y.%m.%d',
    '%Y%m%d',
    ...slash,
    '%d.%m.%Y',
    '%b %d, %Y',
    '%d %b %Y',
    '%B %d, %Y',
    '%Y-%m',
    '%Y/%m',
    '%Y年%m月',
  ];
}

/** Trimmed text of a column, full-width digits folded, NULL when blank. */
export function textOf(col: LoadedColumn): string {
  return `NULLIF(trim(translate(CAST(${ident(col.name)} AS VARCHAR), ${literal(FULL_WIDTH.from)}, ${literal(FULL_WIDTH.to)})), '')`;
}

/** Plain text of a column (VARCHAR), trimmed, NULL when blank; as it is when known {@link LoadedColumn.clean}. */
export function varcharExpr(col: LoadedColumn): string {
  if (col.clean === true && col.type.toUpperCase() === 'VARCHAR') return ident(col.name);
  return `NULLIF(trim(CAST(${ident(col.name)} AS VARCHAR)), '')`;
}

/** First id of a `;`-separated list (HubSpot's "Associated Company IDs"). */
export function firstIdExpr(col: LoadedColumn): string {
  return `NULLIF(trim(split_part(CAST(${ident(col.name)} AS VARCHAR), ';', 1)), '')`;
}

function shift(expr: string, minutes: number): string {
  return minutes === 0 ? expr : `(${expr} + INTERVAL (${numberLiteral(Math.trunc(minutes))}) MINUTE)`;
}

/** TIMESTAMP from a DOUBLE expression of epoch seconds/ms/µs or YYYYMMDD. */
export function epochExpr(x: string, unit: EpochUnit, utcOffsetMinutes: number): string {
  const s = shift(`epoch_ms(CAST(round((${x}) * 1000) AS BIGINT))`, utcOffsetMinutes);
  const ms = shift(`epoch_ms(CAST(round(${x}) AS BIGINT))`, utcOffsetMinutes);
  const us = shift(`make_timestamp(CAST(round(${x}) AS BIGINT))`, utcOffsetMinutes);
  if (unit === 's') return s;
  if (unit === 'ms') return ms;
  if (unit === 'us') return us;
  const ymd =
    `(${x}) BETWEEN 19000101 AND 21001231 AND (${x}) = floor(${x}) ` +
    `AND (CAST(${x} AS BIGINT) // 100) % 100 BETWEEN 1 AND 12 AND CAST(${x} AS BIGINT) % 100 BETWEEN 1 AND 31`;
  return (
    `(CASE WHEN (${x}) IS NULL THEN NULL ` +
    `WHEN ${ymd} THEN try_strptime(CAST(CAST(${x} AS BIGINT) AS VARCHAR), '%Y%m%d') ` +
    `WHEN abs(${x}) >= 1e14 THEN ${us} WHEN abs(${x}) >= 1e11 THEN ${ms} ELSE ${s} END)`
  );
}

function textTimestamp(t: string, ctx: ExprContext): string {
  const offsetMinutes =
    `(CASE WHEN regexp_matches(${t}, '[Zz]$') THEN 0 ELSE ` +
    `(CASE WHEN regexp_extract(${t}, '([+-])\\d{2}(:?\\d{2})?$', 1) = '-' THEN -1 ELSE 1 END) * ` +
    `(CAST(regexp_extract(${t}, '[+-](\\d{2})(:?\\d{2})?$', 1) AS INTEGER) * 60 + ` +
    `COALESCE(TRY_CAST(regexp_extract(${t}, '[+-]\\d{2}:?(\\d{2})$', 1) AS INTEGER), 0)) END)`;
  const withOffset = `(TRY_CAST(regexp_replace(${t}, '${STRIP_OFFSET}', '') AS TIMESTAMP) - to_minutes(CAST(${offsetMinutes} AS BIGINT)))`;
  const formats = `[${dateFormats(ctx.norm.dayFirst).map(literal).join(', ')}]`;
  return (
    `(CASE WHEN ${t} IS NULL THEN NULL ` +
    `WHEN regexp_matches(${t}, '^-?\\d{9,16}([.]\\d+)?$') THEN ${epochExpr(`TRY_CAST(${t} AS DOUBLE)`, ctx.norm.epochUnit, ctx.utcOffsetMinutes)} ` +
    `WHEN regexp_matches(${t}, '${OFFSET_SUFFIX}') THEN ${shift(withOffset, ctx.utcOffsetMinutes)} ` +
    `ELSE COALESCE(TRY_CAST(${t} AS TIMESTAMP), try_strptime(${t}, ${formats})) END)`
  );
}

/** TIMESTAMP of a column (NULL where unparseable). */
export function timestampExpr(col: LoadedColumn, ctx: ExprContext): string {
  const type = col.type.toUpperCase();
  const c = ident(col.name);
  if (
    type === 'TIMESTAMP' ||
    type === 'TIMESTAMP_S' ||
    type === 'TIMESTAMP_MS' ||
    type === 'TIMESTAMP_NS' ||
    type === 'DATETIME'
  )
    return `CAST(${c} AS TIMESTAMP)`;
  if (type === 'DATE') return `CAST(${c} AS TIMESTAMP)`;
  if (isNumericType(type)) return epochExpr(`CAST(${c} AS DOUBLE)`, ctx.norm.epochUnit, ctx.utcOffsetMinutes);
  if (type === 'BOOLEAN') return 'CAST(NULL AS TIMESTAMP)';
  return textTimestamp(textOf(col), ctx);
}

/** DATE of a column (NULL where unparseable). */
export function dateExpr(col: LoadedColumn, ctx: ExprContext): string {
  if (col.type.toUpperCase() === 'DATE') return ident(col.name);
  return `CAST(${timestampExpr(col, ctx)} AS DATE)`;
}

/** DOUBLE of a column: numbers as is, text amounts with symbols and separators parsed. */
export function numberExpr(col: LoadedColumn): string {
  const type = col.type.toUpperCase();
  if (isNumericType(type)) return `CAST(${ident(col.name)} AS DOUBLE)`;
  if (type !== 'VARCHAR' && type !== 'TEXT' && type !== 'STRING') return 'CAST(NULL AS DOUBLE)';
  const t = textOf(col);
  return `(CASE WHEN regexp_matches(${t}, '${AMOUNT_TEXT_PATTERN}') THEN TRY_CAST(regexp_replace(${t}, '[^0-9.-]', '', 'g') AS DOUBLE) END)`;
}

/** BOOLEAN of a column: booleans as is, numbers ≠ 0, yes/no words. */
export function booleanExpr(col: LoadedColumn): string {
  const type = col.type.toUpperCase();
  const c = ident(col.name);
  if (type === 'BOOLEAN') return c;
  if (isNumericType(type)) return `(${c} <> 0)`;
  const l = `lower(${varcharExpr(col)})`;
  return `(CASE WHEN ${l} IN ${literalList(BOOLEAN_TRUE)} THEN true WHEN ${l} IN ${literalList(BOOLEAN_FALSE)} THEN false END)`;
}

/** ISO currency code of a column (`jpy`, `¥`, `円` → JPY). */
export function currencyExpr(col: LoadedColumn): string {
  const t = varcharExpr(col);
  const symbols = Object.entries(CURRENCY_SYMBOLS)
    .map(([sym, code]) => `WHEN lower(${t}) = ${literal(sym)} THEN ${literal(code)}`)
    .join(' ');
  return `(CASE ${symbols} ELSE upper(${t}) END)`;
}

/** Divides a money expression by 100 when amounts are in cents (except zero-decimal currencies). */
export function moneyExpr(num: string, norm: Normalisation, currency: string | null): string {
  if (norm.amountUnit === 'units') return num;
  if (currency === null) return `((${num}) / 100.0)`;
  return `((${num}) / (CASE WHEN ${currency} IN ${literalList(ZERO_DECIMAL_CURRENCIES)} THEN 1.0 ELSE 100.0 END))`;
}

function unitMonthsCase(word: string): string {
  const whens = (Object.entries(INTERVAL_WORDS) as [IntervalUnit, readonly string[]][])
    .map(([unit, words]) => `WHEN ${word} IN ${literalList(words)} THEN ${numberLiteral(MONTHS_PER_UNIT[unit])}`)
    .join(' ');
  return `(CASE ${whens} END)`;
}

/**
 * Months per billing interval: unit (`month`, `年次`, `3 months`, a bare number of
 * months) × interval count; the default interval when the cell or column is absent.
 * NULL for unrecognised words; a count of 0 is ignored.
 */
export function intervalMonthsExpr(
  interval: LoadedColumn | null,
  count: LoadedColumn | null,
  defaultInterval: IntervalUnit,
): string {
  const def = numberLiteral(MONTHS_PER_UNIT[defaultInterval]);
  const countNum = count ? `NULLIF(${numberExpr(count)}, 0)` : null;
  if (!interval) return countNum ? `(${def} * COALESCE(${countNum}, 1))` : def;
  const iv = `lower(${textOf(interval)})`;
  const lead = `TRY_CAST(regexp_extract(${iv}, '^(\\d+)', 1) AS DOUBLE)`;
  const rest = `trim(regexp_replace(${iv}, '^\\d+ *', ''))`;
  const unit = `(CASE WHEN ${iv} IS NULL THEN ${def} WHEN ${rest} = '' THEN 1 ELSE ${unitMonthsCase(rest)} END)`;
  const n = `COALESCE(${countNum ?? 'NULL'}, NULLIF(${lead}, 0), 1)`;
  return `(${unit} * ${n})`;
}
