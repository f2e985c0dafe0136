/**
 * The two company variants the generator can write, and the facts that differ
 * between them apart from wording: currency, line ending and the users' UTC offset.
 */

/** `en`: a US company, English headers, USD. `ja`: a Japanese company, Japanese headers, JPY, CP932. */
export type SampleLocale = 'en' | 'ja';

/** Per-locale constants. */
export interface LocaleFacts {
  /** ISO 4217 code written in the currency column. */
  currency: 'USD' | 'JPY';
  /** Line terminator of the written CSV files (Japanese Excel-made exports use CRLF). */
  newline: '\n' | '\r\n';
  /** The users' wall-clock offset from UTC, in minutes (US Eastern standard time; JST). */
  utcOffsetMinutes: number;
  /** Encoding of the written files, as a WHATWG encoding label. */
  encoding: 'utf-8' | 'shift_jis';
}

/** Constants of each locale. */
export const LOCALE_FACTS: Record<SampleLocale, LocaleFacts> = {
  en: { currency: 'USD', newline: '\n', utcOffsetMinutes: -300, encoding: 'utf-8' },
  ja: { currency: 'JPY', newline: '\r\n', utcOffsetMinutes: 540, encoding: 'shift_jis' },
};
