/**
 * Signup dates. The company grows: the signup rate at the end of the history is three
 * times the rate at its start. Customer `i`'s date is the inverse of that growth curve
 * at a jittered quantile (i + u) / N, so dates rise with the index (customer ids follow
 * signup order, as in real systems) and each date is computed without the others.
 */
import { hashFloat } from './prng.js';
import type { ResolvedParams } from './params.js';
import { TAG } from './tags.js';

/** Ratio of the signup rate at the end of the history to the rate at its start. */
export const SIGNUP_GROWTH = 3;

/** Signup day of customer `index` (0-based). */
export function signupDayOf(p: ResolvedParams, index: number): number {
  const span = p.endDay - p.startDay + 1;
  const q = (index + hashFloat(p.seed, TAG.signup, index)) / p.customers;
  const g = Math.log(SIGNUP_GROWTH) / span;
  const t = Math.log(1 + q * (Math.exp(g * span) - 1)) / g;
  return p.startDay + Math.min(span - 1, Math.max(0, Math.floor(t)));
}
