/**
 * What a column's sample values look like: numbers, dates, epochs, ids, booleans,
 * currency codes, interval words… Detection scores header matches against it.
 */
import type { LoadedColumn } from './types.js';
import { BOOLEAN_FALSE, BOOLEAN_TRUE, CURRENCY_SYMBOLS, parseInterval } from './vocabulary.js';

/** Summary of a column's samples. Shares are over non-empty samples (0 when there are none). */
export interface ValueProfile {
  type: string;
  /** Non-empty samples. */
  count: number;
  /** Share of samples that are NULL or blank. */
  nullShare: number;
  distinct: number;
  /** Numeric values (amount-like text such as `¥1,200` counts). */
  numericShare: number;
  /** All numeric values are whole numbers. */
  allIntegers: boolean;
  numbers: number[];
  /** Values that look like dates or timestamps written as text. */
  dateShare: number;
  /** Among date-like text, those with a time of day. */
  timeShare: number;
  /** Slash dates whose first part is > 12 (so day-first), and those whose second part is > 12 (month-first). */
  dayFirstVotes: number;
  monthFirstVotes: number;
  booleanShare: number;
  currencyShare: number;
  intervalShare: number;
  emailShare: number;
  /** Lowercased trimmed distinct values (up to 50). */
  values: string[];
  /** Original trimmed non-empty samples. */
  raw: string[];
}

const NUMBER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL.*|NUMERIC.*)$/i;
const DATE_RE =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/;
const SLASH_DATE_RE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2}):(\d{2}).*)?$/;
const MONTH_RE = /^(\d{4})[-/年](\d{1,2})月?$/;
const ISO_CURRENCY_RE = /^[A-Z]{3}$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** True when `type` is a DuckDB numeric type. */
export function isNumericType(type: string): boolean {
  return NUMBER_TYPES.test(type.trim());
}

/** Parses amount-like text (`1,200`, `¥1,200`, `$29.00`, `1200円`) to a number, or null. */
export function parseAmountText(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (!/\d/.test(t)) return null;
  const stripped = t.replace(/[^0-9.-]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(stripped)) return null;
  const n = Number(stripped);
  // Reject things like phone numbers or dates, whose stripping glued several numbers together.
  if (/\d[\s/:-]+\d/.test(t.replace(/^[-+]/, ''))) return null;
  return Number.isFinite(n) ? n : null;
}

/** Whether text looks like a date or timestamp, and whether it has a time of day. */
export function dateLike(text: string): { date: boolean; time: boolean; first?: number; second?: number } {
  const t = text.normalize('NFKC').trim();
  const iso = DATE_RE.exec(t);
  if (iso) {
    const mo = Number(iso[2]);
    const d = Number(iso[3]);
    return { date: mo >= 1 && mo <= 12 && d >= 1 && d <= 31, time: iso[4] !== undefined };
  }
  const sl = SLASH_DATE_RE.exec(t);
  if (sl) {
    const a = Number(sl[1]);
    const b = Number(sl[2]);
    return {
      date: a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12),
      time: sl[4] !== undefined,
      first: a,
      second: b,
    };
  }
  const mo = MONTH_RE.exec(t);
  if (mo) return { date: Number(mo[2]) >= 1 && Number(mo[2]) <= 12, time: false };
  return { date: false, time: false };
}

/** Profiles a loaded column from its samples and DuckDB type. */
export function profileColumn(column: LoadedColumn): ValueProfile {
  const raw = column.samples.map((s) => (s === null ? '' : s.trim())).filter((s) => s !== '');
  const total = column.samples.length;
  const numbers: number[] = [];
  let dates = 0;
  let times = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let bools = 0;
  let currencies = 0;
  let intervals = 0;
  let emails = 0;
  const numericType = isNumericType(column.type);
  for (const s of raw) {
    const n = numericType ? Number(s) : parseAmountText(s);
    if (n !== null && Number.isFinite(n)) numbers.push(n);
    const d = dateLike(s);
    if (d.date) {
      dates++;
      if (d.time) times++;
      if (d.first !== undefined && d.second !== undefined) {
        if (d.first > 12) dayFirst++;
        if (d.second > 12) monthFirst++;
      }
    }
    const l = s.toLowerCase();
    if (BOOLEAN_TRUE.includes(l) || BOOLEAN_FALSE.includes(l)) bools++;
    if (ISO_CURRENCY_RE.test(s.toUpperCase()) && /^[a-z]{3}$/i.test(s)) currencies++;
    else if (CURRENCY_SYMBOLS[l] !== undefined) currencies++;
    if (parseInterval(s)) intervals++;
    if (EMAIL_RE.test(s)) emails++;
  }
  const c = raw.length || 1;
  const values = [...new Set(raw.map((s) => s.toLowerCase()))].slice(0, 50);
  return {
    type: column.type.toUpperCase(),
    count: raw.length,
    nullShare: total === 0 ? 0 : (total - raw.length) / total,
    distinct: new Set(raw).size,
    numericShare: numbers.length / c,
    allIntegers: numbers.length > 0 && numbers.every((n) => Number.isInteger(n)),
    numbers,
    dateShare: dates / c,
    timeShare: dates ? times / dates : 0,
    dayFirstVotes: dayFirst,
    monthFirstVotes: monthFirst,
    booleanShare: bools / c,
    currencyShare: currencies / c,
    intervalShare: intervals / c,
    emailShare: emails / c,
    values,
    raw,
  };
}

/** Median of a list of numbers (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Year, month and day of date-like text (slash dates month-first unless `dayFirst`), or null. */
export function datePartsOf(text: string, dayFirst = false): { y: number; m: number; d: number } | null {
  const t = text.normalize('NFKC').trim();
  const iso = DATE_RE.exec(t);
  if (iso) return { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
  const sl = SLASH_DATE_RE.exec(t);
  if (sl) {
    const a = Number(sl[1]);
    const b = Number(sl[2]);
    return dayFirst ? { y: Number(sl[3]), m: b, d: a } : { y: Number(sl[3]), m: a, d: b };
  }
  return null;
}
