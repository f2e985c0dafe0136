/** customers.csv: one row per customer, in id (= signup) order. */
import { INDUSTRIES, label, OWNERS, REGIONS, SIZE_BANDS } from '../attributes.js';
import { csvLine } from '../csv.js';
import { buildCustomerModel } from '../customerModel.js';
import { formatDate } from '../format.js';
import { HEADERS } from '../headers.js';
import { PLAN_LABELS } from '../labels.js';
import { LOCALE_FACTS } from '../locale.js';
import type { ResolvedParams } from '../params.js';

/** Streams the header and every row as CSV lines. */
export function* customerLines(p: ResolvedParams): Generator<string> {
  const nl = LOCALE_FACTS[p.locale].newline;
  yield csvLine(HEADERS.customers[p.locale], nl);
  for (let i = 0; i < p.customers; i++) {
    const c = buildCustomerModel(p, i);
    yield csvLine(
      [
        c.id,
        c.name,
        formatDate(p.locale, c.signupDay),
        c.trialStart === null ? '' : formatDate(p.locale, c.trialStart),
        c.trialEnd === null ? '' : formatDate(p.locale, c.trialEnd),
        PLAN_LABELS[p.locale][c.plan],
        label(INDUSTRIES, p.locale, c.industry),
        label(REGIONS, p.locale, c.region),
        label(SIZE_BANDS, p.locale, c.size),
        label(OWNERS, p.locale, c.owner),
      ],
      nl,
    );
  }
}
