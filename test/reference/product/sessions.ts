/**
 * Reference implementation of `sessions` (KPI_SPEC "sessions") with plain loops over events.
 */
import {
  dayNum,
  dayOfMs,
  dayStr,
  nextPeriod,
  periodsBetween,
  periodStart,
  quantileCont,
  type Grain,
  type WeekStart,
} from './calendar.js';
import { eventDayRange, eventsDataEnd, placeable, segmentLookup, type CustomerRow, type EventRow } from './activity.js';

export interface SessionsParams {
  as_of?: string | null;
  grain?: Grain;
  week_start?: WeekStart;
  session_gap_minutes?: number;
  session_source?: 'auto' | 'gap' | 'session_id';
  breakdown?: 'none' | 'segment';
}

interface Session {
  user: string;
  start: number;
  end: number;
  cid: string | null;
}

export function sessionsReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: SessionsParams,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'month';
  const ws = params.week_start ?? 'monday';
  const gapMs = (params.session_gap_minutes ?? 30) * 60_000;
  const source = params.session_source ?? 'auto';
  const bySegment = params.breakdown === 'segment';
  const asOf = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  const range = eventDayRange(events);
  if (asOf === null || range === null || range.first > asOf) return [];
  const useSid = source === 'session_id' || (source === 'auto' && events.some((e) => e.session_id !== null));

  const evs = placeable(events).filter((e) => e.day <= asOf);
  const sessions: Session[] = [];
  // The customer of a user on a day: the smallest customer_id among that day's events.
  const dayCustomer = new Map<string, string>();
  for (const e of placeable(events)) {
    const k = `${e.user_id}\u0000${e.day}`;
    if (e.customer_id !== null && (!dayCustomer.has(k) || e.customer_id < dayCustomer.get(k)!))
      dayCustomer.set(k, e.customer_id);
  }
  const add = (group: typeof evs, user: string): void => {
    const start = Math.min(...group.map((e) => e.ms));
    sessions.push({
      user,
      start,
      end: Math.max(...group.map((e) => e.ms)),
      cid: dayCustomer.get(`${user}\u0000${dayOfMs(start)}`) ?? null,
    });
  };
  const users = [...new Set(evs.map((e) => e.user_id))];
  for (const u of users) {
    const mine = evs.filter((e) => e.user_id === u);
    const bySid = new Map<string, typeof evs>();
    const loose: typeof evs = [];
    for (const e of mine) {
      if (useSid && e.session_id !== null) {
        if (!bySid.has(e.session_id)) bySid.set(e.session_id, []);
        bySid.get(e.session_id)!.push(e);
      } else loose.push(e);
    }
    for (const g of bySid.values()) add(g, u);
    loose.sort((a, b) => a.ms - b.ms);
    let cur: typeof evs = [];
    for (const e of loose) {
      if (cur.length > 0 && e.ms - cur[cur.length - 1]!.ms > gapMs) {
        add(cur, u);
        cur = [];
      }
      cur.push(e);
    }
    if (cur.length) add(cur, u);
  }

  const segOf = segmentLookup(customers, bySegment);
  const segs = bySegment ? [...new Set(sessions.map((s) => segOf(s.cid)))].sort() : ['(all)'];
  const out: Record<string, unknown>[] = [];
  for (const p of periodsBetween(range.first, asOf, grain, ws)) {
    for (const seg of segs) {
      const mine = sessions.filter((s) => segOf(s.cid) === seg && periodStart(dayOfMs(s.start), grain, ws) === p);
      const minutes = mine.map((s) => (s.end - s.start) / 60_000);
      const nUsers = new Set(mine.map((s) => s.user)).size;
      const last = nextPeriod(p, grain) - 1;
      out.push({
        period: dayStr(p),
        ...(bySegment ? { segment: seg } : {}),
        sessions: mine.length,
        sessions_per_user: nUsers ? mine.length / nUsers : null,
        avg_session_minutes: minutes.length ? minutes.reduce((a, b) => a + b, 0) / minutes.length : null,
        median_session_minutes: quantileCont(minutes, 0.5),
        is_complete: last <= asOf && last <= range.last,
      });
    }
  }
  return out;
}
