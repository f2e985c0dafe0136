/**
 * Text of one Arrow cell for grids: dates as ISO days, timestamps without a zone,
 * numbers through Intl in the UI language. Plain TIMESTAMP values are wall-clock times
 * in the reporting offset, so they are printed as UTC fields, never shifted again.
 */
import type { Field } from 'apache-arrow';
import { isArrowType } from '../../core/engine/arrowTypes.js';
import { isoDate, isoTimestamp } from '../../core/engine/rows.js';
import type { Locale } from '../i18n/index.svelte.js';
import { numberFormat } from './numbers.js';

const nf = (locale: Locale): Intl.NumberFormat => numberFormat(locale, { maximumFractionDigits: 6 });

/** Formats a non-null cell. */
export function cellText(field: Field, v: unknown, locale: Locale): string {
  const type = field.type;
  if (isArrowType(type, 'Date')) return isoDate(v instanceof Date ? v.getTime() : Number(v));
  if (isArrowType(type, 'Timestamp')) return isoTimestamp(v instanceof Date ? v.getTime() : Number(v));
  if (typeof v === 'bigint') return nf(locale).format(v);
  if (typeof v === 'number') {
    // Identifiers stored as integers read better without grouping.
    return /(^|_)(id|year)$/i.test(field.name) ? String(v) : nf(locale).format(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return String(v);
}
