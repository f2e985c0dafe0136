/** Normalisation defaults, before a source dictionary or detection changes them. */
import type { Normalisation } from './types.js';

/** The neutral normalisation: units, per-value epoch detection, monthly, no status filter. */
export const DEFAULT_NORMALISATION: Readonly<Normalisation> = Object.freeze({
  amountUnit: 'units',
  epochUnit: 'auto',
  defaultInterval: 'month',
  mrrFrom: 'amount',
  excludedStatuses: [],
  includedStatuses: [],
  endDateRule: 'period_end_first',
  periodEndInclusive: false,
  termMonths: null,
  scoreScale: null,
  reportingCurrency: null,
  dayFirst: false,
});
