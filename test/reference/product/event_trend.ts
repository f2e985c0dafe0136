/**
 * Reference implementation of `event_trend` (KPI_SPEC "event_trend"), plain loops.
 */
import { dayNum, dayStr, nextPeriod, periodsBetween, periodStart, type Grain, type WeekStart } from './calendar.js';
import { eventDayRange, eventsDataEnd, placeable, segmentLookup, type CustomerRow, type EventRow } from './activity.js';

export interface EventTrendParams {
  as_of?: string | null;
  grain?: Grain;
  week_start?: WeekStart;
  event_names?: string[];
  split_by_event?: boolean;
  breakdown?: 'none' | 'segment';
}

export function eventTrendReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: EventTrendParams,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'month';
  const ws = params.week_start ?? 'monday';
  const split = params.split_by_event ?? true;
  const list = params.event_names ?? [];
  const bySegment = params.breakdown === 'segment';
  const segOf = segmentLookup(customers, bySegment);
  const asOf = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  const range = eventDayRange(events);
  if (asOf === null || range === null || range.first > asOf) return [];
  const chosen = placeable(events).filter(
    (e) => e.day <= asOf && e.event_name !== null && (list.length === 0 || list.includes(e.event_name)),
  );
  const nameOf = (n: string): string => (split ? n : '(all)');
  const names = split ? [...new Set([...list, ...chosen.map((e) => e.event_name!)])].sort() : ['(all)'];
  const segs = bySegment ? [...new Set(chosen.map((e) => segOf(e.customer_id)))].sort() : ['(all)'];
  const out: Record<string, unknown>[] = [];
  for (const p of periodsBetween(range.first, asOf, grain, ws)) {
    for (const seg of segs) {
      for (const name of names) {
        const mine = chosen.filter(
          (e) => periodStart(e.day, grain, ws) === p && segOf(e.customer_id) === seg && nameOf(e.event_name!) === name,
        );
        const last = nextPeriod(p, grain) - 1;
        out.push({
          period: dayStr(p),
          ...(bySegment ? { segment: seg } : {}),
          event_name: name,
          events: mine.length,
          users: new Set(mine.map((e) => e.user_id)).size,
          is_complete: last <= asOf && last <= range.last,
        });
      }
    }
  }
  return out;
}
