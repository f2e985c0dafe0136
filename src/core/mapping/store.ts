/**
 * Remembered mappings, keyed by header signature: next month's export with the same
 * columns maps itself. The UI passes localStorage; tests and the CLI a memory store.
 */
import { detectMapping } from './detect.js';
import { confirmDetection } from './confirm.js';
import { bindMapping, parseMapping, serializeMapping, toSaved } from './serialize.js';
import { headerSignature } from './signature.js';
import type { ConfirmedMapping, Detection, LoadedTable } from './types.js';

/** Where mapping JSON is kept, by header signature. */
export interface MappingStore {
  load(signature: string): string | null;
  save(signature: string, json: string): void;
}

/** A store in a Map (tests, CLI). */
export function memoryMappingStore(map: Map<string, string> = new Map()): MappingStore {
  return { load: (s) => map.get(s) ?? null, save: (s, json) => void map.set(s, json) };
}

/** A store over a Web Storage-like object (the UI passes `localStorage`). */
export function storageMappingStore(storage: { getItem(key: string): string | null; setItem(key: string, value: string): void }, prefix = 'kpi-workbench.mapping.'): MappingStore {
  return { load: (s) => storage.getItem(prefix + s), save: (s, json) => storage.setItem(prefix + s, json) };
}

/** Remembers a confirmed mapping under its table's header signature. */
export function rememberMapping(store: MappingStore, m: ConfirmedMapping): void {
  const saved = toSaved(m);
  store.save(saved.signature, serializeMapping(saved));
}

/** The remembered mapping for a table with this header signature, or null (also when it no longer applies). */
export function recallMapping(store: MappingStore, table: LoadedTable): ConfirmedMapping | null {
  const json = store.load(headerSignature(table.columns));
  if (json === null) return null;
  try {
    return bindMapping(parseMapping(json), table);
  } catch {
    return null;
  }
}

/** A table's mapping: the remembered one, else the detected one (null when no role was detected). */
export interface MappingProposal {
  mapping: ConfirmedMapping | null;
  detection: Detection;
  remembered: boolean;
}

/** Recalls the table's mapping from the store, else detects one. */
export function proposeMapping(table: LoadedTable, store?: MappingStore): MappingProposal {
  const detection = detectMapping(table);
  const remembered = store ? recallMapping(store, table) : null;
  if (remembered) return { mapping: remembered, detection, remembered: true };
  return { mapping: detection.role === 'unknown' ? null : confirmDetection(table, detection), detection, remembered: false };
}
