/**
 * Reference of rfm, from KPI_SPEC section 3 ("rfm") and the KPI's documented choices
 * (customer set, activity attribution, monetary fallback, ntile(5) worst to best with
 * customer_id tie-break, the segment map).
 */
import { dayNum, monthEnd, monthStart } from './calendar.js';
import { dataEnd, monthlyMrr, type Data } from './data.js';
import { userActivityDaily } from './user_activity_daily.js';

export interface RfmParams {
  as_of?: string | null;
  window_days: number;
}

/** ntile(k) over rows already in order: the first n mod k groups have one row more. */
export function ntile(n: number, k: number): number[] {
  const out: number[] = [];
  const small = Math.floor(n / k);
  const big = n % k;
  for (let g = 1; g <= k; g++) {
    const size = g <= big ? small + 1 : small;
    for (let i = 0; i < size; i++) out.push(g);
  }
  return out;
}

/** The segment map of the KPI description, first match wins. */
export function rfmSegment(r: number, f: number, m: number): string {
  const fm = (f + m) / 2;
  if (r >= 4 && fm >= 4) return 'Champions';
  if (r >= 3 && fm >= 3) return 'Loyal';
  if (r === 5 && fm < 2) return 'New';
  if (r >= 3) return 'Potential loyalist';
  if (r === 1 && fm >= 4) return "Can't lose";
  if (r <= 2 && fm >= 3) return 'At risk';
  if (r === 2) return 'Hibernating';
  return 'Lost';
}

export interface RfmRow {
  customer_id: string;
  name: string | null;
  segment: string;
  recency_days: number | null;
  frequency: number;
  monetary: number;
  r_score: number;
  f_score: number;
  m_score: number;
  rfm_segment: string;
}

export function rfm(data: Data, p: RfmParams): RfmRow[] {
  const end = dataEnd(data);
  const asOf = p.as_of ? dayNum(p.as_of) : end;
  if (asOf === null) return [];
  const info = new Map<string, { name: string | null; segment: string | null; signup: number | null }>();
  for (const c of data.customers ?? []) {
    if (c.customer_id === null || c.customer_id === undefined) continue;
    const id = String(c.customer_id);
    const prev = info.get(id);
    const pick = (a: string | null | undefined, b: unknown): string | null => {
      const v = b === null || b === undefined ? null : String(b);
      if (a === null || a === undefined) return v;
      return v !== null && v < a ? v : a;
    };
    const signup = c.signup_date ? dayNum(String(c.signup_date)) : null;
    info.set(id, {
      name: pick(prev?.name, c.name),
      segment: pick(prev?.segment, c.segment),
      signup:
        prev?.signup === null || prev?.signup === undefined
          ? signup
          : signup === null
            ? prev.signup
            : Math.min(prev.signup, signup),
    });
  }
  const days = new Map<string, Set<number>>();
  for (const a of userActivityDaily(data)) {
    if (a.customer_id === null) continue;
    const d = dayNum(a.day);
    if (d > asOf) continue;
    if (!days.has(a.customer_id)) days.set(a.customer_id, new Set());
    days.get(a.customer_id)!.add(d);
  }
  const mrr = monthlyMrr(data);
  const ids = new Set<string>();
  for (const [id, i] of info) if (i.signup === null || i.signup <= asOf) ids.add(id);
  for (const id of days.keys()) ids.add(id);
  for (const [id, months] of mrr) for (const [m, v] of months) if (m <= asOf && v > 0) ids.add(id);

  const from = asOf - p.window_days; // exclusive
  const rows = [...ids].map((id) => {
    const d = [...(days.get(id) ?? [])];
    const months = mrr.get(id) ?? new Map<number, number>();
    const current = months.get(monthStart(asOf)) ?? 0;
    let windowRevenue = 0;
    for (const [m, v] of months) if (m <= asOf && monthEnd(m) > from) windowRevenue += v;
    return {
      customer_id: id,
      name: info.get(id)?.name ?? null,
      segment: info.get(id)?.segment ?? '(unknown)',
      recency_days: d.length ? asOf - Math.max(...d) : null,
      frequency: d.filter((x) => x > from).length,
      monetary: current > 0 ? current : windowRevenue,
      r_score: 0,
      f_score: 0,
      m_score: 0,
      rfm_segment: '',
    };
  });
  const byId = (a: RfmRow, b: RfmRow): number =>
    a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0;
  const score = (cmp: (a: RfmRow, b: RfmRow) => number, set: (r: RfmRow, s: number) => void): void => {
    const sorted = [...rows].sort((a, b) => cmp(a, b) || byId(a, b));
    const tiles = ntile(sorted.length, 5);
    sorted.forEach((r, i) => set(r, tiles[i]!));
  };
  // worst first: never active, then the longest recency
  score(
    (a, b) => (b.recency_days ?? Infinity) - (a.recency_days ?? Infinity) || 0,
    (r, s) => (r.r_score = s),
  );
  score(
    (a, b) => a.frequency - b.frequency,
    (r, s) => (r.f_score = s),
  );
  score(
    (a, b) => a.monetary - b.monetary,
    (r, s) => (r.m_score = s),
  );
  for (const r of rows) r.rfm_segment = rfmSegment(r.r_score, r.f_score, r.m_score);
  return rows;
}
