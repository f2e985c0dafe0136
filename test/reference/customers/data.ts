/**
 * Shared input shape and two spec-level helpers of the customers-family references:
 * the report date default (KPI_SPEC section 1, "Report date") and monthly MRR by the
 * snapshot rule (section 1, "Snapshot rule for MRR"). Plain loops; nothing from the SQL.
 */
import { addPeriods, dayNum, monthEnd, monthStart } from './calendar.js';

export type Val = string | number | boolean | null;
export type RowIn = Record<string, Val>;
export interface Data {
  customers?: RowIn[];
  subscription_periods?: RowIn[];
  events?: RowIn[];
  responses?: RowIn[];
  tickets?: RowIn[];
}

const str = (v: Val | undefined): string | null => (v === null || v === undefined ? null : String(v));

/**
 * The latest date in the data as a day number (null when there is none): over start and
 * end dates, event, response and ticket times. Like the project's calendar, a far-future
 * end date is capped at 36 months after the latest other date.
 */
export function dataEnd(data: Data): number | null {
  const his: number[] = [];
  const ends: number[] = [];
  for (const s of data.subscription_periods ?? []) {
    if (str(s.start_date)) his.push(dayNum(str(s.start_date)!));
    if (str(s.end_date)) ends.push(dayNum(str(s.end_date)!));
  }
  for (const e of data.events ?? []) if (str(e.event_time)) his.push(dayNum(str(e.event_time)!));
  for (const r of data.responses ?? []) if (str(r.responded_at)) his.push(dayNum(str(r.responded_at)!));
  for (const t of data.tickets ?? []) {
    if (str(t.created_at)) his.push(dayNum(str(t.created_at)!));
    if (str(t.resolved_at)) his.push(dayNum(str(t.resolved_at)!));
  }
  if (his.length === 0) return ends.length ? Math.max(...ends) : null;
  const hi = Math.max(...his);
  const all = Math.max(hi, ...ends);
  return Math.min(all, addPeriods(monthStart(hi), 36, 'month') + (hi - monthStart(hi)));
}

/** The earliest date in the data (day number), over the same dates as {@link dataEnd}. */
export function dataStart(data: Data): number | null {
  const all: number[] = [];
  for (const s of data.subscription_periods ?? []) {
    if (str(s.start_date)) all.push(dayNum(str(s.start_date)!));
    if (str(s.end_date)) all.push(dayNum(str(s.end_date)!));
  }
  for (const e of data.events ?? []) if (str(e.event_time)) all.push(dayNum(str(e.event_time)!));
  for (const r of data.responses ?? []) if (str(r.responded_at)) all.push(dayNum(str(r.responded_at)!));
  for (const t of data.tickets ?? []) {
    if (str(t.created_at)) all.push(dayNum(str(t.created_at)!));
    if (str(t.resolved_at)) all.push(dayNum(str(t.resolved_at)!));
  }
  return all.length ? Math.min(...all) : null;
}

/**
 * Monthly MRR per customer by the snapshot rule: MRR(M) = Σ mrr of the customer's periods
 * with start <= last day of M and (no end or end > last day of M); a month summing to 0 or
 * less is 0. Months run from the month of the customer's first period start to the month
 * of the data end. Returns customer -> (month start day number -> MRR).
 */
export function monthlyMrr(data: Data): Map<string, Map<number, number>> {
  const end = dataEnd(data);
  const out = new Map<string, Map<number, number>>();
  if (end === null) return out;
  const lastMonth = monthStart(end);
  const byCustomer = new Map<string, RowIn[]>();
  for (const p of data.subscription_periods ?? []) {
    const c = str(p.customer_id);
    if (c === null || str(p.start_date) === null) continue;
    if (!byCustomer.has(c)) byCustomer.set(c, []);
    byCustomer.get(c)!.push(p);
  }
  for (const [c, periods] of byCustomer) {
    const first = Math.min(...periods.map((p) => monthStart(dayNum(str(p.start_date)!))));
    const months = new Map<number, number>();
    for (let m = first, k = 0; m <= lastMonth; k++, m = addPeriods(first, k, 'month')) {
      const last = monthEnd(m);
      let sum = 0;
      for (const p of periods) {
        const s = dayNum(str(p.start_date)!);
        const e = str(p.end_date) === null ? null : dayNum(str(p.end_date)!);
        if (s <= last && (e === null || e > last)) sum += Number(p.mrr ?? 0);
      }
      months.set(m, sum > 0 ? sum : 0);
    }
    out.set(c, months);
  }
  return out;
}

/** customer_id -> segment (the smallest when a customer has several rows; no row or a NULL segment gives '(unknown)'). */
export function segmentOf(data: Data): (customer: string | null) => string {
  const seg = new Map<string, string>();
  for (const c of data.customers ?? []) {
    const id = str(c.customer_id);
    const s = str(c.segment);
    if (id !== null && s !== null && (!seg.has(id) || s < seg.get(id)!)) seg.set(id, s);
  }
  return (customer) => (customer === null ? '(unknown)' : (seg.get(customer) ?? '(unknown)'));
}
