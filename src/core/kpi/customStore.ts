/**
 * Custom KPIs kept in the browser (localStorage, or any store with the same three
 * methods): one versioned key holding every saved KPI's full text. Only KPI text is
 * stored, never data. A value that cannot be read is set aside under another key rather
 * than overwritten, so nothing an analyst wrote is lost silently.
 */
import type { Bilingual } from './types.js';

/** The storage key; the number changes only with an incompatible format. */
export const CUSTOM_KPIS_KEY = 'kpi-workbench.custom-kpis.v1';
const FORMAT_VERSION = 1;

/** The part of the Web Storage interface this module uses. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** One saved custom KPI. */
export interface StoredCustomKpi {
  id: string;
  /** The KPI file's full text (header and SQL). */
  text: string;
  /** When it was last saved (ISO 8601, UTC). */
  savedAt: string;
}

interface StoredFile {
  version: number;
  kpis: StoredCustomKpi[];
}

/** Saved custom KPIs, plus a message when the stored value could not be (fully) read. */
export interface StoreRead {
  kpis: StoredCustomKpi[];
  problem: Bilingual | null;
  /** The stored value is unreadable or from a newer version: do not overwrite it. */
  unreadable: boolean;
}

/** A write that failed (storage full or switched off, or a value from a newer version). */
export class CustomStoreError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'CustomStoreError';
  }
}

function isEntry(x: unknown): x is StoredCustomKpi {
  const e = x as StoredCustomKpi;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.text === 'string' &&
    typeof e.savedAt === 'string'
  );
}

/** Reads the saved custom KPIs (in the order they were first saved). */
export function readCustomKpis(store: KeyValueStore): StoreRead {
  let raw: string | null;
  try {
    raw = store.getItem(CUSTOM_KPIS_KEY);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return {
      kpis: [],
      problem: {
        en: `Saved custom KPIs cannot be read in this browser (${m}).`,
        ja: `保存したカスタム KPIをこのブラウザーで読み込めません（${m}）。`,
      },
      unreadable: true,
    };
  }
  if (raw === null) return { kpis: [], problem: null, unreadable: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      kpis: [],
      problem: {
        en: 'The saved custom KPIs are damaged and cannot be read.',
        ja: '保存したカスタム KPIのデータが壊れていて読み込めません。',
      },
      unreadable: true,
    };
  }
  const file = parsed as StoredFile;
  if (!file || typeof file !== 'object' || typeof file.version !== 'number' || !Array.isArray(file.kpis)) {
    return {
      kpis: [],
      problem: {
        en: 'The saved custom KPIs are damaged and cannot be read.',
        ja: '保存したカスタム KPIのデータが壊れていて読み込めません。',
      },
      unreadable: true,
    };
  }
  if (file.version > FORMAT_VERSION) {
    return {
      kpis: [],
      problem: {
        en: 'The saved custom KPIs were written by a newer version of this app; they are left as they are.',
        ja: '保存したカスタム KPIは新しいバージョンのアプリで保存されています。そのまま残します。',
      },
      unreadable: true,
    };
  }
  const kpis = file.kpis.filter(isEntry);
  const dropped = file.kpis.length - kpis.length;
  return {
    kpis,
    problem: dropped
      ? {
          en: `${dropped} saved custom KPI entries are damaged and were skipped.`,
          ja: `保存したカスタム KPIのうち ${dropped} 件が壊れていたため読み飛ばしました。`,
        }
      : null,
    unreadable: false,
  };
}

function write(store: KeyValueStore, kpis: StoredCustomKpi[]): void {
  const file: StoredFile = { version: FORMAT_VERSION, kpis };
  try {
    store.setItem(CUSTOM_KPIS_KEY, JSON.stringify(file));
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new CustomStoreError({
      en: `The custom KPI could not be saved in this browser (${m}).`,
      ja: `カスタム KPIをこのブラウザーに保存できませんでした（${m}）。`,
    });
  }
}

/** Current entries for a write; an unreadable value is moved aside first (never lost). */
function current(store: KeyValueStore, now: Date): StoredCustomKpi[] {
  const read = readCustomKpis(store);
  if (!read.unreadable) return read.kpis;
  let raw: string | null = null;
  try {
    raw = store.getItem(CUSTOM_KPIS_KEY);
  } catch {
    /* reported by the write below */
  }
  if (raw !== null) {
    try {
      store.setItem(`${CUSTOM_KPIS_KEY}.unreadable-${now.toISOString()}`, raw);
    } catch {
      throw new CustomStoreError({
        en: 'The saved custom KPIs cannot be read and could not be set aside; nothing was overwritten.',
        ja: '保存済みのカスタム KPIが読めず、退避もできなかったため、上書きしていません。',
      });
    }
  }
  return [];
}

/**
 * Saves a custom KPI (new, or in place of the one saved as `replaces`, which keeps its
 * position). Returns the saved list. Throws {@link CustomStoreError}.
 */
export function saveCustomKpiText(
  store: KeyValueStore,
  id: string,
  text: string,
  options: { replaces?: string | null; now?: Date } = {},
): StoredCustomKpi[] {
  const now = options.now ?? new Date();
  const kpis = current(store, now);
  const entry: StoredCustomKpi = { id, text, savedAt: now.toISOString() };
  const at = kpis.findIndex((k) => k.id === (options.replaces ?? id));
  const rest = kpis.filter((k) => k.id !== id && k.id !== options.replaces);
  if (at >= 0) rest.splice(Math.min(at, rest.length), 0, entry);
  else rest.push(entry);
  write(store, rest);
  return rest;
}

/** Deletes a saved custom KPI; returns the saved list. Throws {@link CustomStoreError}. */
export function deleteCustomKpiText(store: KeyValueStore, id: string): StoredCustomKpi[] {
  const kpis = current(store, new Date()).filter((k) => k.id !== id);
  write(store, kpis);
  return kpis;
}
