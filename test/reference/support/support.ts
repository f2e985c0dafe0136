/**
 * Reference implementation of the `support` KPI, written from KPI_SPEC ("support") and the
 * choices documented in sql/support/support.sql, with plain loops. Shares no code with the SQL.
 */
import {
  dayNum,
  dayOfMs,
  dayStr,
  nextPeriod,
  periodsBetween,
  periodStart,
  quantileCont,
  tsMs,
  type Grain,
  type WeekStart,
} from '../product/calendar.js';

export type TicketRow = {
  ticket_id: string | null;
  created_at: string | null;
  customer_id: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  replies: number | null;
  satisfaction: string | null;
};

export type CustomerRow = {
  customer_id: string;
  segment: string | null;
};

export interface SupportParams {
  as_of?: string | null;
  grain?: Grain;
  week_start?: WeekStart;
  breakdown?: 'none' | 'segment';
}

/** 1 satisfied, 0 rated but not satisfied, null not rated. */
function satisfied(raw: string | null): 1 | 0 | null {
  if (raw === null) return null;
  const s = raw.trim().toLowerCase();
  if (s === 'good' || s === '良い') return 1;
  if (s === 'bad' || s === '悪い') return 0;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= 5) return n >= 4 ? 1 : 0;
  }
  return null;
}

export function supportReference(
  tickets: TicketRow[],
  customers: CustomerRow[],
  params: SupportParams,
  dataEnd: string | null,
): Record<string, unknown>[] {
  const grain = params.grain ?? 'month';
  const weekStart = params.week_start ?? 'monday';
  const bySegment = params.breakdown === 'segment';
  const asOfStr = params.as_of ?? dataEnd;
  if (asOfStr === null) return [];
  const asOf = dayNum(asOfStr);

  // Last ticket date in the data (created or resolved), for is_complete.
  let lastData = -Infinity;
  for (const t of tickets) {
    if (t.created_at) lastData = Math.max(lastData, dayOfMs(tsMs(t.created_at)));
    if (t.resolved_at) lastData = Math.max(lastData, dayOfMs(tsMs(t.resolved_at)));
  }

  const segOf = new Map<string, string>();
  for (const c of customers) {
    const prev = segOf.get(c.customer_id);
    const s = c.segment;
    if (s === null) continue;
    if (prev === undefined || s < prev) segOf.set(c.customer_id, s);
  }
  const segment = (cid: string | null): string => {
    if (!bySegment) return '(all)';
    if (cid === null) return '(unknown)';
    return segOf.get(cid) ?? '(unknown)';
  };

  interface Acc {
    tickets: number;
    frm: number[];
    res: number[];
    fcr: number;
    fcrBase: number;
    responded: number;
    satisfied: number;
    rated: number;
  }
  const acc = new Map<string, Acc>();
  const segments = new Set<string>();
  let firstDay = Infinity;
  for (const t of tickets) {
    if (t.created_at === null) continue;
    const created = tsMs(t.created_at);
    const cday = dayOfMs(created);
    if (cday > asOf) continue;
    firstDay = Math.min(firstDay, cday);
    const seg = segment(t.customer_id);
    segments.add(seg);
    const key = `${periodStart(cday, grain, weekStart)}|${seg}`;
    let a = acc.get(key);
    if (!a)
      acc.set(key, (a = { tickets: 0, frm: [], res: [], fcr: 0, fcrBase: 0, responded: 0, satisfied: 0, rated: 0 }));
    a.tickets++;
    if (t.first_response_at !== null) {
      const fr = tsMs(t.first_response_at);
      if (dayOfMs(fr) <= asOf) {
        a.responded++;
        if (fr >= created) a.frm.push((fr - created) / 60_000);
      }
    }
    if (t.resolved_at !== null) {
      const rs = tsMs(t.resolved_at);
      if (dayOfMs(rs) <= asOf) {
        if (rs >= created) a.res.push((rs - created) / 3_600_000);
        if (t.replies !== null) {
          a.fcrBase++;
          if (t.replies <= 1) a.fcr++;
        }
      }
    }
    const s = satisfied(t.satisfaction);
    if (s !== null) {
      a.rated++;
      a.satisfied += s;
    }
  }
  if (firstDay === Infinity) return [];
  const out: Record<string, unknown>[] = [];
  const segList = [...segments].sort();
  for (const p of periodsBetween(firstDay, asOf, grain, weekStart)) {
    const last = nextPeriod(p, grain) - 1;
    for (const seg of segList) {
      const a = acc.get(`${p}|${seg}`);
      const row: Record<string, unknown> = { period: dayStr(p) };
      if (bySegment) row.segment = seg;
      Object.assign(row, {
        tickets: a?.tickets ?? 0,
        median_first_response_minutes: a ? quantileCont(a.frm, 0.5) : null,
        p90_first_response_minutes: a ? quantileCont(a.frm, 0.9) : null,
        median_resolution_hours: a ? quantileCont(a.res, 0.5) : null,
        p90_resolution_hours: a ? quantileCont(a.res, 0.9) : null,
        first_contact_resolution_rate: a && a.fcrBase > 0 ? a.fcr / a.fcrBase : null,
        response_rate: a && a.tickets > 0 ? a.responded / a.tickets : null,
        support_csat: a && a.rated > 0 ? (100 * a.satisfied) / a.rated : null,
        is_complete: last <= asOf && last <= lastData,
      });
      out.push(row);
    }
  }
  return out;
}
