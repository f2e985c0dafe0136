/**
 * Formats a KPI value by the unit its header declares (currency, ratio, count, days …).
 */
import type { OutputSpec } from '../../core/kpi/types.js';
import type { Locale } from '../i18n/index.svelte.js';
import { formatCurrency, formatDate, formatNumber, formatPercent } from './numbers.js';

/** Text for one KPI value. */
export function formatUnit(
  spec: OutputSpec | undefined,
  v: unknown,
  locale: Locale,
  currency: string,
  compact = false,
): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'boolean') return v ? '✓' : '–';
  if (typeof v === 'string') return spec?.type === 'date' ? formatDate(v, locale) : v;
  if (typeof v !== 'number') return String(v);
  switch (spec?.unit) {
    case 'currency':
      return formatCurrency(v, locale, currency, compact);
    case 'ratio':
      return formatPercent(v, locale, 1);
    case 'multiple':
      return `${formatNumber(v, locale, 2)}×`;
    case 'percent':
      return `${formatNumber(v, locale, 1)}%`;
    case 'score':
      return formatNumber(v, locale, 1);
    case 'count':
      return formatNumber(v, locale, 0);
    case 'days':
    case 'hours':
    case 'minutes':
      return formatNumber(v, locale, 1);
    default:
      return formatNumber(v, locale, 2);
  }
}
