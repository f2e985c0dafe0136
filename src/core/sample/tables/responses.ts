/**
 * responses.csv: survey answers in time order. Relationship NPS (0–10) is sent to every
 * user of a paying customer 60 days after the first invoice and every 182 days after;
 * about a third answer within days. In-app CSAT (1–5) is answered now and then by users
 * of active customers. Scores follow the customer's health, and fall as usage fades
 * before churn. Some answers carry a comment that matches their sentiment.
 */
import { DAY_MS, nextMonthStart } from '../calendar.js';
import { COMMENTS, type Sentiment } from '../comments.js';
import { csvLine } from '../csv.js';
import { formatLocalTime } from '../format.js';
import { HEADERS } from '../headers.js';
import { SURVEY_LABELS, type SurveyKind } from '../labels.js';
import { LOCALE_FACTS } from '../locale.js';
import type { ResolvedParams } from '../params.js';
import { Rng } from '../prng.js';
import { HOUR_WEIGHTS } from '../seasonality.js';
import { CustomerSweep } from '../sweep.js';
import { TAG } from '../tags.js';
import { TimeOrderedBuffer } from '../timeOrder.js';
import type { CustomerModel } from '../types.js';
import { engagementIn, stretchAt } from '../usage.js';
import { usersOn } from '../users.js';

/** Days from the first invoice to the first NPS survey, and between surveys. */
export const NPS_FIRST_DAYS = 60;
/** Days between NPS surveys. */
export const NPS_EVERY_DAYS = 182;

const HOURS = HOUR_WEIGHTS.map((_, h) => h);

interface Answer {
  customerId: string;
  userId: string;
  survey: SurveyKind;
  score: number;
  at: number;
  comment: string;
}

/** Health as seen in a survey on `day`: the customer's health, lowered while usage fades. */
function perceivedHealth(c: CustomerModel, day: number): number {
  const s = stretchAt(c.stretches, day);
  const e = s ? Math.min(1, engagementIn(s, day)) : 0.3;
  return c.health * (0.4 + 0.6 * e);
}

function sentimentOf(survey: SurveyKind, score: number): Sentiment {
  if (survey === 'nps') return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
  return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative';
}

function answer(
  p: ResolvedParams,
  rng: Rng,
  c: CustomerModel,
  userId: string,
  survey: SurveyKind,
  day: number,
  at: number,
): Answer {
  const h = perceivedHealth(c, day);
  const score =
    survey === 'nps'
      ? Math.min(10, Math.max(0, Math.round(rng.normal(3 + 7 * Math.pow(h, 0.7), 1.6))))
      : Math.min(5, Math.max(1, Math.round(rng.normal(2 + 3.2 * h, 0.8))));
  const sentiment = sentimentOf(survey, score);
  const withComment = rng.chance((survey === 'nps' ? 0.3 : 0.2) + (sentiment === 'negative' ? 0.15 : 0));
  const comment = withComment ? rng.pick(COMMENTS[p.locale][sentiment]) : '';
  return { customerId: c.id, userId, survey, score, at, comment };
}

function timeOn(rng: Rng, day: number): number {
  return day * DAY_MS + rng.weighted(HOURS, HOUR_WEIGHTS) * 3_600_000 + rng.int(0, 3_599) * 1000;
}

/** Streams the header and every answer as CSV lines, in time order. */
export function* responseLines(p: ResolvedParams): Generator<string> {
  const nl = LOCALE_FACTS[p.locale].newline;
  yield csvLine(HEADERS.responses[p.locale], nl);
  const sweep = new CustomerSweep(p);
  const buffer = new TimeOrderedBuffer<Answer>();
  const horizon = (p.endDay + 1) * DAY_MS - 1;
  let nextId = 1;
  const emit = (a: Answer): string => {
    const id = p.locale === 'ja' ? String(nextId++) : `R${String(nextId++).padStart(6, '0')}`;
    return csvLine(
      [
        id,
        a.customerId,
        a.userId,
        SURVEY_LABELS[p.locale][a.survey],
        a.score,
        formatLocalTime(p.locale, a.at, 'survey'),
        a.comment,
      ],
      nl,
    );
  };
  for (let m = 0, mStart = p.startDay; mStart <= p.endDay; m++, mStart = nextMonthStart(mStart)) {
    const mEnd = nextMonthStart(mStart);
    for (const c of sweep.window(mStart, mEnd - 1)) {
      const paidStart = c.periods.find((x) => x.mrr > 0)?.start;
      if (paidStart !== undefined) {
        const rng = new Rng(p.seed, TAG.nps, c.index, m);
        const k0 = Math.max(0, Math.ceil((mStart - paidStart - NPS_FIRST_DAYS) / NPS_EVERY_DAYS));
        for (let k = k0; ; k++) {
          const wave = paidStart + NPS_FIRST_DAYS + k * NPS_EVERY_DAYS;
          if (wave >= mEnd) break;
          if (!stretchAt(c.stretches, wave)) continue;
          for (const u of usersOn(c.users, wave)) {
            if (!rng.chance(u.n === 0 ? 0.5 : 0.3)) continue;
            const day = wave + Math.floor(rng.exponential(1.5));
            const a = answer(p, rng, c, u.id, 'nps', wave, timeOn(rng, day));
            if (a.at <= horizon) buffer.add(a.at, a);
          }
        }
      }
      if (c.stretches.length > 0) {
        const rng = new Rng(p.seed, TAG.csat, c.index, m);
        const n = rng.poisson(0.06 * Math.min(10, c.users.length));
        for (let i = 0; i < n; i++) {
          const day = rng.int(mStart, mEnd - 1);
          const users = usersOn(c.users, day);
          if (users.length === 0 || !stretchAt(c.stretches, day)) continue;
          const a = answer(p, rng, c, rng.pick(users).id, 'csat', day, timeOn(rng, day));
          if (a.at <= horizon) buffer.add(a.at, a);
        }
      }
    }
    for (const a of buffer.takeBefore(mEnd * DAY_MS)) yield emit(a);
  }
  for (const a of buffer.takeAll()) yield emit(a);
}
