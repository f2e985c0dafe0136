/**
 * UTC calendar arithmetic for chart x positions. KPI periods are labelled by their first
 * day as ISO `YYYY-MM-DD`; they are parsed as UTC midnight so no local time zone ever
 * shifts a bar into the neighbouring period.
 */
import type { Grain } from './types.js';

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** ISO date (or `YYYY-MM-DD HH:MM:SS`, read as UTC) -> epoch ms; null when not a date. */
export function parseIsoDate(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  // Reject 2024-02-31 and friends (Date.UTC would roll them over).
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return t;
}

/** True when the value is an ISO date string (what the KPI runner returns for DATE). */
export function isIsoDate(value: unknown): boolean {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** `t` moved by `k` periods of `grain` (month arithmetic keeps the first-of-period day). */
export function addGrain(t: number, grain: Grain, k: number): number {
  const d = new Date(t);
  switch (grain) {
    case 'day':
      return t + k * DAY;
    case 'week':
      return t + 7 * k * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, d.getUTCDate());
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * k, d.getUTCDate());
    case 'year':
      return Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());
  }
}

/**
 * The grain of a series of period starts, from the smallest gap between distinct dates
 * (1 day -> day, 7 -> week, 28–31 -> month, 89–92 -> quarter, more -> year). With fewer
 * than two distinct dates, `fallback`.
 */
export function inferGrain(times: readonly number[], fallback: Grain = 'month'): Grain {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let min = Infinity;
  for (let i = 1; i < sorted.length; i++) min = Math.min(min, sorted[i]! - sorted[i - 1]!);
  if (!Number.isFinite(min)) return fallback;
  const days = Math.round(min / DAY);
  if (days <= 1) return 'day';
  if (days <= 7) return 'week';
  if (days <= 31) return 'month';
  if (days <= 92) return 'quarter';
  return 'year';
}

/** Default grain from a column name when the data cannot tell (a single row). */
export function grainFromColumn(column: string | undefined): Grain {
  if (column === 'day' || column === 'date') return 'day';
  if (column === 'week') return 'week';
  if (column === 'quarter') return 'quarter';
  if (column === 'year') return 'year';
  return 'month';
}

export const DAY_MS = DAY;
