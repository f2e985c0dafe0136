/**
 * Reference implementation of cohort_retention, written from KPI_SPEC section 3
 * ("cohort_retention") and the definition choices documented in the KPI's header:
 * plain loops over the input rows, period by period, member by member.
 */
import { addPeriods, dayNum, dayStr, monthStart, periodEnd, periodStart, type Grain } from './calendar.js';
import { dataEnd, monthlyMrr, segmentOf, type Data } from './data.js';

export interface CohortParams {
  as_of?: string | null;
  source: 'subscriptions' | 'events';
  basis: 'logo' | 'revenue';
  grain: Grain;
  week_start: 'monday' | 'sunday';
  mode: 'on' | 'on_or_after';
  cohort_type: 'first' | 'recurring';
  active_events: string[];
  breakdown: 'none' | 'segment';
}

export interface CohortRow {
  cohort: string;
  period: number;
  segment?: string;
  cohort_size: number;
  retained: number;
  retention: number | null;
}

interface Member {
  id: string;
  customer: string | null;
  /** Period start -> active in that period. */
  active: Set<number>;
  /** Period start -> MRR counted for revenue. */
  value: Map<number, number>;
}

export function cohortRetention(data: Data, p: CohortParams): CohortRow[] {
  const end = dataEnd(data);
  const asOf = p.as_of ? dayNum(p.as_of) : end;
  if (asOf === null) return [];
  const seg = segmentOf(data);
  const P = (d: number): number => periodStart(d, p.grain, p.week_start);
  const members = new Map<string, Member>();
  const get = (id: string): Member => {
    if (!members.has(id)) members.set(id, { id, customer: null, active: new Set(), value: new Map() });
    return members.get(id)!;
  };
  let cutoff: number;

  if (p.source === 'events') {
    const placed = (data.events ?? []).filter((e) => e.user_id !== null && e.user_id !== undefined && e.event_time);
    if (placed.length === 0) return [];
    const lastEventDay = Math.max(...placed.map((e) => dayNum(String(e.event_time))));
    cutoff = Math.min(asOf, lastEventDay);
    for (const e of placed) {
      const day = dayNum(String(e.event_time));
      if (day > cutoff) continue;
      if (p.active_events.length > 0 && !p.active_events.includes(String(e.event_name))) continue;
      const m = get(String(e.user_id));
      m.active.add(P(day));
      const c = e.customer_id === null || e.customer_id === undefined ? null : String(e.customer_id);
      if (c !== null && (m.customer === null || c < m.customer)) m.customer = c;
    }
  } else {
    const mrr = monthlyMrr(data);
    if (mrr.size === 0 || end === null) return [];
    cutoff = Math.min(asOf, periodEnd(monthStart(end), 'month'));
    const cutoffMonth = monthStart(cutoff);
    for (const [c, months] of mrr) {
      for (const [month, v] of months) {
        if (month > cutoffMonth) continue;
        const m = get(c);
        m.customer = c;
        if (v > 0) m.active.add(P(month));
      }
      const m = members.get(c);
      if (!m) continue;
      // Revenue of a period: MRR of its last month, or of the cutoff month if earlier.
      for (const period of new Set([...months.keys()].filter((x) => x <= cutoffMonth).map(P))) {
        const lastMonth = Math.min(monthStart(periodEnd(period, p.grain)), cutoffMonth);
        m.value.set(period, months.get(lastMonth) ?? 0);
      }
    }
  }

  const cutoffPeriod = P(cutoff);
  // cohort key -> members
  const cohorts = new Map<string, { start: number; segment: string; members: Member[] }>();
  for (const m of members.values()) {
    if (m.active.size === 0) continue;
    const starts = p.cohort_type === 'first' ? [Math.min(...m.active)] : [...m.active];
    const segment = p.breakdown === 'segment' ? seg(m.customer) : '(all)';
    for (const s of starts) {
      const key = `${s}|${segment}`;
      if (!cohorts.has(key)) cohorts.set(key, { start: s, segment, members: [] });
      cohorts.get(key)!.members.push(m);
    }
  }

  const out: CohortRow[] = [];
  for (const c of cohorts.values()) {
    let base: number | null = null;
    for (let k = 0; ; k++) {
      const period = addPeriods(c.start, k, p.grain);
      if (period > cutoffPeriod) break;
      let retained = 0;
      for (const m of c.members) {
        if (p.basis === 'revenue') retained += m.value.get(period) ?? 0;
        else if (p.mode === 'on') retained += m.active.has(period) ? 1 : 0;
        else retained += [...m.active].some((a) => a >= period) ? 1 : 0;
      }
      if (k === 0) base = p.basis === 'revenue' ? retained : c.members.length;
      const row: CohortRow = {
        cohort: dayStr(c.start),
        period: k,
        cohort_size: c.members.length,
        retained,
        retention: base ? retained / base : null,
      };
      if (p.breakdown === 'segment') row.segment = c.segment;
      out.push(row);
    }
  }
  return out;
}
