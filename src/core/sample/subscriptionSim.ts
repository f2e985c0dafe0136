/**
 * Simulates one customer's subscription periods from the first paid day to the end
 * of the data: renewals of yearly terms, seat expansions and contractions, plan
 * upgrades and downgrades, billing-interval switches, pauses (zero-amount periods),
 * churn and reactivation after a gap. Periods of a customer never overlap; a change
 * closes the running period on the day the next one starts. Dates after the end of
 * the data are never written: a period still running then has no end.
 */
import { addMonths, nextMonthStart, partsOfDay } from './calendar.js';
import type { SampleLocale } from './locale.js';
import { mrrOf, PLAN_KEYS, seatPrice, type BillingInterval, type PlanKey } from './plans.js';
import type { Rng } from './prng.js';
import type { Period } from './types.js';

/** Monthly logo churn hazard of a customer of average health, by plan. */
export const BASE_MONTHLY_CHURN: Record<PlanKey, number> = { starter: 0.05, growth: 0.032, enterprise: 0.017 };

/** How a customer starts paying. */
export interface SubscriptionStart {
  locale: SampleLocale;
  /** Last day of the data (inclusive). */
  endDay: number;
  /** Day the first period starts (before snapping to the 1st for `anchorFirst`). */
  firstStart: number;
  plan: PlanKey;
  seats: number;
  interval: BillingInterval;
  /** Negotiated discount on the seat price, in [0, 0.5). */
  discount: number;
  /** Latent health in [0, 1]. */
  health: number;
  /** Invoices start on the 1st of a month (every start and change date is a 1st). */
  anchorFirst: boolean;
  /** Starts with a one-month free pilot (a zero-amount period). */
  pilot: boolean;
  /** Cancels within the first calendar month (a period that starts and ends in one month). */
  quickCancel: boolean;
}

interface State {
  plan: PlanKey;
  seats: number;
  interval: BillingInterval;
}

type Outcome = 'churn' | 'expand' | 'upgrade' | 'contract' | 'downgrade' | 'toYearly' | 'pause';

function churnHazard(plan: PlanKey, health: number): number {
  return BASE_MONTHLY_CHURN[plan] * (1.8 - 1.6 * health);
}

function monthlyOutcome(rng: Rng, st: State, health: number, monthsPaid: number): Outcome | null {
  const churn = churnHazard(st.plan, health) * (monthsPaid < 3 ? 1.5 : 1);
  const weights: Array<[Outcome, number]> = [
    ['churn', churn],
    ['expand', 0.025 * (0.4 + health)],
    ['upgrade', st.plan === 'enterprise' ? 0 : 0.006 * (0.4 + health)],
    ['contract', st.seats > 1 ? 0.012 * (1.4 - health) : 0],
    ['downgrade', st.plan === 'starter' ? 0 : 0.003 * (1.4 - health)],
    ['toYearly', 0.012],
    ['pause', 0.003],
  ];
  let r = rng.float();
  for (const [o, w] of weights) {
    if (r < w) return o;
    r -= w;
  }
  return null;
}

function planStep(plan: PlanKey, step: number): PlanKey {
  const i = Math.min(PLAN_KEYS.length - 1, Math.max(0, PLAN_KEYS.indexOf(plan) + step));
  return PLAN_KEYS[i] as PlanKey;
}

function applyChange(rng: Rng, st: State, o: Outcome): State {
  switch (o) {
    case 'expand':
      return { ...st, seats: st.seats + rng.int(1, Math.max(1, Math.ceil(st.seats * 0.3))) };
    case 'upgrade':
      return { ...st, plan: planStep(st.plan, 1), seats: st.seats + rng.int(0, 2) };
    case 'contract':
      return { ...st, seats: Math.max(1, st.seats - rng.int(1, Math.max(1, Math.ceil(st.seats * 0.3)))) };
    case 'downgrade':
      return { ...st, plan: planStep(st.plan, -1) };
    case 'toYearly':
      return { ...st, interval: 'year' };
    default:
      return st;
  }
}

/** Simulates the periods; the result is sorted by start and non-overlapping. */
export function simulatePeriods(rng: Rng, s: SubscriptionStart): Period[] {
  const out: Period[] = [];
  const snap = (d: number): number => (s.anchorFirst && partsOfDay(d).day !== 1 ? nextMonthStart(d) : d);
  const push = (start: number, end: number | null, st: State, zero = false, usage = true): void => {
    const amount = zero ? 0 : seatPrice(s.locale, st.plan, st.interval, s.discount);
    const cut = end !== null && end > s.endDay ? null : end;
    out.push({
      start,
      end: cut,
      plan: st.plan,
      interval: st.interval,
      amount,
      quantity: st.seats,
      mrr: mrrOf(amount, st.seats, st.interval),
      usage,
    });
  };
  let st: State = { plan: s.plan, seats: s.seats, interval: s.interval };
  let start = snap(s.firstStart);
  const firstPaid = start;
  if (start > s.endDay) return out;

  if (s.pilot) {
    const end = addMonths(start, 1);
    push(start, end, { ...st, interval: 'month' }, true);
    if (end > s.endDay) return out;
    start = end;
  }

  if (s.quickCancel && !s.pilot) {
    const monthEnd = nextMonthStart(start);
    if (monthEnd - start >= 5) {
      const end = start + rng.int(3, monthEnd - start - 1);
      push(start, end, st);
      if (end > s.endDay || !rng.chance(0.25)) return out;
      start = snap(addMonths(end, rng.int(2, 8)) + rng.int(0, 20));
      st = { ...st, interval: 'month' };
    }
  }

  while (start <= s.endDay) {
    let change: number | null = null;
    let outcome: Outcome | null = null;
    if (st.interval === 'month') {
      for (let k = 0, cursor = start; cursor <= s.endDay; k++, cursor = addMonths(start, k)) {
        const o = monthlyOutcome(rng, st, s.health, Math.round((cursor - firstPaid) / 30.4));
        if (o) {
          const next = addMonths(start, k + 1);
          change = snap(rng.int(cursor + 1, next));
          outcome = o;
          break;
        }
      }
    } else {
      const termEnd = addMonths(start, 12);
      for (let k = 0, cursor = start; cursor < termEnd && cursor <= s.endDay; k++, cursor = addMonths(start, k)) {
        if (rng.chance(0.015 * (0.4 + s.health))) {
          const d = snap(rng.int(cursor + 1, addMonths(start, k + 1)));
          if (d < termEnd) {
            change = d;
            outcome = 'expand';
          }
          break;
        }
      }
      if (outcome === null) {
        change = termEnd;
        const yearlyChurn = 0.6 * (1 - Math.pow(1 - churnHazard(st.plan, s.health), 12));
        outcome = rng.chance(yearlyChurn) ? 'churn' : null;
      }
    }
    if (change === null || change > s.endDay) {
      push(start, null, st);
      break;
    }
    push(start, change, st);
    if (outcome === 'churn') {
      if (!rng.chance(0.15)) break;
      start = snap(addMonths(change, rng.int(1, 9)) + rng.int(0, 20));
      st = {
        plan: rng.chance(0.3) ? planStep(st.plan, -1) : st.plan,
        seats: Math.max(1, st.seats + rng.int(-2, 1)),
        interval: 'month',
      };
      continue;
    }
    if (outcome === 'pause') {
      const resume = addMonths(change, rng.int(1, 2));
      push(change, resume, st, true, false);
      if (resume > s.endDay) break;
      start = resume;
      continue;
    }
    if (outcome === null) {
      // A yearly renewal: often with a seat or plan change, sometimes back to monthly.
      const r = rng.float();
      if (r < 0.25) st = applyChange(rng, st, rng.chance(0.35 + 0.5 * s.health) ? 'expand' : 'contract');
      else if (r < 0.31) st = applyChange(rng, st, rng.chance(s.health) ? 'upgrade' : 'downgrade');
      else if (r < 0.37) st = { ...st, interval: 'month' };
    } else {
      st = applyChange(rng, st, outcome);
    }
    start = change;
  }
  return out;
}
