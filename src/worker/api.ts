/**
 * The typed API the app worker exposes to the page through comlink. Everything that
 * crosses is structured-clonable; query results cross as Arrow IPC bytes (transferred).
 */
import type { Bilingual, OutputSpec, ParamSpec } from '../core/kpi/types.js';

/** A column of a loaded table. */
export interface ColumnSummary {
  name: string;
  type: string;
}

/** A table the user loaded (or the sample). */
export interface TableSummary {
  name: string;
  file: string | null;
  rows: number;
  columns: ColumnSummary[];
  encoding: string | null;
  skippedRows: number;
  /** Size of the source file, when the table came from one. */
  bytes?: number | null;
  /** Seconds the file took to load (not the model build). */
  loadSeconds?: number | null;
  /** How it was read (`direct`, or `sliced` with the reason the direct read failed). */
  loadPath?: string | null;
}

/** Progress of one file's ingest. */
export interface IngestProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /** `rows` is estimated from the sample (DuckDB is reading the whole file itself). */
  rowsEstimated?: boolean;
  phase: 'detecting' | 'loading' | 'finishing';
}

/** A problem with a file, in both languages, pointing at line and column where known. */
export interface FileProblem {
  kind: string;
  file: string;
  line?: number | null;
  column?: string | null;
  message: Bilingual;
  hint?: Bilingual;
  /** For `ambiguous-number`: the decimal mark the numbers were read with. */
  decimalMark?: '.' | ',';
}

/** The outcome of loading one file. */
export type IngestOutcome =
  | { ok: true; table: TableSummary; warnings: FileProblem[]; skippedRows: number; encoding: string; seconds: number }
  | { ok: false; cancelled: boolean; problems: FileProblem[]; canSkipBadRows: boolean; encoding: string | null };

/** The head of a file decoded with one encoding, for the encoding picker's live preview. */
export interface EncodingPreview {
  /** The encoding used (normalised id, e.g. `shift_jis`). */
  encoding: string;
  /** Header cells as decoded, or generated column names when the file has no header. */
  header: string[];
  hasHeader: boolean;
  /** The first data rows as decoded, one string per column. */
  rows: string[][];
  /** U+FFFD in the decoded head: byte sequences that are not valid in this encoding. */
  replacements: number;
  /** 1-based line of the first of them, or null. */
  firstBadLine: number | null;
  /** Bytes of the head that were decoded (never the whole of a large file). */
  bytesRead: number;
  /** The whole file fitted in those bytes. */
  complete: boolean;
  /** Why the file cannot be read at all (empty, binary). */
  problems: FileProblem[];
}

export interface IngestOptions {
  encoding?: string | null;
  /** Decimal mark for numbers that read either way (`1.200`); default: decided from the file. */
  decimalMark?: '.' | ',' | null;
  mode?: 'strict' | 'skip-bad-rows';
  tableName?: string | null;
  /** Leave the model as it is (several files are being loaded; call refreshModel after). */
  deferModel?: boolean;
}

/** A query result: Arrow IPC stream bytes plus what the page shows about it. */
export interface QueryOutcome {
  ipc: Uint8Array;
  rows: number;
  truncated: boolean;
  elapsedMs: number;
}

/** A failed query, with a message ready for the user. */
export interface QueryFailure {
  error: string;
  cancelled: boolean;
}

/** What the page needs to list and render a KPI. */
export interface KpiSummary {
  id: string;
  family: string;
  title: Bilingual;
  description: Bilingual;
  params: ParamSpec[];
  outputs: OutputSpec[];
  chart: Record<string, unknown> | null;
  requires: Record<string, string[]>;
  source: string;
  /** A custom KPI (saved in this browser), not one of the files under sql/. */
  custom: boolean;
}

export type { KpiProblem } from '../core/kpi/custom.js';
import type { KpiProblem } from '../core/kpi/custom.js';

/** A custom KPI checked (and, for addCustomKpi, registered), or why it cannot be used. */
export type CustomKpiOutcome =
  { ok: true; kpi: KpiSummary; warnings: KpiProblem[] } | { ok: false; problems: KpiProblem[] };

/** A custom KPI being edited, run without saving: its check and, when valid, its result. */
export interface DraftRunOutcome {
  check: CustomKpiOutcome;
  outcome: KpiOutcome | null;
}

/** A KPI result or why it could not run. */
export type KpiOutcome =
  | ({ ok: true; params: Record<string, unknown>; sql: string } & QueryOutcome)
  | { ok: false; kind: string; messages: Bilingual[]; cancelled: boolean };

export interface EngineInfo {
  duckdbVersion: string;
  bundle: string;
  startMs: number;
}

export type {
  ModelSummary,
  TableModel,
  ModelSession,
  MappingOrigin,
  TableMemory,
} from '../core/workspace/modelSummary.js';
export type { ValidationResult, MappingEdits } from '../core/mapping/index.js';
import type { ModelSession, ModelSummary } from '../core/workspace/modelSummary.js';

/** Start-up options of the worker. */
export interface InitOptions {
  reportingOffsetMinutes: number;
  /** The mappings the page remembers (header signature, JSON), to apply to matching files. */
  rememberedMappings?: [string, string][];
}

/** The outcome of importing a mappings file: how many tables matched, or its problems (en/ja). */
export type ImportOutcome = { ok: true; matched: number } | { ok: false; problems: Bilingual[] };

/** Told when the worker remembers a mapping (JSON) or forgets one (null); the page keeps them. */
export type RememberListener = (signature: string, json: string | null) => void;
import type { ValidationResult, MappingEdits } from '../core/mapping/index.js';

export interface WorkerApi {
  /** Starts the engine. Remembered mappings go in; what to remember comes out through `onRemember`. */
  init(options: InitOptions, onRemember?: RememberListener): Promise<EngineInfo>;
  ingest(
    id: string,
    file: File,
    options: IngestOptions,
    onProgress: (p: IngestProgress) => void,
  ): Promise<IngestOutcome>;
  cancelIngest(id: string): Promise<void>;
  /** Decodes the head of a file with `encoding` (header and the first `rows` rows); reads only the first slice. */
  previewFile(file: File, encoding: string, rows: number): Promise<EncodingPreview>;
  tables(): Promise<TableSummary[]>;
  /** Rebuilds the canonical model over the loaded tables (after deferred loads). */
  refreshModel(): Promise<void>;
  dropTable(name: string): Promise<void>;
  renameTable(from: string, to: string): Promise<string>;
  /** The first `limit` rows of a user table (for its card). */
  previewTable(name: string, limit: number): Promise<QueryOutcome | QueryFailure>;
  query(sql: string, maxRows: number): Promise<QueryOutcome | QueryFailure>;
  cancelQuery(): Promise<void>;
  kpis(): Promise<KpiSummary[]>;
  /** Runs a KPI for a view; a newer request of the same view supersedes this one. */
  runKpi(view: string, id: string, params: Record<string, unknown>): Promise<KpiOutcome>;
  /**
   * Checks a custom KPI's text and, when usable, puts it in the catalogue (in place of the
   * custom KPI saved as `replaces`, when editing one).
   */
  addCustomKpi(text: string, replaces: string | null): Promise<CustomKpiOutcome>;
  /** Takes a custom KPI out of the catalogue (built-in KPIs cannot be removed). */
  removeCustomKpi(id: string): Promise<boolean>;
  /** Starting text for a new custom KPI: the template, or a copy of KPI `from`, with a free id. */
  draftCustomKpi(from: string | null, chartType: string | null): Promise<string>;
  /** Checks and runs a custom KPI being edited, without registering it. */
  runCustomDraft(
    view: string,
    text: string,
    replaces: string | null,
    params: Record<string, unknown>,
  ): Promise<DraftRunOutcome>;
  /** The canonical model: roles, mappings, currency, segments. */
  model(): Promise<ModelSummary>;
  /** Changes a table's mapping (role, columns, normalisation) and rebuilds the model. */
  editMapping(table: string, edits: MappingEdits): Promise<ModelSummary>;
  /** Returns a table to its detected mapping. */
  resetMapping(table: string): Promise<ModelSummary>;
  /** Chooses the customer attribute used as segment. */
  setSegment(attribute: string | null): Promise<ModelSummary>;
  /** Takes over the user's choices of an earlier engine (crash recovery, same files loaded). */
  restoreSession(session: ModelSession): Promise<ModelSummary>;
  /** Validation report of the mappings in use. */
  validate(): Promise<ValidationResult[]>;
  /** Mappings in use as JSON. */
  exportMappings(): Promise<string>;
  /** Applies saved mappings to matching tables: how many matched, or what is wrong with the file. */
  importMappings(json: string): Promise<ImportOutcome>;
  /** Test hook: makes the engine trap, to exercise crash recovery. */
  crashForTest(): Promise<void>;
}
