/**
 * A small Shift_JIS (CP932, Windows-31J) encoder. The reverse table is built once by
 * decoding every double-byte code with the platform's `TextDecoder('shift_jis')`, so no
 * table is shipped. Where a character has two codes (NEC-selected IBM extensions in
 * lead bytes 0xED/0xEE versus IBM extensions in 0xFA–0xFC, or NEC row 13 versus
 * JIS row 2), the one Windows and the WHATWG encoder write is kept: the lowest code
 * outside 0xED/0xEE.
 */

let table: Uint16Array | null = null;

function isLead(b: number): boolean {
  return (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
}

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  const decoder = new TextDecoder('shift_jis');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (!isLead(lead) || lead === 0xed || lead === 0xee) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length !== 1) continue;
      const code = s.charCodeAt(0);
      if (code === 0xfffd || code < 0x80) continue;
      if (t[code] === 0) t[code] = (lead << 8) | trail;
    }
  }
  return t;
}

/** Thrown for a character CP932 cannot represent. */
export class Cp932EncodeError extends Error {
  /** Creates the error for the character at `index` of the input. */
  constructor(
    readonly char: string,
    readonly index: number,
  ) {
    super(
      `character U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} (${char}) at ${index} has no CP932 code`,
    );
    this.name = 'Cp932EncodeError';
  }
}

/** True when every character of `s` has a CP932 code. */
export function isCp932Encodable(s: string): boolean {
  try {
    encodeCp932(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Encodes a string as CP932 bytes. ASCII stays single-byte, halfwidth katakana
 * (U+FF61–U+FF9F) maps to 0xA1–0xDF, everything else uses the decoded table.
 * Throws `Cp932EncodeError` on any character without a code (no silent `?`).
 */
export function encodeCp932(s: string): Uint8Array {
  const t = (table ??= buildTable());
  const out = new Uint8Array(s.length * 2);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c >= 0xff61 && c <= 0xff9f) {
      out[n++] = c - 0xff61 + 0xa1;
    } else {
      const v = t[c] ?? 0;
      if (v === 0) throw new Cp932EncodeError(String.fromCodePoint(s.codePointAt(i) ?? c), i);
      out[n++] = v >> 8;
      out[n++] = v & 0xff;
    }
  }
  return out.subarray(0, n);
}
