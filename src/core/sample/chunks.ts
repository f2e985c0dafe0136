/**
 * Batching of CSV lines into larger strings, and their encoding to bytes, so a writer
 * (a Node stream, a Blob in the browser) handles a few thousand chunks instead of
 * millions of lines.
 */
import { encodeCp932 } from './cp932.js';
import { LOCALE_FACTS, type SampleLocale } from './locale.js';

/** Default chunk size in UTF-16 code units. */
export const DEFAULT_CHUNK_CHARS = 1 << 16;

/** Joins consecutive lines into chunks of at least `maxChars` characters (the last may be shorter). */
export function* chunkLines(lines: Iterable<string>, maxChars = DEFAULT_CHUNK_CHARS): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const line of lines) {
    parts.push(line);
    size += line.length;
    if (size >= maxChars) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

const utf8 = new TextEncoder();

/** Encodes text in the locale's file encoding (UTF-8 for en, CP932 for ja). */
export function encodeForLocale(locale: SampleLocale, text: string): Uint8Array {
  return LOCALE_FACTS[locale].encoding === 'shift_jis' ? encodeCp932(text) : utf8.encode(text);
}
