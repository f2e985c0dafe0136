/**
 * Are money values in currency units or in cents? Stripe's dashboard export writes
 * `29.00`; exports built from its API write `2900`. Decided from the source's
 * documentation, the header (API field names), the currency and the values.
 */
import { normalisationReasons as R } from './reasons.js';
import type { Choice } from './types.js';
import { median } from './valueProfile.js';
import { ZERO_DECIMAL_CURRENCIES } from './vocabulary.js';

/** What detection knows about one money column. */
export interface AmountEvidence {
  /** Exact header. */
  header: string;
  /** Numeric sample values. */
  numbers: readonly number[];
  /** ISO codes seen in the currency column (empty when none). */
  currencies: readonly string[];
  /** What the source dictionary says. */
  sourceDefault: 'units' | 'cents' | 'detect';
  /** Exact headers the dictionary knows to be in cents. */
  centsHeaders: readonly string[];
  /** Raw sample texts (to spot display formatting such as `1,200円`). */
  texts?: readonly string[];
}

/** Display formatting: currency symbols or words, thousands separators. Never used for cents. */
const DISPLAY_FORMAT = /[¥￥$€£₩円元]|\d,\d{3}|^[A-Za-z]{3} ?\d|\d ?[A-Za-z]{3}$/;
/** Japanese (or other CJK) text in a header: such exports give amounts in currency units. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Minimum median for whole numbers to look like cents of a typical price. */
export const CENTS_MEDIAN_THRESHOLD = 1000;

/** The amount unit, with confidence and reason. */
export function detectAmountUnit(e: AmountEvidence): Choice & { unit: 'units' | 'cents' } {
  const fallback = e.sourceDefault === 'cents' ? 'cents' : 'units';
  if (e.numbers.length === 0) return { unit: fallback, confidence: 0.3, reason: R.noSampleAmounts() };
  if (e.numbers.some((n) => !Number.isInteger(n))) return { unit: 'units', confidence: 0.95, reason: R.decimals() };
  if (e.currencies.length > 0 && e.currencies.every((c) => ZERO_DECIMAL_CURRENCIES.includes(c))) {
    return { unit: 'units', confidence: 0.9, reason: R.zeroDecimal([...new Set(e.currencies)]) };
  }
  if ((e.texts ?? []).some((t) => DISPLAY_FORMAT.test(t)))
    return { unit: 'units', confidence: 0.9, reason: R.displayFormat() };
  if (e.sourceDefault === 'cents') return { unit: 'cents', confidence: 0.85, reason: R.sourceCents() };
  if (e.sourceDefault === 'units') return { unit: 'units', confidence: 0.8, reason: R.sourceUnits() };
  if (e.centsHeaders.includes(e.header)) {
    return { unit: 'cents', confidence: 0.8, reason: R.apiField(e.header) };
  }
  if (CJK.test(e.header)) return { unit: 'units', confidence: 0.75, reason: R.japaneseHeader() };
  const m = median(e.numbers);
  const roundish =
    e.numbers.filter((n) => Math.abs(n) % 100 === 0 || Math.abs(n) % 100 === 99).length / e.numbers.length;
  if (m >= CENTS_MEDIAN_THRESHOLD && roundish >= 0.8) {
    return { unit: 'cents', confidence: 0.6, reason: R.looksLikeCents(m) };
  }
  return { unit: 'units', confidence: 0.6, reason: R.plausibleUnits(m) };
}
