/**
 * Stream tags: each aspect of the simulation draws from its own random stream, keyed
 * by (seed, tag, …), so changing one aspect never shifts the numbers of another.
 */
import { hashString } from './prng.js';

/** One tag per independent random stream. */
export const TAG = {
  signup: hashString('signup'),
  attributes: hashString('attributes'),
  subscriptions: hashString('subscriptions'),
  users: hashString('users'),
  tracked: hashString('tracked'),
  milestones: hashString('milestones'),
  activeDay: hashString('active-day'),
  dayEvents: hashString('day-events'),
  session: hashString('session'),
  nps: hashString('nps'),
  csat: hashString('csat'),
  tickets: hashString('tickets'),
} as const;
