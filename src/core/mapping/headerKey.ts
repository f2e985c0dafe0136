/**
 * Header normalisation for matching: `Customer ID`, `customer_id`, `CUSTOMER-ID` and
 * `Customer Id (UTC)`-style variants compare equal after it; full-width characters are
 * folded (NFKC) so `ＩＤ` equals `ID`; Japanese text is kept.
 */

// Whitespace, ASCII punctuation and common Japanese punctuation / brackets.
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** Case-, space- and punctuation-insensitive key of a header. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}
