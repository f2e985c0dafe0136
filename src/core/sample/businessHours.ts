/**
 * Support-desk office hours: Monday to Friday, 09:00–18:00 local time, closed on
 * public holidays. Times are local milliseconds (see format.ts).
 */
import { DAY_MS } from './calendar.js';
import type { SampleLocale } from './locale.js';
import { isWorkingDay } from './seasonality.js';

const OPEN_MS = 9 * 3_600_000;
const CLOSE_MS = 18 * 3_600_000;

/** True when `t` is within office hours. */
export function inBusinessHours(locale: SampleLocale, t: number): boolean {
  const day = Math.floor(t / DAY_MS);
  const ms = t - day * DAY_MS;
  return isWorkingDay(locale, day) && ms >= OPEN_MS && ms < CLOSE_MS;
}

/** The time `minutes` of office time after `t` (from the next opening when `t` is outside hours). */
export function addBusinessMinutes(locale: SampleLocale, t: number, minutes: number): number {
  let remaining = Math.max(0, minutes) * 60_000;
  let day = Math.floor(t / DAY_MS);
  let ms = t - day * DAY_MS;
  for (;;) {
    if (isWorkingDay(locale, day) && ms < CLOSE_MS) {
      const from = Math.max(ms, OPEN_MS);
      const available = CLOSE_MS - from;
      if (remaining <= available) return day * DAY_MS + from + Math.round(remaining);
      remaining -= available;
    }
    day++;
    ms = 0;
  }
}
