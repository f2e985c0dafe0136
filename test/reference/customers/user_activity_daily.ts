/**
 * Reference of the derived table user_activity_daily: one row per user and calendar day
 * with at least one event (rows without user or time are left out); customer_id = the
 * smallest non-NULL customer_id of that day's events; events = count.
 */
import type { Data } from './data.js';

export interface ActivityRow {
  user_id: string;
  customer_id: string | null;
  day: string;
  events: number;
}

export function userActivityDaily(data: Data): ActivityRow[] {
  const out = new Map<string, ActivityRow>();
  for (const e of data.events ?? []) {
    if (e.user_id === null || e.user_id === undefined || !e.event_time) continue;
    const t = String(e.event_time);
    const day = t.slice(0, 10);
    const key = `${e.user_id}|${day}`;
    let r = out.get(key);
    if (!r) {
      r = { user_id: String(e.user_id), customer_id: null, day, events: 0 };
      out.set(key, r);
    }
    r.events++;
    const c = e.customer_id === null || e.customer_id === undefined ? null : String(e.customer_id);
    if (c !== null && (r.customer_id === null || c < r.customer_id)) r.customer_id = c;
  }
  return [...out.values()];
}
