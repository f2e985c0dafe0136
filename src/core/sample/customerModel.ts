/**
 * Builds the complete model of customer `index`: attributes, trial, subscription
 * periods, usage stretches, users and milestones. It depends only on the parameters
 * and the index, so any file can rebuild any customer without the others.
 */
import { INDUSTRIES, OWNERS, REGIONS, SIZE_BANDS } from './attributes.js';
import { buildMilestones } from './milestones.js';
import { companyName } from './names.js';
import type { ResolvedParams } from './params.js';
import { PLAN_KEYS, SEAT_RANGE, type PlanKey } from './plans.js';
import { Rng } from './prng.js';
import { signupDayOf } from './signup.js';
import { simulatePeriods } from './subscriptionSim.js';
import { TAG } from './tags.js';
import type { CustomerModel } from './types.js';
import { buildStretches } from './usage.js';
import { buildUsers } from './users.js';

/** Length of a trial in days (trial_end = trial_start + 14). */
export const TRIAL_DAYS = 14;

const PLAN_WEIGHTS = [55, 33, 12];
const SIZE_WEIGHTS_BY_PLAN: Record<PlanKey, number[]> = {
  starter: [40, 40, 15, 4, 1],
  growth: [15, 40, 30, 12, 3],
  enterprise: [3, 12, 30, 35, 20],
};
const YEARLY_SHARE: Record<PlanKey, number> = { starter: 0.15, growth: 0.3, enterprise: 0.6 };
const PILOT_SHARE: Record<PlanKey, number> = { starter: 0.01, growth: 0.03, enterprise: 0.15 };

function indexList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Customer id of customer `index` (0-based). */
export function customerIdOf(locale: ResolvedParams['locale'], index: number): string {
  const digits = String(index + 1).padStart(6, '0');
  return locale === 'ja' ? `C${digits}` : `cus_${digits}`;
}

/** Builds customer `index`. */
export function buildCustomerModel(p: ResolvedParams, index: number): CustomerModel {
  const rng = new Rng(p.seed, TAG.attributes, index);
  const id = customerIdOf(p.locale, index);
  const signupDay = signupDayOf(p, index);
  const plan = rng.weighted(PLAN_KEYS, PLAN_WEIGHTS);
  const industry = rng.weighted(indexList(INDUSTRIES.en.length), INDUSTRIES.weights);
  const region = rng.weighted(indexList(REGIONS.en.length), REGIONS.weights);
  const size = rng.weighted(indexList(SIZE_BANDS.en.length), SIZE_WEIGHTS_BY_PLAN[plan]);
  const owner = rng.int(0, OWNERS.en.length - 1);
  const health = Math.min(0.98, Math.max(0.02, rng.normal(0.65, 0.2)));

  const hasTrial = rng.chance(plan === 'enterprise' ? 0.4 : 0.9);
  const trialStart = hasTrial ? signupDay : null;
  const trialEnd = hasTrial ? signupDay + TRIAL_DAYS : null;
  const converted = hasTrial ? rng.chance(0.4 + 0.3 * health) : rng.chance(0.9);
  let firstStart = signupDay + rng.int(0, 10);
  if (hasTrial) {
    const r = rng.float();
    firstStart =
      r < 0.2
        ? signupDay + rng.int(3, 13)
        : r < 0.8
          ? signupDay + TRIAL_DAYS + rng.int(0, 2)
          : signupDay + TRIAL_DAYS + rng.int(3, 25);
  }
  const [lo, hi] = SEAT_RANGE[plan];
  const seats = lo + Math.floor((hi - lo + 1) * rng.float() ** 2);
  const interval = rng.chance(YEARLY_SHARE[plan]) ? 'year' : 'month';
  const discount = rng.chance(plan === 'enterprise' ? 0.5 : 0.15) ? 0.1 + 0.2 * rng.float() : 0;
  const anchorFirst = rng.chance(p.locale === 'ja' ? 0.5 : 0.15);
  const pilot = rng.chance(PILOT_SHARE[plan]);
  const quickCancel = rng.chance(0.025);
  const trialExtra = rng.int(0, 5);
  const name = companyName(p.locale, index, rng);

  const periods = converted
    ? simulatePeriods(new Rng(p.seed, TAG.subscriptions, index), {
        locale: p.locale,
        endDay: p.endDay,
        firstStart,
        plan,
        seats,
        interval,
        discount,
        health,
        anchorFirst,
        pilot,
        quickCancel,
      })
    : [];
  const trial =
    trialStart !== null && trialEnd !== null
      ? { start: trialStart, end: periods.length > 0 ? trialEnd : trialEnd + trialExtra }
      : null;
  const stretches = buildStretches(trial, periods, p.endDay);
  let maxSeats = periods.length > 0 ? 0 : 1 + (trialExtra % 3);
  for (const per of periods) maxSeats = Math.max(maxSeats, per.quantity);
  const users = buildUsers(new Rng(p.seed, TAG.users, index), {
    seed: p.seed,
    customerIndex: index,
    customerId: id,
    upperIds: p.locale === 'ja',
    seats: maxSeats,
    stretches,
    eventSampleRate: p.eventSampleRate,
  });
  const milestones = buildMilestones(new Rng(p.seed, TAG.milestones, index), {
    converted: periods.length > 0,
    bigPlan: plan !== 'starter',
    health,
    stretches,
    users,
  });
  let lastDay = signupDay + 31;
  for (const s of stretches) lastDay = Math.max(lastDay, s.to + 31);

  return {
    index,
    id,
    name,
    signupDay,
    trialStart,
    trialEnd,
    plan,
    industry,
    region,
    size,
    owner,
    health,
    periods,
    stretches,
    users,
    milestones,
    lastDay,
  };
}
