/**
 * The mapping screen's actions: each calls the worker's model API, hands the new summary
 * to applyModel (which moves the data version on so KPI views recompute), and reports
 * failures as a notice. The validation report is kept here too.
 */
import { applyModel, engine, ws } from '../state/workspace.svelte.js';
import type { MappingEdits, ModelSummary, ValidationResult } from '../../worker/api.js';
import { MAPPINGS_FILE_NAME } from './helpers.js';
import { download } from '../export/download.js';

export type MappingNotice = {
  kind: 'info' | 'error';
  key: 'mapping.imported' | 'mapping.importFailed' | 'mapping.actionFailed';
  vars?: Record<string, string | number>;
  /** What is wrong with an imported file, in both languages (shown as `{message}`). */
  problems?: { en: string; ja: string }[];
};

export const mapping = $state({
  /** A model call is under way. */
  busy: false,
  validating: false,
  /** Data version the report describes (-1: none yet). */
  validatedVersion: -1,
  results: null as ValidationResult[] | null,
  validationError: '',
  notice: null as MappingNotice | null,
});

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function change(run: () => Promise<ModelSummary>): Promise<void> {
  mapping.busy = true;
  mapping.notice = null;
  try {
    applyModel(await run());
  } catch (e) {
    mapping.notice = { kind: 'error', key: 'mapping.actionFailed', vars: { message: message(e) } };
  } finally {
    mapping.busy = false;
  }
}

/** Changes a table's mapping (role, one column, normalisation). */
export function editMapping(table: string, edits: MappingEdits): Promise<void> {
  return change(() => engine().modelApi.editMapping(table, edits));
}

/** Returns a table to its detected mapping. */
export function resetMapping(table: string): Promise<void> {
  return change(() => engine().modelApi.resetMapping(table));
}

/** Chooses the segment attribute (null: none). */
export function setSegment(attribute: string | null): Promise<void> {
  return change(() => engine().modelApi.setSegment(attribute));
}

/** Runs the validation report for the current data version (once per version). */
export async function validate(force = false): Promise<void> {
  const version = ws.dataVersion;
  if (!force && (mapping.validatedVersion === version || mapping.validating)) return;
  mapping.validating = true;
  mapping.validationError = '';
  try {
    const results = await engine().modelApi.validate();
    mapping.results = results;
    mapping.validatedVersion = version;
  } catch (e) {
    mapping.validationError = message(e);
    mapping.validatedVersion = version;
  } finally {
    mapping.validating = false;
  }
  // The model changed while validating: report on the newer one.
  if (ws.dataVersion !== version) void validate();
}

/** Downloads the mappings in use as a JSON file. */
export async function exportMappings(): Promise<void> {
  try {
    const json = await engine().modelApi.exportMappings();
    download(MAPPINGS_FILE_NAME, json, 'application/json');
  } catch (e) {
    mapping.notice = { kind: 'error', key: 'mapping.actionFailed', vars: { message: message(e) } };
  }
}

/** Applies a saved mappings file to the loaded tables whose headers match. */
export async function importMappings(file: File): Promise<void> {
  mapping.busy = true;
  mapping.notice = null;
  try {
    const r = await engine().modelApi.importMappings(await file.text());
    if (r.ok) {
      applyModel(await engine().modelApi.model());
      mapping.notice = { kind: 'info', key: 'mapping.imported', vars: { count: r.matched, file: file.name } };
    } else {
      mapping.notice = { kind: 'error', key: 'mapping.importFailed', vars: { file: file.name }, problems: r.problems };
    }
  } catch (e) {
    mapping.notice = { kind: 'error', key: 'mapping.importFailed', vars: { file: file.name, message: message(e) } };
  } finally {
    mapping.busy = false;
  }
}
