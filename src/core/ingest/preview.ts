/**
 * A live preview of a file before loading it: the first rows decoded with the detected
 * (or chosen) encoding, the dialect and the planned column types. Re-run it when the user
 * picks another encoding; it reads only the head of the file (`sampleBytes`), never the
 * whole file.
 */
import { analyzeSource, type DialectOverride } from './sample.js';
import { encodingLabel, normalizeEncoding, type Encoding, type EncodingDetection } from './encoding.js';
import type { Dialect } from './dialect.js';
import type { ColumnPlan, DecimalMark } from './typePlan.js';
import type { IngestSource } from './source.js';
import { undecodableProblem, unknownEncodingProblem, type IngestProblem } from './errors.js';

/** Options of {@link previewFile}. */
export interface PreviewOptions {
  /** Rows to return (default 50). */
  rows?: number;
  /** Reporting offset used in the plan's SQL (default 0; the preview does not run SQL). */
  reportingOffsetMinutes?: number;
  dialect?: DialectOverride;
  /** Bytes of the head to read (default 1 MiB, at least 4 KiB). */
  sampleBytes?: number;
  /** Decimal mark for numbers that read either way, as {@link ingestFile} would use it. */
  decimalMark?: DecimalMark;
}

/** What {@link previewFile} returns. */
export interface FilePreview {
  encoding: EncodingDetection;
  dialect: Dialect | null;
  /** Column names as they will be loaded. */
  columns: string[];
  /** Raw header cells (empty without header). */
  header: string[];
  /** First data rows, decoded, one string per column (missing cells as ''). */
  rows: string[][];
  /** 1-based file line of each row. */
  rowLines: number[];
  plan: ColumnPlan[];
  /** Fatal problems (empty, binary, …): the file cannot be loaded as it is. */
  problems: IngestProblem[];
  /** Undecodable characters in the preview, renamed columns, ambiguous dates. */
  warnings: IngestProblem[];
  /** U+FFFD in the decoded head: byte sequences that are not valid in this encoding. */
  replacements: number;
  /** Bytes of the head read and decoded. */
  bytesRead: number;
  /** The whole file fitted in the head. */
  complete: boolean;
}

/** Decodes and analyses the head of a file for display. */
export async function previewFile(
  source: IngestSource,
  encoding?: Encoding | string,
  options: PreviewOptions = {},
): Promise<FilePreview> {
  const warnings: IngestProblem[] = [];
  let chosen: Encoding | undefined;
  if (encoding) {
    const e = normalizeEncoding(encoding);
    if (e) chosen = e;
    else warnings.push(unknownEncodingProblem(source.name, encoding, 'the detected encoding'));
  }
  const a = await analyzeSource(source, {
    encoding: chosen,
    dialect: options.dialect,
    reportingOffsetMinutes: options.reportingOffsetMinutes ?? 0,
    sampleBytes: options.sampleBytes,
    decimalMark: options.decimalMark,
  });
  const n = Math.max(0, options.rows ?? 50);
  const width = a.names.length;
  const rows = a.records.slice(0, n).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  warnings.push(...a.warnings);
  if (a.sampleReplacements > 0) {
    const all = [a.header, ...a.records];
    const lines = [a.headerLine ?? undefined, ...a.recordLines];
    const i = all.findIndex((r) => r.some((c) => c.includes('\uFFFD')));
    warnings.push(
      undecodableProblem(
        source.name,
        'warning',
        encodingLabel(a.encoding.encoding),
        i >= 0 ? lines[i] : undefined,
        a.sampleReplacements,
      ),
    );
  }
  return {
    encoding: a.encoding,
    dialect: a.problems.length ? null : a.dialect,
    columns: a.names,
    header: a.header,
    rows,
    rowLines: a.recordLines.slice(0, n),
    plan: a.plan.columns,
    problems: a.problems,
    warnings,
    replacements: a.sampleReplacements,
    bytesRead: a.headBytes,
    complete: a.complete,
  };
}
