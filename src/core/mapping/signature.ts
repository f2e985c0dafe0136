/**
 * Header signature: a stable key for "the same kind of export", so a mapping confirmed
 * once applies itself to next month's file with the same columns.
 */
import { headerKey } from './headerKey.js';

// 64-bit FNV-1a over UTF-16 code units, as two 32-bit halves (no BigInt on the hot path).
function fnv1a64(text: string): string {
  let h1 = 0x84222325;
  let h0 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    h1 ^= text.charCodeAt(i);
    // multiply (h0,h1) by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const l = Math.imul(h1, 0x1b3);
    const lh = Math.floor(((h1 >>> 0) * 0x1b3) / 0x100000000);
    const hi = (Math.imul(h0, 0x1b3) + lh + (h1 << 8)) >>> 0;
    h1 = l >>> 0;
    h0 = hi;
  }
  return (h0 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Stable hash of the normalised, sorted header list. Column order, case, spacing and
 * punctuation do not change it; adding, removing or renaming a column does.
 */
export function headerSignature(columns: readonly ({ name: string } | string)[]): string {
  const keys = columns.map((c) => headerKey(typeof c === 'string' ? c : c.name)).sort();
  return `h1:${fnv1a64(keys.join('\u0000'))}`;
}
