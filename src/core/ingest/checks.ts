/**
 * Checks on the first bytes of a file before anything is parsed: is it empty, is it text
 * at all (an Excel workbook dropped instead of its CSV export is the common case)?
 */
import type { BinaryKind } from './errors.js';
import type { Encoding } from './encoding.js';

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);

function containsAscii(b: Uint8Array, text: string, limit = 4096): boolean {
  const n = Math.min(b.length, limit);
  outer: for (let i = 0; i + text.length <= n; i++) {
    for (let k = 0; k < text.length; k++) if (b[i + k] !== text.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/**
 * Recognises non-text content from its first bytes: Excel workbooks (`.xlsx` is a ZIP
 * with `[Content_Types].xml`, `.xls` an OLE2 file), ZIP, gzip, PDF, or anything else with
 * NUL bytes or many control characters (ignored for UTF-16, where NUL bytes are normal).
 */
export function sniffBinary(head: Uint8Array, encoding: Encoding): BinaryKind | null {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return containsAscii(head, '[Content_Types].xml') || containsAscii(head, 'xl/') ? 'xlsx' : 'zip';
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (encoding === 'utf-16le' || encoding === 'utf-16be' || head.length === 0) return null;
  const n = Math.min(head.length, 64 * 1024);
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) ctrl++;
  }
  if (nul > Math.max(2, n * 0.005) || (nul + ctrl) / n > 0.05) return 'binary';
  return null;
}

/** True when decoded text has nothing but white space (an "empty" export). */
export function isBlankText(text: string): boolean {
  return /^[\s\uFEFF\u3000]*$/.test(text);
}
