/**
 * The x axis of period charts: a UTC time scale whose domain covers whole periods
 * ([first start, last start + 1 period)), bars spanning their period and points at the
 * period's middle; ticks thinned by `timeTicks` and placed under the middle of their period.
 */
import { addGrain } from './dates.js';
import { timeTicks } from './ticks.js';
import type { ChartLocale, Grain } from './types.js';

export interface TimeX {
  grain: Grain;
  start: number;
  end: number;
  /** Middle of the period starting at t. */
  mid: (t: number) => number;
  /** End (exclusive) of the period starting at t. */
  next: (t: number) => number;
  /** Plot x scale options. */
  scale: { type: 'utc'; domain: [Date, Date]; ticks: Date[]; tickFormat: (d: Date) => string; label: null };
  /** Bottom margin that fits the (possibly two-line) tick labels. */
  marginBottom: number;
  /**
   * Pixels to leave on each side of a bar: about 8 % of a period's width (0.5–6 px), or
   * more when a period is wider than MAX_BAR px (a single row), so bars stay bar-shaped.
   */
  inset: number;
  /** Milliseconds per pixel (to turn the inset into time for grouped bars). */
  msPerPx: number;
}

/** The widest a period's bar(s) may be drawn, px. */
export const MAX_BAR = 100;

export function timeX(
  times: readonly number[],
  grain: Grain,
  plotWidth: number,
  locale: ChartLocale,
  pointsOnly = false,
): TimeX {
  const next = (t: number): number => addGrain(t, grain, 1);
  const mid = (t: number): number => (pointsOnly ? t : t + (next(t) - t) / 2);
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  // Lines over daily data sit on the day itself; periods otherwise span [start, next).
  // A single day of a daily line is centred in a one-day domain.
  const half = (next(lo) - lo) / 2;
  const start = pointsOnly && hi === lo ? lo - half : lo;
  const end = pointsOnly ? (hi === lo ? hi + half : hi) : next(hi);
  const bandPx = (plotWidth * (next(hi) - hi)) / Math.max(1, end - start);
  const tt = timeTicks(start, end, plotWidth, locale, grain);
  // Ticks at period starts are moved to the middle of the data period they label.
  const positions = tt.ticks.map(mid);
  const labels = new Map<number, string>();
  positions.forEach((p, i) => labels.set(p, tt.labels[i]!));
  const inDomain = positions.filter((p) => p >= start && p <= end);
  const twoLines = tt.labels.some((l) => l.includes('\n'));
  return {
    grain,
    start,
    end,
    mid,
    next,
    scale: {
      type: 'utc',
      domain: [new Date(start), new Date(end)],
      ticks: inDomain.map((p) => new Date(p)),
      tickFormat: (d: Date) => labels.get(+d) ?? '',
      label: null,
    },
    marginBottom: twoLines ? 34 : 22,
    inset: bandPx > MAX_BAR + 12 ? (bandPx - MAX_BAR) / 2 : Math.min(6, Math.max(0.5, bandPx * 0.08)),
    msPerPx: Math.max(1, end - start) / Math.max(1, plotWidth),
  };
}
