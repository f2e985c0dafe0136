/**
 * Shared fast-check building blocks for the product, support and costs KPI tests:
 * timestamps near day and month boundaries, small id sets, customers with segments.
 */
import fc from 'fast-check';

export const BASE_DAY = '2024-01-01';
const BASE_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** Formats epoch ms as `YYYY-MM-DD HH:MM:SS(.mmm)`. */
export function fmtTs(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  const frac = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '000' ? '' : `.${frac}`}`;
}

/** Formats a day offset from BASE_DAY as `YYYY-MM-DD`. */
export function fmtDay(offset: number): string {
  return new Date(BASE_MS + offset * DAY_MS).toISOString().slice(0, 10);
}

/** A time of day in ms, biased to the first and last second of the day. */
export const timeOfDay = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(DAY_MS - 1000) },
  { weight: 1, arbitrary: fc.constant(DAY_MS - 1) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 86_399 }).map((s) => s * 1000) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: DAY_MS - 1 }) },
);

/** Day offsets (from BASE_DAY) biased to month ends/starts around Jan–May 2024. */
export function dayOffset(maxDay: number): fc.Arbitrary<number> {
  // 2024: Jan 31 = 30, Feb 1 = 31, Feb 29 = 59, Mar 1 = 60, Mar 31 = 90, Apr 1 = 91, Apr 30 = 120
  const boundaries = [0, 30, 31, 59, 60, 90, 91, 120, 121].filter((d) => d <= maxDay);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...boundaries) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: maxDay }) },
  );
}

/** An instant (epoch ms) on one of the days 0..maxDay. */
export function instant(maxDay: number): fc.Arbitrary<number> {
  return fc.tuple(dayOffset(maxDay), timeOfDay).map(([d, t]) => BASE_MS + d * DAY_MS + t);
}

export const CUSTOMER_IDS = ['c1', 'c2', 'c3', 'c4'];

/** Customers with a segment (or NULL segment); some ids used in facts stay unknown. */
export const customersArb = fc
  .subarray(CUSTOMER_IDS)
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.constantFrom('SMB', 'Enterprise', 'Mid', null).map((segment) => ({ customer_id: id, segment })),
      ),
    ),
  );

/** A customer id as found on a fact row: known, unknown to customers, or NULL. */
export const factCustomerId = fc.constantFrom<string | null>('c1', 'c2', 'c3', 'c4', 'zz', null);

/** A report date: NULL (data end) or a day offset, occasionally before all data. */
export function asOfArb(maxDay: number): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: dayOffset(maxDay + 10).map(fmtDay) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }).map(fmtDay) },
  );
}

export const grainArb = fc.constantFrom('day', 'week', 'month', 'quarter', 'year') as fc.Arbitrary<
  'day' | 'week' | 'month' | 'quarter' | 'year'
>;
export const weekStartArb = fc.constantFrom('monday', 'sunday') as fc.Arbitrary<'monday' | 'sunday'>;
export const breakdownArb = fc.constantFrom('none', 'segment') as fc.Arbitrary<'none' | 'segment'>;

export type GenEvent = {
  user_id: string | null;
  event_time: string | null;
  event_name: string | null;
  customer_id: string | null;
  session_id: string | null;
};

const userIdArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6') },
  { weight: 1, arbitrary: fc.constant(null) },
);
const eventNameArb = fc.constantFrom<string | null>('a', 'a', 'b', 'c', null);
const sessionIdArb = fc.constantFrom<string | null>('s1', 's2', 's3', null, null);

/** One event at a random instant of days 0..maxDay (rarely without user or time). */
export function eventArb(maxDay: number): fc.Arbitrary<GenEvent> {
  return fc.record({
    user_id: userIdArb,
    event_time: fc.oneof(
      { weight: 20, arbitrary: instant(maxDay).map(fmtTs) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    event_name: eventNameArb,
    customer_id: factCustomerId,
    session_id: sessionIdArb,
  });
}

/** A run of daily activity: one user, consecutive (or every k-th) days, optionally several events a day. */
export function streakArb(maxDay: number): fc.Arbitrary<GenEvent[]> {
  return fc
    .record({
      user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'),
      start: dayOffset(maxDay),
      len: fc.integer({ min: 1, max: 12 }),
      step: fc.constantFrom(1, 1, 2, 7, 8, 29, 30, 31),
      perDay: fc.integer({ min: 1, max: 3 }),
      name: eventNameArb,
      customer_id: factCustomerId,
      time: timeOfDay,
      gapMin: fc.constantFrom(1, 10, 29, 30, 31, 45, 200),
    })
    .map((s) => {
      const out: GenEvent[] = [];
      for (let i = 0; i < s.len; i++) {
        const day = s.start + i * s.step;
        if (day > maxDay) break;
        for (let k = 0; k < s.perDay; k++) {
          const ms = BASE_MS + day * DAY_MS + Math.min(s.time + k * s.gapMin * 60_000, DAY_MS - 1);
          out.push({
            user_id: s.user,
            event_time: fmtTs(ms),
            event_name: s.name,
            customer_id: s.customer_id,
            session_id: k === 0 ? 's1' : 's2',
          });
        }
      }
      return out;
    });
}

/** Events: scattered ones plus a few streaks (gaps, reactivations, boundaries). */
export function eventsArb(maxDay: number, maxScattered = 25): fc.Arbitrary<GenEvent[]> {
  return fc
    .tuple(fc.array(eventArb(maxDay), { maxLength: maxScattered }), fc.array(streakArb(maxDay), { maxLength: 3 }))
    .map(([a, b]) => [...a, ...b.flat()]);
}

export const activeEventsArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string[]>([]) },
  { weight: 2, arbitrary: fc.subarray(['a', 'b', 'zzz'], { minLength: 1 }) },
);
