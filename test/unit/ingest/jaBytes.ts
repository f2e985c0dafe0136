/**
 * Test-only encoders for Shift_JIS (CP932) and EUC-JP. Node has no encoder for either, so
 * the byte sequences of the few characters the tests use are written out by hand from the
 * code charts. ASCII passes through. Half-width katakana (U+FF61–U+FF9F, ｡ to ﾟ) are
 * computed: one byte 0xA1–0xDF in Shift_JIS, 0x8E followed by that byte in EUC-JP.
 */

/** CP932 (Windows-31J) codes. ㈱ is 0x878A (0x878D is ㍾); 髙 is the IBM extension 0xFBFC. */
const SJIS: Record<string, number> = {
  あ: 0x82a0,
  い: 0x82a2,
  う: 0x82a4,
  の: 0x82cc,
  ア: 0x8341,
  ー: 0x815b,
  '～': 0x8160,
  '①': 0x8740,
  '②': 0x8741,
  '㈱': 0x878a,
  髙: 0xfbfc,
  顧: 0x8cda,
  客: 0x8b71,
  名: 0x96bc,
  前: 0x914f,
  山: 0x8e52,
  田: 0x9363,
  太: 0x91be,
  郎: 0x9859,
  佐: 0x8db2,
  藤: 0x93a1,
  花: 0x89d4,
  子: 0x8e71,
  株: 0x8a94,
  式: 0x8eae,
  会: 0x89ef,
  社: 0x8ed0,
  金: 0x8be0,
  額: 0x8a7a,
  東: 0x938c,
  京: 0x8b9e,
  円: 0x897e,
  年: 0x944e,
  月: 0x8c8e,
  日: 0x93fa,
  様: 0x976c,
  一: 0x88ea,
  覧: 0x9797,
  契: 0x8c5f,
  約: 0x96f1,
  登: 0x936f,
  録: 0x985e,
  メ: 0x8381,
  モ: 0x8382,
  プ: 0x8376,
  ラ: 0x8389,
  ン: 0x8393,
  有: 0x974c,
  効: 0x8cf8,
  解: 0x89f0,
  済: 0x8dcf,
  取: 0x8ee6,
  引: 0x88f8,
  摘: 0x9345,
  要: 0x9776,
};

/** EUC-JP codes (JIS X 0208 + 0x8080). */
const EUC: Record<string, number> = {
  あ: 0xa4a2,
  い: 0xa4a4,
  ア: 0xa5a2,
  ー: 0xa1bc,
  '①': 0xada1,
  '㈱': 0xadea,
  顧: 0xb8dc,
  客: 0xb5d2,
  名: 0xccbe,
  前: 0xc1b0,
  山: 0xbbb3,
  田: 0xc5c4,
  東: 0xc5ec,
  京: 0xb5fe,
  金: 0xb6e2,
  額: 0xb3db,
  円: 0xb1df,
  年: 0xc7af,
  月: 0xb7ee,
  日: 0xc6fc,
  様: 0xcdcd,
  一: 0xb0ec,
  覧: 0xcdf7,
  契: 0xb7c0,
  約: 0xccf3,
  登: 0xc5d0,
  録: 0xcfbf,
  佐: 0xbab4,
  藤: 0xc6a3,
  花: 0xb2d6,
  子: 0xbbd2,
  太: 0xc2c0,
  郎: 0xcfba,
  取: 0xbce8,
  引: 0xb0fa,
  摘: 0xc5a6,
  要: 0xcdd7,
};

/** The JIS X 0201 byte (0xA1–0xDF) of a half-width katakana, or null. */
function halfWidthKanaByte(c: number): number | null {
  return c >= 0xff61 && c <= 0xff9f ? c - 0xff61 + 0xa1 : null;
}

function encodeWith(table: Record<string, number>, name: string, halfWidthPrefix: number[], text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    const kana = halfWidthKanaByte(c);
    if (c < 0x80) out.push(c);
    else if (kana !== null) out.push(...halfWidthPrefix, kana);
    else {
      const code = table[ch];
      if (code === undefined) throw new Error(`test ${name} table has no entry for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Encodes `text` as Shift_JIS (CP932) with the hand-written table. */
export function sjis(text: string): Uint8Array {
  return encodeWith(SJIS, 'Shift_JIS', [], text);
}

/** Encodes `text` as EUC-JP with the hand-written table. */
export function eucjp(text: string): Uint8Array {
  return encodeWith(EUC, 'EUC-JP', [0x8e], text);
}

/** UTF-16 LE bytes with BOM. */
export function utf16le(text: string, bom = true): Uint8Array {
  const out: number[] = bom ? [0xff, 0xfe] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(c & 0xff, c >> 8);
  }
  return new Uint8Array(out);
}

/** UTF-16 BE bytes with BOM. */
export function utf16be(text: string, bom = true): Uint8Array {
  const out: number[] = bom ? [0xfe, 0xff] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(c >> 8, c & 0xff);
  }
  return new Uint8Array(out);
}

/** UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
