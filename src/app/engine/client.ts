/**
 * The page's handle on the app worker. It starts the worker, restarts it when the engine
 * crashes (trap, out of memory), loads the user's files again and restores the mappings
 * and segment the user had, and drops results that a newer request for the same view has
 * superseded. It also keeps the remembered mappings for the worker, which has no
 * localStorage: they go in at start, and what the worker remembers comes back out.
 */
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { preloadArrow, tableFromIpc } from './arrowTables.js';
import type {
  CustomKpiOutcome,
  DraftRunOutcome,
  EncodingPreview,
  EngineInfo,
  ImportOutcome,
  IngestOptions,
  IngestOutcome,
  IngestProgress,
  KpiOutcome,
  KpiSummary,
  MappingEdits,
  ModelSession,
  ModelSummary,
  QueryFailure,
  TableSummary,
  ValidationResult,
  WorkerApi,
} from '../../worker/api.js';
import { memoryMappingStore, type MappingStore } from '../../core/mapping/store.js';

/** A file the user loaded, kept so it can be loaded again after an engine restart. */
interface HeldFile {
  file: File;
  options: IngestOptions;
  tableName: string;
}

export type CrashListener = (phase: 'restarting' | 'restarted' | 'failed', reason: string) => void;

/** A query result on the page: the Arrow table plus timings. */
export interface PageResult {
  table: Table;
  rows: number;
  truncated: boolean;
  elapsedMs: number;
}

/** The model and mapping calls (see WorkerApi). */
export interface ModelApi {
  model(): Promise<ModelSummary>;
  editMapping(table: string, edits: MappingEdits): Promise<ModelSummary>;
  resetMapping(table: string): Promise<ModelSummary>;
  setSegment(attribute: string | null): Promise<ModelSummary>;
  validate(): Promise<ValidationResult[]>;
  exportMappings(): Promise<string>;
  importMappings(json: string): Promise<ImportOutcome>;
}

/** Thrown for results that a newer request superseded. */
export class Superseded extends Error {
  constructor() {
    super('superseded');
    this.name = 'Superseded';
  }
}

export class EngineClient {
  private worker!: Worker;
  private api!: Comlink.Remote<WorkerApi>;
  private held = new Map<string, HeldFile>();
  /** Custom KPIs registered in the worker (id -> text), registered again after a restart. */
  private customs = new Map<string, string>();
  private latest = new Map<string, number>();
  private seq = 0;
  private restarting: Promise<void> | null = null;
  /** The user's mapping choices as of the last model the worker reported. */
  private session: ModelSession | null = null;
  info: EngineInfo | null = null;

  /**
   * @param memory the remembered mappings (the page passes a localStorage-backed store)
   */
  constructor(
    private readonly onCrash: CrashListener,
    private readonly reportingOffsetMinutes = -new Date().getTimezoneOffset(),
    private readonly memory: MappingStore = memoryMappingStore(),
  ) {}

  private spawn(): void {
    preloadArrow();
    this.worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kpi-engine',
    });
    this.worker.addEventListener('message', (e: MessageEvent) => {
      if (e.data && e.data.type === 'engine-crashed') void this.recover(String(e.data.reason));
    });
    this.worker.addEventListener('error', (e) => void this.recover(e.message || 'worker error'));
    this.api = Comlink.wrap<WorkerApi>(this.worker);
  }

  /** Starts the worker and the engine. */
  async start(): Promise<EngineInfo> {
    this.spawn();
    const remember = (signature: string, json: string | null): void => {
      if (json === null) this.memory.remove(signature);
      else this.memory.save(signature, json);
    };
    this.info = await this.api.init(
      { reportingOffsetMinutes: this.reportingOffsetMinutes, rememberedMappings: this.memory.entries() },
      Comlink.proxy(remember),
    );
    return this.info;
  }

  /**
   * Restarts after a crash, loads the held files again in their original order under
   * the same table names, and restores the user's mapping edits and segment.
   */
  private recover(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarting = (async () => {
      this.onCrash('restarting', reason);
      try {
        this.api[Comlink.releaseProxy]();
      } catch {
        /* already gone */
      }
      this.worker.terminate();
      try {
        await this.start();
        for (const text of this.customs.values()) await this.api.addCustomKpi(text, null);
        for (const [id, h] of this.held) {
          await this.api.ingest(
            id,
            h.file,
            { ...h.options, tableName: h.tableName, deferModel: true },
            Comlink.proxy(() => undefined),
          );
        }
        if (this.session) this.session = (await this.api.restoreSession(this.session)).session;
        else await this.api.refreshModel();
        this.onCrash('restarted', reason);
      } catch (e) {
        this.onCrash('failed', e instanceof Error ? e.message : String(e));
      } finally {
        this.restarting = null;
      }
    })();
    return this.restarting;
  }

  /** Loads one file; progress arrives through `onProgress`. */
  async ingest(
    id: string,
    file: File,
    options: IngestOptions,
    onProgress: (p: IngestProgress) => void,
  ): Promise<IngestOutcome> {
    if (this.restarting) await this.restarting;
    const outcome = await this.api.ingest(id, file, options, Comlink.proxy(onProgress));
    if (outcome.ok) {
      // A reload into an existing table replaces what was held for it, in its place (load order).
      const same = [...this.held].find(([, h]) => h.tableName === outcome.table.name)?.[0];
      this.held.set(same ?? id, { file, options, tableName: outcome.table.name });
    }
    return outcome;
  }

  /** The file a table was loaded from and the options used, while the page holds it. */
  heldFor(tableName: string): { file: File; options: IngestOptions } | null {
    for (const h of this.held.values()) if (h.tableName === tableName) return { file: h.file, options: h.options };
    return null;
  }

  /** Decodes the head of a file with `encoding` for the encoding picker (the first slice only). */
  previewFile(file: File, encoding: string, rows: number): Promise<EncodingPreview> {
    return this.api.previewFile(file, encoding, rows);
  }

  /** Rebuilds the model after deferred loads. */
  refreshModel(): Promise<void> {
    return this.api.refreshModel();
  }

  cancelIngest(id: string): Promise<void> {
    return this.api.cancelIngest(id);
  }

  async tables(): Promise<TableSummary[]> {
    if (this.restarting) await this.restarting;
    return this.api.tables();
  }

  async dropTable(name: string): Promise<void> {
    await this.api.dropTable(name);
    for (const [id, h] of this.held) if (h.tableName === name) this.held.delete(id);
  }

  async renameTable(from: string, to: string): Promise<string> {
    const n = await this.api.renameTable(from, to);
    for (const h of this.held.values()) if (h.tableName === from) h.tableName = n;
    return n;
  }

  /** Runs console SQL. A newer call with the same `view` key supersedes this one. */
  async query(sql: string, maxRows: number, view = 'console'): Promise<PageResult | QueryFailure> {
    const token = ++this.seq;
    this.latest.set(view, token);
    const r = await this.api.query(sql, maxRows);
    const superseded = (): boolean => this.latest.get(view) !== token;
    if ('error' in r) {
      if (superseded()) throw new Superseded();
      return r;
    }
    const table = await tableFromIpc(r.ipc);
    if (superseded()) throw new Superseded();
    return { table, rows: r.rows, truncated: r.truncated, elapsedMs: r.elapsedMs };
  }

  /** First rows of a user table. */
  async previewTable(name: string, limit: number): Promise<PageResult | QueryFailure> {
    const r = await this.api.previewTable(name, limit);
    if ('error' in r) return r;
    return { table: await tableFromIpc(r.ipc), rows: r.rows, truncated: r.truncated, elapsedMs: r.elapsedMs };
  }

  cancelQuery(): Promise<void> {
    return this.api.cancelQuery();
  }

  kpis(): Promise<KpiSummary[]> {
    return this.api.kpis();
  }

  /** Runs a KPI for a view; a newer request for the same view cancels and supersedes it. */
  async runKpi(
    view: string,
    id: string,
    params: Record<string, unknown>,
  ): Promise<{ outcome: KpiOutcome; table: Table | null }> {
    const token = ++this.seq;
    this.latest.set(view, token);
    const outcome = await this.api.runKpi(view, id, params);
    const table = outcome.ok ? await tableFromIpc(outcome.ipc) : null;
    if (this.latest.get(view) !== token) throw new Superseded();
    return { outcome, table };
  }

  /** Waits for a restart under way, runs a model call and keeps the session it reports. */
  private async tracked(call: () => Promise<ModelSummary>): Promise<ModelSummary> {
    if (this.restarting) await this.restarting;
    const m = await call();
    this.session = m.session;
    return m;
  }

  /**
   * Registers a custom KPI in the worker's catalogue (in place of the one saved as
   * `replaces`); it is registered again whenever the engine restarts.
   */
  async addCustomKpi(text: string, replaces: string | null = null): Promise<CustomKpiOutcome> {
    if (this.restarting) await this.restarting;
    const outcome = await this.api.addCustomKpi(text, replaces);
    if (outcome.ok) {
      if (replaces) this.customs.delete(replaces);
      this.customs.set(outcome.kpi.id, text);
    }
    return outcome;
  }

  /** Takes a custom KPI out of the worker's catalogue. */
  async removeCustomKpi(id: string): Promise<boolean> {
    if (this.restarting) await this.restarting;
    this.customs.delete(id);
    return this.api.removeCustomKpi(id);
  }

  /** Starting text for a new custom KPI (template, or a copy of `from`). */
  async draftCustomKpi(from: string | null, chartType: string | null): Promise<string> {
    if (this.restarting) await this.restarting;
    return this.api.draftCustomKpi(from, chartType);
  }

  /** Checks and runs a custom KPI being edited; a newer run for the same view supersedes it. */
  async runCustomDraft(
    view: string,
    text: string,
    replaces: string | null,
    params: Record<string, unknown>,
  ): Promise<{ run: DraftRunOutcome; table: Table | null }> {
    if (this.restarting) await this.restarting;
    const token = ++this.seq;
    this.latest.set(view, token);
    const run = await this.api.runCustomDraft(view, text, replaces, params);
    const table = run.outcome?.ok ? await tableFromIpc(run.outcome.ipc) : null;
    if (this.latest.get(view) !== token) throw new Superseded();
    return { run, table };
  }

  /** The worker's API for the model and mapping (see WorkerApi). */
  get modelApi(): ModelApi {
    return {
      model: () => this.tracked(() => this.api.model()),
      editMapping: (table, edits) => this.tracked(() => this.api.editMapping(table, edits)),
      resetMapping: (table) => this.tracked(() => this.api.resetMapping(table)),
      setSegment: (attribute) => this.tracked(() => this.api.setSegment(attribute)),
      validate: () => this.api.validate(),
      exportMappings: () => this.api.exportMappings(),
      importMappings: (json) => this.api.importMappings(json),
    };
  }

  /** Test hook: simulates an engine crash. */
  crashForTest(): Promise<void> {
    return this.api.crashForTest();
  }
}
