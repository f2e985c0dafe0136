/**
 * Reference helpers for product KPIs: events as plain rows, user-day activity (with the
 * user-day's customer and segment), written from KPI_SPEC "Active user (product)" and
 * the documented choices. Shares no code with the SQL.
 */
import { dayOfMs, tsMs } from './calendar.js';

export type EventRow = {
  user_id: string | null;
  event_time: string | null;
  event_name: string | null;
  customer_id: string | null;
  session_id: string | null;
};

export type CustomerRow = { customer_id: string; segment: string | null };

/** Segment lookup: the customer's segment (smallest when listed twice), '(unknown)' otherwise. */
export function segmentLookup(customers: CustomerRow[], bySegment: boolean): (cid: string | null) => string {
  const seg = new Map<string, string>();
  for (const c of customers) {
    if (c.segment === null) continue;
    const prev = seg.get(c.customer_id);
    if (prev === undefined || c.segment < prev) seg.set(c.customer_id, c.segment);
  }
  return (cid) => (!bySegment ? '(all)' : cid === null ? '(unknown)' : (seg.get(cid) ?? '(unknown)'));
}

/** Events that can be placed: user and time known. */
export function placeable(
  events: EventRow[],
): Array<EventRow & { user_id: string; event_time: string; ms: number; day: number }> {
  return events
    .filter((e) => e.user_id !== null && e.event_time !== null)
    .map((e) => ({
      ...e,
      user_id: e.user_id!,
      event_time: e.event_time!,
      ms: tsMs(e.event_time!),
      day: dayOfMs(tsMs(e.event_time!)),
    }));
}

/** First and last day with any placeable event (days since epoch), or null. */
export function eventDayRange(events: EventRow[]): { first: number; last: number } | null {
  const ev = placeable(events);
  if (ev.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const e of ev) {
    first = Math.min(first, e.day);
    last = Math.max(last, e.day);
  }
  return { first, last };
}

/** The report date when as_of is not given: the latest event date (events are the only data). */
export function eventsDataEnd(events: EventRow[]): number | null {
  let end = -Infinity;
  for (const e of events) if (e.event_time !== null) end = Math.max(end, dayOfMs(tsMs(e.event_time)));
  return end === -Infinity ? null : end;
}

export interface UserDay {
  segment: string;
  user: string;
  day: number;
}

/**
 * Active user-days up to asOf: a user is active on a day with at least one event (only
 * events named in activeEvents when that list is not empty). The user-day's customer is the
 * smallest non-NULL customer_id among those events.
 */
export function userDays(
  events: EventRow[],
  customers: CustomerRow[],
  opts: { asOf: number; activeEvents: string[]; bySegment: boolean },
): UserDay[] {
  const segOf = segmentLookup(customers, opts.bySegment);
  const cust = new Map<string, { user: string; day: number; cid: string | null }>();
  for (const e of placeable(events)) {
    if (e.day > opts.asOf) continue;
    if (opts.activeEvents.length > 0 && (e.event_name === null || !opts.activeEvents.includes(e.event_name))) continue;
    const key = `${e.user_id}\u0000${e.day}`;
    const cur = cust.get(key);
    if (!cur) cust.set(key, { user: e.user_id, day: e.day, cid: e.customer_id });
    else if (e.customer_id !== null && (cur.cid === null || e.customer_id < cur.cid)) cur.cid = e.customer_id;
  }
  return [...cust.values()].map((v) => ({ segment: segOf(v.cid), user: v.user, day: v.day }));
}

/** Segments to report: those with activity, or just '(all)' without a breakdown. */
export function segmentsOf(days: UserDay[], bySegment: boolean): string[] {
  if (!bySegment) return ['(all)'];
  return [...new Set(days.map((d) => d.segment))].sort();
}
