/**
 * Calendar arithmetic for the reference implementations, on plain day numbers (days since
 * 1970-01-01, UTC). Written from KPI_SPEC section 1 (grains, weeks starting Monday by
 * default, periods labelled by their first day); shares nothing with the SQL.
 */

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS') -> day number. */
export function dayNum(s: string): number {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** day number -> 'YYYY-MM-DD'. */
export function dayStr(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function ymd(n: number): [number, number, number] {
  const d = new Date(n * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function fromYmd(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Weekday, 0 = Sunday … 6 = Saturday. */
export function weekday(n: number): number {
  return new Date(n * DAY_MS).getUTCDay();
}

/** First day of the period containing day n. */
export function periodStart(n: number, grain: Grain, weekStart: 'monday' | 'sunday' = 'monday'): number {
  const [y, m] = ymd(n);
  switch (grain) {
    case 'day':
      return n;
    case 'week': {
      const first = weekStart === 'monday' ? 1 : 0;
      let d = n;
      while (weekday(d) !== first) d--;
      return d;
    }
    case 'month':
      return fromYmd(y, m, 1);
    case 'quarter':
      return fromYmd(y, m - ((m - 1) % 3), 1);
    case 'year':
      return fromYmd(y, 1, 1);
  }
}

/** First day of the period k periods after the period starting on `start`. */
export function addPeriods(start: number, k: number, grain: Grain): number {
  const [y, m, d] = ymd(start);
  switch (grain) {
    case 'day':
      return start + k;
    case 'week':
      return start + 7 * k;
    case 'month':
      return fromYmd(y, m + k, d);
    case 'quarter':
      return fromYmd(y, m + 3 * k, d);
    case 'year':
      return fromYmd(y + k, m, d);
  }
}

/** Last day of the period starting on `start`. */
export function periodEnd(start: number, grain: Grain): number {
  return addPeriods(start, 1, grain) - 1;
}

/** First day of the month containing n. */
export function monthStart(n: number): number {
  return periodStart(n, 'month');
}

/** Last day of the month containing n. */
export function monthEnd(n: number): number {
  return periodEnd(monthStart(n), 'month');
}
