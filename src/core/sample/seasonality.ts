/**
 * Weekly and yearly rhythm of a B2B product: weekends are quiet, public holidays
 * quieter (New Year, Golden Week and Obon in Japan; New Year, Independence Day,
 * Thanksgiving and Christmas in the US), and work happens in office hours.
 */
import { partsOfDay, weekdayOf } from './calendar.js';
import type { SampleLocale } from './locale.js';

/** Relative weight of each local hour of the day (0–23) for starting a session. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2, 5, 7, 7, 4, 6, 7, 7, 6, 5, 3, 2, 1.5, 1, 0.6, 0.3,
];

function isHoliday(locale: SampleLocale, day: number): boolean {
  const { month, day: d } = partsOfDay(day);
  if (locale === 'ja') {
    return (
      (month === 1 && d <= 3) ||
      (month === 12 && d >= 29) ||
      (month === 5 && d >= 3 && d <= 5) ||
      (month === 8 && d >= 13 && d <= 15)
    );
  }
  if ((month === 1 && d === 1) || (month === 7 && d === 4) || (month === 12 && d >= 24 && d <= 26)) return true;
  // Thanksgiving (fourth Thursday of November) and the Friday after.
  if (month === 11 && d >= 22 && d <= 29) {
    const wd = weekdayOf(day);
    return (wd === 3 && d <= 28) || (wd === 4 && d >= 23);
  }
  return false;
}

/** True on Monday–Friday that is not a public holiday. */
export function isWorkingDay(locale: SampleLocale, day: number): boolean {
  return weekdayOf(day) < 5 && !isHoliday(locale, day);
}

/** Activity multiplier of a day: 1 on working days, 0.2 on holidays, 0.12 on weekends. */
export function dayFactor(locale: SampleLocale, day: number): number {
  if (weekdayOf(day) >= 5) return 0.12;
  return isHoliday(locale, day) ? 0.2 : 1;
}
