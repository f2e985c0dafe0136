/**
 * Reference of health_score, from KPI_SPEC section 3 ("health_score") and the component
 * scalings written in the KPI's description. Plain loops per customer.
 */
import { addPeriods, dayNum, monthStart } from './calendar.js';
import { dataEnd, dataStart, monthlyMrr, type Data } from './data.js';
import { userActivityDaily } from './user_activity_daily.js';

export interface HealthParams {
  as_of?: string | null;
  weight_usage: number;
  weight_usage_trend: number;
  weight_sentiment: number;
  weight_support_load: number;
  weight_revenue_trend: number;
  usage_target_days: number;
  support_max_tickets: number;
  include_churned: boolean;
}

export interface HealthRow {
  customer_id: string;
  name: string | null;
  segment: string;
  usage: number | null;
  usage_trend: number | null;
  sentiment: number | null;
  support_load: number | null;
  revenue_trend: number | null;
  score: number | null;
  band: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function healthScore(data: Data, p: HealthParams): HealthRow[] {
  const end = dataEnd(data);
  const asOf = p.as_of ? dayNum(p.as_of) : end;
  if (asOf === null) return [];

  // customers rows: smallest name / segment / signup per id
  const info = new Map<string, { name: string | null; segment: string | null; signup: number | null }>();
  for (const c of data.customers ?? []) {
    const id = str(c.customer_id);
    if (id === null) continue;
    const prev = info.get(id) ?? { name: null, segment: null, signup: null };
    const min = (a: string | null, b: string | null): string | null =>
      a === null ? b : b === null ? a : a < b ? a : b;
    const s = c.signup_date ? dayNum(String(c.signup_date)) : null;
    info.set(id, {
      name: min(prev.name, str(c.name)),
      segment: min(prev.segment, str(c.segment)),
      signup: prev.signup === null ? s : s === null ? prev.signup : Math.min(prev.signup, s),
    });
  }

  // activity days per customer, up to as_of
  const days = new Map<string, Set<number>>();
  for (const a of userActivityDaily(data)) {
    const d = dayNum(a.day);
    if (a.customer_id === null || d > asOf) continue;
    if (!days.has(a.customer_id)) days.set(a.customer_id, new Set());
    days.get(a.customer_id)!.add(d);
  }
  const allDays = [...days.values()].flatMap((s) => [...s]);
  const firstActivity = allDays.length ? Math.min(...allDays) : null;

  const mrr = monthlyMrr(data);
  // the MRR months reach the month of the data end (when any customer has MRR);
  // the data (any source) start in the month of the earliest date
  const allMonths = [...mrr.values()].filter((m) => [...m.values()].some((v) => v > 0)).flatMap((m) => [...m.keys()]);
  const start = dataStart(data);
  const firstMonth = allMonths.length && start !== null ? monthStart(start) : null;
  const lastMonth = allMonths.length ? Math.max(...allMonths) : null;
  const nowMonth = monthStart(asOf);
  const thenMonth = addPeriods(nowMonth, -3, 'month');
  const mrrCovered = firstMonth !== null && lastMonth !== null && firstMonth <= thenMonth && lastMonth >= nowMonth;

  const hasTickets = (data.tickets ?? []).some(
    (t) => str(t.customer_id) !== null && t.created_at && dayNum(String(t.created_at)) <= asOf,
  );

  const ids = new Set<string>();
  for (const [id, i] of info) if (i.signup === null || i.signup <= asOf) ids.add(id);
  for (const id of days.keys()) ids.add(id);
  for (const [id, months] of mrr) for (const [m, v] of months) if (m <= asOf && v > 0) ids.add(id);

  const out: HealthRow[] = [];
  for (const id of ids) {
    const months = mrr.get(id) ?? new Map<number, number>();
    const now = months.get(nowMonth) ?? 0;
    const then = months.get(thenMonth) ?? 0;
    const everPaid = [...months.entries()].some(([m, v]) => m <= asOf && v > 0);
    const churned = everPaid && now === 0 && lastMonth !== null && lastMonth >= nowMonth;
    if (churned && !p.include_churned) continue;

    const d = [...(days.get(id) ?? [])];
    const recent = d.filter((x) => x > asOf - 30 && x <= asOf).length;
    const previous = d.filter((x) => x > asOf - 60 && x <= asOf - 30).length;
    const usage = firstActivity === null ? null : (100 * Math.min(recent, p.usage_target_days)) / p.usage_target_days;
    let usageTrend: number | null;
    if (firstActivity === null || firstActivity > asOf - 59) usageTrend = null;
    else if (previous === 0 && recent === 0) usageTrend = null;
    else if (previous === 0) usageTrend = 100;
    else usageTrend = 50 * Math.min(recent / previous, 2);

    // latest answer(s)
    let latest: string | null = null;
    let scaled: number[] = [];
    for (const r of data.responses ?? []) {
      if (str(r.customer_id) !== id || !r.responded_at || r.score === null || r.score === undefined) continue;
      const t = String(r.responded_at);
      if (dayNum(t) > asOf) continue;
      const survey = r.survey === null || r.survey === undefined ? '' : String(r.survey).trim().toLowerCase();
      const score = Number(r.score);
      let v: number | null = null;
      if (survey === 'csat' && score >= 1 && score <= 5) v = 25 * (score - 1);
      else if ((survey === 'nps' || survey === '') && score >= 0 && score <= 10) v = 10 * score;
      if (v === null) continue;
      if (latest === null || t > latest) {
        latest = t;
        scaled = [v];
      } else if (t === latest) scaled.push(v);
    }
    const sentiment = scaled.length ? scaled.reduce((a, b) => a + b, 0) / scaled.length : null;

    const tickets = (data.tickets ?? []).filter(
      (t) =>
        str(t.customer_id) === id &&
        t.created_at &&
        dayNum(String(t.created_at)) <= asOf &&
        dayNum(String(t.created_at)) > asOf - 90,
    ).length;
    const supportLoad = hasTickets ? 100 * Math.max(0, 1 - tickets / p.support_max_tickets) : null;

    let revenueTrend: number | null;
    if (!mrrCovered) revenueTrend = null;
    else if (then === 0 && now === 0) revenueTrend = null;
    else if (then === 0) revenueTrend = 100;
    else revenueTrend = 50 * Math.min(now / then, 2);

    const parts: Array<[number | null, number]> = [
      [usage, p.weight_usage],
      [usageTrend, p.weight_usage_trend],
      [sentiment, p.weight_sentiment],
      [supportLoad, p.weight_support_load],
      [revenueTrend, p.weight_revenue_trend],
    ];
    let num = 0;
    let den = 0;
    for (const [c, w] of parts) {
      if (c === null) continue;
      num += w * c;
      den += w;
    }
    const score = den === 0 ? null : num / den;
    out.push({
      customer_id: id,
      name: info.get(id)?.name ?? null,
      segment: info.get(id)?.segment ?? '(unknown)',
      usage,
      usage_trend: usageTrend,
      sentiment,
      support_load: supportLoad,
      revenue_trend: revenueTrend,
      score,
      band: score === null ? null : score <= 50 ? 'red' : score <= 75 ? 'yellow' : 'green',
    });
  }
  return out;
}
