/**
 * events.csv: product analytics events of the tracked users, in time order. For each
 * day and each user who exists and belongs to a customer in a usage stretch, the user
 * is active with probability propensity × customer engagement × day factor; an active
 * day has one to three sessions (office-hours start times) of a few events each.
 * Milestones are added to the primary user's first session of their day.
 *
 * To keep the data end clean whatever the reader's UTC offset up to +09:00, no event is
 * written after `endDate` 23:59:59 at +09:00.
 */
import { DAY_MS } from '../calendar.js';
import { csvLine } from '../csv.js';
import { EVERYDAY_EVENTS, EVERYDAY_WEIGHTS } from '../eventCatalog.js';
import { formatEventTime } from '../format.js';
import { HEADERS } from '../headers.js';
import { LOCALE_FACTS } from '../locale.js';
import type { ResolvedParams } from '../params.js';
import { hashFloat, hashInts, Rng } from '../prng.js';
import { dayFactor, HOUR_WEIGHTS } from '../seasonality.js';
import { CustomerSweep } from '../sweep.js';
import { TAG } from '../tags.js';
import { TimeOrderedBuffer } from '../timeOrder.js';
import type { CustomerModel, UserModel } from '../types.js';
import { engagementIn, stretchAt } from '../usage.js';

const HOURS = HOUR_WEIGHTS.map((_, h) => h);
/** Mean number of sessions on an active day (1 + 0.3 + 0.08). */
const MEAN_SESSIONS = 1.38;

function hex(n: number, width: number): string {
  return (n >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(8 - width);
}

/** Session id: 12 hex digits derived from the user, day and session number. */
export function sessionIdOf(seed: number, customer: number, user: number, day: number, s: number): string {
  return (
    hex(hashInts(seed, TAG.session, customer, user, day, s), 8) +
    hex(hashInts(seed, TAG.session, s, day, user, customer), 4)
  );
}

/** Last local millisecond at which an event may be written (end of `endDate` at +09:00). */
export function eventClipLocalMs(p: ResolvedParams): number {
  return (p.endDay + 1) * DAY_MS - 9 * 3_600_000 + LOCALE_FACTS[p.locale].utcOffsetMinutes * 60_000 - 1;
}

function userDay(
  p: ResolvedParams,
  c: CustomerModel,
  u: UserModel,
  day: number,
  active: boolean,
  milestones: readonly string[],
  out: TimeOrderedBuffer<string>,
): void {
  const rng = new Rng(p.seed, TAG.dayEvents, c.index, u.n, day);
  let sessions = active ? 1 + (rng.chance(0.3) ? 1 : 0) + (rng.chance(0.08) ? 1 : 0) : 0;
  if (sessions === 0 && milestones.length > 0) sessions = 1;
  const starts: number[] = [];
  for (let s = 0; s < sessions; s++) starts.push(rng.weighted(HOURS, HOUR_WEIGHTS) * 3_600_000 + rng.int(0, 3_599_999));
  starts.sort((a, b) => a - b);
  const perSession = Math.max(1, p.eventsPerActiveDay / MEAN_SESSIONS);
  const nl = LOCALE_FACTS[p.locale].newline;
  for (let s = 0; s < sessions; s++) {
    const sid = sessionIdOf(p.seed, c.index, u.n, day, s);
    const names: string[] = [rng.chance(0.5) ? 'login' : rng.weighted(EVERYDAY_EVENTS, EVERYDAY_WEIGHTS)];
    const count = active ? 1 + rng.poisson(perSession - 1) : 1;
    for (let k = 1; k < count; k++) names.push(rng.weighted(EVERYDAY_EVENTS, EVERYDAY_WEIGHTS));
    if (s === 0) for (const m of milestones) names.splice(rng.int(1, names.length), 0, m);
    let t = day * DAY_MS + (starts[s] as number);
    for (const name of names) {
      out.add(t, csvLine([u.id, c.id, name, formatEventTime(p.locale, t), sid], nl));
      t += 2000 + Math.floor(rng.exponential(60_000));
    }
  }
}

/** Streams the header and every event as CSV lines, in time order. */
export function* eventLines(p: ResolvedParams): Generator<string> {
  yield csvLine(HEADERS.events[p.locale], LOCALE_FACTS[p.locale].newline);
  const sweep = new CustomerSweep(p);
  const buffer = new TimeOrderedBuffer<string>();
  const clip = eventClipLocalMs(p);
  for (let day = p.startDay; day <= p.endDay; day++) {
    const factor = dayFactor(p.locale, day);
    for (const c of sweep.window(day, day)) {
      const stretch = stretchAt(c.stretches, day);
      if (!stretch) continue;
      const engagement = (0.5 + c.health) * engagementIn(stretch, day) * factor;
      const today: string[] = [];
      for (const m of c.milestones) {
        if (m.day > day) break;
        if (m.day === day) today.push(m.name);
      }
      for (const u of c.users) {
        if (!u.tracked || day < u.join || day >= u.leave) continue;
        const mine = u.n === 0 ? today : [];
        const active = hashFloat(p.seed, TAG.activeDay, c.index, u.n, day) < Math.min(0.95, u.propensity * engagement);
        if (active || mine.length > 0) userDay(p, c, u, day, active, mine, buffer);
      }
    }
    for (const line of buffer.takeBefore(Math.min((day + 1) * DAY_MS, clip + 1))) yield line;
  }
  for (const line of buffer.takeBefore(clip + 1)) yield line;
}
