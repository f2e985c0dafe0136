/**
 * Locale-aware formatters for axes and tooltips, all through Intl (en-US / ja-JP, UTC).
 * Self-contained: the chart layer does not import the Svelte i18n store.
 */
import type { OutputUnit } from '../../core/kpi/types.js';
import type { ChartLocale, Grain } from './types.js';
import { intlDate, intlNumber } from '../format/intl.js';

export type Formatter = (value: number | null | undefined) => string;

export const localeTag = (l: ChartLocale): string => (l === 'ja' ? 'ja-JP' : 'en-US');

const MISSING = '–';

function guard(f: (n: number) => string): Formatter {
  return (v) => (v === null || v === undefined || !Number.isFinite(v) ? MISSING : f(v));
}

/** Plain number (counts, scores). `compact` for axes: 12K / 1.2万. */
export function numberFormat(locale: ChartLocale, opts: { compact?: boolean; digits?: number } = {}): Formatter {
  const nf = intlNumber(localeTag(locale), {
    notation: opts.compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.digits ?? (opts.compact ? 1 : 2),
  });
  return guard((n) => nf.format(n));
}

/** A fraction as a percentage: 0.8 -> 80%. */
export function percentFormat(locale: ChartLocale, digits = 0): Formatter {
  const nf = intlNumber(localeTag(locale), {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  return guard((n) => nf.format(n));
}

/** Money; `compact` for axes ($12K, ￥120万). */
export function currencyFormat(locale: ChartLocale, currency = 'USD', compact = false): Formatter {
  let nf: Intl.NumberFormat;
  try {
    nf = intlNumber(localeTag(locale), {
      style: 'currency',
      currency,
      notation: compact ? 'compact' : 'standard',
      minimumFractionDigits: 0,
      maximumFractionDigits: compact ? 1 : currency === 'JPY' || currency === 'KRW' ? 0 : 2,
    });
  } catch {
    // An unknown currency code: plain numbers rather than a crash.
    return numberFormat(locale, { compact });
  }
  return guard((n) => nf.format(n));
}

/** A duration in `minute`/`hour`/`day` (Intl unit style: "45 min", "45 分"). */
export function durationFormat(locale: ChartLocale, unit: 'minute' | 'hour' | 'day', compact = false): Formatter {
  const nf = intlNumber(localeTag(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : 1,
  });
  return guard((n) => nf.format(n));
}

/** A formatter for a KPI output unit; `axis` gives the compact form used on ticks. */
export function unitFormat(
  unit: OutputUnit | undefined,
  locale: ChartLocale,
  currency: string | undefined,
  axis: boolean,
): Formatter {
  switch (unit) {
    case 'currency':
      return currencyFormat(locale, currency ?? 'USD', axis);
    case 'ratio':
      return percentFormat(locale, axis ? 0 : 1);
    case 'percent':
    case 'score':
      return numberFormat(locale, { digits: axis ? 0 : 1 });
    case 'multiple': {
      const f = numberFormat(locale, { digits: axis ? 1 : 2 });
      return (n) => (n === null || n === undefined || !Number.isFinite(n) ? f(n) : `${f(n)}×`);
    }
    case 'minutes':
      return durationFormat(locale, 'minute', axis);
    case 'hours':
      return durationFormat(locale, 'hour', axis);
    case 'days':
      return durationFormat(locale, 'day', axis);
    default:
      return numberFormat(locale, { compact: axis });
  }
}

/** A period start (epoch ms, UTC) as text for its grain: "Jan 2024", "2024年1月", "Q1 2024". */
export function periodFormat(locale: ChartLocale, grain: Grain): (t: number) => string {
  const tag = localeTag(locale);
  const dtf =
    grain === 'year'
      ? intlDate(tag, { year: 'numeric', timeZone: 'UTC' })
      : grain === 'month' || grain === 'quarter'
        ? intlDate(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' })
        : intlDate(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  if (grain === 'quarter') {
    return (t) => {
      const d = new Date(t);
      const q = Math.floor(d.getUTCMonth() / 3) + 1;
      return locale === 'ja' ? `${d.getUTCFullYear()}年 第${q}四半期` : `Q${q} ${d.getUTCFullYear()}`;
    };
  }
  return (t) => dtf.format(new Date(t));
}

/** Approximate rendered width of a label at `fontSize` px (CJK glyphs are full width). */
export function textWidth(text: string, fontSize = 10): number {
  let w = 0;
  for (const line of text.split('\n')) {
    let lw = 0;
    for (const ch of line) {
      const c = ch.codePointAt(0)!;
      lw +=
        (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xff00 && c <= 0xffef)
          ? 1
          : c < 0x20
            ? 0
            : 0.62;
    }
    w = Math.max(w, lw);
  }
  return w * fontSize;
}
