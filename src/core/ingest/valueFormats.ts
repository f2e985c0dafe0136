/**
 * Recognisers for single cell values: null tokens, integers, decimals, formatted amounts
 * (`¥1,200`, `1.200,50 €`, `▲300`), booleans, dates and timestamps (with offsets).
 * Pure functions on strings; the type plan combines them over many rows of a column.
 */

/** Cell texts that mean "no value" in a typed column (empty cells are NULL already). */
export const NULL_TOKENS: readonly string[] = [
  'NULL',
  'null',
  'Null',
  'N/A',
  'n/a',
  'NA',
  '#N/A',
  '\\N',
  'NaN',
  'nan',
  'None',
  'none',
  '(null)',
];
/** Dashes that stand for "no value" — only in columns that are otherwise numeric or dates. */
export const DASH_TOKENS: readonly string[] = ['-', '－', '—', '–', '―', 'ー', '‐'];

/** True for an empty or blank cell, or a common null token (see {@link NULL_TOKENS}). */
export function isNullToken(value: string): boolean {
  const v = value.trim();
  return v === '' || NULL_TOKENS.includes(v);
}

/** True for a lone dash (see {@link DASH_TOKENS}). */
export function isDashToken(value: string): boolean {
  return DASH_TOKENS.includes(value.trim());
}

const INTEGER_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const BIGINT_MAX = 9223372036854775807n;

/** What {@link integerShape} found. */
export interface IntegerShape {
  /** `00123`: an identifier, not a number. */
  leadingZero: boolean;
  /** Outside the BIGINT range. */
  outOfRange: boolean;
  value: bigint;
}

/** Recognises a plain integer (`42`, `-7`, `+3`); null otherwise. */
export function integerShape(value: string): IntegerShape | null {
  const v = value.trim();
  if (!INTEGER_RE.test(v)) return null;
  const digits = v.replace(/^[+-]/, '');
  const big = BigInt(v.startsWith('+') ? v.slice(1) : v);
  return {
    leadingZero: digits.length > 1 && digits.startsWith('0'),
    outOfRange: big > BIGINT_MAX || big < -BIGINT_MAX - 1n,
    value: big,
  };
}

/** Recognises a plain decimal number (`3.14`, `.5`, `1e3`); integers match too. */
export function isPlainDecimal(value: string): boolean {
  const v = value.trim();
  return DECIMAL_RE.test(v) && !/^[+-]?0\d+$/.test(v.split(/[.eE]/)[0] ?? '');
}

/** Spaces that group digits: no-break, narrow no-break and thin spaces as well as the ASCII one. */
const SPACES = /[\u00a0\u202f\u2009]/g;

/** Currency marks recognised before or after an amount. `\` is how ¥ decodes from Shift_JIS 0x5C. */
export const CURRENCY_PREFIXES: readonly string[] = ['¥', '￥', '\\', '$', '＄', '€', '£', 'US$', 'JPY', 'USD', 'EUR'];
/** Currency marks recognised after an amount. */
export const CURRENCY_SUFFIXES: readonly string[] = ['円', '€', 'JPY', 'USD', 'EUR', 'ドル'];

/** How a formatted amount is written. */
export interface NumberShape {
  /** Currency mark, or null. */
  currency: string | null;
  /**
   * Thousands grouping: `,` (1,200.5), `.` (1.200,5), ` ` (1 200,5, also with a no-break or
   * narrow no-break space), `'` (1'200.5, Swiss; also ’), none, or `ambiguous` for `1,200` /
   * `1.200` which read either way.
   */
  grouping: ',' | '.' | ' ' | "'" | 'none' | 'ambiguous';
  /** For `ambiguous`: the mark that could be thousands or decimal. */
  mark?: ',' | '.';
  /** Decimal mark used, or null when the number has no fractional part (or is ambiguous). */
  decimal: '.' | ',' | null;
  /** Negative marker used: `-`, `−` (U+2212), `▲`/`△` (Japanese accounting), `()` (accounting). */
  negative: '-' | '−' | '▲' | '△' | '()' | null;
  /**
   * The numeric value. An ambiguous value is read the conventional way: `1,200` as 1200,
   * `1.200` as 1.2 (see {@link readNumber} for the other reading).
   */
  value: number;
}

/**
 * The decimal mark a number proves, if any: `12.5` and `1,200.5` prove `.`, `12,5` and
 * `1.234.567` prove `,`; `1 234`, `1200` and the ambiguous `1.200` prove nothing.
 */
export function decimalEvidence(shape: NumberShape): '.' | ',' | null {
  if (shape.decimal) return shape.decimal;
  if (shape.grouping === ',') return '.';
  if (shape.grouping === '.') return ',';
  return null;
}

/**
 * Reads a number with a known decimal mark: the mark decides ambiguous values (`1.200`
 * is 1200 with `,`, 1.2 with `.`). Null when the text is not a number, or when it proves
 * the other decimal mark (`12,5` read with `.`).
 */
export function readNumber(value: string, decimalMark: '.' | ','): number | null {
  const shape = numberShape(value);
  if (!shape) return null;
  const evidence = decimalEvidence(shape);
  if (evidence !== null && evidence !== decimalMark) return null;
  if (shape.grouping !== 'ambiguous') return shape.value;
  // Exactly 1–3 digits, the mark, 3 digits: 1.200 is 1200 with ",", 1.2 with ".".
  const digits = value.replace(/[^\d]/g, '');
  const sign = shape.value < 0 ? -1 : 1;
  return sign * Number(shape.mark === decimalMark ? `${digits.slice(0, -3)}.${digits.slice(-3)}` : digits);
}

function stripAffix(s: string, list: readonly string[], where: 'start' | 'end'): [string, string | null] {
  for (const a of list) {
    if (where === 'start' ? s.startsWith(a) : s.endsWith(a)) {
      return [(where === 'start' ? s.slice(a.length) : s.slice(0, s.length - a.length)).trim(), a];
    }
  }
  return [s, null];
}

/**
 * Recognises an amount with optional currency mark, thousands grouping and negative
 * marker: `¥1,200`, `1,200円`, `-$3.50`, `▲1,000`, `(1,200)`, `1.234,50 €`, `1 234,50`,
 * `1'234.50`, `12`.
 * Returns null for anything else, including `1,2` style decimal commas with grouping
 * that does not fit.
 */
export function numberShape(value: string): NumberShape | null {
  let s = value.trim();
  if (s === '') return null;
  let negative: NumberShape['negative'] = null;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = '()';
    s = s.slice(1, -1).trim();
  }
  const takeSign = (): void => {
    const c = s[0];
    if (c === '-' || c === '−' || c === '▲' || c === '△') {
      if (negative) return;
      negative = c;
      s = s.slice(1).trim();
    } else if (c === '+') s = s.slice(1).trim();
  };
  takeSign();
  let [rest, cur] = stripAffix(s, CURRENCY_PREFIXES, 'start');
  s = rest;
  if (cur) takeSign();
  if (!cur) {
    [rest, cur] = stripAffix(s, CURRENCY_SUFFIXES, 'end');
    s = rest;
  }
  // All kinds of space (no-break U+00A0, narrow no-break U+202F, thin U+2009) group like a
  // space; the typographic apostrophe ’ like the ASCII one.
  s = s.replace(SPACES, ' ').replace(/’/g, "'");
  if (!/^[\d.,' ]+$/.test(s) || !/\d/.test(s)) return null;
  const sign = negative ? -1 : 1;
  const num = (t: string): number => sign * Number(t);
  // 1,200 / 1.200: one group of three, could be thousands or decimals (0.500 cannot be thousands)
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(s)) {
    const mark = s.includes(',') ? ',' : '.';
    return {
      currency: cur,
      grouping: 'ambiguous',
      mark,
      decimal: null,
      negative,
      value: num(mark === ',' ? s.replace(',', '') : s),
    };
  }
  // plain
  if (/^\d+(\.\d+)?$/.test(s))
    return { currency: cur, grouping: 'none', decimal: s.includes('.') ? '.' : null, negative, value: num(s) };
  if (/^\d+,\d+$/.test(s)) {
    return { currency: cur, grouping: 'none', decimal: ',', negative, value: num(s.replace(',', '.')) };
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return {
      currency: cur,
      grouping: ',',
      decimal: s.includes('.') ? '.' : null,
      negative,
      value: num(s.replace(/,/g, '')),
    };
  }
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    return {
      currency: cur,
      grouping: '.',
      decimal: s.includes(',') ? ',' : null,
      negative,
      value: num(s.replace(/\./g, '').replace(',', '.')),
    };
  }
  // 1 234,5 (French, Nordic), 1 234.5 (SI), 1'234.5 (Swiss), 1'234,5: the decimal mark says which
  const g = /^\d{1,3}(?:([ '])\d{3})(?:\1\d{3})*(?:([.,])\d+)?$/.exec(s);
  if (g) {
    const decimal = (g[2] ?? null) as '.' | ',' | null;
    return {
      currency: cur,
      grouping: g[1] as ' ' | "'",
      decimal,
      negative,
      value: num(s.replace(/[ ']/g, '').replace(',', '.')),
    };
  }
  return null;
}

const TRUE_WORDS = ['true', 'yes', 'y', 't', 'はい', '真', 'on'];
const FALSE_WORDS = ['false', 'no', 'n', 'f', 'いいえ', '偽', 'off'];
/** Words read as TRUE by boolean columns (compared lower-cased). */
export const BOOLEAN_TRUE: readonly string[] = TRUE_WORDS;
/** Words read as FALSE by boolean columns (compared lower-cased). */
export const BOOLEAN_FALSE: readonly string[] = FALSE_WORDS;

/** Recognises `true/false`, `yes/no`, `y/n`, `t/f`, `はい/いいえ`, `on/off` (any case); null otherwise. */
export function booleanValue(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(v)) return true;
  if (FALSE_WORDS.includes(v)) return false;
  return null;
}

/** Field order of a date. `ambiguous` is `a/b/yyyy` with both a and b ≤ 12. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy' | 'ambiguous';
/** Separator style of a date: `2024-01-05`, `2024/01/05`, `2024.01.05`, `2024年1月5日`. */
export type DateStyle = '-' | '/' | '.' | '年月日';

/** What {@link dateShape} found. */
export interface DateShape {
  order: DateOrder;
  style: DateStyle;
  year: number;
  month: number;
  day: number;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True when y-m-d is a real calendar date (years 1–9999). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const YMD_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const KANJI_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const XXY_RE = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/;

/** Recognises a calendar date in one of the supported styles; null otherwise (also for Feb 30). */
export function dateShape(value: string): DateShape | null {
  const v = value.trim();
  let m = YMD_RE.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    return isValidDate(y, mo, d) ? { order: 'ymd', style: m[2] as DateStyle, year: y, month: mo, day: d } : null;
  }
  m = KANJI_RE.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidDate(y, mo, d) ? { order: 'ymd', style: '年月日', year: y, month: mo, day: d } : null;
  }
  m = XXY_RE.exec(v);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const style = m[2] as DateStyle;
    if (style === '.') return isValidDate(y, b, a) ? { order: 'dmy', style, year: y, month: b, day: a } : null;
    const mdy = isValidDate(y, a, b);
    const dmy = isValidDate(y, b, a);
    if (mdy && dmy) return { order: a === b ? 'mdy' : 'ambiguous', style, year: y, month: a, day: b };
    if (mdy) return { order: 'mdy', style, year: y, month: a, day: b };
    if (dmy) return { order: 'dmy', style, year: y, month: b, day: a };
  }
  return null;
}

/** Time-zone designator of a timestamp. */
export type ZoneStyle = 'Z' | 'UTC' | '+hh:mm' | '+hhmm' | '+hh';

/** What {@link timestampShape} found. */
export interface TimestampShape {
  date: DateShape;
  /** `T` between date and time (ISO 8601) rather than a space. */
  t: boolean;
  hasSeconds: boolean;
  fractionDigits: number;
  zone: ZoneStyle | null;
  /** Offset east of UTC in minutes (0 for Z/UTC, null without zone). */
  offsetMinutes: number | null;
  /** The zone designator as written (`Z`, `UTC`, `+09:00` …), or null. */
  zoneText: string | null;
}

const TS_RE =
  /^(.+?)(?:(T)|[ \u3000]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:[ ]*(Z|z|UTC|[+-]\d{2}:\d{2}|[+-]\d{4}|[+-]\d{2}))?$/;

/**
 * Recognises a timestamp: a supported date, `T` or space, `H:MM[:SS[.fraction]]`, and an
 * optional zone (`Z`, ` UTC`, `+09:00`, `+0900`, `+09`). Null otherwise.
 */
export function timestampShape(value: string): TimestampShape | null {
  const m = TS_RE.exec(value.trim());
  if (!m) return null;
  const date = dateShape(m[1] as string);
  if (!date) return null;
  const [h, mi, s] = [Number(m[3]), Number(m[4]), m[5] === undefined ? 0 : Number(m[5])];
  if (h > 23 || mi > 59 || s > 59) return null;
  const z = m[7];
  let zone: ZoneStyle | null = null;
  let offsetMinutes: number | null = null;
  if (z === 'Z' || z === 'z') [zone, offsetMinutes] = ['Z', 0];
  else if (z === 'UTC') [zone, offsetMinutes] = ['UTC', 0];
  else if (z !== undefined) {
    const sign = z.startsWith('-') ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const hh = Number(digits.slice(0, 2));
    const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hh > 18 || mm > 59) return null;
    zone = z.includes(':') ? '+hh:mm' : digits.length === 4 ? '+hhmm' : '+hh';
    offsetMinutes = sign * (hh * 60 + mm);
  }
  return {
    date,
    t: m[2] === 'T',
    hasSeconds: m[5] !== undefined,
    fractionDigits: m[6]?.length ?? 0,
    zone,
    offsetMinutes,
    zoneText: z ?? null,
  };
}
