/**
 * Character-encoding detection for CSV exports, Japanese ones in particular.
 *
 * Order: byte-order mark, then strict UTF-8, then the Japanese legacy encodings scored by
 * how plausible the decoded text is. WHATWG `shift_jis` (what `TextDecoder` implements) is
 * Windows-31J / CP932, so NEC and IBM extension characters (①, ㈱, 髙, ～) decode correctly.
 */

/** Encodings the ingest can read. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp';

/** The result of {@link detectEncoding}. */
export interface EncodingDetection {
  encoding: Encoding;
  /** Bytes of byte-order mark at the start of the file (to skip). */
  bom: number;
  /** 0..1; 1 for a byte-order mark, about 0.5 when the sample is plain ASCII. */
  confidence: number;
  /** Why this encoding was chosen, in English, for logs and the UI's "details". */
  reason: string;
}

/** An encoding the user can pick, with labels for the UI. */
export interface EncodingOption {
  id: Encoding;
  label: { en: string; ja: string };
}

/** Encodings offered in the UI's encoding picker, most common first. */
export const SELECTABLE_ENCODINGS: readonly EncodingOption[] = [
  { id: 'utf-8', label: { en: 'UTF-8', ja: 'UTF-8' } },
  { id: 'shift_jis', label: { en: 'Shift_JIS (Windows-31J / CP932)', ja: 'Shift_JIS（Windows-31J / CP932）' } },
  { id: 'euc-jp', label: { en: 'EUC-JP', ja: 'EUC-JP' } },
  { id: 'utf-16le', label: { en: 'UTF-16 LE', ja: 'UTF-16 LE' } },
  { id: 'utf-16be', label: { en: 'UTF-16 BE', ja: 'UTF-16 BE' } },
];

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
  'euc-jp': 'euc-jp',
  eucjp: 'euc-jp',
  euc_jp: 'euc-jp',
};

/** Maps an encoding name as users or other tools write it (`SJIS`, `cp932`, `UTF8`) to an {@link Encoding}; null if unsupported. */
export function normalizeEncoding(name: string): Encoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** Display label of an encoding (English). */
export function encodingLabel(encoding: Encoding): string {
  return SELECTABLE_ENCODINGS.find((e) => e.id === encoding)?.label.en ?? encoding;
}

/** Length of the byte-order mark of `encoding` at the start of `bytes`, or 0. */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (encoding === 'utf-8' && a === 0xef && b === 0xbb && c === 0xbf) return 3;
  if (encoding === 'utf-16le' && a === 0xff && b === 0xfe) return 2;
  if (encoding === 'utf-16be' && a === 0xfe && b === 0xff) return 2;
  return 0;
}

function detectBom(sample: Uint8Array): EncodingDetection | null {
  for (const encoding of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    const bom = bomLength(sample, encoding);
    if (bom > 0) return { encoding, bom, confidence: 1, reason: `${encodingLabel(encoding)} byte-order mark` };
  }
  return null;
}

/** UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte. */
function detectUtf16WithoutBom(sample: Uint8Array): EncodingDetection | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  // Japanese-heavy text has fewer zero bytes than ASCII, but they are all on one side.
  if (zeroOdd / pairs > 0.15 && zeroEven <= zeroOdd * 0.05) {
    return {
      encoding: 'utf-16le',
      bom: 0,
      confidence: 0.8,
      reason: 'UTF-16 LE without byte-order mark (zero high bytes)',
    };
  }
  if (zeroEven / pairs > 0.15 && zeroOdd <= zeroEven * 0.05) {
    return {
      encoding: 'utf-16be',
      bom: 0,
      confidence: 0.8,
      reason: 'UTF-16 BE without byte-order mark (zero high bytes)',
    };
  }
  return null;
}

function countNonAscii(sample: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < sample.length; i++) if ((sample[i] as number) >= 0x80) n++;
  return n;
}

/**
 * Strict UTF-8 check. `stream: true` makes the decoder hold back an incomplete sequence at
 * the end instead of failing, so a sample cut in the middle of a character still passes.
 */
function isStrictUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Character statistics of decoded text, for judging whether it is plausible Japanese. */
export interface TextStats {
  /** U+FFFD produced by the decoder (invalid byte sequences). */
  replacements: number;
  /** Characters above U+007F. */
  nonAscii: number;
  /** Hiragana, katakana, CJK ideographs, CJK punctuation, full-width forms, enclosed/compat CJK. */
  japanese: number;
  /**
   * Of `japanese`, CJK ideographs outside JIS X 0208 level 1 (level 2, NEC/IBM extensions,
   * others) that are not in `sameRowKanji`: legitimate, but a few percent of the kanji of
   * real text, while a wrong decoding of single-byte text lands on them about a third of
   * the time.
   */
  rareKanji: number;
  /**
   * Of `japanese`, CJK ideographs that are the third or later of consecutive ideographs in
   * one JIS X 0208 row. Rows are ordered by reading, so real text has pairs (期間, 利用:
   * about 4% of adjacent kanji) but hardly ever three; a wrong decoding that pairs one
   * repeated byte with varying ones (EUC-JP half-width katakana, 0x8E + 0xA1–0xDF, read as
   * Shift_JIS) produces nothing else.
   */
  sameRowKanji: number;
  /** Half-width katakana and punctuation (U+FF61–U+FF9F), common in bank and billing exports. */
  halfWidthKana: number;
  /**
   * Of `halfWidthKana`, the spelled ones: letters (ｦ, ｱ–ﾝ), ﾞ after a kana that takes it, ﾟ
   * after ﾊ–ﾎ, and small kana or ｰ after a kana. Not the punctuation ｡｢｣､･, nor marks and
   * small kana in impossible places — which is what the lead bytes of EUC-JP kana and symbol
   * rows and misaligned pairs become when read as Shift_JIS.
   */
  halfWidthKanaSpelled: number;
  /** Private-use characters (Shift_JIS user-defined rows 0xF040–0xF9FC): vendor gaiji, hardly ever in exports. */
  privateUse: number;
  /** C0 control characters other than tab, CR, LF. */
  controls: number;
}

/** Row (1–94) in JIS X 0208 of each BMP character, 0 for none; the first row wins for duplicates. */
let jisRows: Uint8Array | null = null;

/** Builds {@link jisRows} once from the WHATWG EUC-JP decoder (whose pairs are JIS X 0208 + 0x8080). */
function jisRowTable(): Uint8Array {
  if (jisRows) return jisRows;
  const bytes = new Uint8Array(94 * 94 * 2);
  for (let i = 0; i < 94 * 94; i++) {
    bytes[2 * i] = 0xa1 + Math.floor(i / 94);
    bytes[2 * i + 1] = 0xa1 + (i % 94);
  }
  // Every pair decodes to one BMP character or one U+FFFD (neither byte is ASCII).
  const text = new TextDecoder('euc-jp').decode(bytes);
  const rows = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xfffd && rows[c] === 0) rows[c] = 1 + Math.floor(i / 94);
  }
  jisRows = rows;
  return rows;
}

/** JIS X 0208 level-1 kanji: rows 16–47. */
const isLevel1Row = (row: number): boolean => row >= 16 && row <= 47;

const isIdeograph = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** Half-width katakana that take ﾞ: ｳ, ｶ–ｺ, ｻ–ｿ, ﾀ–ﾄ, ﾊ–ﾎ. */
const takesVoicedMark = (c: number): boolean =>
  c === 0xff73 || (c >= 0xff76 && c <= 0xff84) || (c >= 0xff8a && c <= 0xff8e);

/** Whether half-width katakana `c` is spelled plausibly after the character `prev` (see {@link TextStats.halfWidthKanaSpelled}). */
function halfWidthKanaSpelled(c: number, prev: number): boolean {
  if (c <= 0xff65) return false; // ｡｢｣､･
  if (c === 0xff9e) return takesVoicedMark(prev); // ﾞ
  if (c === 0xff9f) return prev >= 0xff8a && prev <= 0xff8e; // ﾟ
  if (c >= 0xff67 && c <= 0xff70) return prev >= 0xff66 && prev <= 0xff9f; // ｧ–ｯ, ｰ
  return true;
}

/** Counts the character classes of `text` used to score a decoding. */
export function textStats(text: string): TextStats {
  const s: TextStats = {
    replacements: 0,
    nonAscii: 0,
    japanese: 0,
    rareKanji: 0,
    sameRowKanji: 0,
    halfWidthKana: 0,
    halfWidthKanaSpelled: 0,
    privateUse: 0,
    controls: 0,
  };
  const rows = jisRowTable();
  let prev = 0;
  let prevKanjiRow = 0;
  let sameRowRun = 0; // ideographs before this one in the current run of one JIS row
  for (let i = 0; i < text.length; prev = text.charCodeAt(i), i++) {
    const c = text.charCodeAt(i);
    const kanjiRowBefore = prevKanjiRow;
    prevKanjiRow = 0;
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) s.controls++;
      continue;
    }
    if (c < 0x80) continue;
    s.nonAscii++;
    if (c === 0xfffd) s.replacements++;
    else if (c >= 0xff61 && c <= 0xff9f) {
      s.halfWidthKana++;
      if (halfWidthKanaSpelled(c, prev)) s.halfWidthKanaSpelled++;
    } else if (c >= 0xe000 && c <= 0xf8ff) s.privateUse++;
    else if (isIdeograph(c)) {
      s.japanese++;
      const row = rows[c] as number;
      sameRowRun = row !== 0 && row === kanjiRowBefore ? sameRowRun + 1 : 0;
      if (sameRowRun >= 2) s.sameRowKanji++;
      else if (!isLevel1Row(row)) s.rareKanji++;
      prevKanjiRow = row;
    } else if (
      (c >= 0x3000 && c <= 0x30ff) || // CJK punctuation, hiragana, katakana
      (c >= 0x3200 && c <= 0x33ff) || // enclosed CJK (㈱), CJK compatibility (㍻)
      (c >= 0xff01 && c <= 0xff60) || // full-width ASCII forms
      (c >= 0xffe0 && c <= 0xffe6) || // full-width ¥ ￠ etc.
      (c >= 0x2460 && c <= 0x24ff) || // circled numbers ①
      (c >= 0x2160 && c <= 0x217f) || // Roman numerals Ⅰ
      c === 0x00a5 ||
      c === 0x00d7 ||
      c === 0x00f7 ||
      c === 0x2015 ||
      c === 0x2212 ||
      c === 0x2225 ||
      (c >= 0x2010 && c <= 0x2026) ||
      (c >= 0x2190 && c <= 0x21ff) ||
      (c >= 0x2500 && c <= 0x25ff) ||
      (c >= 0x2600 && c <= 0x26ff)
    )
      s.japanese++;
  }
  return s;
}

/**
 * Weight of a spelled half-width katakana: a little below kana and level-1 kanji (1), so
 * that when both readings are flawless — a few katakana whose byte pairs also read as
 * level-1 kanji in distinct rows — the kanji reading wins. Every flaw of the kanji reading
 * (a lone byte, an unassigned cell, a rare or same-row kanji) tips it to the katakana.
 */
const HALF_WIDTH_KANA_WEIGHT = 0.9;
/** Weight of a {@link TextStats.rareKanji rare kanji}. */
const RARE_KANJI_WEIGHT = 0.5;

/**
 * Plausibility of a decoding in [-∞, 1]: the weighted share of non-ASCII characters that
 * are plausible Japanese. Kana, level-1 kanji and Japanese symbols weigh 1, rare kanji 0.5,
 * spelled half-width katakana 0.9; same-row kanji, unspelled half-width katakana and any
 * other character 0; a private-use character -1 and an invalid sequence -3. Control
 * characters count -1 each.
 */
export function plausibility(stats: TextStats): number {
  if (stats.nonAscii === 0) return stats.controls > 0 ? 0 : 1;
  const weighted =
    stats.japanese -
    stats.sameRowKanji -
    (1 - RARE_KANJI_WEIGHT) * stats.rareKanji +
    HALF_WIDTH_KANA_WEIGHT * stats.halfWidthKanaSpelled -
    stats.privateUse -
    3 * stats.replacements -
    stats.controls;
  return weighted / stats.nonAscii;
}

interface Candidate {
  encoding: Encoding;
  stats: TextStats;
  score: number;
}

function scoreCandidate(sample: Uint8Array, encoding: Encoding): Candidate {
  const text = new TextDecoder(encoding).decode(sample, { stream: true });
  const stats = textStats(text);
  return { encoding, stats, score: plausibility(stats) };
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * Detects the encoding of the first bytes of a file.
 *
 * A byte-order mark wins. Otherwise a sample that is valid UTF-8 (an incomplete character at
 * the very end is ignored) is UTF-8. Otherwise Shift_JIS (CP932), EUC-JP and lenient UTF-8
 * decodings are scored by {@link plausibility}: invalid sequences and the weighted share of
 * plausible Japanese characters; on a near tie Shift_JIS, by far the most common legacy
 * encoding of Japanese exports, is preferred.
 *
 * The hard case is text whose only non-ASCII bytes are 0xA1–0xDF: Shift_JIS half-width
 * katakana one byte each, and in EUC-JP pairs of kanji. The katakana reading is scored by
 * its spelling, the kanji reading by its flaws: a lone byte between ASCII (runs of
 * half-width katakana have any length, EUC-JP pairs need an even one), unassigned cells,
 * level-2 kanji (every pair led by ﾐ–ﾝ, ﾞ or ﾟ) and runs of kanji from one JIS row. EUC-JP
 * half-width katakana (0x8E + 0xA1–0xDF) read as Shift_JIS is kanji of a single row.
 */
export function detectEncoding(sample: Uint8Array): EncodingDetection {
  const bom = detectBom(sample);
  if (bom) return bom;
  if (sample.length === 0) return { encoding: 'utf-8', bom: 0, confidence: 0.5, reason: 'empty sample' };
  const utf16 = detectUtf16WithoutBom(sample);
  if (utf16) return utf16;

  const high = countNonAscii(sample);
  if (high === 0) {
    return {
      encoding: 'utf-8',
      bom: 0,
      confidence: 0.5,
      reason: 'sample is plain ASCII (valid in every supported encoding)',
    };
  }
  if (isStrictUtf8(sample)) {
    return {
      encoding: 'utf-8',
      bom: 0,
      confidence: high >= 6 ? 0.99 : 0.9,
      reason: 'valid UTF-8 with multi-byte characters',
    };
  }

  const candidates = (['shift_jis', 'euc-jp', 'utf-8'] as const).map((e) => scoreCandidate(sample, e));
  const preference: Record<Encoding, number> = {
    shift_jis: 0.05,
    'utf-8': 0.02,
    'euc-jp': 0,
    'utf-16le': 0,
    'utf-16be': 0,
  };
  candidates.sort((a, b) => b.score + preference[b.encoding] - (a.score + preference[a.encoding]));
  const best = candidates[0] as Candidate;
  const second = candidates[1] as Candidate;
  const margin = best.score - second.score;
  const confidence = clamp01(best.score) * (margin > 0.3 ? 0.95 : 0.6 + margin);
  const japanese = best.stats.japanese + best.stats.halfWidthKanaSpelled;
  const pct = Math.round(100 * clamp01(japanese / Math.max(1, best.stats.nonAscii)));
  return {
    encoding: best.encoding,
    bom: 0,
    confidence: Math.round(confidence * 100) / 100,
    reason:
      `not valid UTF-8; decoded as ${encodingLabel(best.encoding)} with ${best.stats.replacements} invalid sequence(s), ` +
      `${pct}% of non-ASCII characters Japanese (next: ${encodingLabel(second.encoding)}, score ${second.score.toFixed(2)} vs ${best.score.toFixed(2)})`,
  };
}

/**
 * Detects the encoding from several windows of a file: the head, plus slices from further
 * in when the head is plain ASCII (an export whose first rows carry no Japanese text).
 * Windows after the first are trimmed to whole lines, since `0x0A` never occurs inside a
 * multi-byte character in any supported non-UTF-16 encoding.
 */
export function detectEncodingInWindows(head: Uint8Array, windows: readonly Uint8Array[]): EncodingDetection {
  const first = detectEncoding(head);
  if (first.confidence >= 0.9 || first.encoding !== 'utf-8' || windows.length === 0) return first;
  const parts: Uint8Array[] = [head];
  let total = head.length;
  for (const w of windows) {
    const start = w.indexOf(0x0a) + 1;
    const end = w.lastIndexOf(0x0a);
    if (start <= 0 || end < start) continue;
    parts.push(new Uint8Array([0x0a]), w.subarray(start, end));
    total += 1 + end - start;
  }
  if (parts.length === 1) return first;
  const joined = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.length;
  }
  const all = detectEncoding(joined);
  if (all.encoding === 'utf-8' && all.confidence < 0.9) return first;
  return { ...all, reason: `${all.reason} (head was plain ASCII; decided from samples further into the file)` };
}
