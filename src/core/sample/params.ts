/**
 * Generator parameters, their defaults and validation. Everything that shapes the
 * output is here; the same resolved parameters always give the same bytes.
 */
import { parseIsoDay } from './calendar.js';
import type { SampleLocale } from './locale.js';

/** What the caller may set. */
export interface SampleParams {
  /** Seed of every random stream (an integer; taken modulo 2^32). */
  seed: number;
  /** Number of customers (rows of customers.csv). */
  customers: number;
  /** History length in calendar months, ending with the month of `endDate`. */
  months: number;
  /** Last day of the data, `YYYY-MM-DD`. Fixed, never the clock. */
  endDate: string;
  /** Mean number of events on a day a tracked user is active (≥ 1). */
  eventsPerActiveDay: number;
  /**
   * Share of users other than each customer's primary user whose events are in the
   * export (product analytics exports are often sampled by user). The primary user is
   * always included, so every customer with activity has events.
   */
  eventSampleRate: number;
  /** Company variant: headers, wording, currency, date style, encoding. */
  locale: SampleLocale;
}

/** Defaults: the shipped sample company. */
export const DEFAULT_PARAMS: SampleParams = {
  seed: 20261031,
  customers: 300,
  months: 24,
  endDate: '2026-10-31',
  eventsPerActiveDay: 2,
  eventSampleRate: 0.02,
  locale: 'en',
};

/** Resolved parameters with the day numbers the generators use. */
export interface ResolvedParams extends SampleParams {
  /** Day number of the first day of the history (1st of the first month). */
  startDay: number;
  /** Day number of `endDate` (inclusive). */
  endDay: number;
}

/** Fills defaults and checks ranges; throws with the offending parameter named. */
export function resolveParams(input: Partial<SampleParams> = {}): ResolvedParams {
  const p: SampleParams = { ...DEFAULT_PARAMS, ...input };
  if (!Number.isInteger(p.seed)) throw new Error(`seed must be an integer, got ${p.seed}`);
  if (!Number.isInteger(p.customers) || p.customers < 1 || p.customers > 10_000_000) {
    throw new Error(`customers must be an integer from 1 to 10,000,000, got ${p.customers}`);
  }
  if (!Number.isInteger(p.months) || p.months < 1 || p.months > 240) {
    throw new Error(`months must be an integer from 1 to 240, got ${p.months}`);
  }
  if (!(p.eventsPerActiveDay >= 1 && p.eventsPerActiveDay <= 1000)) {
    throw new Error(`eventsPerActiveDay must be from 1 to 1000, got ${p.eventsPerActiveDay}`);
  }
  if (!(p.eventSampleRate >= 0 && p.eventSampleRate <= 1)) {
    throw new Error(`eventSampleRate must be from 0 to 1, got ${p.eventSampleRate}`);
  }
  if (p.locale !== 'en' && p.locale !== 'ja') throw new Error(`locale must be en or ja, got ${String(p.locale)}`);
  const endDay = parseIsoDay(p.endDate);
  const [y, m] = p.endDate.split('-').map(Number) as [number, number];
  const startDay = Date.UTC(y, m - p.months, 1) / 86_400_000;
  return { ...p, seed: p.seed >>> 0, startDay, endDay };
}
