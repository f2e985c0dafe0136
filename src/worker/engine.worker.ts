/**
 * The app worker: owns the DuckDB engine and the pure core (ingest, mapping, KPI runner)
 * and exposes them to the page through comlink. Nothing heavy ever runs on the page.
 */
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { AsyncEngine, QueryCancelled } from './asyncEngine.js';
import { browserFileSource } from './fileSource.js';
import { bundledSqlFiles } from './sqlFiles.js';
import { packResult } from './results.js';
import type {
  CustomKpiOutcome,
  DraftRunOutcome,
  EncodingPreview,
  EngineInfo,
  FileProblem,
  IngestOptions,
  IngestOutcome,
  IngestProgress,
  KpiOutcome,
  KpiSummary,
  QueryFailure,
  QueryOutcome,
  TableSummary,
  WorkerApi,
} from './api.js';
import { quoteIdent } from '../core/workspace/tables.js';
import { loadCatalogue } from '../core/kpi/catalogue.js';
import { KpiRunError, type KpiResult } from '../core/kpi/runner.js';
import type { KpiDefinition } from '../core/kpi/types.js';
import {
  addCustomKpi,
  checkCustomKpi,
  isCustomKpi,
  outputProblems,
  removeCustomKpi,
  type CustomCheck,
} from '../core/kpi/custom.js';
import { draftCustomKpi } from '../core/kpi/customDraft.js';
import { Workspace } from '../core/workspace/workspace.js';
import { summariseModel } from '../core/workspace/modelSummary.js';
import { QueryQueue, SupersededError } from '../core/engine/queryQueue.js';
import { backgroundEngine } from '../core/engine/backgroundEngine.js';
import { memoryMappingStore, observedMappingStore } from '../core/mapping/store.js';
import { MappingFormatError } from '../core/mapping/serialize.js';
import { previewFile } from '../core/ingest/preview.js';

/** Bytes decoded for an encoding preview: plenty for a header and ten rows. */
const PREVIEW_BYTES = 64 * 1024;

let engine: AsyncEngine | null = null;
let workspace: Workspace | null = null;
const ingests = new Map<string, { cancelled: boolean }>();
/** Every use of the engine goes through this queue: one statement at a time, in order. */
let jobs = 0;
const queue = new QueryQueue(async () => {
  await engine?.cancel();
});
const catalogue = loadCatalogue(bundledSqlFiles());

function need<T>(v: T | null): T {
  if (!v) throw new Error('engine not started');
  return v;
}

function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Error:\s*/, '');
}

/** What the page needs of a KPI definition. */
function summarise(k: KpiDefinition): KpiSummary {
  return {
    id: k.id,
    family: k.family,
    title: k.title,
    description: k.description,
    params: k.params,
    outputs: k.outputs,
    chart: k.chart,
    requires: k.requires,
    source: k.source,
    custom: isCustomKpi(k),
  };
}

function customOutcome(c: CustomCheck): CustomKpiOutcome {
  return c.ok ? { ok: true, kpi: summarise(c.def), warnings: c.warnings } : { ok: false, problems: c.problems };
}

/** Runs a KPI job on the queue under `view` and packs its result, or why it failed. */
async function runPacked(view: string, job: () => Promise<KpiResult>): Promise<KpiOutcome> {
  const t0 = performance.now();
  try {
    const r = await queue.submit(view, job);
    const packed = packResult(r.table, Math.round(performance.now() - t0));
    return Object.assign(packed, { ok: true as const, params: r.params, sql: r.sql });
  } catch (e) {
    if (e instanceof KpiRunError) return { ok: false, kind: e.kind, messages: e.messages, cancelled: false };
    const cancelled = e instanceof QueryCancelled || e instanceof SupersededError;
    return {
      ok: false,
      kind: cancelled ? 'cancelled' : 'sql',
      messages: [{ en: messageOf(e), ja: messageOf(e) }],
      cancelled,
    };
  }
}

const api: WorkerApi = {
  async init(options, onRemember): Promise<EngineInfo> {
    const t0 = performance.now();
    engine = await AsyncEngine.create((msg) => {
      // The engine's own worker died: tell the page, which restarts us.
      postMessage({ type: 'engine-crashed', reason: msg });
    });
    // The worker has no localStorage: it works on a copy of the page's remembered mappings
    // and tells the page what to remember or forget.
    const remembered = memoryMappingStore(new Map(options.rememberedMappings ?? []));
    const mappingStore = onRemember
      ? observedMappingStore(
          remembered,
          (sig, json) => void Promise.resolve(onRemember(sig, json)).catch(() => undefined),
        )
      : remembered;
    workspace = new Workspace(engine, catalogue, {
      reportingOffsetMinutes: options.reportingOffsetMinutes,
      mappingStore,
    });
    await workspace.init();
    const v = await engine.version();
    return { duckdbVersion: v, bundle: engine.bundle, startMs: Math.round(performance.now() - t0) };
  },

  async ingest(
    id: string,
    file: File,
    options: IngestOptions,
    onProgress: (p: IngestProgress) => void,
  ): Promise<IngestOutcome> {
    const ws = need(workspace);
    const flag = { cancelled: false };
    ingests.set(id, flag);
    const t0 = performance.now();
    try {
      const result = await queue.submit(`ingest:${id}`, () =>
        ws.load(browserFileSource(file), {
          tableName: options.tableName ?? undefined,
          encoding: options.encoding ?? undefined,
          decimalMark: options.decimalMark ?? undefined,
          mode: options.mode ?? 'strict',
          deferModel: options.deferModel ?? false,
          signal: flag,
          onProgress: (p) =>
            onProgress({
              bytesRead: p.bytesRead,
              totalBytes: p.totalBytes,
              rows: p.rowsLoaded,
              rowsEstimated: p.rowsEstimated ?? false,
              phase: 'loading',
            }),
        }),
      );
      if (flag.cancelled) {
        return { ok: false, cancelled: true, problems: [], canSkipBadRows: false, encoding: result.encoding ?? null };
      }
      if (!result.ok) {
        return {
          ok: false,
          cancelled: false,
          problems: result.problems as FileProblem[],
          canSkipBadRows: result.canSkipBadRows ?? false,
          encoding: result.encoding ?? null,
        };
      }
      const table = await queue.submit(`ingest:${id}`, async () =>
        (await ws.tables.list()).find((t) => t.name === result.table)!,
      );
      return {
        ok: true,
        table,
        warnings: (result.warnings ?? []) as FileProblem[],
        skippedRows: result.skippedRows,
        encoding: result.encoding,
        seconds: (performance.now() - t0) / 1000,
      };
    } finally {
      ingests.delete(id);
    }
  },

  async cancelIngest(id: string): Promise<void> {
    const f = ingests.get(id);
    if (f) f.cancelled = true;
  },

  async previewFile(file: File, encoding: string, rows: number): Promise<EncodingPreview> {
    // Pure decoding of the head: no engine, so it does not wait behind a running load.
    const p = await previewFile(browserFileSource(file), encoding, { rows, sampleBytes: PREVIEW_BYTES });
    return {
      encoding: p.encoding.encoding,
      header: p.header.length ? p.header : p.columns,
      hasHeader: p.header.length > 0,
      rows: p.rows,
      replacements: p.replacements,
      firstBadLine: p.warnings.find((w) => w.kind === 'undecodable')?.line ?? null,
      bytesRead: p.bytesRead,
      complete: p.complete,
      problems: p.problems as FileProblem[],
    };
  },

  async refreshModel(): Promise<void> {
    await queue.submit(`model:${++jobs}`, async () => {
      await need(workspace).refreshModel();
    });
  },

  async tables(): Promise<TableSummary[]> {
    return queue.submit(`tables:${++jobs}`, () => need(workspace).tables.list());
  },

  async dropTable(name: string): Promise<void> {
    await queue.submit(`drop:${name}`, () => need(workspace).drop(name));
  },

  async renameTable(from: string, to: string): Promise<string> {
    return queue.submit(`rename:${from}`, () => need(workspace).rename(from, to));
  },

  async previewTable(name: string, limit: number): Promise<QueryOutcome | QueryFailure> {
    if (!need(workspace).tables.has(name)) return { error: `no table named ${name}`, cancelled: false };
    const t0 = performance.now();
    try {
      const table = await queue.submit(`preview:${name}`, () =>
        need(engine).query(`SELECT * FROM ${quoteIdent(name)} LIMIT ${Math.max(1, Math.floor(limit))}`),
      );
      return packResult(table, Math.round(performance.now() - t0));
    } catch (e) {
      return { error: messageOf(e), cancelled: e instanceof SupersededError };
    }
  },

  async query(sql: string, maxRows: number): Promise<QueryOutcome | QueryFailure> {
    const eng = need(engine);
    const t0 = performance.now();
    try {
      const table: Table = await queue.submit('console', () => eng.query(sql));
      const truncated = table.numRows > maxRows;
      const shown = truncated ? table.slice(0, maxRows) : table;
      return packResult(shown, Math.round(performance.now() - t0), truncated);
    } catch (e) {
      return { error: messageOf(e), cancelled: e instanceof QueryCancelled || e instanceof SupersededError };
    }
  },

  async cancelQuery(): Promise<void> {
    queue.cancel('console');
  },

  async kpis(): Promise<KpiSummary[]> {
    return catalogue.kpis.map(summarise);
  },

  async runKpi(view: string, id: string, params: Record<string, unknown>): Promise<KpiOutcome> {
    return runPacked(view, () => need(workspace).run(id, params));
  },

  async addCustomKpi(text: string, replaces: string | null): Promise<CustomKpiOutcome> {
    return customOutcome(addCustomKpi(catalogue, text, { replaces }));
  },

  async removeCustomKpi(id: string): Promise<boolean> {
    return removeCustomKpi(catalogue, id);
  },

  async draftCustomKpi(from: string | null, chartType: string | null): Promise<string> {
    return draftCustomKpi(catalogue, { from, chartType });
  },

  async runCustomDraft(
    view: string,
    text: string,
    replaces: string | null,
    params: Record<string, unknown>,
  ): Promise<DraftRunOutcome> {
    const check = checkCustomKpi(catalogue, text, { replaces });
    if (!check.ok) return { check: customOutcome(check), outcome: null };
    let columns: string[] = [];
    const outcome = await runPacked(view, async () => {
      const r = await need(workspace).runner.runDefinition(check.def, params);
      columns = r.columns.map((c) => c.name);
      return r;
    });
    if (outcome.ok) check.warnings.push(...outputProblems(check.def, columns));
    return { check: customOutcome(check), outcome };
  },

  async model() {
    return queue.submit(`model-read:${++jobs}`, async () => summariseModel(need(workspace).modeller));
  },

  async editMapping(table, edits) {
    return queue.submit(`model:${++jobs}`, async () => {
      await need(workspace).editMapping(table, edits);
      return summariseModel(need(workspace).modeller);
    });
  },

  async resetMapping(table) {
    return queue.submit(`model:${++jobs}`, async () => {
      await need(workspace).resetMapping(table);
      return summariseModel(need(workspace).modeller);
    });
  },

  async setSegment(attribute) {
    return queue.submit(`model:${++jobs}`, async () => {
      await need(workspace).setSegment(attribute);
      return summariseModel(need(workspace).modeller);
    });
  },

  async restoreSession(session) {
    return queue.submit(`model:${++jobs}`, async () => {
      await need(workspace).restoreSession(session);
      return summariseModel(need(workspace).modeller);
    });
  },

  async validate() {
    // Statement by statement in the background: a dashboard opened meanwhile goes first.
    return need(workspace).validate(backgroundEngine(need(engine), queue, 'validate'));
  },

  async exportMappings() {
    return need(workspace).exportMappings();
  },

  async importMappings(json) {
    try {
      return {
        ok: true as const,
        matched: await queue.submit(`model:${++jobs}`, () => need(workspace).importMappings(json)),
      };
    } catch (e) {
      if (e instanceof MappingFormatError) return { ok: false as const, problems: e.issues };
      throw e;
    }
  },

  async crashForTest(): Promise<void> {
    await need(engine).terminate();
    postMessage({ type: 'engine-crashed', reason: 'test' });
  },
};

Comlink.expose(api);
