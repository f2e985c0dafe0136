/**
 * Reference implementation of `stickiness` (KPI_SPEC "stickiness", PostHog style), plain loops.
 */
import { dayNum, periodsBetween, periodStart, type WeekStart } from './calendar.js';
import { eventsDataEnd, segmentsOf, userDays, type CustomerRow, type EventRow } from './activity.js';

export interface StickinessParams {
  as_of?: string | null;
  date_from?: string | null;
  date_to?: string | null;
  grain?: 'day' | 'week' | 'month';
  week_start?: WeekStart;
  cumulative?: boolean;
  active_events?: string[];
  breakdown?: 'none' | 'segment';
}

export function stickinessReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: StickinessParams,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'day';
  const ws = params.week_start ?? 'monday';
  const bySegment = params.breakdown === 'segment';
  const asOf = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  if (asOf === null) return [];
  const to = Math.min(params.date_to ? dayNum(params.date_to) : asOf, asOf);
  const from = params.date_from ? dayNum(params.date_from) : to - 29;
  if (from > to) return [];
  const n = periodsBetween(from, to, grain, ws).length;
  const days = userDays(events, customers, { asOf: to, activeEvents: params.active_events ?? [], bySegment }).filter(
    (d) => d.day >= from && d.day <= to,
  );
  // distinct active periods per (segment, user)
  const periods = new Map<string, Set<number>>();
  for (const d of days) {
    const key = `${d.segment}\u0000${d.user}`;
    if (!periods.has(key)) periods.set(key, new Set());
    periods.get(key)!.add(periodStart(d.day, grain, ws));
  }
  const out: Record<string, unknown>[] = [];
  const segs = segmentsOf(days, bySegment);
  for (let k = 1; k <= n; k++) {
    for (const seg of segs) {
      let users = 0;
      for (const [key, set] of periods) {
        if (key.split('\u0000')[0] !== seg) continue;
        if (params.cumulative ? set.size >= k : set.size === k) users++;
      }
      out.push({ active_periods: k, ...(bySegment ? { segment: seg } : {}), users });
    }
  }
  return out;
}
