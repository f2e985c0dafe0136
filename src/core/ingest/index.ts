/**
 * The ingest core: from CSV bytes (any supported encoding) to a typed DuckDB table.
 *
 * - `ingestFile(engine, source, options)` loads a file; `previewFile(source, encoding?)`
 *   shows its first rows.
 * - The building blocks (encoding detection, transcoding, chunking, dialect sniffing,
 *   type planning, naming, problems) are exported for the UI and for tests.
 */
export { ingestFile } from './ingest.js';
export type { IngestOptions, IngestResult, IngestProgress, IngestMode, CancelSignal } from './ingest.js';
export { previewFile } from './preview.js';
export type { FilePreview, PreviewOptions } from './preview.js';
export { analyzeSource } from './sample.js';
export type { SampleAnalysis, AnalyzeOptions, DialectOverride } from './sample.js';

export { bufferSource } from './source.js';
export type { IngestSource } from './source.js';

export {
  detectEncoding,
  detectEncodingInWindows,
  normalizeEncoding,
  encodingLabel,
  bomLength,
  SELECTABLE_ENCODINGS,
} from './encoding.js';
export type { Encoding, EncodingDetection, EncodingOption } from './encoding.js';
export { createTranscoder } from './transcode.js';
export type { Transcoder, TranscodeStats } from './transcode.js';
export { createChunker, ChunkerError } from './chunker.js';
export type { Chunker, CsvChunk, ChunkerOptions } from './chunker.js';

export { sniffDialect, detectHeader, DELIMITERS } from './dialect.js';
export type { Dialect, Delimiter, SniffOptions } from './dialect.js';
export { parseRecords } from './records.js';
export type { CsvChars, ParsedRecords, ParseOptions } from './records.js';

export { planColumns, classifyColumn, finalType, typeLabel } from './typePlan.js';
export type {
  ColumnPlan,
  FinalType,
  TypePlan,
  PlanOptions,
  PlanNote,
  ColumnFormat,
  ColumnContext,
  DecimalMark,
  DecimalMarkReason,
} from './typePlan.js';

export { tableNameFromFile, columnNames, uniqueName, slugify, quoteIdent } from './naming.js';
export { quoteLiteral } from './sql.js';

export type { IngestProblem, ProblemKind, ProblemSeverity, Bilingual, BinaryKind } from './errors.js';
