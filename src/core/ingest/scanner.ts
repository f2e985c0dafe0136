/**
 * A byte-level CSV state machine that finds record boundaries in LF-normalised UTF-8.
 *
 * It follows DuckDB's reading of RFC 4180: a quote opens a quoted value only at the start
 * of a field (a quote inside an unquoted value is literal), `""` inside quotes is a quote,
 * and a line break inside quotes is part of the value. Bytes below 0x80 never occur inside
 * a UTF-8 multi-byte character, so scanning bytes is safe.
 */

/** The bytes that matter for finding record boundaries; -1 means "none". */
export interface CsvSyntax {
  delimiter: number;
  quote: number;
  /** Escape byte inside quotes; equal to `quote` for the usual `""` doubling. */
  escape: number;
}

const LF = 0x0a;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const ESCAPED = 4;

/** Scanner state carried across slices. Lines are absolute (LF bytes seen since the start). */
export interface ScanState {
  state: number;
  /** LF bytes seen so far (including those inside quoted values). */
  lines: number;
  /** Value of `lines` when the currently open quoted value started. */
  quoteLine: number;
  /** Offset of the start of the current record, relative to the scanned buffer. */
  recordStart: number;
  /** Value of `lines` at the start of the current record. */
  recordLine: number;
  /** Offset just after the last record end found by the last scan, or -1. */
  lastEnd: number;
  /** Value of `lines` at `lastEnd`. */
  linesAtLastEnd: number;
}

/** A fresh scanner state at the start of a stream whose first line is `lines + 1`. */
export function scanState(lines = 0): ScanState {
  return {
    state: FIELD_START,
    lines,
    quoteLine: -1,
    recordStart: 0,
    recordLine: lines,
    lastEnd: -1,
    linesAtLastEnd: lines,
  };
}

/** True when the scanner is inside a quoted value (the record is not finished). */
export function inQuotes(st: ScanState): boolean {
  return st.state === QUOTED || st.state === ESCAPED;
}

/** Collects the non-blank records found by {@link scanRecords}. */
export interface RecordSink {
  /** Start offsets of records. */
  starts: number[];
  /** `lines` value at each record start. */
  lines: number[];
  /** Stop after this many records (scanning returns early). */
  limit?: number;
}

/**
 * Scans `bytes[from, to)`, updating `st`. Sets `st.lastEnd` to the offset just after the
 * last record-ending LF in the range (or -1). With `sink`, records are listed (blank lines,
 * which DuckDB skips, are not records).
 */
export function scanRecords(
  bytes: Uint8Array,
  from: number,
  to: number,
  syntax: CsvSyntax,
  st: ScanState,
  sink?: RecordSink,
): void {
  const d = syntax.delimiter;
  const q = syntax.quote;
  const e = syntax.escape === syntax.quote ? -1 : syntax.escape;
  let state = st.state;
  let lines = st.lines;
  let lastEnd = -1;
  let linesAtLastEnd = st.linesAtLastEnd;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b === LF) {
      lines++;
      if (state === QUOTED) continue;
      if (state === ESCAPED) {
        state = QUOTED;
        continue;
      }
      // end of record
      if (sink && i > st.recordStart) {
        sink.starts.push(st.recordStart);
        sink.lines.push(st.recordLine);
      }
      state = FIELD_START;
      lastEnd = i + 1;
      linesAtLastEnd = lines;
      st.recordStart = i + 1;
      st.recordLine = lines;
      if (sink?.limit !== undefined && sink.starts.length >= sink.limit) break;
      continue;
    }
    switch (state) {
      case FIELD_START:
        if (b === q) {
          state = QUOTED;
          st.quoteLine = lines;
        } else if (b !== d) state = UNQUOTED;
        break;
      case UNQUOTED:
        if (b === d) state = FIELD_START;
        break;
      case QUOTED:
        if (b === q) state = QUOTE_IN_QUOTED;
        else if (b === e) state = ESCAPED;
        break;
      case QUOTE_IN_QUOTED:
        if (b === q) state = QUOTED;
        else if (b === d) state = FIELD_START;
        else state = UNQUOTED; // text after a closing quote: malformed, DuckDB rejects the row
        break;
      default: // ESCAPED
        state = QUOTED;
    }
  }
  st.state = state;
  st.lines = lines;
  st.lastEnd = lastEnd;
  st.linesAtLastEnd = linesAtLastEnd;
}

/**
 * Same result as {@link scanRecords} without a sink, but jumps between line breaks and
 * quotes with native `indexOf` instead of looking at every byte in JavaScript: one call
 * per line and per quote. Falls back to `scanRecords` for backslash escapes.
 */
export function scanRecordsFast(bytes: Uint8Array, from: number, to: number, syntax: CsvSyntax, st: ScanState): void {
  const q = syntax.quote;
  if (syntax.escape !== q && syntax.escape >= 0 && q >= 0) {
    scanRecords(bytes, from, to, syntax, st);
    return;
  }
  const d = syntax.delimiter;
  let lines = st.lines;
  let lastEnd = -1;
  let linesAtLastEnd = st.linesAtLastEnd;
  let state = st.state;
  let i = from;
  const find = (p: number): number => {
    const r = bytes.indexOf(LF, p);
    return r < 0 || r >= to ? to : r;
  };
  let nextLF = find(from);

  // A quote that ended the previous range: escaped ("") or closing?
  if (state === QUOTE_IN_QUOTED && i < to) {
    if (bytes[i] === q) {
      state = QUOTED;
      i++;
    } else state = UNQUOTED;
  }
  while (i < to) {
    if (state === QUOTED) {
      const nq = q >= 0 ? bytes.indexOf(q, i) : -1;
      const end = nq < 0 || nq >= to ? to : nq;
      while (nextLF < end) {
        lines++;
        nextLF = find(nextLF + 1);
      }
      if (end === to) break;
      if (nq + 1 >= to) {
        state = QUOTE_IN_QUOTED; // decided by the next range
        i = to;
        break;
      }
      if (bytes[nq + 1] === q) {
        i = nq + 2; // escaped quote
        continue;
      }
      state = UNQUOTED; // closed; a delimiter or line break follows (or stray text)
      i = nq + 1;
      continue;
    }
    // outside quotes: every line break ends a record until the next quote
    const nq = q >= 0 ? bytes.indexOf(q, i) : -1;
    const end = nq < 0 || nq >= to ? to : nq;
    while (nextLF < end) {
      lines++;
      lastEnd = nextLF + 1;
      linesAtLastEnd = lines;
      st.recordStart = lastEnd;
      st.recordLine = lines;
      nextLF = find(nextLF + 1);
    }
    if (end === to) {
      const last = bytes[to - 1];
      if (to > i) state = last === LF || last === d ? FIELD_START : UNQUOTED;
      break;
    }
    // a quote opens a quoted value only at the start of a field
    const atFieldStart = nq > i || nq > from ? bytes[nq - 1] === d || bytes[nq - 1] === LF : state === FIELD_START;
    if (atFieldStart) {
      state = QUOTED;
      st.quoteLine = lines;
    } else state = UNQUOTED;
    i = nq + 1;
  }
  st.state = state;
  st.lines = lines;
  st.lastEnd = lastEnd;
  st.linesAtLastEnd = linesAtLastEnd;
}

/**
 * Lists the non-blank records of a complete LF-normalised chunk (including a last record
 * without a final LF). Used only on error paths, to turn record numbers into lines.
 */
export function indexRecords(bytes: Uint8Array, syntax: CsvSyntax, limit?: number): RecordSink {
  const sink: RecordSink = { starts: [], lines: [], ...(limit !== undefined ? { limit } : {}) };
  const st = scanState(0);
  scanRecords(bytes, 0, bytes.length, syntax, st, sink);
  const more = limit === undefined || sink.starts.length < limit;
  if (more && st.recordStart < bytes.length && st.lastEnd !== bytes.length) {
    sink.starts.push(st.recordStart);
    sink.lines.push(st.recordLine);
  }
  return sink;
}

/**
 * Skips the first `count` non-blank records of a chunk. Returns the offset of the byte
 * after them, the LF bytes skipped, and how many records were actually skipped (fewer
 * when the chunk ends first).
 */
export function skipRecords(
  bytes: Uint8Array,
  syntax: CsvSyntax,
  count: number,
): { offset: number; lines: number; skipped: number } {
  if (count <= 0) return { offset: 0, lines: 0, skipped: 0 };
  const sink: RecordSink = { starts: [], lines: [], limit: count };
  const st = scanState(0);
  scanRecords(bytes, 0, bytes.length, syntax, st, sink);
  if (sink.starts.length >= count) return { offset: st.lastEnd, lines: st.linesAtLastEnd, skipped: count };
  // Fewer records than asked: everything is skipped (a final record without LF included).
  const tail = st.recordStart < bytes.length ? 1 : 0;
  return { offset: bytes.length, lines: st.lines, skipped: sink.starts.length + tail };
}

/** Number of LF bytes in `bytes[0, end)`. */
export function countLines(bytes: Uint8Array, end = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0 && i < end; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/** The {@link CsvSyntax} of a dialect given as characters (`''` for "no quote"). */
export function csvSyntax(delimiter: string, quote: string, escape: string): CsvSyntax {
  const code = (s: string): number => (s.length > 0 ? s.charCodeAt(0) : -1);
  return { delimiter: code(delimiter), quote: code(quote), escape: escape.length > 0 ? code(escape) : code(quote) };
}
