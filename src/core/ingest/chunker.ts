/**
 * Cuts a stream of UTF-8 CSV bytes into chunks that end on record boundaries, so each
 * chunk can be handed to DuckDB's `read_csv` on its own.
 *
 * Line breaks are normalised to LF on the way (see `newlines.ts`); quoted values may span
 * chunk pushes; each chunk knows its first physical line in the file, so errors DuckDB
 * reports inside a chunk can be given file line numbers.
 */
import { normalizeNewlines, newlineState } from './newlines.js';
import { inQuotes, scanRecordsFast, scanState, type CsvSyntax } from './scanner.js';

/** A run of whole records. */
export interface CsvChunk {
  /** 0-based sequence number. */
  index: number;
  /** LF-normalised UTF-8 bytes; ends with LF except possibly the last chunk. */
  bytes: Uint8Array;
  /** 1-based physical line of the file on which the chunk's first byte lies. */
  firstLine: number;
  /** LF bytes in the chunk (including line breaks inside quoted values). */
  lineCount: number;
}

/** Why the chunker gave up. */
export type ChunkerFailure = 'unterminated-quote' | 'record-too-long';

/** Thrown by `push` when a record grows beyond the limit: almost always a quote that never closes. */
export class ChunkerError extends Error {
  constructor(
    readonly reason: ChunkerFailure,
    /** 1-based line where the unfinished record (or its open quote) starts. */
    readonly line: number,
  ) {
    super(
      reason === 'unterminated-quote'
        ? `quote opened on line ${line} is never closed`
        : `record at line ${line} is too long`,
    );
    this.name = 'ChunkerError';
  }
}

/** Options of {@link createChunker}. */
export interface ChunkerOptions {
  /**
   * Largest unfinished record kept while waiting for its end (default 64 MiB). Beyond it
   * `push` throws {@link ChunkerError} instead of buffering the rest of the file.
   */
  maxRecordBytes?: number;
}

/** See {@link createChunker}. */
export interface Chunker {
  /** Adds bytes; returns the records completed so far as one chunk, or null. */
  push(bytes: Uint8Array): CsvChunk | null;
  /** Returns what is left (a last record without a final line break), or null. */
  end(): CsvChunk | null;
  /**
   * After `end()`: the 1-based line of a quoted value still open at the end of the
   * file, or null. DuckDB would read everything after it as one broken row.
   */
  readonly openQuoteLine: number | null;
  /** Bytes held back waiting for the end of a record. */
  readonly pendingBytes: number;
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Creates a chunker for CSV with the given delimiter/quote/escape bytes. */
export function createChunker(syntax: CsvSyntax, options: ChunkerOptions = {}): Chunker {
  const maxRecordBytes = options.maxRecordBytes ?? 64 * 1024 * 1024;
  const nl = newlineState();
  const st = scanState(0);
  let pending: Uint8Array = EMPTY;
  let linesAtPendingStart = 0;
  let index = 0;
  let openQuoteLine: number | null = null;

  const emit = (bytes: Uint8Array, linesAtEnd: number): CsvChunk => {
    const chunk: CsvChunk = {
      index: index++,
      bytes,
      firstLine: linesAtPendingStart + 1,
      lineCount: linesAtEnd - linesAtPendingStart,
    };
    linesAtPendingStart = linesAtEnd;
    return chunk;
  };

  return {
    get openQuoteLine() {
      return openQuoteLine;
    },
    get pendingBytes() {
      return pending.length;
    },
    push(input: Uint8Array): CsvChunk | null {
      const bytes = normalizeNewlines(input, nl);
      const scanFrom = pending.length;
      pending = concat(pending, bytes);
      scanRecordsFast(pending, scanFrom, pending.length, syntax, st);
      if (st.lastEnd < 0) {
        if (pending.length > maxRecordBytes) {
          throw inQuotes(st)
            ? new ChunkerError('unterminated-quote', st.quoteLine + 1)
            : new ChunkerError('record-too-long', st.recordLine + 1);
        }
        return null;
      }
      const end = st.lastEnd;
      const chunk = emit(pending.subarray(0, end), st.linesAtLastEnd);
      pending = pending.slice(end);
      st.recordStart -= end;
      return chunk;
    },
    end(): CsvChunk | null {
      if (inQuotes(st)) openQuoteLine = st.quoteLine + 1;
      if (pending.length === 0) return null;
      const chunk = emit(pending, st.lines);
      pending = EMPTY;
      return chunk;
    },
  };
}
