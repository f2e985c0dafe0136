/**
 * Remembered mappings, keyed by header signature: next month's export with the same
 * columns maps itself. The page keeps them in localStorage and hands them to the worker
 * (which has no localStorage); tests and the CLI use a memory store.
 */
import { detectMapping } from './detect.js';
import { confirmDetection } from './confirm.js';
import { headerKey } from './headerKey.js';
import {
  bindMapping,
  MappingFormatError,
  parseMapping,
  serializeMapping,
  toSaved,
  type SavedMapping,
} from './serialize.js';
import { headerSignature } from './signature.js';
import type { ConfirmedMapping, Detection, LoadedTable, Message } from './types.js';

/** Where remembered mappings are kept, as JSON text by header signature. */
export interface MappingStore {
  load(signature: string): string | null;
  save(signature: string, json: string): void;
  remove(signature: string): void;
  /** Every remembered entry (signature, JSON). */
  entries(): [string, string][];
}

/** A store in a Map (tests, CLI, the worker's copy of the page's store). */
export function memoryMappingStore(map: Map<string, string> = new Map()): MappingStore {
  return {
    load: (s) => map.get(s) ?? null,
    save: (s, json) => void map.set(s, json),
    remove: (s) => void map.delete(s),
    entries: () => [...map.entries()],
  };
}

/** The part of the Web Storage API a store needs (the UI passes `localStorage`). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** Key prefix of remembered mappings in Web Storage. */
export const STORAGE_PREFIX = 'kpi-workbench.mapping.';

/** A store over a Web Storage-like object; entries of other apps or other prefixes are left alone. */
export function storageMappingStore(storage: StorageLike, prefix = STORAGE_PREFIX): MappingStore {
  return {
    load: (s) => storage.getItem(prefix + s),
    save: (s, json) => storage.setItem(prefix + s, json),
    remove: (s) => storage.removeItem(prefix + s),
    entries: () => {
      const out: [string, string][] = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        const v = k?.startsWith(prefix) ? storage.getItem(k) : null;
        if (k && v !== null) out.push([k.slice(prefix.length), v]);
      }
      return out;
    },
  };
}

/**
 * A store that keeps working when Web Storage does not (private mode, quota, disabled):
 * it reads what storage holds once, then works in memory and writes every change
 * through to storage, reporting (not throwing) storage failures.
 */
export function resilientMappingStore(
  storage: StorageLike | null,
  onError: (e: unknown) => void = () => undefined,
  prefix = STORAGE_PREFIX,
): MappingStore {
  const memory = new Map<string, string>();
  const backing = storage ? storageMappingStore(storage, prefix) : null;
  const attempt = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch (e) {
      onError(e);
      return fallback;
    }
  };
  if (backing) for (const [s, json] of attempt(() => backing.entries(), [])) memory.set(s, json);
  return {
    load: (s) => memory.get(s) ?? null,
    save: (s, json) => {
      memory.set(s, json);
      if (backing) attempt(() => backing.save(s, json), undefined);
    },
    remove: (s) => {
      memory.delete(s);
      if (backing) attempt(() => backing.remove(s), undefined);
    },
    entries: () => [...memory.entries()],
  };
}

/** A store whose changes are also reported (the worker tells the page what to keep). */
export function observedMappingStore(
  inner: MappingStore,
  onChange: (signature: string, json: string | null) => void,
): MappingStore {
  return {
    load: (s) => inner.load(s),
    save: (s, json) => {
      inner.save(s, json);
      onChange(s, json);
    },
    remove: (s) => {
      inner.remove(s);
      onChange(s, null);
    },
    entries: () => inner.entries(),
  };
}

/** Format tag of a remembered entry. */
export const REMEMBERED_FORMAT = 'kpi-workbench/remembered-mapping';

/** A remembered mapping: the mapping, when it was remembered, and the segment chosen with it. */
export interface RememberedMapping {
  mapping: SavedMapping;
  /** ISO 8601 time it was remembered. */
  rememberedAt: string;
  /** Customers: the attribute used as segment when it was remembered (null: none). */
  segment: string | null;
}

/** JSON text of a remembered entry. */
export function serializeRemembered(r: RememberedMapping): string {
  return JSON.stringify({
    format: REMEMBERED_FORMAT,
    version: 1,
    rememberedAt: r.rememberedAt,
    segment: r.segment,
    mapping: JSON.parse(serializeMapping(r.mapping)) as unknown,
  });
}

/** Parses a remembered entry. Throws {@link MappingFormatError}. */
export function parseRemembered(text: string): RememberedMapping {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new MappingFormatError([
      { en: `not JSON: ${(e as Error).message}`, ja: `JSON として読めません: ${(e as Error).message}` },
    ]);
  }
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const problems: Message[] = [];
  if (o.format !== REMEMBERED_FORMAT)
    problems.push({
      en: `format must be "${REMEMBERED_FORMAT}"`,
      ja: `format は「${REMEMBERED_FORMAT}」でなければなりません`,
    });
  if (o.version !== 1)
    problems.push({
      en: `unsupported version ${JSON.stringify(o.version)}`,
      ja: `対応していないバージョン ${JSON.stringify(o.version)} です`,
    });
  if (typeof o.rememberedAt !== 'string' || Number.isNaN(Date.parse(o.rememberedAt)))
    problems.push({ en: 'rememberedAt must be a date', ja: 'rememberedAt は日時でなければなりません' });
  if (o.segment !== null && o.segment !== undefined && typeof o.segment !== 'string')
    problems.push({ en: 'segment must be a string or null', ja: 'segment は文字列か null でなければなりません' });
  if (problems.length) throw new MappingFormatError(problems);
  return {
    mapping: parseMapping(JSON.stringify(o.mapping)),
    rememberedAt: o.rememberedAt as string,
    segment: (o.segment as string | null | undefined) ?? null,
  };
}

/** Remembers a confirmed mapping under its table's header signature. */
export function rememberMapping(
  store: MappingStore,
  m: ConfirmedMapping,
  options: { now?: Date; segment?: string | null } = {},
): RememberedMapping {
  const r: RememberedMapping = {
    mapping: toSaved(m),
    rememberedAt: (options.now ?? new Date()).toISOString(),
    segment: options.segment ?? null,
  };
  store.save(r.mapping.signature, serializeRemembered(r));
  return r;
}

/** Forgets the mapping remembered for a table's header signature. */
export function forgetMapping(store: MappingStore, table: LoadedTable): void {
  store.remove(headerSignature(table.columns));
}

/** What the store holds for a table. */
export type Recall =
  /** Nothing remembered for this header signature. */
  | { status: 'none' }
  /** A remembered mapping that fits the table. */
  | { status: 'applied'; mapping: ConfirmedMapping; rememberedAt: string; segment: string | null }
  /**
   * A remembered entry that does not fit the table: columns it maps are missing
   * (`missing`), or it cannot be read (`missing` empty). Detection applies instead.
   */
  | { status: 'unusable'; rememberedAt: string | null; missing: string[]; problems: string[] };

/**
 * A saved mapping with its headers renamed to the table's spelling where they differ only
 * in case, spacing or punctuation (the header signature ignores those).
 */
function respell(saved: SavedMapping, table: LoadedTable): SavedMapping {
  const exact = new Set(table.columns.map((c) => c.name));
  const byKey = new Map<string, string>();
  for (const c of table.columns) if (!byKey.has(headerKey(c.name))) byKey.set(headerKey(c.name), c.name);
  const fix = (h: string): string => (exact.has(h) ? h : (byKey.get(headerKey(h)) ?? h));
  const columns: Record<string, string | null> = {};
  for (const [f, h] of Object.entries(saved.columns)) columns[f] = h === null ? null : fix(h);
  return { ...saved, columns, attributes: saved.attributes.map((a) => ({ ...a, source: fix(a.source) })) };
}

/** Looks up and checks the mapping remembered for a table's header signature. */
export function recall(store: MappingStore, table: LoadedTable): Recall {
  const json = store.load(headerSignature(table.columns));
  if (json === null) return { status: 'none' };
  let r: RememberedMapping;
  try {
    r = parseRemembered(json);
  } catch (e) {
    return {
      status: 'unusable',
      rememberedAt: null,
      missing: [],
      problems: e instanceof MappingFormatError ? e.problems : [String(e)],
    };
  }
  const saved = respell(r.mapping, table);
  const present = new Set(table.columns.map((c) => c.name));
  const wanted = [
    ...Object.values(saved.columns).filter((h): h is string => h !== null),
    ...saved.attributes.map((a) => a.source),
  ];
  const missing = [...new Set(wanted.filter((h) => !present.has(h)))];
  try {
    return { status: 'applied', mapping: bindMapping(saved, table), rememberedAt: r.rememberedAt, segment: r.segment };
  } catch (e) {
    return {
      status: 'unusable',
      rememberedAt: r.rememberedAt,
      missing,
      problems: e instanceof MappingFormatError ? e.problems : [String(e)],
    };
  }
}

/** The remembered mapping for a table with this header signature, or null (also when it no longer applies). */
export function recallMapping(store: MappingStore, table: LoadedTable): ConfirmedMapping | null {
  const r = recall(store, table);
  return r.status === 'applied' ? r.mapping : null;
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
  return {
    mapping: detection.role === 'unknown' ? null : confirmDetection(table, detection),
    detection,
    remembered: false,
  };
}
