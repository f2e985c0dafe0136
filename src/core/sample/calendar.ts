/**
 * Calendar arithmetic on whole days counted from 1970-01-01 (UTC), so nothing ever
 * depends on the machine's time zone or clock.
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Day number of an ISO date `YYYY-MM-DD`. Throws on anything else. */
export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (isoOfDay(day) !== iso) throw new Error(`not a valid date: ${iso}`);
  return day;
}

/** Day number of a calendar date (month 1–12; day may overflow into later months). */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Year, month (1–12) and day of month of a day number. */
export function partsOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoOfDay(day: number): string {
  const p = partsOfDay(day);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Day of week of a day number: 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (3 when Monday = 0).
  return (((day + 3) % 7) + 7) % 7;
}

/** First day of the month containing `day`. */
export function monthStart(day: number): number {
  const p = partsOfDay(day);
  return dayOf(p.year, p.month, 1);
}

/**
 * The same day of month `n` months later (or earlier), clamped to the month's last
 * day (Jan 31 + 1 month = Feb 28/29), as billing systems do.
 */
export function addMonths(day: number, n: number): number {
  const p = partsOfDay(day);
  const first = dayOf(p.year, p.month + n, 1);
  const q = partsOfDay(first);
  const last = dayOf(q.year, q.month + 1, 0);
  return Math.min(first + p.day - 1, last);
}

/** Whole months from the month of `a` to the month of `b` (calendar months, not days). */
export function monthIndex(a: number, b: number): number {
  const pa = partsOfDay(a);
  const pb = partsOfDay(b);
  return (pb.year - pa.year) * 12 + (pb.month - pa.month);
}

/** First day of the month after the one containing `day` (the next "1st"). */
export function nextMonthStart(day: number): number {
  return addMonths(monthStart(day), 1);
}
