/**
 * Locale-aware formatting through Intl: numbers, byte sizes, dates. The UI never
 * formats numbers by hand.
 */
import type { Locale } from '../i18n/index.svelte.js';
import { intlDate, intlNumber } from './intl.js';

const tag = (l: Locale): string => (l === 'ja' ? 'ja-JP' : 'en-US');

/** A shared Intl.NumberFormat for the UI language and these options. */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return intlNumber(tag(locale), options);
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return intlDate(tag(locale), options);
}

/** A count or plain number. */
export function formatNumber(n: number | null | undefined, locale: Locale, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A fraction as a percentage (0.8 -> 80%). */
export function formatPercent(n: number | null | undefined, locale: Locale, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

/** Money in the reporting currency. */
export function formatCurrency(
  n: number | null | undefined,
  locale: Locale,
  currency: string,
  compact = false,
): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return numberFormat(locale, {
    style: 'currency',
    currency,
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : currency === 'JPY' ? 0 : 2,
  }).format(n);
}

/** Bytes as KB/MB/GB. */
export function formatBytes(n: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i ? 1 : 0,
  }).format(v);
}

/** An ISO date (`YYYY-MM-DD`) in the locale's style, without time-zone shifts. */
export function formatDate(iso: string | null | undefined, locale: Locale, grain: 'day' | 'month' = 'day'): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  const opts: Intl.DateTimeFormatOptions =
    grain === 'month'
      ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return dateFormat(locale, opts).format(d);
}

/**
 * A moment (ISO 8601 with offset, e.g. when a mapping was remembered) as date and time
 * in this browser's time zone. Not for data values, which carry no zone.
 */
export function formatMoment(iso: string | null | undefined, locale: Locale): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '–';
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}
