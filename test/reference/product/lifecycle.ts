/**
 * Reference implementation of `lifecycle` (KPI_SPEC "lifecycle"): per period, sets of active users.
 */
import { dayNum, dayStr, nextPeriod, periodsBetween, periodStart, type Grain, type WeekStart } from './calendar.js';
import { eventDayRange, eventsDataEnd, segmentsOf, userDays, type CustomerRow, type EventRow } from './activity.js';

export interface LifecycleParams {
  as_of?: string | null;
  grain?: Grain;
  week_start?: WeekStart;
  active_events?: string[];
  breakdown?: 'none' | 'segment';
}

export function lifecycleReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: LifecycleParams,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'month';
  const ws = params.week_start ?? 'monday';
  const bySegment = params.breakdown === 'segment';
  const asOf = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  const range = eventDayRange(events);
  if (asOf === null || range === null || range.first > asOf) return [];
  const days = userDays(events, customers, { asOf, activeEvents: params.active_events ?? [], bySegment });
  const out: Record<string, unknown>[] = [];
  const periods = periodsBetween(range.first, asOf, grain, ws);
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    for (const seg of segmentsOf(days, bySegment)) {
      const mine = days.filter((d) => d.segment === seg);
      const activeIn = (q: number): Set<string> =>
        new Set(mine.filter((d) => periodStart(d.day, grain, ws) === q).map((d) => d.user));
      const now = activeIn(p);
      const prev = i > 0 ? activeIn(periods[i - 1]!) : new Set<string>();
      const firstPeriod = (u: string): number =>
        Math.min(...mine.filter((d) => d.user === u).map((d) => periodStart(d.day, grain, ws)));
      let n = 0;
      let r = 0;
      let s = 0;
      for (const u of now) {
        if (firstPeriod(u) === p) n++;
        else if (prev.has(u)) r++;
        else s++;
      }
      let dormant = 0;
      for (const u of prev) if (!now.has(u)) dormant++;
      const last = nextPeriod(p, grain) - 1;
      out.push({
        period: dayStr(p),
        ...(bySegment ? { segment: seg } : {}),
        new: n,
        returning: r,
        resurrecting: s,
        dormant: -dormant,
        is_complete: last <= asOf && last <= range.last,
      });
    }
  }
  return out;
}
