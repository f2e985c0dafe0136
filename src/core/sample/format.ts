/**
 * How dates and times are written in each locale's files. Times inside the generator
 * are "local milliseconds": wall-clock time of the company's users, counted as if it
 * were UTC. Only the event export turns them into instants with an offset.
 *
 * - en: dates `2025-01-05`, local timestamps `2025-01-05 09:12:33`, event times in
 *   UTC with `Z` (`2025-01-05T14:12:33.120Z`, as PostHog/Amplitude exports).
 * - ja: dates `2025/01/05`, local timestamps `2025/01/05 09:12:33`, survey answers as
 *   Google Forms writes them (`2025/01/05 9:12:33`, hour not padded), event times
 *   with an explicit `+09:00` offset.
 */
import { DAY_MS, partsOfDay } from './calendar.js';
import { LOCALE_FACTS, type SampleLocale } from './locale.js';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function datePart(day: number, sep: string): string {
  const p = partsOfDay(day);
  return `${p.year}${sep}${pad2(p.month)}${sep}${pad2(p.day)}`;
}

function clock(msOfDay: number, padHour: boolean): string {
  const s = Math.floor(msOfDay / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${padHour ? pad2(h) : String(h)}:${pad2(m)}:${pad2(sec)}`;
}

/** A date column value. */
export function formatDate(locale: SampleLocale, day: number): string {
  return datePart(day, locale === 'ja' ? '/' : '-');
}

/** A plain (zone-less) local timestamp, whole seconds. `survey` selects the ja survey-tool style. */
export function formatLocalTime(
  locale: SampleLocale,
  localMs: number,
  style: 'default' | 'survey' = 'default',
): string {
  const day = Math.floor(localMs / DAY_MS);
  const rest = localMs - day * DAY_MS;
  if (locale === 'ja') return `${datePart(day, '/')} ${clock(rest, style !== 'survey')}`;
  return `${datePart(day, '-')} ${clock(rest, true)}`;
}

/** An event export timestamp: ISO 8601 with milliseconds and an offset (`Z` for en, `+09:00` for ja). */
export function formatEventTime(locale: SampleLocale, localMs: number): string {
  if (locale === 'en') {
    const utc = localMs - LOCALE_FACTS.en.utcOffsetMinutes * 60_000;
    return new Date(utc).toISOString();
  }
  const day = Math.floor(localMs / DAY_MS);
  const rest = localMs - day * DAY_MS;
  return `${datePart(day, '-')}T${clock(rest, true)}.${pad3(rest % 1000)}+09:00`;
}
