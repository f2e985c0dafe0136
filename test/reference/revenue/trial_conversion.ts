/**
 * Reference (test-only) trial_conversion from KPI_SPEC section 3 and the documented choices
 * of sql/revenue/trial_conversion.sql: by trial-start month, trials and those with MRR > 0
 * on some day of [trial_end (or trial_start), + window_days], walking the days one by one.
 */
import { addDays, dataEnd, lastDay, latestDate, minDate, monthOf, monthRange, type RevenueInput } from './basis.js';

export interface TrialRow {
  month: string;
  segment: string;
  trials: number;
  converted: number;
  conversion_rate: number | null;
  is_complete: boolean;
}

export function trialConversion(
  input: RevenueInput,
  params: { as_of?: string | null; window_days?: number; breakdown?: 'none' | 'segment' } = {},
): TrialRow[] {
  const end = dataEnd(input);
  const asOf = params.as_of ?? latestDate(input);
  const W = params.window_days ?? 30;
  const breakdown = params.breakdown ?? 'none';
  if (!end || !asOf) return [];
  const limit = minDate(asOf, end);

  // one trial per customer: earliest start, earliest end, smallest segment (duplicates merged)
  const trials = new Map<string, { start: string; end: string | null; segment: string | null }>();
  for (const c of input.customers ?? []) {
    if (!c.trial_start) continue;
    const seg = c.segment === undefined ? '(all)' : c.segment;
    const t = trials.get(c.customer_id);
    if (!t) trials.set(c.customer_id, { start: c.trial_start, end: c.trial_end ?? null, segment: seg });
    else {
      if (c.trial_start < t.start) t.start = c.trial_start;
      if (c.trial_end && (t.end === null || c.trial_end < t.end)) t.end = c.trial_end;
      if (seg !== null && (t.segment === null || seg < t.segment)) t.segment = seg;
    }
  }
  // customers in a monthly MRR export: month sums
  const source = new Map<string, Map<string, number>>();
  for (const s of input.mrr_monthly_source ?? []) {
    if (s.customer_id === null || s.month === null) continue;
    let m = source.get(s.customer_id);
    if (!m) source.set(s.customer_id, (m = new Map()));
    m.set(monthOf(s.month), (m.get(monthOf(s.month)) ?? 0) + (s.mrr ?? 0));
  }
  const mrrOn = (customer: string, day: string) => {
    let sum = 0;
    for (const p of input.subscription_periods ?? []) {
      if (p.customer_id !== customer || p.start_date === null) continue;
      if (p.start_date <= day && (p.end_date === null || p.end_date > day)) sum += p.mrr ?? 0;
    }
    return sum;
  };
  const converted = (customer: string, from: string, to: string): boolean => {
    const src = source.get(customer);
    if (src) {
      for (const [month, v] of src) if (v > 0 && month <= to && lastDay(month) >= from) return true;
      return false;
    }
    for (let d = from; d <= to; d = addDays(d, 1)) if (mrrOn(customer, d) > 0) return true;
    return false;
  };

  const lastMonth = monthOf(limit);
  const rows = [...trials.entries()].filter(([, t]) => monthOf(t.start) <= lastMonth);
  if (rows.length === 0) return [];
  const segOf = (s: string | null) => (breakdown === 'segment' ? (s ?? '(unknown)') : '(all)');
  const firstMonth = rows.map(([, t]) => monthOf(t.start)).reduce((a, b) => (a < b ? a : b));
  const segments = [...new Set(rows.map(([, t]) => segOf(t.segment)))].sort();
  const out: TrialRow[] = [];
  for (const month of monthRange(firstMonth, lastMonth)) {
    for (const segment of segments) {
      let n = 0;
      let k = 0;
      let complete = lastDay(month) <= limit;
      for (const [c, t] of rows) {
        if (monthOf(t.start) !== month || segOf(t.segment) !== segment) continue;
        n++;
        const from = t.end ?? t.start;
        const to = addDays(from, W);
        if (to > limit) complete = false;
        if (converted(c, from, to)) k++;
      }
      out.push({
        month,
        segment,
        trials: n,
        converted: k,
        conversion_rate: n === 0 ? null : k / n,
        is_complete: complete,
      });
    }
  }
  return out;
}
