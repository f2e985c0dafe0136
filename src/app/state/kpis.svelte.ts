/**
 * KPI catalogue and results on the page. Views ask for a KPI with parameters; results
 * come from the cache when the data has not changed, otherwise from the worker, where a
 * newer request for the same view cancels the older one.
 */
import type { Table } from 'apache-arrow';
import type { Bilingual } from '../../core/kpi/types.js';
import type { KpiSummary } from '../../worker/api.js';
import { Superseded } from '../engine/client.js';
import { ResultCache, resultKey, SharedRuns, type CachedResult } from './kpiResults.js';
import { engine, ws } from './workspace.svelte.js';

export const catalogue = $state({ kpis: [] as KpiSummary[], loaded: false });
const cache = new ResultCache();

/** Loads the KPI list from the worker (once). */
export async function loadCatalogue(): Promise<void> {
  if (catalogue.loaded) return;
  await reloadCatalogue();
}

/** Loads the KPI list again (after custom KPIs were added, changed or removed). */
export async function reloadCatalogue(): Promise<void> {
  catalogue.kpis = await engine().kpis();
  catalogue.loaded = true;
}

/** Finds a KPI by id. */
export function kpiById(id: string): KpiSummary | undefined {
  return catalogue.kpis.find((k) => k.id === id);
}

export type KpiState =
  | { status: 'loading' }
  | { status: 'ok'; result: CachedResult }
  | { status: 'missing'; messages: Bilingual[] }
  | { status: 'error'; messages: Bilingual[] }
  | { status: 'superseded' };

const runs = new SharedRuns<KpiState>({ status: 'superseded' }, (s) => s.status === 'superseded');

/**
 * Runs (or fetches from cache) a KPI for a view. When another view is already running the
 * same KPI with the same parameters on the same data (the dashboard and the report open at
 * once), this waits for that run instead of starting a second one.
 */
export async function runKpi(view: string, id: string, params: Record<string, unknown>): Promise<KpiState> {
  const key = resultKey(id, params, ws.dataVersion);
  const hit = cache.get(key);
  if (hit) {
    runs.claim(view); // an older request of this view still running must not overwrite this answer
    return { status: 'ok', result: hit };
  }
  return runs.run(view, key, () => execute(view, id, params, key));
}

async function execute(view: string, id: string, params: Record<string, unknown>, key: string): Promise<KpiState> {
  try {
    const { outcome, table } = await engine().runKpi(view, id, params);
    if (!outcome.ok) {
      if (outcome.cancelled) return { status: 'superseded' };
      return outcome.kind === 'missing-data'
        ? { status: 'missing', messages: outcome.messages }
        : { status: 'error', messages: outcome.messages };
    }
    const result: CachedResult = {
      table: table as Table,
      params: outcome.params,
      sql: outcome.sql,
      elapsedMs: outcome.elapsedMs,
    };
    cache.set(key, result);
    return { status: 'ok', result };
  } catch (e) {
    if (e instanceof Superseded) return { status: 'superseded' };
    const m = e instanceof Error ? e.message : String(e);
    return { status: 'error', messages: [{ en: m, ja: m }] };
  }
}

/** Forgets cached results (after the data changed). */
export function clearResults(): void {
  cache.clear();
}
