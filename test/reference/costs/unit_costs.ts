/**
 * Reference implementation of `unit_costs` (KPI_SPEC "unit_costs", with "ltv", "churn_rates",
 * "onboarding" and the snapshot rule of section 1), written with plain loops straight from the
 * subscription periods: it does not read mrr_monthly or any SQL. Shares no code with the SQL.
 */
import { dayNum, dayOfMs, dayStr, nextPeriod, periodStart, tsMs } from '../product/calendar.js';

export type SubRow = {
  customer_id: string | null;
  start_date: string | null;
  end_date: string | null;
  mrr: number | null;
};
export type CustRow = { customer_id: string | null; segment?: string | null; signup_date?: string | null };
export type EvRow = {
  user_id: string | null;
  event_time: string | null;
  event_name: string | null;
  customer_id: string | null;
  session_id: string | null;
};

export interface UnitCostParams {
  as_of?: string | null;
  cs_cost_per_month?: number | null;
  onboarding_cost?: number | null;
  gross_margin?: number;
  window_months?: number;
  completion_events?: string[];
  completion_rule?: 'any' | 'all';
  window_days?: number;
  breakdown?: 'none' | 'segment';
}

/** The report date default when only subscriptions, customers and events are loaded. */
export function unitCostsDataEnd(subs: SubRow[], events: EvRow[]): number | null {
  let end = -Infinity;
  for (const s of subs) {
    if (s.start_date) end = Math.max(end, dayNum(s.start_date));
    if (s.end_date) end = Math.max(end, dayNum(s.end_date));
  }
  for (const e of events) if (e.event_time) end = Math.max(end, dayOfMs(tsMs(e.event_time)));
  return end === -Infinity ? null : end;
}

export function unitCostsReference(
  subs: SubRow[],
  customers: CustRow[],
  events: EvRow[],
  params: UnitCostParams,
): Record<string, unknown>[] {
  const bySegment = params.breakdown === 'segment';
  const gm = params.gross_margin ?? 1;
  const w = params.window_months ?? 6;
  const windowDays = params.window_days ?? 30;
  const completionEvents = params.completion_events ?? ['complete_onboarding'];
  const rule = params.completion_rule ?? 'any';
  const dataEnd = unitCostsDataEnd(subs, events);
  const asOf = params.as_of ? dayNum(params.as_of) : dataEnd;
  if (asOf === null || dataEnd === null) return [];

  // Segments and signup dates from customers (smallest value when a customer is listed twice).
  const segOf = new Map<string, string>();
  const signupOf = new Map<string, number>();
  for (const c of customers) {
    if (c.customer_id === null) continue;
    if (c.segment != null && (!segOf.has(c.customer_id) || c.segment < segOf.get(c.customer_id)!))
      segOf.set(c.customer_id, c.segment);
    if (c.signup_date != null)
      signupOf.set(c.customer_id, Math.min(signupOf.get(c.customer_id) ?? Infinity, dayNum(c.signup_date)));
  }
  const segment = (cid: string): string => (bySegment ? (segOf.get(cid) ?? '(unknown)') : '(all)');

  // MRR by the snapshot rule: periods in force at the end of the month's last day.
  const monthLast = (m: number): number => nextPeriod(m, 'month') - 1;
  const mrrMemo = new Map<string, number>();
  const mrrOf = (cid: string, m: number): number => {
    const k = `${cid}|${m}`;
    if (!mrrMemo.has(k)) mrrMemo.set(k, snapshot(cid, m));
    return mrrMemo.get(k)!;
  };
  const snapshot = (cid: string, m: number): number => {
    let sum = 0;
    for (const s of subs) {
      if (s.customer_id !== cid || s.start_date === null) continue;
      const last = monthLast(m);
      if (dayNum(s.start_date) <= last && (s.end_date === null || dayNum(s.end_date) > last)) sum += s.mrr ?? 0;
    }
    return sum > 0 ? sum : 0;
  };
  const subCustomers = [
    ...new Set(subs.filter((s) => s.customer_id !== null && s.start_date !== null).map((s) => s.customer_id!)),
  ];

  // Months: first month with MRR > 0 .. month of min(as_of, data end).
  const lastMonth = periodStart(Math.min(asOf, dataEnd), 'month');
  let firstMonth = Infinity;
  const startMonths = subs.filter((s) => s.start_date !== null).map((s) => periodStart(dayNum(s.start_date!), 'month'));
  const scanFrom = Math.min(...startMonths, Infinity);
  const dataEndMonth = periodStart(dataEnd, 'month');
  for (let m = scanFrom; m <= dataEndMonth && firstMonth === Infinity; m = nextPeriod(m, 'month')) {
    if (subCustomers.some((c) => mrrOf(c, m) > 0)) firstMonth = m;
  }
  if (firstMonth === Infinity || firstMonth > lastMonth) return [];
  const months: number[] = [];
  for (let m = firstMonth; m <= lastMonth; m = nextPeriod(m, 'month')) months.push(m);
  const prevMonth = (m: number): number => periodStart(m - 1, 'month');

  // Onboarding (as the onboarding KPI): signup date, completion day, completed within the window.
  const ids = new Set<string>();
  for (const c of customers) if (c.customer_id !== null) ids.add(c.customer_id);
  const firstSub = new Map<string, number>();
  for (const s of subs) {
    if (s.customer_id === null || s.start_date === null) continue;
    ids.add(s.customer_id);
    firstSub.set(s.customer_id, Math.min(firstSub.get(s.customer_id) ?? Infinity, dayNum(s.start_date)));
  }
  const firstEvent = new Map<string, number>();
  for (const e of events) {
    if (e.customer_id === null || e.event_time === null) continue;
    ids.add(e.customer_id);
    firstEvent.set(e.customer_id, Math.min(firstEvent.get(e.customer_id) ?? Infinity, dayOfMs(tsMs(e.event_time))));
  }
  const completed = new Map<string, number>(); // `${month}|${segment}` -> completions
  for (const cid of ids) {
    const signup = signupOf.get(cid) ?? firstSub.get(cid) ?? firstEvent.get(cid);
    if (signup === undefined || signup > asOf) continue;
    const firstDone = new Map<string, number>();
    for (const e of events) {
      if (
        e.customer_id !== cid ||
        e.event_time === null ||
        e.event_name === null ||
        !completionEvents.includes(e.event_name)
      )
        continue;
      const d = dayOfMs(tsMs(e.event_time));
      if (d < signup || d > asOf) continue;
      firstDone.set(e.event_name, Math.min(firstDone.get(e.event_name) ?? Infinity, d));
    }
    let doneDay: number | null = null;
    if (rule === 'any') doneDay = firstDone.size ? Math.min(...firstDone.values()) : null;
    else if (firstDone.size > 0 && firstDone.size === new Set(completionEvents).size)
      doneDay = Math.max(...firstDone.values());
    if (doneDay === null || doneDay - signup > windowDays) continue;
    const key = `${periodStart(signup, 'month')}|${segment(cid)}`;
    completed.set(key, (completed.get(key) ?? 0) + 1);
  }

  // Segments: of customers active by as_of's month, and of completions.
  const segs = new Set<string>();
  if (!bySegment) segs.add('(all)');
  for (const c of subCustomers) {
    for (let m = scanFrom; m <= lastMonth; m = nextPeriod(m, 'month')) if (mrrOf(c, m) > 0) segs.add(segment(c));
  }
  for (const key of completed.keys()) segs.add(key.split('|')[1]!);
  const segList = [...segs].sort();

  let lastEvent = -Infinity;
  for (const e of events) if (e.event_time !== null) lastEvent = Math.max(lastEvent, dayOfMs(tsMs(e.event_time)));
  const onboardingEnd = Math.min(asOf, lastEvent === -Infinity ? dataEnd : lastEvent);

  interface Cell {
    active: number;
    mrr: number;
    churnRate: number | null;
    completed: number;
  }
  const cellMemo = new Map<string, Cell>();
  const cell = (m: number, seg: string): Cell => {
    const k = `${m}|${seg}`;
    if (!cellMemo.has(k)) cellMemo.set(k, computeCell(m, seg));
    return cellMemo.get(k)!;
  };
  const computeCell = (m: number, seg: string): Cell => {
    const mine = subCustomers.filter((c) => segment(c) === seg);
    let active = 0;
    let mrr = 0;
    let before = 0;
    let churned = 0;
    for (const c of mine) {
      const now = mrrOf(c, m);
      if (now > 0) {
        active++;
        mrr += now;
      }
      if (mrrOf(c, prevMonth(m)) > 0) {
        before++;
        if (now <= 0) churned++;
      }
    }
    return { active, mrr, churnRate: before ? churned / before : null, completed: completed.get(`${m}|${seg}`) ?? 0 };
  };

  const out: Record<string, unknown>[] = [];
  for (const m of months) {
    const cells = new Map(segList.map((s) => [s, cell(m, s)]));
    const allActive = [...cells.values()].reduce((s, c) => s + c.active, 0);
    const allCompleted = [...cells.values()].reduce((s, c) => s + c.completed, 0);
    const crc = params.cs_cost_per_month == null || allActive === 0 ? null : params.cs_cost_per_month / allActive;
    const cpc = params.onboarding_cost == null || allCompleted === 0 ? null : params.onboarding_cost / allCompleted;
    for (const seg of segList) {
      const c = cells.get(seg)!;
      const rates: number[] = [];
      // trailing window: the w months ending in m, i.e. h > (m minus w months)
      const md = new Date(m * 86_400_000);
      const windowStart = Math.round(Date.UTC(md.getUTCFullYear(), md.getUTCMonth() - w, 1) / 86_400_000);
      for (const h of months) {
        if (h > m || h <= windowStart) continue;
        const r = cell(h, seg).churnRate;
        if (r !== null) rates.push(r);
      }
      const avg = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
      const arpa = c.active ? c.mrr / c.active : null;
      const ltv = avg !== null && avg > 0 && arpa !== null ? (arpa * gm) / avg : null;
      const monthEnd = monthLast(m);
      out.push({
        month: dayStr(m),
        ...(bySegment ? { segment: seg } : {}),
        active_customers: c.active,
        crc,
        completed_onboardings: c.completed,
        onboarding_cost_per_completion: cpc,
        ltv,
        ltv_to_crc: ltv !== null && crc !== null && crc !== 0 ? ltv / crc : null,
        is_complete: monthEnd <= Math.min(asOf, dataEnd) && monthEnd + windowDays <= onboardingEnd,
      });
    }
  }
  return out;
}
