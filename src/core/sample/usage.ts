/**
 * When a customer uses the product, and how intensely: usage stretches (the trial and
 * the paid periods with usage, merged across short gaps) and an engagement factor that
 * fades over the weeks before a customer leaves.
 */
import type { Period, Stretch } from './types.js';

/** Gaps up to this many days (e.g. between trial end and the first invoice) do not break a stretch. */
export const MERGE_GAP_DAYS = 25;

/** Usage stretches, sorted and non-overlapping, clipped to the data end. */
export function buildStretches(
  trial: { start: number; end: number } | null,
  periods: readonly Period[],
  endDay: number,
): Stretch[] {
  const spans: Array<[number, number, boolean]> = [];
  if (trial) spans.push([trial.start, trial.end, true]);
  for (const p of periods) if (p.usage) spans.push([p.start, p.end ?? endDay + 1, false]);
  spans.sort((a, b) => a[0] - b[0]);
  const out: Stretch[] = [];
  let trialOnly = true;
  for (const [from, to, isTrial] of spans) {
    const last = out[out.length - 1];
    if (last && from <= last.to + MERGE_GAP_DAYS) {
      last.to = Math.max(last.to, to);
      if (!isTrial) trialOnly = false;
      last.fadeDays = trialOnly ? 10 : 75;
      continue;
    }
    trialOnly = isTrial;
    out.push({ from, to, churned: false, fadeDays: isTrial ? 10 : 75 });
  }
  for (const s of out) {
    s.to = Math.min(s.to, endDay + 1);
    s.churned = s.to <= endDay;
  }
  return out.filter((s) => s.to > s.from && s.from <= endDay);
}

/** The stretch containing `day`, or null. */
export function stretchAt(stretches: readonly Stretch[], day: number): Stretch | null {
  for (const s of stretches) if (day >= s.from && day < s.to) return s;
  return null;
}

/**
 * Engagement multiplier on `day` within stretch `s`: 1 normally, fading linearly to
 * 0.12 over the `fadeDays` before a churned end, and 1.3 in the stretch's first two
 * weeks (onboarding).
 */
export function engagementIn(s: Stretch, day: number): number {
  let e = 1;
  if (s.churned) e = Math.min(1, Math.max(0.12, (s.to - day) / s.fadeDays));
  if (day - s.from < 14) e *= 1.3;
  return e;
}
