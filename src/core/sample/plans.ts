/**
 * The price list. Prices are per seat; a yearly price is ten monthly prices (two
 * months free), and every price is a multiple of 6 (USD) or 600 (JPY) so that
 * MRR = amount × quantity ÷ 12 stays a whole number.
 */
import type { SampleLocale } from './locale.js';

/** Internal plan key (ordered from smallest to largest). */
export type PlanKey = 'starter' | 'growth' | 'enterprise';

/** All plans, smallest first. */
export const PLAN_KEYS: readonly PlanKey[] = ['starter', 'growth', 'enterprise'];

/** Billing interval of a subscription period. */
export type BillingInterval = 'month' | 'year';

const MONTHLY_SEAT_PRICE: Record<SampleLocale, Record<PlanKey, number>> = {
  en: { starter: 30, growth: 78, enterprise: 150 },
  ja: { starter: 3000, growth: 7800, enterprise: 15000 },
};

/** Seat range a new customer of each plan buys. */
export const SEAT_RANGE: Record<PlanKey, readonly [number, number]> = {
  starter: [1, 5],
  growth: [3, 15],
  enterprise: [10, 40],
};

/**
 * Price of one seat for one billing interval, after an optional discount (a fraction
 * in [0, 0.5), applied to the monthly price and rounded down to the price step).
 */
export function seatPrice(locale: SampleLocale, plan: PlanKey, interval: BillingInterval, discount = 0): number {
  const step = locale === 'en' ? 6 : 600;
  const monthly = Math.max(step, Math.floor((MONTHLY_SEAT_PRICE[locale][plan] * (1 - discount)) / step) * step);
  return interval === 'year' ? monthly * 10 : monthly;
}

/** Monthly recurring revenue of `amount` per interval for `quantity` seats. */
export function mrrOf(amount: number, quantity: number, interval: BillingInterval): number {
  return interval === 'year' ? (amount * quantity) / 12 : amount * quantity;
}
