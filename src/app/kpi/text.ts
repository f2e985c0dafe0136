/**
 * Text helpers for KPI definitions.
 */

/** The first sentence of a definition (up to ". " or "。"). */
export function firstSentence(text: string): string {
  const m = /^(.+?(?:\.(?=\s|$)|。))/s.exec(text.trim());
  return m ? m[1]! : text;
}
