/**
 * The in-memory model of one sample customer, from which every file's rows for that
 * customer are derived. Days are day numbers (see calendar.ts); `null` end = ongoing.
 */
import type { BillingInterval, PlanKey } from './plans.js';

/** One subscription period (a row of subscriptions.csv). `end` is exclusive. */
export interface Period {
  start: number;
  end: number | null;
  plan: PlanKey;
  interval: BillingInterval;
  /** Price per seat per interval, in currency units. */
  amount: number;
  quantity: number;
  mrr: number;
  /** Whether the customer uses the product during the period (false for a paused, zero-amount period). */
  usage: boolean;
}

/** A stretch of days [from, to) during which the customer's users may use the product. */
export interface Stretch {
  from: number;
  to: number;
  /** True when the stretch ends inside the data because the customer left (usage fades before). */
  churned: boolean;
  /** Days over which engagement fades before a churned end. */
  fadeDays: number;
}

/** A product user of a customer. */
export interface UserModel {
  /** 0 = the primary (admin) user. */
  n: number;
  id: string;
  /** First day the user exists. */
  join: number;
  /** First day the user no longer exists (exclusive); Infinity when never leaving. */
  leave: number;
  /** Baseline probability of being active on a working day at full engagement. */
  propensity: number;
  /** Whether the user's events are in the (sampled) event export. */
  tracked: boolean;
}

/** A one-off milestone event done by the primary user on a given day. */
export interface Milestone {
  day: number;
  name: string;
}

/** Everything about one customer. */
export interface CustomerModel {
  /** 0-based position; customer ids increase with signup date. */
  index: number;
  id: string;
  name: string;
  signupDay: number;
  trialStart: number | null;
  trialEnd: number | null;
  /** Plan at signup (the customers.csv plan column). */
  plan: PlanKey;
  industry: number;
  region: number;
  size: number;
  owner: number;
  /** Latent health in [0, 1]: drives churn, usage, survey scores and support load. */
  health: number;
  periods: Period[];
  stretches: Stretch[];
  users: UserModel[];
  /** Milestones sorted by day. */
  milestones: Milestone[];
  /** Last day on which this customer can appear in any file. */
  lastDay: number;
}
