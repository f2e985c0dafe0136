/**
 * Reference implementation of `feature_adoption` (KPI_SPEC "feature_adoption"), plain sets per period.
 */
import { dayNum, dayStr, nextPeriod, periodsBetween, periodStart, type Grain, type WeekStart } from './calendar.js';
import {
  eventDayRange,
  eventsDataEnd,
  placeable,
  segmentsOf,
  userDays,
  type CustomerRow,
  type EventRow,
} from './activity.js';

export interface FeatureAdoptionParams {
  as_of?: string | null;
  grain?: Grain;
  week_start?: WeekStart;
  feature_events?: string[];
  active_events?: string[];
  breakdown?: 'none' | 'segment';
}

export function featureAdoptionReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: FeatureAdoptionParams,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'month';
  const ws = params.week_start ?? 'monday';
  const bySegment = params.breakdown === 'segment';
  const features = params.feature_events ?? [];
  const asOf = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  const range = eventDayRange(events);
  if (asOf === null || range === null || range.first > asOf) return [];
  const days = userDays(events, customers, { asOf, activeEvents: params.active_events ?? [], bySegment });
  const featureDone = new Set<string>();
  for (const e of placeable(events)) {
    if (e.day <= asOf && e.event_name !== null && features.includes(e.event_name))
      featureDone.add(`${e.user_id}\u0000${periodStart(e.day, grain, ws)}`);
  }
  const out: Record<string, unknown>[] = [];
  for (const p of periodsBetween(range.first, asOf, grain, ws)) {
    for (const seg of segmentsOf(days, bySegment)) {
      const active = new Set(
        days.filter((d) => d.segment === seg && periodStart(d.day, grain, ws) === p).map((d) => d.user),
      );
      let adopters = 0;
      for (const u of active) if (featureDone.has(`${u}\u0000${p}`)) adopters++;
      const last = nextPeriod(p, grain) - 1;
      out.push({
        period: dayStr(p),
        ...(bySegment ? { segment: seg } : {}),
        active_users: active.size,
        adopters,
        adoption_rate: active.size ? adopters / active.size : null,
        is_complete: last <= asOf && last <= range.last,
      });
    }
  }
  return out;
}
