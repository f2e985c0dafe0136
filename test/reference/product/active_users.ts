/**
 * Reference implementation of `active_users` and `active_users_monthly` (KPI_SPEC
 * "active_users"): for every day, the distinct users of the window counted directly with sets.
 */
import { dayNum, dayStr, periodStart } from './calendar.js';
import { eventDayRange, eventsDataEnd, segmentsOf, userDays, type CustomerRow, type EventRow } from './activity.js';

export interface ActiveUsersParams {
  as_of?: string | null;
  mau_window_days?: number;
  active_events?: string[];
  breakdown?: 'none' | 'segment';
}

interface DailyRow {
  day: number;
  segment: string;
  dau: number;
  wau: number;
  mau: number;
  dau_mau: number | null;
  is_complete: boolean;
}

function daily(events: EventRow[], customers: CustomerRow[], params: ActiveUsersParams): DailyRow[] {
  const W = params.mau_window_days ?? 30;
  const bySegment = params.breakdown === 'segment';
  const end = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events);
  const range = eventDayRange(events);
  if (end === null || range === null || range.first > end) return [];
  const days = userDays(events, customers, { asOf: end, activeEvents: params.active_events ?? [], bySegment });
  const out: DailyRow[] = [];
  for (let d = range.first; d <= end; d++) {
    for (const seg of segmentsOf(days, bySegment)) {
      const inWindow = (w: number): number =>
        new Set(days.filter((x) => x.segment === seg && x.day <= d && x.day > d - w).map((x) => x.user)).size;
      const dau = inWindow(1);
      const mau = inWindow(W);
      out.push({
        day: d,
        segment: seg,
        dau,
        wau: inWindow(7),
        mau,
        dau_mau: mau === 0 ? null : dau / mau,
        is_complete: d <= range.last && d - (W - 1) >= range.first,
      });
    }
  }
  return out;
}

export function activeUsersReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: ActiveUsersParams,
): Record<string, unknown>[] {
  const bySegment = params.breakdown === 'segment';
  return daily(events, customers, params).map((r) => ({
    day: dayStr(r.day),
    ...(bySegment ? { segment: r.segment } : {}),
    dau: r.dau,
    wau: r.wau,
    mau: r.mau,
    dau_mau: r.dau_mau,
    is_complete: r.is_complete,
  }));
}

export function activeUsersMonthlyReference(
  events: EventRow[],
  customers: CustomerRow[],
  params: ActiveUsersParams,
): Record<string, unknown>[] {
  const bySegment = params.breakdown === 'segment';
  const rows = daily(events, customers, params);
  if (rows.length === 0) return [];
  const end = params.as_of ? dayNum(params.as_of) : eventsDataEnd(events)!;
  const lastEvent = eventDayRange(events)!.last;
  const days = userDays(events, customers, { asOf: end, activeEvents: params.active_events ?? [], bySegment });
  const months = new Map<string, { month: number; segment: string; ratios: number[] }>();
  for (const r of rows) {
    const m = periodStart(r.day, 'month');
    const key = `${m}|${r.segment}`;
    if (!months.has(key)) months.set(key, { month: m, segment: r.segment, ratios: [] });
    if (r.dau_mau !== null) months.get(key)!.ratios.push(r.dau_mau);
  }
  return [...months.values()]
    .sort((a, b) => a.month - b.month || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
    .map((m) => {
      const d = new Date(m.month * 86_400_000);
      const lastDay = Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000) - 1;
      const users = new Set(
        days.filter((x) => x.segment === m.segment && periodStart(x.day, 'month') === m.month).map((x) => x.user),
      );
      return {
        period: dayStr(m.month),
        ...(bySegment ? { segment: m.segment } : {}),
        mau_calendar: users.size,
        avg_dau_mau: m.ratios.length ? m.ratios.reduce((s, x) => s + x, 0) / m.ratios.length : null,
        is_complete: lastDay <= end && lastDay <= lastEvent,
      };
    });
}
