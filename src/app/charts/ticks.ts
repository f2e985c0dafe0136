/**
 * Tick thinning. Plot's own tick count depends only on the width, not on how long the
 * labels are, so Japanese labels or 100+ months overlap. These helpers choose ticks
 * whose estimated labels never collide (label widths estimated with `textWidth`).
 */
import { addGrain, DAY_MS } from './dates.js';
import { localeTag, textWidth } from './format.js';
import { intlDate } from '../format/intl.js';
import type { ChartLocale, Grain } from './types.js';

/** Minimum free space between two tick labels, px. */
export const TICK_GAP = 8;

type TickUnit = 'day' | 'week' | 'month' | 'year';
interface Candidate {
  unit: TickUnit;
  step: number;
}

const CANDIDATES: readonly Candidate[] = [
  { unit: 'day', step: 1 },
  { unit: 'day', step: 2 },
  { unit: 'week', step: 1 },
  { unit: 'week', step: 2 },
  { unit: 'month', step: 1 },
  { unit: 'month', step: 2 },
  { unit: 'month', step: 3 },
  { unit: 'month', step: 6 },
  { unit: 'year', step: 1 },
  { unit: 'year', step: 2 },
  { unit: 'year', step: 5 },
  { unit: 'year', step: 10 },
  { unit: 'year', step: 20 },
  { unit: 'year', step: 50 },
  { unit: 'year', step: 100 },
];

const RANK: Record<Grain, number> = { day: 0, week: 1, month: 2, quarter: 2, year: 3 };
const UNIT_RANK: Record<TickUnit, number> = { day: 0, week: 1, month: 2, year: 3 };
const APPROX_MS: Record<TickUnit, number> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30.4 * DAY_MS,
  year: 365.25 * DAY_MS,
};

function generate(start: number, end: number, c: Candidate): number[] {
  const out: number[] = [];
  const d = new Date(start);
  let t: number;
  switch (c.unit) {
    case 'day':
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (t < start) t += DAY_MS;
      // Align multi-day steps on the epoch so ticks do not jump when the domain moves.
      while (Math.round(t / DAY_MS) % c.step !== 0) t += DAY_MS;
      for (; t <= end; t += c.step * DAY_MS) out.push(t);
      return out;
    case 'week': {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (t < start) t += DAY_MS;
      while (new Date(t).getUTCDay() !== 1) t += DAY_MS; // Mondays
      for (; t <= end; t += 7 * c.step * DAY_MS) out.push(t);
      return out;
    }
    case 'month': {
      const y = d.getUTCFullYear();
      let m = d.getUTCMonth();
      if (Date.UTC(y, m, 1) < start) m++;
      while ((((m % 12) + 12) % 12) % c.step !== 0) m++;
      for (t = Date.UTC(y, m, 1); t <= end; m += c.step, t = Date.UTC(y, m, 1)) out.push(t);
      return out;
    }
    case 'year': {
      let y = d.getUTCFullYear();
      if (Date.UTC(y, 0, 1) < start) y++;
      while (y % c.step !== 0) y++;
      for (t = Date.UTC(y, 0, 1); t <= end; y += c.step, t = Date.UTC(y, 0, 1)) out.push(t);
      return out;
    }
  }
}

function labeller(locale: ChartLocale, unit: TickUnit): (t: number, prev: number | undefined) => string {
  const tag = localeTag(locale);
  const year = intlDate(tag, { year: 'numeric', timeZone: 'UTC' });
  const month = intlDate(tag, { month: 'short', timeZone: 'UTC' });
  const day = intlDate(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const y = (t: number): number => new Date(t).getUTCFullYear();
  if (unit === 'year') return (t) => year.format(t);
  const f = unit === 'month' ? month : day;
  return (t, prev) => (prev === undefined || y(prev) !== y(t) ? `${f.format(t)}\n${year.format(t)}` : f.format(t));
}

export interface TimeTicks {
  /** Tick positions (epoch ms, UTC). */
  ticks: number[];
  /** Label of each tick (may hold a second line with the year). */
  labels: string[];
  unit: TickUnit;
  step: number;
}

/**
 * Non-overlapping ticks for a UTC time axis of `lengthPx` pixels over [start, end]:
 * the finest calendar step (day, 2 days, week, 2 weeks, month, 2, 3, 6 months, 1, 2, 5,
 * 10… years) whose labels, at their estimated width plus TICK_GAP, do not collide, and
 * never finer than the data's `grain`.
 */
export function timeTicks(
  start: number,
  end: number,
  lengthPx: number,
  locale: ChartLocale,
  grain: Grain = 'day',
  fontSize = 10,
): TimeTicks {
  const span = Math.max(end - start, 1);
  const pxPerMs = lengthPx / span;
  let last: TimeTicks | null = null;
  for (const c of CANDIDATES) {
    if (UNIT_RANK[c.unit] < RANK[grain]) continue;
    if (grain === 'quarter' && c.unit === 'month' && c.step < 3) continue;
    if (span / (APPROX_MS[c.unit] * c.step) > lengthPx / 4) continue; // far too dense
    const ticks = generate(start, end, c);
    const fmt = labeller(locale, c.unit);
    const labels = ticks.map((t, i) => fmt(t, ticks[i - 1]));
    last = { ticks, labels, unit: c.unit, step: c.step };
    if (ticks.length <= 1) {
      // Nothing can overlap; but prefer a finer step that still gives two ticks.
      if (ticks.length === 1) return last;
      continue;
    }
    let ok = true;
    for (let i = 1; i < ticks.length && ok; i++) {
      const room = (ticks[i]! - ticks[i - 1]!) * pxPerMs;
      const need = (textWidth(labels[i]!, fontSize) + textWidth(labels[i - 1]!, fontSize)) / 2 + TICK_GAP;
      if (room < need) ok = false;
    }
    if (ok) return last;
  }
  // A domain shorter than one step of the finest allowed unit: label its start.
  if (!last || last.ticks.length === 0) {
    const unit: TickUnit = grain === 'quarter' ? 'month' : grain;
    return { ticks: [start], labels: [labeller(locale, unit)(start, undefined)], unit, step: 1 };
  }
  return last;
}

const NICE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 25, 30, 50, 60, 100, 120, 200, 250, 500, 1000];

/** The smallest "nice" step (1, 2, 3, 4, 5, 6, 10, 12, …) that is at least `k`. */
export function niceStep(k: number): number {
  for (const s of NICE_STEPS) if (s >= k) return s;
  return Math.ceil(k);
}

/**
 * Thins the labels of a band axis of `lengthPx` with `values.length` bands: every k-th
 * value (k nice), so that the widest label plus TICK_GAP fits in k bands.
 * `labelOf` gives each value's label (for width estimation).
 */
export function thinBand<T>(
  values: readonly T[],
  lengthPx: number,
  labelOf: (v: T) => string,
  fontSize = 10,
  vertical = false,
): T[] {
  if (values.length === 0) return [];
  const band = lengthPx / values.length;
  const widest = vertical ? fontSize * 1.2 : Math.max(...values.map((v) => textWidth(labelOf(v), fontSize)));
  const k = niceStep(Math.max(1, Math.ceil((widest + (vertical ? 2 : TICK_GAP)) / Math.max(band, 1e-9))));
  return values.filter((_, i) => i % k === 0);
}

/** The period following `t` (for bar extents). */
export function periodEnd(t: number, grain: Grain): number {
  return addGrain(t, grain, 1);
}
