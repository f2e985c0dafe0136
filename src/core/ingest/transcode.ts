/**
 * Streaming transcoding of file slices to UTF-8, for DuckDB's CSV reader.
 *
 * Each `push` decodes one slice with `TextDecoder(..., {stream: true})` (characters cut at
 * a slice boundary are carried over) and re-encodes it with `TextEncoder`; no string larger
 * than one slice ever exists. UTF-8 input is passed through untouched (DuckDB validates it
 * and reports invalid bytes with their line). The byte-order mark is removed.
 */
import { bomLength, type Encoding } from './encoding.js';

/** Where the first undecodable byte sequence was, and how many there were. */
export interface TranscodeStats {
  /** Source bytes consumed. */
  bytesIn: number;
  /** UTF-8 bytes produced. */
  bytesOut: number;
  /** U+FFFD characters produced, i.e. invalid byte sequences (always 0 for UTF-8 pass-through). */
  replacements: number;
  /** 1-based physical line (CRLF, LF, CR each end a line) of the first invalid sequence. */
  firstBadLine: number | null;
  /** 1-based character column of the first invalid sequence in its line. */
  firstBadColumn: number | null;
}

/** A streaming byte-to-UTF-8 converter; see {@link createTranscoder}. */
export interface Transcoder {
  /** Converts the next slice of the file; returns UTF-8 bytes (possibly empty). */
  push(chunk: Uint8Array): Uint8Array;
  /** Flushes a character left incomplete at the end of the file (it becomes U+FFFD). */
  end(): Uint8Array;
  /** Running statistics, updated by every `push`. */
  readonly stats: TranscodeStats;
  /** True when bytes are passed through unchanged (UTF-8 input). */
  readonly passthrough: boolean;
}

const EMPTY = new Uint8Array(0);

/** Tracks line and column of the text seen so far until the first U+FFFD is found. */
class LinePosition {
  line = 1;
  /** Index in the current string where the current line started (may be negative). */
  private lineStart = 0;
  private pendingCR = false;

  /** Advances over `s`; returns [line, column] of the first U+FFFD in `s`, or null. */
  advance(s: string): [number, number] | null {
    const bad = s.indexOf('\uFFFD');
    const limit = bad < 0 ? s.length : bad;
    let i = 0;
    if (this.pendingCR && s.charCodeAt(0) === 10) i = 1; // LF of a CRLF split across slices
    this.pendingCR = false;
    if (i === 1) this.lineStart = 1;
    for (;;) {
      const lf = s.indexOf('\n', i);
      const cr = s.indexOf('\r', i);
      let brk = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (brk < 0 || brk >= limit) break;
      if (s.charCodeAt(brk) === 13 && s.charCodeAt(brk + 1) === 10) brk++;
      else if (s.charCodeAt(brk) === 13 && brk === s.length - 1) this.pendingCR = true;
      this.line++;
      i = brk + 1;
      this.lineStart = i;
    }
    if (bad >= 0) return [this.line, bad - this.lineStart + 1];
    this.lineStart -= s.length;
    return null;
  }
}

/**
 * Creates a transcoder from `encoding` to UTF-8. The byte-order mark of the encoding, if
 * present at the start of the stream, is dropped.
 */
export function createTranscoder(encoding: Encoding): Transcoder {
  const stats: TranscodeStats = { bytesIn: 0, bytesOut: 0, replacements: 0, firstBadLine: null, firstBadColumn: null };

  if (encoding === 'utf-8') {
    // Pass-through; only the BOM needs care, and it may be split over the first pushes.
    let head: Uint8Array | null = new Uint8Array(0);
    const take = (bytes: Uint8Array): Uint8Array => {
      stats.bytesOut += bytes.length;
      return bytes;
    };
    return {
      stats,
      passthrough: true,
      push(chunk: Uint8Array): Uint8Array {
        stats.bytesIn += chunk.length;
        if (head === null) return take(chunk);
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        if (joined.length < 3 && [0xef, 0xbb, 0xbf].slice(0, joined.length).every((b, i) => joined[i] === b)) {
          head = joined; // could still become a BOM
          return EMPTY;
        }
        head = null;
        return take(joined.subarray(bomLength(joined, 'utf-8')));
      },
      end(): Uint8Array {
        const rest = head ?? EMPTY;
        head = null;
        return take(rest);
      },
    };
  }

  // TextDecoder strips a UTF-16 BOM itself (ignoreBOM: false); Shift_JIS/EUC-JP have none.
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const position = new LinePosition();
  const convert = (text: string): Uint8Array => {
    if (stats.firstBadLine === null) {
      const bad = position.advance(text);
      if (bad) [stats.firstBadLine, stats.firstBadColumn] = bad;
    }
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) stats.replacements++;
    const out = encoder.encode(text);
    stats.bytesOut += out.length;
    return out;
  };
  return {
    stats,
    passthrough: false,
    push(chunk: Uint8Array): Uint8Array {
      stats.bytesIn += chunk.length;
      return convert(decoder.decode(chunk, { stream: true }));
    },
    end(): Uint8Array {
      return convert(decoder.decode());
    },
  };
}
