/**
 * Translation of raw DuckDB CSV error messages into {@link IngestProblem}s, for the errors
 * `ignore_errors` cannot absorb. DuckDB's messages look like
 * `Invalid Input Error: CSV Error on Line: 5\nOriginal Line: 3,y,z\nExpected Number of
 * Columns: 2 Found: 3 …`; its line numbers count records within the chunk, so a mapper
 * from that number to the file line is passed in.
 */
import {
  badValueProblem,
  engineErrorProblem,
  malformedRowProblem,
  raggedRowProblem,
  rowTooLongProblem,
  undecodableProblem,
  unterminatedQuoteProblem,
  type IngestProblem,
  type ProblemSeverity,
} from './errors.js';

/** Context for {@link translateEngineError}. */
export interface EngineErrorContext {
  file: string;
  severity: ProblemSeverity;
  encodingLabel: string;
  /** Maps DuckDB's "Line: N" (1-based record number in the chunk) to a file line. */
  lineOfRecord?: (record: number) => number | undefined;
}

/** The message text of anything thrown. */
export function errorText(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/^Error:\s*/, '');
}

/** Translates a DuckDB error thrown while reading a CSV chunk. */
export function translateEngineError(err: unknown, ctx: EngineErrorContext): IngestProblem {
  const text = errorText(err);
  const lineMatch = /CSV Error on Line: (\d+)/.exec(text);
  const line = lineMatch ? ctx.lineOfRecord?.(Number(lineMatch[1])) : undefined;
  const original = /Original Line: ([^\n]*)/.exec(text)?.[1];
  const { file, severity } = ctx;

  const ragged = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (ragged) return raggedRowProblem(file, severity, line, Number(ragged[1]), Number(ragged[2]), original);
  if (/unterminated quote/i.test(text)) return unterminatedQuoteProblem(file, severity, line, original);
  if (/Invalid unicode|not utf-8 encoded|byte sequence mismatch/i.test(text))
    return undecodableProblem(file, severity, ctx.encodingLabel, line);
  const conv = /converting column "((?:[^"]|"")*)"\. Could not convert string "((?:[^"]|"")*)" to '(\w+)'/.exec(text);
  if (conv) {
    return badValueProblem(
      file,
      severity,
      line,
      (conv[1] as string).replace(/""/g, '"'),
      (conv[2] as string).replace(/""/g, '"'),
      {
        en: `a ${conv[3]} value`,
        ja: `${conv[3]} 型の値`,
      },
    );
  }
  if (/Maximum line size|maximum line size/i.test(text)) return rowTooLongProblem(file, severity, line);
  if (/state machine reached an invalid state/i.test(text)) {
    return malformedRowProblem(file, severity, line, 'the quotes or line breaks do not form valid CSV', original);
  }
  const firstLine = text.split('\n')[0] ?? text;
  return engineErrorProblem(file, firstLine, line);
}
