/**
 * Custom KPIs on the page: saved in this browser (core/kpi/customStore), registered in the
 * worker's catalogue on start and after every engine restart (the engine client keeps
 * them), checked and run from the editor. Components call these functions; checking and
 * SQL stay in the core, in the worker.
 */
import type { Table } from 'apache-arrow';
import type { Bilingual } from '../../core/kpi/types.js';
import {
  CustomStoreError,
  deleteCustomKpiText,
  readCustomKpis,
  saveCustomKpiText,
  type KeyValueStore,
} from '../../core/kpi/customStore.js';
import type { CustomKpiOutcome, KpiProblem } from '../../worker/api.js';
import { Superseded } from '../engine/client.js';
import { engine } from './workspace.svelte.js';
import { catalogue, clearResults, reloadCatalogue, type KpiState } from './kpis.svelte.js';
import { KPI_CHARTS, resolveChartType } from '../charts/registry.js';

/** A saved custom KPI that could not be registered (e.g. a new built-in KPI took its id). */
export interface BrokenCustomKpi {
  id: string;
  text: string;
  problems: KpiProblem[];
}

export const customKpis = $state({
  /** Saved custom KPIs that are not in the catalogue, and why. */
  broken: [] as BrokenCustomKpi[],
  /** The saved list could not be read (shown in the catalogue). */
  storageProblem: null as Bilingual | null,
});

function storage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage switched off
  }
}

const NO_STORAGE: Bilingual = {
  en: 'This browser does not allow saving here (storage is switched off).',
  ja: 'このブラウザーでは保存できません（ストレージが無効です）。',
};

/** The text of a saved custom KPI (for the editor), or null. */
export function savedText(id: string): string | null {
  const s = storage();
  if (!s) return null;
  return readCustomKpis(s).kpis.find((k) => k.id === id)?.text ?? null;
}

/** Registers every saved custom KPI in the worker (on page load), then loads the catalogue. */
export async function restoreCustomKpis(): Promise<void> {
  const s = storage();
  const broken: BrokenCustomKpi[] = [];
  if (s) {
    const read = readCustomKpis(s);
    customKpis.storageProblem = read.problem;
    for (const k of read.kpis) {
      const outcome = await engine().addCustomKpi(k.text, null);
      if (!outcome.ok) broken.push({ id: k.id, text: k.text, problems: outcome.problems });
    }
  }
  customKpis.broken = broken;
  await reloadCatalogue();
}

/** The outcome of a save: the check, and a storage failure if the check passed but storing did not. */
export type SaveOutcome = CustomKpiOutcome & { stored?: Bilingual | null };

/**
 * Checks and registers a custom KPI, then saves it in this browser (in place of the one
 * saved as `replaces`). A storage failure leaves it registered for this session and says so.
 */
export async function saveCustomKpi(text: string, replaces: string | null): Promise<SaveOutcome> {
  const outcome = await engine().addCustomKpi(text, replaces);
  if (!outcome.ok) return outcome;
  let stored: Bilingual | null = null;
  const s = storage();
  if (!s) stored = NO_STORAGE;
  else {
    try {
      saveCustomKpiText(s, outcome.kpi.id, text, { replaces });
    } catch (e) {
      stored = e instanceof CustomStoreError ? e.text : { en: String(e), ja: String(e) };
    }
  }
  customKpis.broken = customKpis.broken.filter((b) => b.id !== outcome.kpi.id && b.id !== replaces);
  clearResults();
  await reloadCatalogue();
  return { ...outcome, stored };
}

/** Deletes a saved custom KPI (from the catalogue and from this browser). */
export async function deleteCustomKpi(id: string): Promise<Bilingual | null> {
  await engine().removeCustomKpi(id);
  customKpis.broken = customKpis.broken.filter((b) => b.id !== id);
  let problem: Bilingual | null = null;
  const s = storage();
  if (s) {
    try {
      deleteCustomKpiText(s, id);
    } catch (e) {
      problem = e instanceof CustomStoreError ? e.text : { en: String(e), ja: String(e) };
    }
  }
  clearResults();
  await reloadCatalogue();
  return problem;
}

/**
 * Starting text of a new custom KPI: the template, or a copy of KPI `from`. The app picks
 * some built-in KPIs' charts by their id; a copy gets that chart named in its header.
 */
export function draftText(from: string | null): Promise<string> {
  const original = from ? catalogue.kpis.find((k) => k.id === from) : undefined;
  const dedicated = from ? KPI_CHARTS[from] : undefined;
  const chartType = dedicated && resolveChartType(original?.chart?.type) !== dedicated ? dedicated : null;
  return engine().draftCustomKpi(from, chartType);
}

/** Unsaved editor texts of this page session, by editor route (kept when the user looks elsewhere). */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a plain store read once per editor load, not reactive state
const unsaved = new Map<string, string>();

/** The unsaved text of an editor route, if any. */
export function unsavedText(key: string): string | null {
  return unsaved.get(key) ?? null;
}

/** Keeps (or, with null, forgets) the unsaved text of an editor route. */
export function keepUnsaved(key: string, text: string | null): void {
  if (text === null) unsaved.delete(key);
  else unsaved.set(key, text);
}

/** A run of the KPI being edited: its check, and its result when the check passed. */
export interface DraftRun {
  check: CustomKpiOutcome;
  state: KpiState;
}

/** Checks and runs the KPI being edited (not saved, not cached). */
export async function runDraft(
  text: string,
  replaces: string | null,
  params: Record<string, string>,
): Promise<DraftRun | 'superseded'> {
  try {
    const { run, table } = await engine().runCustomDraft('custom-editor', text, replaces, { ...params });
    const o = run.outcome;
    let state: KpiState;
    if (!o) state = { status: 'error', messages: [] };
    else if (!o.ok) {
      if (o.cancelled) return 'superseded';
      state =
        o.kind === 'missing-data'
          ? { status: 'missing', messages: o.messages }
          : { status: 'error', messages: o.messages };
    } else
      state = { status: 'ok', result: { table: table as Table, params: o.params, sql: o.sql, elapsedMs: o.elapsedMs } };
    return { check: run.check, state };
  } catch (e) {
    if (e instanceof Superseded) return 'superseded';
    const m = e instanceof Error ? e.message : String(e);
    return {
      check: { ok: false, problems: [{ severity: 'error', field: null, line: null, message: { en: m, ja: m } }] },
      state: { status: 'error', messages: [] },
    };
  }
}
