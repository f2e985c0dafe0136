/**
 * Product users of a customer (1–30): the primary (admin) user from the first day,
 * colleagues invited over the first weeks and a few hired later; some leave. Each has
 * a propensity to be active on a working day (power, regular or occasional user) and
 * is in the sampled event export or not.
 */
import { hashFloat, type Rng } from './prng.js';
import { TAG } from './tags.js';
import type { Stretch, UserModel } from './types.js';

/** Most users a customer has. */
export const MAX_USERS = 30;

/** User id of user `n` (0-based) of a customer: `u000123-01` (en) or `U000123-01` (ja). */
export function userId(customerId: string, n: number, upper: boolean): string {
  const digits = customerId.replace(/\D/g, '');
  const k = n + 1;
  return `${upper ? 'U' : 'u'}${digits}-${k < 10 ? `0${k}` : k}`;
}

/** Builds the users. `seats` is the largest seat count the customer ever paid for. */
export function buildUsers(
  rng: Rng,
  opts: {
    seed: number;
    customerIndex: number;
    customerId: string;
    upperIds: boolean;
    seats: number;
    stretches: readonly Stretch[];
    eventSampleRate: number;
  },
): UserModel[] {
  const first = opts.stretches[0];
  if (!first) return [];
  const last = opts.stretches[opts.stretches.length - 1] as Stretch;
  const count = Math.min(MAX_USERS, Math.max(1, Math.round(opts.seats * (0.6 + 0.5 * rng.float()))));
  const users: UserModel[] = [];
  for (let n = 0; n < count; n++) {
    let join = first.from;
    if (n > 0) {
      join = rng.chance(0.75)
        ? first.from + 1 + Math.floor(rng.exponential(20))
        : first.from + rng.int(1, Math.max(1, last.to - first.from));
    }
    const leave = n > 0 && rng.chance(0.12) ? join + rng.int(30, 400) : Number.POSITIVE_INFINITY;
    const role = rng.float();
    const propensity = n === 0 ? 0.15 + 0.3 * rng.float() : role < 0.15 ? 0.45 : role < 0.65 ? 0.18 : 0.05;
    const tracked = n === 0 || hashFloat(opts.seed, TAG.tracked, opts.customerIndex, n) < opts.eventSampleRate;
    users.push({ n, id: userId(opts.customerId, n, opts.upperIds), join, leave, propensity, tracked });
  }
  return users;
}

/** Users that exist on `day`. */
export function usersOn(users: readonly UserModel[], day: number): UserModel[] {
  return users.filter((u) => u.join <= day && day < u.leave);
}
