/**
 * Reads and analyses the head of a file once: encoding, dialect, header, column names and
 * the type plan. Used by both the loader and the live preview.
 */
import {
  detectEncoding,
  detectEncodingInWindows,
  bomLength,
  textStats,
  type Encoding,
  type EncodingDetection,
} from './encoding.js';
import { sniffDialect, type Dialect } from './dialect.js';
import { parseRecords } from './records.js';
import { columnNames } from './naming.js';
import { planColumns, type DecimalMark, type TypePlan } from './typePlan.js';
import { sniffBinary, isBlankText } from './checks.js';
import {
  ambiguousDateProblem,
  ambiguousNumberProblem,
  binaryFileProblem,
  emptyFileProblem,
  noColumnsProblem,
  readErrorProblem,
  renamedColumnProblem,
  type IngestProblem,
} from './errors.js';
import type { IngestSource } from './source.js';
import { errorText } from './engineErrors.js';

/** Dialect settings the user (or caller) may force instead of sniffing. */
export type DialectOverride = Partial<Pick<Dialect, 'delimiter' | 'quote' | 'escape' | 'header' | 'skipRecords'>>;

/** Options of {@link analyzeSource}. */
export interface AnalyzeOptions {
  /** Use this encoding instead of detecting one. */
  encoding?: Encoding | undefined;
  /** Force dialect settings. */
  dialect?: DialectOverride | undefined;
  /** Reporting offset for the type plan's timestamp conversions (minutes east of UTC). */
  reportingOffsetMinutes: number;
  /** Bytes read from the head (default 1 MiB). */
  sampleBytes?: number | undefined;
  /** Data records sampled for the type plan (default 20 000). */
  maxRecords?: number | undefined;
  /** Decimal mark for numbers that read either way (`1.200`); default: decided from the file. */
  decimalMark?: DecimalMark | undefined;
}

/** What the head of a file says about it. */
export interface SampleAnalysis {
  encoding: EncodingDetection;
  dialect: Dialect;
  /** Raw header cells (empty when the file has no header). */
  header: string[];
  /** 1-based file line of the header, or null. */
  headerLine: number | null;
  /** Column names (unique, non-empty). */
  names: string[];
  /** Sampled data records (after preamble and header). */
  records: string[][];
  /** 1-based file line of each sampled record. */
  recordLines: number[];
  plan: TypePlan;
  /** The whole file fitted in the sample. */
  complete: boolean;
  /** Bytes of the head that were read and decoded. */
  headBytes: number;
  /** U+FFFD in the decoded sample (invalid bytes for the chosen encoding). */
  sampleReplacements: number;
  /** Fatal problems (empty, binary, no columns, unreadable); non-empty means "do not load". */
  problems: IngestProblem[];
  warnings: IngestProblem[];
}

const DEFAULT_SAMPLE = 1024 * 1024;
const WINDOW = 64 * 1024;

const EMPTY_DIALECT: Dialect = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  newline: '\n',
  mixedNewlines: false,
  skipRecords: 0,
  header: false,
  fieldCount: 0,
  consistency: 0,
  reason: 'no data',
};

/** Reads a few windows further into the file, used when the head is plain ASCII. */
async function readWindows(source: IngestSource, after: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  if (source.size <= after) return out;
  const starts = [0.25, 0.5, 0.75].map((f) => Math.floor(after + (source.size - after) * f));
  starts.push(Math.max(after, source.size - WINDOW));
  for (const s of [...new Set(starts)]) out.push(await source.read(s, Math.min(source.size, s + WINDOW)));
  return out;
}

/** Reads the head of `source` and works out encoding, dialect, columns and types. */
export async function analyzeSource(source: IngestSource, options: AnalyzeOptions): Promise<SampleAnalysis> {
  const file = source.name;
  const fail = (problem: IngestProblem, encoding?: EncodingDetection): SampleAnalysis => ({
    encoding: encoding ?? { encoding: options.encoding ?? 'utf-8', bom: 0, confidence: 0, reason: 'not read' },
    dialect: EMPTY_DIALECT,
    header: [],
    headerLine: null,
    names: [],
    records: [],
    recordLines: [],
    plan: { columns: [], notes: [] },
    complete: true,
    headBytes: 0,
    sampleReplacements: 0,
    problems: [problem],
    warnings: [],
  });
  if (source.size === 0) return fail(emptyFileProblem(file));

  let head: Uint8Array;
  let encoding: EncodingDetection;
  const sampleBytes = Math.max(4096, options.sampleBytes ?? DEFAULT_SAMPLE);
  try {
    head = await source.read(0, Math.min(source.size, sampleBytes));
    if (options.encoding) {
      encoding = {
        encoding: options.encoding,
        bom: bomLength(head, options.encoding),
        confidence: 1,
        reason: 'chosen by the user',
      };
    } else {
      encoding = detectEncoding(head);
      // A plain-ASCII head says nothing about Japanese text further in: look there too.
      if (encoding.encoding === 'utf-8' && encoding.confidence < 0.9 && head.length < source.size) {
        encoding = detectEncodingInWindows(head, await readWindows(source, head.length));
      }
    }
  } catch (err) {
    return fail(readErrorProblem(file, errorText(err)));
  }
  const complete = head.length >= source.size;
  const binary = sniffBinary(head, encoding.encoding);
  if (binary) return fail(binaryFileProblem(file, binary), encoding);

  // TextDecoder drops a UTF-8/UTF-16 BOM itself; stream: true holds back a cut character.
  const text = new TextDecoder(encoding.encoding).decode(head, { stream: !complete });
  if (complete && isBlankText(text)) return fail(emptyFileProblem(file), encoding);

  const sniffed = sniffDialect(text, { final: complete });
  const dialect: Dialect = { ...sniffed, ...options.dialect };
  if (options.dialect?.quote !== undefined && options.dialect.escape === undefined) dialect.escape = dialect.quote;
  const maxRecords = options.maxRecords ?? 20000;
  const parsed = parseRecords(text, dialect, { final: complete, maxRows: dialect.skipRecords + 1 + maxRecords });
  const afterPreamble = parsed.records.slice(dialect.skipRecords);
  const afterLines = parsed.lines.slice(dialect.skipRecords);
  const header = dialect.header ? (afterPreamble[0] ?? []) : [];
  const records = dialect.header ? afterPreamble.slice(1) : afterPreamble;
  const recordLines = dialect.header ? afterLines.slice(1) : afterLines;
  if (
    options.dialect?.header !== undefined ||
    options.dialect?.skipRecords !== undefined ||
    options.dialect?.delimiter !== undefined
  ) {
    const widths = [header.length, ...records.slice(0, 1000).map((r) => r.length)];
    const freq = new Map<number, number>();
    for (const w of widths) freq.set(w, (freq.get(w) ?? 0) + 1);
    dialect.fieldCount = Math.max(1, [...freq].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1);
  }
  const fieldCount = Math.max(
    dialect.fieldCount,
    header.length > dialect.fieldCount && header.slice(dialect.fieldCount).some((c) => c.trim()) ? header.length : 0,
  );
  dialect.fieldCount = fieldCount;
  if (fieldCount === 0 || (header.length === 0 && records.length === 0)) return fail(noColumnsProblem(file), encoding);

  const names = columnNames(header, fieldCount);
  const warnings: IngestProblem[] = [];
  names.forEach((n, i) => {
    const raw = (header[i] ?? '')
      .replace(/\uFEFF/g, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (dialect.header && n !== raw) warnings.push(renamedColumnProblem(file, i, raw, n));
  });
  const plan = planColumns(names, records, {
    reportingOffsetMinutes: options.reportingOffsetMinutes,
    delimiter: dialect.delimiter,
    decimalMark: options.decimalMark,
  });
  for (const note of plan.notes) {
    if (note.kind === 'ambiguous-date-order') warnings.push(ambiguousDateProblem(file, note.column, 'month/day/year'));
    else warnings.push(ambiguousNumberProblem(file, note.column, note.example, note.decimalMark, note.reason));
  }
  return {
    encoding,
    dialect,
    header,
    headerLine: dialect.header ? (afterLines[0] ?? null) : null,
    names,
    records,
    recordLines,
    plan,
    complete,
    headBytes: head.length,
    sampleReplacements: textStats(text).replacements,
    problems: [],
    warnings,
  };
}
