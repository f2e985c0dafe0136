/**
 * How a KPI view's parameters read in the report: each parameter's value as the KPI ran
 * with it (defaults filled in by the runner), in the reader's language.
 */
import type { ParamSpec } from '../../core/kpi/types.js';
import type { Locale } from '../i18n/index.svelte.js';
import { valueLabel } from '../i18n/values.js';
import { formatDate, formatNumber } from '../format/numbers.js';

/** Words the caller supplies in the current language. */
export interface ParamWords {
  none: string;
  yes: string;
  no: string;
}

/** One parameter value as text: dates and numbers through Intl, enum values by their labels. */
export function paramText(spec: ParamSpec, value: unknown, locale: Locale, words: ParamWords): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return words.none;
  if (Array.isArray(value)) return value.map(String).join(', ');
  switch (spec.type) {
    case 'date':
      return formatDate(String(value), locale, 'day');
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? formatNumber(n, locale, 4) : String(value);
    }
    case 'boolean':
      return value === true || value === 'true' ? words.yes : words.no;
    case 'enum':
      return valueLabel(String(value), locale);
    default:
      return String(value);
  }
}

/**
 * The value a parameter has in a view: what the KPI ran with when known (`resolved`),
 * else what the link says (`given`), else the header's default.
 */
export function paramValue(
  spec: ParamSpec,
  given: Record<string, string>,
  resolved: Record<string, unknown> | null,
): unknown {
  if (resolved && spec.name in resolved) return resolved[spec.name];
  if (spec.name in given) return given[spec.name];
  return spec.default;
}
