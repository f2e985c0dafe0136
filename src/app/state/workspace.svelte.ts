/**
 * The page's reactive view of the workspace: engine status, loaded tables, files being
 * loaded. Components read it and call these functions; none of them builds SQL.
 */
import { EngineClient } from '../engine/client.js';
import { resilientMappingStore, type StorageLike } from '../../core/mapping/store.js';
import type { EncodingPreview, FileProblem, IngestProgress, ModelSummary, TableSummary } from '../../worker/api.js';

export interface IngestItem {
  id: string;
  file: File;
  status: 'loading' | 'failed' | 'cancelled' | 'done';
  progress: IngestProgress | null;
  problems: FileProblem[];
  canSkipBadRows: boolean;
  encoding: string | null;
  encodingOverride: string | null;
  /** Decimal mark chosen for numbers that read either way (`1.200`); null: decided from the file. */
  decimalMark: '.' | ',' | null;
  /** The table this file loads into: set for reloads (it is replaced) and once loaded. */
  table: string | null;
  mode: 'strict' | 'skip-bad-rows';
  skippedRows: number;
  startedAt: number;
}

function newItem(file: File, fields: Partial<IngestItem> = {}): IngestItem {
  return {
    id: `f${nextId++}`,
    file,
    status: 'loading',
    progress: null,
    problems: [],
    canSkipBadRows: false,
    encoding: null,
    encodingOverride: null,
    decimalMark: null,
    table: null,
    mode: 'strict',
    skippedRows: 0,
    startedAt: Date.now(),
    ...fields,
  };
}

export type Notice = { kind: 'info' | 'error' | 'warning'; key: string; vars?: Record<string, string | number> };

export const ws = $state({
  status: 'starting' as 'starting' | 'ready' | 'failed',
  error: '' as string,
  info: null as { duckdbVersion: string; bundle: string; startMs: number } | null,
  tables: [] as TableSummary[],
  ingests: [] as IngestItem[],
  notices: [] as Notice[],
  sampleLoaded: false,
  sampleLoading: false,
  dataVersion: 0,
  /** Files are being loaded: views wait instead of computing on partial data. */
  loading: false,
  /** Reporting currency (ISO 4217) for money formats; set by the mapping. */
  currency: 'USD',
  /** The canonical model over the loaded tables (roles, mappings, segments). */
  model: null as ModelSummary | null,
});

let client: EngineClient | null = null;
let nextId = 1;

/** The engine client (after {@link startEngine}). */
export function engine(): EngineClient {
  if (!client) throw new Error('engine not started');
  return client;
}

function notify(n: Notice): void {
  ws.notices = [...ws.notices.slice(-3), n];
}

/** Removes a notice. */
export function dismissNotice(n: Notice): void {
  ws.notices = ws.notices.filter((x) => x !== n);
}

/** This browser's localStorage, or null where it cannot be used (some private modes). */
function browserStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Starts the engine worker. */
export async function startEngine(): Promise<void> {
  // Mappings remembered by header signature, in this browser only; kept in memory for the
  // session when storage fails.
  const memory = resilientMappingStore(browserStorage());
  client = new EngineClient(
    (phase, reason) => {
      if (phase === 'restarting') {
        ws.status = 'starting';
        notify({ kind: 'warning', key: 'engine.crashedReloading', vars: { reason } });
      } else if (phase === 'restarted') {
        ws.status = 'ready';
        ws.notices = ws.notices.filter((n) => n.key !== 'engine.crashedReloading');
        notify({ kind: 'warning', key: 'engine.crashed', vars: { reason } });
        void refreshTables();
      } else {
        ws.status = 'failed';
        ws.error = reason;
      }
    },
    undefined,
    memory,
  );
  // Test and support hook: simulates an engine crash to exercise recovery.
  // It does not wait: the worker it talks to is replaced while the call is under way.
  (globalThis as unknown as { __kpiCrash?: () => void }).__kpiCrash = () =>
    void engine()
      .crashForTest()
      .catch(() => undefined);
  try {
    ws.info = await client.start();
    ws.status = 'ready';
  } catch (e) {
    ws.status = 'failed';
    ws.error = e instanceof Error ? e.message : String(e);
  }
}

/** Reloads the table list from the worker. */
export async function refreshTables(): Promise<void> {
  ws.tables = await engine().tables();
  applyModel(await engine().modelApi.model());
}

/** Takes a new model summary (after loads or mapping edits): the data version moves on. */
export function applyModel(model: ModelSummary): void {
  ws.model = model;
  ws.currency = model.reportingCurrency ?? 'USD';
  ws.dataVersion++;
}

async function runIngest(item: IngestItem, mode: 'strict' | 'skip-bad-rows', deferModel = false): Promise<void> {
  item.status = 'loading';
  item.problems = [];
  item.mode = mode;
  item.progress = { bytesRead: 0, totalBytes: item.file.size, rows: 0, phase: 'detecting' };
  const options = {
    encoding: item.encodingOverride,
    decimalMark: item.decimalMark,
    tableName: item.table,
    mode,
    deferModel,
  };
  const outcome = await engine().ingest(item.id, item.file, options, (p) => {
    const live = ws.ingests.find((x) => x.id === item.id);
    if (live) live.progress = p;
  });
  const live = ws.ingests.find((x) => x.id === item.id) ?? item;
  if (outcome.ok) {
    live.status = 'done';
    live.table = outcome.table.name;
    live.encoding = outcome.encoding;
    live.skippedRows = outcome.skippedRows;
    ws.ingests = ws.ingests.filter((x) => x.id !== item.id || outcome.skippedRows > 0 || outcome.warnings.length > 0);
    live.problems = outcome.warnings;
    if (!deferModel) await refreshTables();
  } else {
    live.status = outcome.cancelled ? 'cancelled' : 'failed';
    live.problems = outcome.problems;
    live.canSkipBadRows = outcome.canSkipBadRows;
    live.encoding = outcome.encoding;
    if (outcome.cancelled) ws.ingests = ws.ingests.filter((x) => x.id !== item.id);
    if (outcome.cancelled) notify({ kind: 'info', key: 'ingest.cancelled', vars: { file: item.file.name } });
  }
}

/** Loads files one after another (the engine is single-threaded); each gets its own card. */
export async function loadFiles(files: readonly File[]): Promise<void> {
  const items: IngestItem[] = files.map((file) => newItem(file));
  ws.ingests = [...ws.ingests, ...items];
  ws.loading = true;
  try {
    for (const it of items) {
      const live = ws.ingests.find((x) => x.id === it.id);
      if (live) await runIngest(live, 'strict', true);
    }
    // One model rebuild for the whole batch.
    await engine().refreshModel();
  } finally {
    ws.loading = false;
  }
  await refreshTables();
}

/** Cancels a file that is loading. */
export function cancelIngest(id: string): void {
  void engine().cancelIngest(id);
}

/** Loads a failed file again, skipping bad rows. */
export async function skipBadRows(id: string): Promise<void> {
  const it = ws.ingests.find((x) => x.id === id);
  if (it) await runIngest(it, 'skip-bad-rows');
}

/** What a reload changes: the encoding, the decimal mark for numbers like `1.200`. */
export interface ReloadChanges {
  encoding?: string;
  decimalMark?: '.' | ',';
}

async function reload(item: IngestItem, mode: 'strict' | 'skip-bad-rows'): Promise<void> {
  ws.loading = true;
  try {
    await runIngest(item, mode);
  } finally {
    ws.loading = false;
  }
}

/** Loads a file of an ingest card (failed, or loaded with notes) again with another encoding or decimal mark. */
export async function reloadIngest(id: string, changes: ReloadChanges): Promise<void> {
  const it = ws.ingests.find((x) => x.id === id);
  if (!it) return;
  if (changes.encoding) it.encodingOverride = changes.encoding;
  if (changes.decimalMark) it.decimalMark = changes.decimalMark;
  await reload(it, it.status === 'failed' ? 'strict' : it.mode);
}

/** Loads a failed file again with another encoding. */
export function retryWithEncoding(id: string, encoding: string): Promise<void> {
  return reloadIngest(id, { encoding });
}

/** The file a table was loaded from, while the page holds it (for the encoding preview and reloads). */
export function sourceFile(table: string): File | null {
  return client?.heldFor(table)?.file ?? null;
}

/**
 * Loads a table's file again with another encoding or decimal mark, replacing the table
 * (same name) when the load succeeds; on failure the table stays as it was and the card
 * says why.
 */
export async function reloadTable(table: string, changes: ReloadChanges): Promise<void> {
  const held = engine().heldFor(table);
  if (!held) return;
  const item = newItem(held.file, {
    table,
    encodingOverride: changes.encoding ?? held.options.encoding ?? null,
    decimalMark: changes.decimalMark ?? held.options.decimalMark ?? null,
  });
  ws.ingests = [...ws.ingests.filter((x) => x.table !== table || x.status === 'loading'), item];
  const live = ws.ingests.find((x) => x.id === item.id);
  if (live) await reload(live, held.options.mode ?? 'strict');
}

/** Decodes the head of a file with `encoding` for the live preview (header and the first rows). */
export function previewEncoding(file: File, encoding: string, rows = 10): Promise<EncodingPreview> {
  return engine().previewFile(file, encoding, rows);
}

/** Forgets a finished or failed card. */
export function dismissIngest(id: string): void {
  ws.ingests = ws.ingests.filter((x) => x.id !== id);
}

export async function dropTable(name: string): Promise<void> {
  await engine().dropTable(name);
  await refreshTables();
}

export async function renameTable(from: string, to: string): Promise<void> {
  try {
    await engine().renameTable(from, to);
  } catch (e) {
    notify({ kind: 'error', key: 'console.error', vars: { message: e instanceof Error ? e.message : String(e) } });
  }
  await refreshTables();
}

interface Manifest {
  files: { path: string; role?: string; encoding?: string; bytes?: number }[];
}

/** Fetches the built-in sample company (same origin, relative to the page) and loads it. */
/* eslint-disable svelte/prefer-svelte-reactivity -- plain URLs for fetching, not reactive state */
export async function loadSample(variant: 'en' | 'ja'): Promise<void> {
  ws.sampleLoading = true;
  ws.loading = true;
  try {
    const base = new URL(`./sample/`, document.baseURI);
    const manifest = (await (await fetch(new URL('manifest.json', base))).json()) as Manifest;
    const files: File[] = [];
    for (const f of manifest.files.filter((x) => x.path.startsWith(`${variant}/`))) {
      const blob = await (await fetch(new URL(f.path, base))).blob();
      files.push(new File([blob], f.path.split('/').pop()!, { type: 'text/csv' }));
    }
    await loadFiles(files);
    ws.sampleLoaded = true;
  } finally {
    ws.sampleLoading = false;
    ws.loading = false;
  }
}

/* eslint-enable svelte/prefer-svelte-reactivity */

/** Removes every table (used to replace the sample with the user's own files). */
export async function clearAll(): Promise<void> {
  ws.loading = true;
  try {
    for (const t of [...ws.tables]) await engine().dropTable(t.name);
  } finally {
    ws.loading = false;
  }
  ws.sampleLoaded = false;
  await refreshTables();
}
