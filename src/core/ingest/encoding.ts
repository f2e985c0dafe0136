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
  /** Half-width katakana (U+FF61–U+FF9F): legitimate but rare, typical of mis-decoding. */
  halfWidthKana: number;
  /** C0 control characters other than tab, CR, LF. */
  controls: number;
}

/** Counts the character classes of `text` used to score a decoding. */
export function textStats(text: string): TextStats {
  const s: TextStats = { replacements: 0, nonAscii: 0, japanese: 0, halfWidthKana: 0, controls: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) s.controls++;
      continue;
    }
    if (c < 0x80) continue;
    s.nonAscii++;
    if (c === 0xfffd) s.replacements++;
    else if (c >= 0xff61 && c <= 0xff9f) s.halfWidthKana++;
    else if (
      (c >= 0x3000 && c <= 0x30ff) || // CJK punctuation, hiragana, katakana
      (c >= 0x3200 && c <= 0x33ff) || // enclosed CJK (㈱), CJK compatibility (㍻)
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs (﨑)
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
 * Plausibility of a decoding in [-∞, 1]: the share of non-ASCII characters that are
 * Japanese, with invalid sequences and half-width katakana counting against it.
 */
export function plausibility(stats: TextStats): number {
  if (stats.nonAscii === 0) return stats.controls > 0 ? 0 : 1;
  return (stats.japanese - 0.5 * stats.halfWidthKana - 3 * stats.replacements - stats.controls) / stats.nonAscii;
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
 * decodings are scored by invalid sequences and the share of Japanese characters; on a near
 * tie Shift_JIS, by far the most common legacy encoding of Japanese exports, is preferred.
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
  const pct = Math.round(100 * clamp01(best.stats.japanese / Math.max(1, best.stats.nonAscii)));
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
