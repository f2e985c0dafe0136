/**
 * Text of one Arrow cell for grids: dates as ISO days, timestamps without a zone,
 * numbers through Intl in the UI language. Plain TIMESTAMP values are wall-clock times
 * in the reporting offset, so they are printed as UTC fields, never shifted again.
 */
import { DataType, type Field } from 'apache-arrow';
import { isoDate, isoTimestamp } from '../../core/engine/rows.js';
import type { Locale } from '../i18n/index.svelte.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 6 });
    numberFormats.set(locale, f);
  }
  return f;
}

/** Formats a non-null cell. */
export function cellText(field: Field, v: unknown, locale: Locale): string {
  const type = field.type;
  if (DataType.isDate(type)) return isoDate(v instanceof Date ? v.getTime() : Number(v));
  if (DataType.isTimestamp(type)) return isoTimestamp(v instanceof Date ? v.getTime() : Number(v));
  if (typeof v === 'bigint') return nf(locale).format(v);
  if (typeof v === 'number') {
    // Identifiers stored as integers read better without grouping.
    return /(^|_)(id|year)$/i.test(field.name) ? String(v) : nf(locale).format(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return String(v);
}
