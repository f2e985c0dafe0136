/**
 * Shared value vocabularies (interval words, yes/no, good/bad, survey labels,
 * currencies), kept as data in `vocabulary.json` and used by detection and by the SQL.
 */
import data from './vocabulary.json';
import type { IntervalUnit } from './types.js';

/** Words per interval unit (lowercase). */
export const INTERVAL_WORDS: Record<IntervalUnit, readonly string[]> = data.intervals;

/** Months in one interval unit: the divisor of the MRR formula. */
export const MONTHS_PER_UNIT: Record<IntervalUnit, number> = {
  day: 12 / 365,
  week: 12 / 52,
  month: 1,
  quarter: 3,
  half_year: 6,
  year: 12,
};

/** Text values meaning true / false. */
export const BOOLEAN_TRUE: readonly string[] = data.booleanTrue;
export const BOOLEAN_FALSE: readonly string[] = data.booleanFalse;

/** Satisfaction values meaning good / bad. */
export const SATISFACTION_GOOD: readonly string[] = data.satisfactionGood;
export const SATISFACTION_BAD: readonly string[] = data.satisfactionBad;

/** Survey labels meaning NPS / CSAT. */
export const SURVEY_NPS: readonly string[] = data.surveyNps;
export const SURVEY_CSAT: readonly string[] = data.surveyCsat;

/** ISO codes of currencies without minor units (amounts are never in "cents"). */
export const ZERO_DECIMAL_CURRENCIES: readonly string[] = data.zeroDecimalCurrencies;

/** Currency symbols and words → ISO code. */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = data.currencySymbols;

/** The interval unit a word names (`monthly`, `年次`, …), or null. */
export function intervalUnitOf(word: string): IntervalUnit | null {
  const w = word.normalize('NFKC').trim().toLowerCase();
  for (const [unit, words] of Object.entries(INTERVAL_WORDS) as [IntervalUnit, readonly string[]][]) {
    if (words.includes(w)) return unit;
  }
  return null;
}

/**
 * Parses an interval cell such as `month`, `3 months`, `年次`, or a bare number of
 * months (`12`). Returns the unit and count, or null when unrecognised.
 */
export function parseInterval(value: string): { unit: IntervalUnit; count: number } | null {
  const v = value.normalize('NFKC').trim().toLowerCase();
  const m = /^(\d+)\s*(.*)$/.exec(v);
  if (m) {
    const count = Number(m[1]);
    const rest = (m[2] ?? '').trim();
    if (rest === '') return { unit: 'month', count };
    const unit = intervalUnitOf(rest);
    return unit ? { unit, count } : null;
  }
  const unit = intervalUnitOf(v);
  return unit ? { unit, count: 1 } : null;
}

/** Status values of a subscription in trial (lowercase). */
export const TRIAL_STATUSES: readonly string[] = data.trialStatuses;
