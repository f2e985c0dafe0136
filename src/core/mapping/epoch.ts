/**
 * Numeric dates: epoch seconds, milliseconds or microseconds (told apart by magnitude)
 * and `YYYYMMDD` integers.
 */
import type { EpochUnit } from './types.js';

/** Plausible epoch ranges (1973 … 2096) per unit; the ranges do not overlap. */
export const EPOCH_RANGES: Record<'s' | 'ms' | 'us', readonly [number, number]> = {
  s: [1e8, 4e9],
  ms: [1e11, 4e12],
  us: [1e14, 4e15],
};

/** True when n reads as a `YYYYMMDD` date between 1900 and 2100. */
export function isYyyymmdd(n: number): boolean {
  if (!Number.isInteger(n) || n < 19000101 || n > 21001231) return false;
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** The epoch unit of one number by magnitude, `yyyymmdd`, or null when implausible. */
export function epochUnitOf(n: number): 's' | 'ms' | 'us' | 'yyyymmdd' | null {
  if (isYyyymmdd(n)) return 'yyyymmdd';
  const a = Math.abs(n);
  for (const unit of ['s', 'ms', 'us'] as const) {
    const [lo, hi] = EPOCH_RANGES[unit];
    if (a >= lo && a < hi) return unit;
  }
  return null;
}

/**
 * The unit of a column of numeric dates: the common unit when all samples agree,
 * `auto` (decided per value in SQL) when they mix or read as YYYYMMDD, null when the
 * numbers do not look like dates at all.
 */
export function detectEpochUnit(numbers: readonly number[]): EpochUnit | null {
  if (numbers.length === 0) return null;
  const units = new Set(numbers.map(epochUnitOf));
  if (units.has(null)) return null;
  if (units.size === 1) {
    const [u] = units;
    return u === 'yyyymmdd' ? 'auto' : (u as EpochUnit);
  }
  return 'auto';
}
