/**
 * Rows DuckDB skipped (`store_rejects`) turned into problems with file line numbers.
 *
 * DuckDB's own line numbers count records within a chunk; its `line_byte_position` is the
 * 1-based byte position of the record's first line in the chunk, which is exact, so lines
 * are computed from it and the chunk's first line.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import {
  malformedRowProblem,
  raggedRowProblem,
  rowTooLongProblem,
  undecodableProblem,
  unterminatedQuoteProblem,
  type IngestProblem,
  type ProblemSeverity,
} from './errors.js';
import { quoteIdent } from './sql.js';
import { countLines } from './scanner.js';

/** One row of DuckDB's `reject_errors` table (the fields used). */
export interface RejectRow {
  line: number;
  lineBytePosition: number;
  columnName: string | null;
  errorType: string;
  csvLine: string;
  errorMessage: string;
}

/** Rejected rows of one scan: the number of distinct rows and the first few. */
export interface Rejects {
  count: number;
  /** True when the scan stopped storing rejects at its limit (`count` is then a lower bound). */
  capped: boolean;
  first: RejectRow[];
}

/** Reads the rejects of one chunk's scan (an absent table means none). */
export async function readRejects(engine: SqlEngine, table: string, limit: number, examples: number): Promise<Rejects> {
  let rows;
  try {
    rows = tableToRows(await engine.query(`SELECT count(DISTINCT line) AS n FROM ${quoteIdent(table)}`));
  } catch {
    return { count: 0, capped: false, first: [] };
  }
  const count = Number(rows[0]?.n ?? 0);
  if (count === 0) return { count: 0, capped: false, first: [] };
  const first = tableToRows(
    await engine.query(
      // One example per row: DuckDB stores an error per bad cell (every invalid byte sequence of a line).
      `SELECT DISTINCT ON (line) line, line_byte_position, column_name, error_type, csv_line, error_message FROM ${quoteIdent(table)} ORDER BY line, column_idx LIMIT ${Math.max(1, examples)}`,
    ),
  ).map((r): RejectRow => ({
    line: Number(r.line),
    lineBytePosition: Number(r.line_byte_position),
    columnName: r.column_name === null ? null : String(r.column_name),
    errorType: String(r.error_type),
    csvLine: String(r.csv_line ?? ''),
    errorMessage: String(r.error_message ?? ''),
  }));
  return { count, capped: count >= limit, first };
}

/** 1-based file line of a rejected row, from its byte position in the chunk. */
export function rejectLine(reject: RejectRow, chunk: Uint8Array, firstLine: number): number {
  const start = Math.max(0, Math.min(chunk.length, reject.lineBytePosition - 1));
  return firstLine + countLines(chunk, start);
}

/** The problem a rejected row stands for. */
export function rejectProblem(
  reject: RejectRow,
  ctx: { file: string; severity: ProblemSeverity; line: number; encodingLabel: string },
): IngestProblem {
  const { file, severity, line } = ctx;
  const text = reject.csvLine.replace(/\n$/, '');
  // Builds differ in the error type of invalid UTF-8 (INVALID ENCODING, INVALID UNICODE, …); the message is stable.
  if (/invalid unicode|not utf-8 encoded|byte sequence mismatch|invalid encoding/i.test(reject.errorMessage)) {
    return undecodableProblem(file, severity, ctx.encodingLabel, line);
  }
  switch (reject.errorType) {
    case 'TOO MANY COLUMNS':
    case 'MISSING COLUMNS': {
      const m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(reject.errorMessage);
      return raggedRowProblem(file, severity, line, m ? Number(m[1]) : undefined, m ? Number(m[2]) : undefined, text);
    }
    case 'UNQUOTED VALUE':
      // DuckDB uses this type both for a quote that never closes and for text after a
      // closing quote ("ab"c); an even number of quotes means the latter.
      return (text.match(/"/g)?.length ?? 0) % 2 === 0
        ? malformedRowProblem(file, severity, line, 'text after a closing quote', text)
        : unterminatedQuoteProblem(file, severity, line, text);
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return undecodableProblem(file, severity, ctx.encodingLabel, line);
    case 'LINE SIZE OVER MAXIMUM':
      return rowTooLongProblem(file, severity, line);
    default:
      return malformedRowProblem(file, severity, line, reject.errorMessage.split('\n')[0] ?? reject.errorType, text);
  }
}
