/**
 * Reference of onboarding, from KPI_SPEC section 3 ("onboarding") and the KPI's documented
 * choices: signup date = customers.signup_date, else first subscription start, else first
 * event; completion = first day (on or after signup, up to as_of) with a completion event
 * (any) or by which every completion event happened (all), within window_days.
 */
import { addPeriods, dayNum, dayStr, periodEnd, periodStart, type Grain } from './calendar.js';
import { dataEnd, segmentOf, type Data } from './data.js';

export interface OnboardingParams {
  as_of?: string | null;
  grain: Grain;
  week_start: 'monday' | 'sunday';
  completion_events: string[];
  completion_rule: 'any' | 'all';
  window_days: number;
  breakdown: 'none' | 'segment';
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function onboarding(data: Data, p: OnboardingParams) {
  const end = dataEnd(data);
  const asOf = p.as_of ? dayNum(p.as_of) : end;
  if (asOf === null) return [];
  const seg = segmentOf(data);
  const signup = new Map<string, number | null>();
  const fromCustomers = new Map<string, number>();
  for (const c of data.customers ?? []) {
    if (c.customer_id === null || c.customer_id === undefined) continue;
    const id = String(c.customer_id);
    signup.set(id, null);
    if (c.signup_date) {
      const d = dayNum(String(c.signup_date));
      fromCustomers.set(id, Math.min(d, fromCustomers.get(id) ?? d));
    }
  }
  const firstSub = new Map<string, number>();
  for (const s of data.subscription_periods ?? []) {
    if (s.customer_id === null || s.customer_id === undefined || !s.start_date) continue;
    const id = String(s.customer_id);
    const d = dayNum(String(s.start_date));
    firstSub.set(id, Math.min(d, firstSub.get(id) ?? d));
  }
  const firstEvent = new Map<string, number>();
  let lastEvent: number | null = null;
  for (const e of data.events ?? []) {
    if (!e.event_time) continue;
    const d = dayNum(String(e.event_time));
    lastEvent = lastEvent === null ? d : Math.max(lastEvent, d);
    if (e.customer_id === null || e.customer_id === undefined) continue;
    const id = String(e.customer_id);
    firstEvent.set(id, Math.min(d, firstEvent.get(id) ?? d));
  }
  const ids = new Set([...signup.keys(), ...firstSub.keys(), ...firstEvent.keys()]);
  const P = (d: number): number => periodStart(d, p.grain, p.week_start);
  interface Signup {
    period: number;
    segment: string;
    days: number | null;
  }
  const signups: Signup[] = [];
  const wanted = [...new Set(p.completion_events)];
  for (const id of ids) {
    const s = fromCustomers.get(id) ?? firstSub.get(id) ?? firstEvent.get(id);
    if (s === undefined || s > asOf) continue;
    // first day of each completion event since signup
    const first = new Map<string, number>();
    for (const e of data.events ?? []) {
      if (!e.event_time || String(e.customer_id) !== id || e.customer_id === null) continue;
      const name = String(e.event_name);
      if (!wanted.includes(name)) continue;
      const d = dayNum(String(e.event_time));
      if (d < s || d > asOf) continue;
      first.set(name, Math.min(d, first.get(name) ?? d));
    }
    let done: number | null = null;
    if (p.completion_rule === 'any' && first.size > 0) done = Math.min(...first.values());
    if (p.completion_rule === 'all' && wanted.length > 0 && wanted.every((n) => first.has(n)))
      done = Math.max(...first.values());
    const days = done !== null && done - s <= p.window_days ? done - s : null;
    signups.push({ period: P(s), segment: p.breakdown === 'segment' ? seg(id) : '(all)', days });
  }
  if (signups.length === 0) return [];
  const segments = [...new Set(signups.map((x) => x.segment))];
  const firstPeriod = Math.min(...signups.map((x) => x.period));
  const out: Array<Record<string, unknown>> = [];
  for (let k = 0, period = firstPeriod; period <= P(asOf); k++, period = addPeriods(firstPeriod, k, p.grain)) {
    const last = periodEnd(period, p.grain);
    for (const sg of segments) {
      const mine = signups.filter((x) => x.period === period && x.segment === sg);
      const days = mine.filter((x) => x.days !== null).map((x) => x.days!);
      const row: Record<string, unknown> = {
        period: dayStr(period),
        customers: mine.length,
        completed: days.length,
        completion_rate: mine.length ? days.length / mine.length : null,
        median_days_to_complete: median(days),
        is_complete: last + p.window_days <= asOf && lastEvent !== null && last + p.window_days <= lastEvent,
      };
      if (p.breakdown === 'segment') row.segment = sg;
      out.push(row);
    }
  }
  return out;
}
