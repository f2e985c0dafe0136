/**
 * tickets.csv: help-desk tickets in creation order, with ids increasing over time.
 * Each customer-month draws tickets while the customer uses the product (more on
 * bigger plans, in the first weeks and when health is low). First responses follow
 * office hours (chat fast while staffed, email within hours, phone at once); about a
 * third are solved by the first reply; a few never get an answer. Times after the end
 * of the data are left empty, with the status the ticket has at export time.
 */
import { addBusinessMinutes, inBusinessHours } from '../businessHours.js';
import { DAY_MS, nextMonthStart, weekdayOf } from '../calendar.js';
import { csvLine } from '../csv.js';
import { formatLocalTime } from '../format.js';
import { HEADERS } from '../headers.js';
import { CHANNEL_LABELS, SATISFACTION_LABELS, STATUS_LABELS, type Channel, type TicketStatus } from '../labels.js';
import { LOCALE_FACTS } from '../locale.js';
import type { ResolvedParams } from '../params.js';
import type { PlanKey } from '../plans.js';
import { Rng } from '../prng.js';
import { HOUR_WEIGHTS } from '../seasonality.js';
import { CustomerSweep } from '../sweep.js';
import { TAG } from '../tags.js';
import { TimeOrderedBuffer } from '../timeOrder.js';
import type { CustomerModel } from '../types.js';
import { stretchAt } from '../usage.js';

/** Expected tickets per month of a customer of average health, by plan. */
export const TICKETS_PER_MONTH: Record<PlanKey, number> = { starter: 0.25, growth: 0.5, enterprise: 1.2 };

/** First ticket id. */
export const FIRST_TICKET_ID = 1001;

const HOURS = HOUR_WEIGHTS.map((_, h) => h);
const CHANNELS: readonly Channel[] = ['email', 'chat', 'phone'];
const FCR: Record<Channel, number> = { email: 0.3, chat: 0.5, phone: 0.6 };

interface Ticket {
  customerId: string;
  created: number;
  firstResponse: number | null;
  resolved: number | null;
  status: TicketStatus;
  channel: Channel;
  replies: number;
  satisfaction: 'good' | 'bad' | null;
}

function draw(p: ResolvedParams, rng: Rng, c: CustomerModel, created: number, horizon: number): Ticket {
  const loc = p.locale;
  const channel = rng.weighted(CHANNELS, [55, 30, 15]);
  if (channel === 'phone' && !inBusinessHours(loc, created)) created = addBusinessMinutes(loc, created, rng.int(0, 60));
  let first: number | null;
  let resolved: number | null;
  let replies: number;
  if (rng.chance(0.03)) {
    // Spam, duplicates, tickets closed without a public reply.
    first = null;
    replies = 0;
    resolved = rng.chance(0.6) ? addBusinessMinutes(loc, created, rng.logNormal(240, 0.8)) : null;
  } else {
    if (channel === 'phone') first = created + rng.int(0, 180_000);
    else if (channel === 'chat' && inBusinessHours(loc, created))
      first = created + Math.round(rng.logNormal(3, 0.8) * 60_000);
    else
      first = addBusinessMinutes(
        loc,
        created,
        rng.logNormal(channel === 'chat' ? 15 : 90, channel === 'chat' ? 0.8 : 1),
      );
    if (rng.chance(FCR[channel] * (0.7 + 0.5 * c.health))) {
      replies = 1;
      resolved =
        channel === 'email'
          ? addBusinessMinutes(loc, first, rng.logNormal(30, 1))
          : first + Math.round(rng.logNormal(8, 0.7) * 60_000);
    } else {
      replies = 2 + rng.poisson(1.5);
      resolved = addBusinessMinutes(loc, first, (rng.logNormal(480, 1) * (replies - 1)) / 1.5);
    }
    if (rng.chance(0.04)) resolved = null;
  }
  let status: TicketStatus;
  if (first !== null && first > horizon) {
    first = null;
    resolved = null;
    replies = 0;
    status = 'new';
  } else if (resolved === null || resolved > horizon) {
    resolved = null;
    status = first === null ? 'new' : rng.chance(0.35) ? 'pending' : 'open';
  } else {
    status = horizon - resolved < 4 * DAY_MS ? 'solved' : 'closed';
  }
  let satisfaction: Ticket['satisfaction'] = null;
  if (resolved !== null && rng.chance(0.3)) {
    const slow = resolved - created > 48 * 3_600_000 ? 0.2 : 0;
    satisfaction = rng.chance(Math.min(0.97, Math.max(0.05, 0.55 + 0.4 * c.health - slow))) ? 'good' : 'bad';
  }
  return { customerId: c.id, created, firstResponse: first, resolved, status, channel, replies, satisfaction };
}

/** Streams the header and every ticket as CSV lines, in creation order. */
export function* ticketLines(p: ResolvedParams): Generator<string> {
  const nl = LOCALE_FACTS[p.locale].newline;
  yield csvLine(HEADERS.tickets[p.locale], nl);
  const sweep = new CustomerSweep(p);
  const buffer = new TimeOrderedBuffer<Ticket>();
  const horizon = (p.endDay + 1) * DAY_MS - 1;
  let nextId = FIRST_TICKET_ID;
  const t = (v: number | null): string => (v === null ? '' : formatLocalTime(p.locale, v));
  const emit = (k: Ticket): string =>
    csvLine(
      [
        nextId++,
        k.customerId,
        t(k.created),
        t(k.firstResponse),
        t(k.resolved),
        STATUS_LABELS[p.locale][k.status],
        CHANNEL_LABELS[p.locale][k.channel],
        k.replies,
        k.satisfaction === null ? '' : SATISFACTION_LABELS[p.locale][k.satisfaction],
      ],
      nl,
    );
  for (let m = 0, mStart = p.startDay; mStart <= p.endDay; m++, mStart = nextMonthStart(mStart)) {
    const mEnd = nextMonthStart(mStart);
    for (const c of sweep.window(mStart, mEnd - 1)) {
      if (c.stretches.length === 0) continue;
      const first = c.stretches[0]!;
      const rng = new Rng(p.seed, TAG.tickets, c.index, m);
      const candidates = rng.poisson(2 * TICKETS_PER_MONTH[c.plan] * (1.6 - c.health));
      for (let i = 0; i < candidates; i++) {
        const day = rng.int(mStart, mEnd - 1);
        const keep = (day - first.from < 45 ? 1 : 0.5) * (weekdayOf(day) >= 5 ? 0.25 : 1);
        const accept = rng.chance(keep);
        const created = day * DAY_MS + rng.weighted(HOURS, HOUR_WEIGHTS) * 3_600_000 + rng.int(0, 3_599) * 1000;
        if (!accept || !stretchAt(c.stretches, day) || created > horizon) continue;
        const ticket = draw(p, rng, c, created, horizon);
        if (ticket.created <= horizon) buffer.add(ticket.created, ticket);
      }
    }
    for (const k of buffer.takeBefore(mEnd * DAY_MS)) yield emit(k);
  }
  for (const k of buffer.takeAll()) yield emit(k);
}
