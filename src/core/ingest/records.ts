/**
 * A small quote-aware CSV parser for decoded text samples (dialect sniffing, type
 * planning, previews). The full file is never parsed in JavaScript; DuckDB does that.
 *
 * Semantics match the byte scanner and DuckDB: a quote opens a quoted value only at the
 * start of a field, `""` (or the escape character) inside quotes yields a quote, line
 * breaks (CRLF, LF or CR) inside quotes are kept, blank lines are not records.
 */

/** The characters of a CSV dialect that matter for splitting records. */
export interface CsvChars {
  /** One character: `,` `;` tab `|`. */
  delimiter: string;
  /** `"` or `'`, or `''` for "no quoting". */
  quote: string;
  /** Escape inside quotes; equal to `quote` for `""` doubling, `\\` for backslash escapes. */
  escape: string;
}

/** Result of {@link parseRecords}. */
export interface ParsedRecords {
  records: string[][];
  /** 1-based physical line on which each record starts. */
  lines: number[];
  /** True when parsing stopped because `maxRows` was reached. */
  limited: boolean;
  /** 1-based line of a quoted value still open at the end of the text, or null. */
  openQuoteLine: number | null;
}

/** Options of {@link parseRecords}. */
export interface ParseOptions {
  /** Stop after this many records. */
  maxRows?: number;
  /**
   * False when `text` is a sample cut from a longer file: the last record (which may be
   * cut) is dropped, and an open quote at the end is not reported. Default true.
   */
  final?: boolean;
}

const LF = 10;
const CR = 13;

/** Parses `text` into records of string fields. */
export function parseRecords(text: string, chars: CsvChars, options: ParseOptions = {}): ParsedRecords {
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const final = options.final ?? true;
  const d = chars.delimiter.charCodeAt(0);
  const q = chars.quote.length > 0 ? chars.quote.charCodeAt(0) : -1;
  const esc = chars.escape.length > 0 && chars.escape !== chars.quote ? chars.escape.charCodeAt(0) : -1;
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;

  let line = 1;
  let i = 0;
  let fields: string[] = [];
  let recordLine = 1;
  let afterDelimiter = false;

  while (i < n) {
    let c = text.charCodeAt(i);
    if (fields.length === 0 && !afterDelimiter) {
      if (c === LF || c === CR) {
        // blank line: not a record
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      recordLine = line;
    }
    afterDelimiter = false;
    if (c === q) {
      const startLine = line;
      let value = '';
      let seg = i + 1;
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const cj = text.charCodeAt(j);
        if (cj === q) {
          value += text.slice(seg, j);
          if (text.charCodeAt(j + 1) === q) {
            value += chars.quote;
            j += 2;
            seg = j;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (cj === esc && j + 1 < n) {
          value += text.slice(seg, j);
          seg = j + 1; // the escaped character is kept literally
          j += 2;
          continue;
        }
        if (cj === LF || (cj === CR && text.charCodeAt(j + 1) !== LF)) line++;
        j++;
      }
      if (!closed) {
        if (final) {
          fields.push(value + text.slice(seg, n));
          records.push(fields);
          lines.push(recordLine);
          return { records, lines, limited: false, openQuoteLine: startLine };
        }
        return { records, lines, limited: false, openQuoteLine: null };
      }
      // Text between the closing quote and the delimiter is kept (DuckDB rejects such rows).
      let k = j;
      while (k < n) {
        const ck = text.charCodeAt(k);
        if (ck === d || ck === LF || ck === CR) break;
        k++;
      }
      fields.push(k > j ? value + text.slice(j, k) : value);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const ck = text.charCodeAt(k);
        if (ck === d || ck === LF || ck === CR) break;
        k++;
      }
      fields.push(text.slice(i, k));
      i = k;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === d) {
      i++;
      afterDelimiter = true;
      continue;
    }
    // a line break ends the record
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    records.push(fields);
    lines.push(recordLine);
    fields = [];
    if (records.length >= maxRows) return { records, lines, limited: i < n, openQuoteLine: null };
  }
  if (afterDelimiter) fields.push('');
  if (fields.length > 0 && final) {
    records.push(fields);
    lines.push(recordLine);
  }
  return { records, lines, limited: false, openQuoteLine: null };
}
