/** subscriptions.csv: one row per subscription period, grouped by customer, in start order. */
import { csvLine } from '../csv.js';
import { buildCustomerModel } from '../customerModel.js';
import { formatDate } from '../format.js';
import { HEADERS } from '../headers.js';
import { INTERVAL_LABELS, PLAN_LABELS } from '../labels.js';
import { LOCALE_FACTS } from '../locale.js';
import type { ResolvedParams } from '../params.js';

/** Subscription id of period `k` (0-based) of a customer. */
export function subscriptionIdOf(customerId: string, k: number, locale: ResolvedParams['locale']): string {
  const digits = customerId.replace(/\D/g, '');
  const seq = String(k + 1).padStart(2, '0');
  return locale === 'ja' ? `K${digits}-${seq}` : `sub_${digits}_${seq}`;
}

/** Streams the header and every row as CSV lines. */
export function* subscriptionLines(p: ResolvedParams): Generator<string> {
  const facts = LOCALE_FACTS[p.locale];
  yield csvLine(HEADERS.subscriptions[p.locale], facts.newline);
  for (let i = 0; i < p.customers; i++) {
    const c = buildCustomerModel(p, i);
    for (let k = 0; k < c.periods.length; k++) {
      const per = c.periods[k]!;
      yield csvLine(
        [
          subscriptionIdOf(c.id, k, p.locale),
          c.id,
          PLAN_LABELS[p.locale][per.plan],
          INTERVAL_LABELS[p.locale][per.interval],
          per.amount,
          per.quantity,
          facts.currency,
          formatDate(p.locale, per.start),
          per.end === null ? '' : formatDate(p.locale, per.end),
          per.mrr,
        ],
        facts.newline,
      );
    }
  }
}
