/**
 * Calendar arithmetic for the reference implementations, written with plain integers
 * (days since 1970-01-01) and JavaScript's UTC date functions. Shares nothing with the SQL.
 */

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type WeekStart = 'monday' | 'sunday';

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` -> days since 1970-01-01. */
export function dayNum(s: string): number {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 -> `YYYY-MM-DD`. */
export function dayStr(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM:SS(.fff)` -> epoch milliseconds, read as UTC wall time. */
export function tsMs(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(s);
  if (!m) throw new Error(`bad timestamp ${s}`);
  const frac = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, frac);
}

/** The day (days since epoch) an epoch-ms instant falls on. */
export function dayOfMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** First day of the period (grain) containing day n. */
export function periodStart(n: number, grain: Grain, weekStart: WeekStart = 'monday'): number {
  if (grain === 'day') return n;
  const d = new Date(n * MS_PER_DAY);
  if (grain === 'week') {
    const dow = d.getUTCDay(); // 0 = Sunday
    const back = weekStart === 'monday' ? (dow + 6) % 7 : dow;
    return n - back;
  }
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (grain === 'month') return Math.round(Date.UTC(y, m, 1) / MS_PER_DAY);
  if (grain === 'quarter') return Math.round(Date.UTC(y, m - (m % 3), 1) / MS_PER_DAY);
  return Math.round(Date.UTC(y, 0, 1) / MS_PER_DAY);
}

/** First day of the period after the one starting at p. */
export function nextPeriod(p: number, grain: Grain): number {
  if (grain === 'day') return p + 1;
  if (grain === 'week') return p + 7;
  const d = new Date(p * MS_PER_DAY);
  const add = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1) / MS_PER_DAY);
}

/** All period starts from the period of day a through the period of day b (inclusive). */
export function periodsBetween(a: number, b: number, grain: Grain, weekStart: WeekStart = 'monday'): number[] {
  const out: number[] = [];
  for (let p = periodStart(a, grain, weekStart); p <= b; p = nextPeriod(p, grain)) out.push(p);
  return out;
}

/** Continuous quantile (linear interpolation between order statistics, R type 7). */
export function quantileCont(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const xs = [...values].sort((x, y) => x - y);
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}
