/**
 * References of nps and csat, from KPI_SPEC section 3 and the KPIs' documented choices:
 * bucket answers by period with plain loops, zero-fill periods from the first answer's
 * period to the period of as_of, cross every period with every segment that answered.
 */
import { addPeriods, dayNum, dayStr, periodEnd, periodStart, type Grain } from './calendar.js';
import { dataEnd, segmentOf, type Data } from './data.js';

export interface SurveyParams {
  as_of?: string | null;
  grain: Grain;
  week_start: 'monday' | 'sunday';
  include_unlabelled: boolean;
  ticket_ratings?: boolean;
  breakdown: 'none' | 'segment';
}

interface Answer {
  day: number;
  customer: string | null;
  /** NPS: the score; CSAT: 1 satisfied / 0 not. */
  value: number;
}

const unlabelled = (s: unknown): boolean => s === null || s === undefined || String(s).trim() === '';
const label = (s: unknown): string => (unlabelled(s) ? '' : String(s).trim().toLowerCase());

function periodRows<T extends Record<string, unknown>>(
  data: Data,
  p: SurveyParams,
  answers: Answer[],
  lastDataDay: number | null,
  summarise: (values: number[]) => T,
): Array<T & { period: string; segment?: string; is_complete: boolean }> {
  const end = dataEnd(data);
  const asOf = p.as_of ? dayNum(p.as_of) : end;
  if (asOf === null) return [];
  const seg = segmentOf(data);
  const mine = answers.filter((a) => a.day <= asOf);
  if (mine.length === 0) return [];
  const P = (d: number): number => periodStart(d, p.grain, p.week_start);
  const segOf = (a: Answer): string => (p.breakdown === 'segment' ? seg(a.customer) : '(all)');
  const segments = [...new Set(mine.map(segOf))];
  const first = Math.min(...mine.map((a) => P(a.day)));
  const out: Array<T & { period: string; segment?: string; is_complete: boolean }> = [];
  for (let k = 0, period = first; period <= P(asOf); k++, period = addPeriods(first, k, p.grain)) {
    const last = periodEnd(period, p.grain);
    for (const s of segments) {
      const values = mine.filter((a) => P(a.day) === period && segOf(a) === s).map((a) => a.value);
      const row = {
        period: dayStr(period),
        ...summarise(values),
        is_complete: last <= asOf && lastDataDay !== null && last <= lastDataDay,
      } as T & {
        period: string;
        segment?: string;
        is_complete: boolean;
      };
      if (p.breakdown === 'segment') row.segment = s;
      out.push(row);
    }
  }
  return out;
}

export function nps(data: Data, p: SurveyParams) {
  const answers: Answer[] = [];
  let lastDay: number | null = null;
  for (const r of data.responses ?? []) {
    if (!r.responded_at) continue;
    const day = dayNum(String(r.responded_at));
    lastDay = lastDay === null ? day : Math.max(lastDay, day);
    if (r.score === null || r.score === undefined) continue;
    const score = Number(r.score);
    if (score < 0 || score > 10) continue;
    if (!(label(r.survey) === 'nps' || (p.include_unlabelled && unlabelled(r.survey)))) continue;
    answers.push({
      day,
      customer: r.customer_id === null || r.customer_id === undefined ? null : String(r.customer_id),
      value: score,
    });
  }
  return periodRows(data, p, answers, lastDay, (scores) => {
    const promoters = scores.filter((s) => s >= 9).length;
    const passives = scores.filter((s) => s >= 7 && s < 9).length;
    const detractors = scores.filter((s) => s < 7).length;
    return {
      responses: scores.length,
      promoters,
      passives,
      detractors,
      nps: scores.length ? (100 * (promoters - detractors)) / scores.length : null,
    };
  });
}

export function csat(data: Data, p: SurveyParams) {
  const answers: Answer[] = [];
  let lastDay: number | null = null;
  const seen = (day: number): void => {
    lastDay = lastDay === null ? day : Math.max(lastDay, day);
  };
  const cust = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  for (const r of data.responses ?? []) {
    if (!r.responded_at) continue;
    const day = dayNum(String(r.responded_at));
    seen(day);
    if (r.score === null || r.score === undefined) continue;
    const score = Number(r.score);
    if (score < 1 || score > 5) continue;
    if (!(label(r.survey) === 'csat' || (p.include_unlabelled && unlabelled(r.survey)))) continue;
    answers.push({ day, customer: cust(r.customer_id), value: score >= 4 ? 1 : 0 });
  }
  if (p.ticket_ratings) {
    for (const t of data.tickets ?? []) {
      if (!t.created_at) continue;
      const day = dayNum(String(t.created_at));
      seen(day);
      const s =
        t.satisfaction === null || t.satisfaction === undefined ? '' : String(t.satisfaction).trim().toLowerCase();
      let value: number | null = null;
      if (s === 'good' || s === '良い') value = 1;
      else if (s === 'bad' || s === '悪い') value = 0;
      else if (s !== '' && Number.isFinite(Number(s)) && Number(s) >= 1 && Number(s) <= 5)
        value = Number(s) >= 4 ? 1 : 0;
      if (value !== null) answers.push({ day, customer: cust(t.customer_id), value });
    }
  }
  return periodRows(data, p, answers, lastDay, (values) => {
    const satisfied = values.filter((v) => v === 1).length;
    return { responses: values.length, satisfied, csat: values.length ? (100 * satisfied) / values.length : null };
  });
}
