/**
 * One-off events of the primary user: completing onboarding (most paying customers,
 * some trials, usually in the first week or two), connecting the CRM integration,
 * inviting each colleague on the day they join, and, rarely, posting a review.
 */
import type { Rng } from './prng.js';
import { stretchAt } from './usage.js';
import type { Milestone, Stretch, UserModel } from './types.js';

/** Builds the milestones inside the usage stretches, sorted by day. */
export function buildMilestones(
  rng: Rng,
  opts: {
    converted: boolean;
    bigPlan: boolean;
    health: number;
    stretches: readonly Stretch[];
    users: readonly UserModel[];
  },
): Milestone[] {
  const first = opts.stretches[0];
  if (!first) return [];
  const out: Milestone[] = [];
  const add = (day: number, name: string): void => {
    if (stretchAt(opts.stretches, day)) out.push({ day, name });
  };
  if (rng.chance(opts.converted ? 0.85 : 0.35)) add(first.from + Math.floor(rng.exponential(6)), 'complete_onboarding');
  if (opts.converted && rng.chance(opts.bigPlan ? 0.5 : 0.15))
    add(first.from + 3 + Math.floor(rng.exponential(40)), 'integrate_crm');
  for (const u of opts.users) if (u.n > 0) add(u.join, 'invite_user');
  if (opts.converted && opts.health > 0.6 && rng.chance(0.08)) {
    const last = opts.stretches[opts.stretches.length - 1] as Stretch;
    add(rng.int(first.from + 30, Math.max(first.from + 30, last.to - 1)), 'post_review');
  }
  return out.sort((a, b) => a.day - b.day);
}
