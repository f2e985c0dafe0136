/**
 * Reference (test-only) implementation of the revenue basics, written from KPI_SPEC
 * section 1 and the documented choices of sql/derived/{calendar_months,mrr_monthly}.sql,
 * with plain loops over rows. It shares no code with the SQL: dates are `YYYY-MM-DD`
 * strings compared as text, months are walked one by one, MRR is summed period by period.
 *
 * Documented choices it encodes (see the SQL headers):
 * - a customer present in mrr_monthly_source takes all its months from it (missing month = 0);
 *   every other customer's MRR(M) is the sum over its periods with
 *   start_date <= last_day(M) and (end_date null or end_date > last_day(M));
 * - a customer-month summing to <= 0 counts as 0 (inactive);
 * - the revenue months start at the first month in which any customer has MRR > 0;
 * - the data end is the latest date over all inputs, capped 36 months after the latest date
 *   that is not a subscription end date.
 */

export interface PeriodRow {
  customer_id: string | null;
  start_date: string | null;
  end_date: string | null;
  mrr: number | null;
}
export interface SourceRow {
  customer_id: string | null;
  month: string | null;
  mrr: number | null;
}
export interface CustomerRow {
  customer_id: string;
  segment?: string | null;
  trial_start?: string | null;
  trial_end?: string | null;
}
export interface RevenueInput {
  customers?: CustomerRow[];
  subscription_periods?: PeriodRow[];
  mrr_monthly_source?: SourceRow[];
  /** Other dates in the data (event times etc., as `YYYY-MM-DD`): they move the data end. */
  otherDates?: string[];
}

// ---------- calendar helpers (independent of the SQL) ----------

export function ym(d: string): [number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
}
function fmt(y: number, m: number, day: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
export function monthOf(d: string): string {
  return d.slice(0, 8) + '01';
}
export function addMonths(month: string, k: number): string {
  const [y, m] = ym(month);
  const idx = y * 12 + (m - 1) + k;
  return fmt(Math.floor(idx / 12), (idx % 12) + 1, 1);
}
export function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
export function lastDay(month: string): string {
  const [y, m] = ym(month);
  return fmt(y, m, daysInMonth(y, m));
}
export function monthIndex(month: string): number {
  const [y, m] = ym(month);
  return y * 12 + m - 1;
}
/** Months from a to b inclusive (empty when a > b). */
export function monthRange(a: string, b: string): string[] {
  const out: string[] = [];
  for (let m = a; m <= b; m = addMonths(m, 1)) out.push(m);
  return out;
}
/** Adds whole days to a date (UTC arithmetic). */
export function addDays(d: string, k: number): string {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) + k * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

// ---------- data end ----------

/** Latest date in the data, capped 36 months after the latest non-end date; null when none. */
export function dataEnd(input: RevenueInput): string | null {
  const ends: string[] = [];
  const others: string[] = [];
  for (const p of input.subscription_periods ?? []) {
    if (p.start_date) others.push(p.start_date);
    if (p.end_date) ends.push(p.end_date);
  }
  for (const s of input.mrr_monthly_source ?? []) if (s.month) others.push(s.month);
  for (const d of input.otherDates ?? []) others.push(d);
  const all = [...ends, ...others];
  if (all.length === 0) return null;
  let max = all[0]!;
  for (const d of all) if (d > max) max = d;
  if (others.length === 0) return max;
  let maxOther = others[0]!;
  for (const d of others) if (d > maxOther) maxOther = d;
  const [y, m] = ym(maxOther);
  // same day 36 months later (clamped to the month's length), like DATE + INTERVAL 36 MONTH
  const cy = y + 3;
  const cap = fmt(cy, m, Math.min(Number(maxOther.slice(8, 10)), daysInMonth(cy, m)));
  return max < cap ? max : cap;
}

/** Latest date in the data, uncapped: the report-date default (as_of). */
export function latestDate(input: RevenueInput): string | null {
  const all: string[] = [];
  for (const p of input.subscription_periods ?? []) {
    if (p.start_date) all.push(p.start_date);
    if (p.end_date) all.push(p.end_date);
  }
  for (const s of input.mrr_monthly_source ?? []) if (s.month) all.push(s.month);
  for (const d of input.otherDates ?? []) all.push(d);
  if (all.length === 0) return null;
  return all.reduce((a, b) => (a > b ? a : b));
}

/** Earliest date in the data (start of the calendar). */
export function dataStart(input: RevenueInput): string | null {
  const all: string[] = [];
  for (const p of input.subscription_periods ?? []) {
    if (p.start_date) all.push(p.start_date);
    if (p.end_date) all.push(p.end_date);
  }
  for (const s of input.mrr_monthly_source ?? []) if (s.month) all.push(s.month);
  for (const d of input.otherDates ?? []) all.push(d);
  if (all.length === 0) return null;
  return all.reduce((a, b) => (a < b ? a : b));
}

// ---------- customer x month MRR ----------

export interface MonthlyMrr {
  /** customer -> month -> MRR (>= 0); only months where the customer has data. */
  byCustomer: Map<string, Map<string, number>>;
  /** First month of the revenue calendar (earliest month with a customer at MRR > 0), or null. */
  firstMonth: string | null;
  /** Last month of the calendar (month of the data end), or null. */
  lastMonth: string | null;
  dataEnd: string | null;
}

/** Each customer's MRR per month by the snapshot rule (or its snapshot export rows). */
export function monthlyMrr(input: RevenueInput): MonthlyMrr {
  const end = dataEnd(input);
  const start = dataStart(input);
  const byCustomer = new Map<string, Map<string, number>>();
  if (!end || !start) return { byCustomer, firstMonth: null, lastMonth: null, dataEnd: end };
  const calFirst = monthOf(start);
  const calLast = monthOf(end);

  const fromSource = new Set<string>();
  for (const s of input.mrr_monthly_source ?? [])
    if (s.customer_id !== null && s.month !== null) fromSource.add(s.customer_id);

  const raw = new Map<string, Map<string, number>>();
  const add = (c: string, month: string, v: number) => {
    if (month < calFirst || month > calLast) return;
    let m = raw.get(c);
    if (!m) raw.set(c, (m = new Map()));
    m.set(month, (m.get(month) ?? 0) + v);
  };
  for (const s of input.mrr_monthly_source ?? []) {
    if (s.customer_id === null || s.month === null) continue;
    add(s.customer_id, monthOf(s.month), s.mrr ?? 0);
  }
  // snapshot rule, month by month over the calendar
  const months = monthRange(calFirst, calLast);
  for (const p of input.subscription_periods ?? []) {
    if (p.customer_id === null || p.start_date === null || fromSource.has(p.customer_id)) continue;
    for (const M of months) {
      const ld = lastDay(M);
      if (p.start_date <= ld && (p.end_date === null || p.end_date > ld)) add(p.customer_id, M, p.mrr ?? 0);
    }
  }
  let firstMonth: string | null = null;
  for (const [c, m] of raw) {
    const clamped = new Map<string, number>();
    for (const [month, v] of m) {
      clamped.set(month, v > 0 ? v : 0);
      // the revenue calendar starts at the first month any customer is active
      if (v > 0 && (firstMonth === null || month < firstMonth)) firstMonth = month;
    }
    byCustomer.set(c, clamped);
  }
  return { byCustomer, firstMonth, lastMonth: calLast, dataEnd: end };
}

/** MRR of a customer in a month (0 when it has no data then). */
export function mrrOf(mm: MonthlyMrr, customer: string, month: string): number {
  return mm.byCustomer.get(customer)?.get(month) ?? 0;
}

/** The segment of each customer (first row wins... by smallest segment, like the SQL's min). */
export function segmentOf(input: RevenueInput, breakdown: 'none' | 'segment'): (c: string) => string {
  const seg = new Map<string, string | null>();
  for (const c of input.customers ?? []) {
    const s = c.segment === undefined ? '(all)' : c.segment;
    const prev = seg.get(c.customer_id);
    if (prev === undefined) seg.set(c.customer_id, s);
    else if (s !== null && (prev === null || s < prev)) seg.set(c.customer_id, s);
  }
  return (c: string) => {
    if (breakdown !== 'segment') return '(all)';
    const s = seg.get(c);
    return s === undefined || s === null ? '(unknown)' : s;
  };
}

/** The months a monthly revenue KPI reports: first data month .. month of as_of (capped at the data). */
export function reportMonths(mm: MonthlyMrr, asOf: string | null): string[] {
  if (!mm.firstMonth || !mm.lastMonth || !asOf) return [];
  const last = minDate(monthOf(asOf), mm.lastMonth);
  return monthRange(mm.firstMonth, last);
}

/** is_complete: the month's last day is on or before both as_of and the data end. */
export function isComplete(month: string, asOf: string, end: string): boolean {
  const ld = lastDay(month);
  return ld <= asOf && ld <= end;
}

/** Customers of a segment with MRR > 0 in a month. */
export function activeCount(mm: MonthlyMrr, seg: (c: string) => string, segment: string, month: string): number {
  let n = 0;
  for (const [c, byMonth] of mm.byCustomer) if (seg(c) === segment && (byMonth.get(month) ?? 0) > 0) n++;
  return n;
}
