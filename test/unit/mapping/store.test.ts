/**
 * Remembered mappings (src/core/mapping/store.ts): kept by header signature in a
 * Storage-like object, recalled for next month's export, checked against the new file,
 * and kept in memory when the browser's storage fails.
 */
import { describe, expect, it } from 'vitest';
import {
  confirmDetection,
  detectMapping,
  forgetMapping,
  headerSignature,
  memoryMappingStore,
  observedMappingStore,
  parseRemembered,
  proposeMapping,
  recall,
  recallMapping,
  rememberMapping,
  resilientMappingStore,
  storageMappingStore,
  STORAGE_PREFIX,
  type LoadedTable,
} from '../../../src/core/mapping/index.js';
import { fixtureTable } from './fixtures.js';
import { FakeStorage } from '../../fakeStorage.js';

const stripe = fixtureTable('stripe/subscriptions.csv');
const edited = confirmDetection(stripe, detectMapping(stripe), {
  normalisation: { amountUnit: 'cents' },
  columns: { plan: 'Product' },
});
const JULY = new Date('2024-07-03T10:15:00Z');

/** Next month's export: same columns in another order, other rows, another table and file name. */
function nextMonth(t: LoadedTable): LoadedTable {
  return {
    table: 'src_next',
    file: 'subscriptions (1).csv',
    columns: [...t.columns].reverse().map((c) => ({ ...c, samples: c.samples.slice(0, 3) })),
  };
}

describe('remembered mappings', () => {
  it("maps next month's export by itself, with the user's edits and the time they were remembered", () => {
    const store = storageMappingStore(new FakeStorage());
    expect(detectMapping(stripe).normalisation.amountUnit).not.toBe('cents');
    expect(recall(store, stripe)).toEqual({ status: 'none' });
    rememberMapping(store, edited, { now: JULY });
    const next = nextMonth(stripe);
    const r = recall(store, next);
    expect(r.status).toBe('applied');
    if (r.status !== 'applied') return;
    expect(r.rememberedAt).toBe('2024-07-03T10:15:00.000Z');
    expect(r.mapping.table).toBe(next);
    expect(r.mapping.normalisation.amountUnit).toBe('cents');
    expect(r.mapping.columns.plan).toBe('Product');
    expect(r.mapping.columns).toEqual(edited.columns);
    expect(r.segment).toBeNull();
    const p = proposeMapping(next, store);
    expect(p.remembered).toBe(true);
    expect(p.mapping?.columns).toEqual(edited.columns);
  });

  it('does not apply to a different header set', () => {
    const store = memoryMappingStore();
    rememberMapping(store, edited);
    expect(recall(store, fixtureTable('stripe/subscriptions_api.csv'))).toEqual({ status: 'none' });
    expect(recallMapping(store, fixtureTable('stripe/subscriptions_api.csv'))).toBeNull();
  });

  it('follows headers that differ only in case, spacing or punctuation (same signature)', () => {
    const store = memoryMappingStore();
    rememberMapping(store, edited);
    const respelled: LoadedTable = {
      ...stripe,
      table: 'other',
      columns: stripe.columns.map((c) => ({ ...c, name: c.name.toUpperCase().replace(/ /g, '_') })),
    };
    expect(headerSignature(respelled.columns)).toBe(headerSignature(stripe.columns));
    const r = recall(store, respelled);
    expect(r.status).toBe('applied');
    if (r.status === 'applied') {
      expect(r.mapping.columns.plan).toBe('PRODUCT');
      expect(r.mapping.columns.customer_id).toBe(edited.columns.customer_id!.toUpperCase().replace(/ /g, '_'));
    }
  });

  it('falls back when a mapped column is missing from the new file, naming it', () => {
    const storage = new FakeStorage();
    const store = storageMappingStore(storage);
    rememberMapping(store, edited, { now: JULY });
    // The entry for these headers maps `plan` to a column this file does not have.
    const key = STORAGE_PREFIX + headerSignature(stripe.columns);
    const entry = JSON.parse(storage.getItem(key)!) as { mapping: { columns: Record<string, string> } };
    entry.mapping.columns.plan = 'Plan Name';
    storage.setItem(key, JSON.stringify(entry));
    const r = recall(store, stripe);
    expect(r).toMatchObject({ status: 'unusable', rememberedAt: '2024-07-03T10:15:00.000Z', missing: ['Plan Name'] });
    expect(recallMapping(store, stripe)).toBeNull();
    expect(proposeMapping(stripe, store).remembered).toBe(false);
  });

  it('reports unreadable entries as unusable, without a date', () => {
    const storage = new FakeStorage();
    const store = storageMappingStore(storage);
    const key = STORAGE_PREFIX + headerSignature(stripe.columns);
    const newer = JSON.stringify({ ...(JSON.parse(rememberAndRead()) as object), version: 99 });
    for (const bad of ['{nope', '{"format":"kpi-workbench/mapping","version":1}', newer]) {
      storage.setItem(key, bad);
      expect(recall(store, stripe)).toMatchObject({ status: 'unusable', rememberedAt: null, missing: [] });
    }
  });

  it('keeps the segment chosen with a customers mapping', () => {
    const hub = fixtureTable('hubspot/companies_ja.csv');
    const m = confirmDetection(hub, detectMapping(hub));
    const attr = m.attributes[0]!.name;
    const store = memoryMappingStore();
    rememberMapping(store, m, { segment: attr });
    expect(recall(store, hub)).toMatchObject({ status: 'applied', segment: attr });
  });

  it('forgets a table’s entry', () => {
    const store = memoryMappingStore();
    rememberMapping(store, edited);
    forgetMapping(store, nextMonth(stripe));
    expect(recall(store, stripe)).toEqual({ status: 'none' });
  });

  it('round-trips an entry, and rejects one without a valid date', () => {
    const json = rememberAndRead();
    expect(parseRemembered(json)).toMatchObject({
      rememberedAt: JULY.toISOString(),
      segment: null,
      mapping: { role: 'subscriptions', columns: edited.columns },
    });
    expect(() => parseRemembered(json.replace(/"rememberedAt":"[^"]*"/, '"rememberedAt":"yesterday"'))).toThrow(
      /rememberedAt/,
    );
  });
});

/** JSON of the edited mapping as remembered. */
function rememberAndRead(): string {
  const store = memoryMappingStore();
  rememberMapping(store, edited, { now: JULY });
  return store.entries()[0]![1];
}

describe('stores', () => {
  it('Storage-backed: lists and removes only its own keys', () => {
    const storage = new FakeStorage();
    storage.setItem('kpi-workbench.locale', 'ja');
    const store = storageMappingStore(storage);
    store.save('h1:a', '{}');
    store.save('h1:b', '[]');
    expect(store.entries().sort()).toEqual([
      ['h1:a', '{}'],
      ['h1:b', '[]'],
    ]);
    store.remove('h1:a');
    expect(store.entries()).toEqual([['h1:b', '[]']]);
    expect(storage.getItem('kpi-workbench.locale')).toBe('ja');
    expect(storage.getItem(`${STORAGE_PREFIX}h1:b`)).toBe('[]');
  });

  it('resilient: starts from what storage holds, and keeps working in memory when storage fails', () => {
    const storage = new FakeStorage();
    storageMappingStore(storage).save('h1:old', 'old');
    const errors: unknown[] = [];
    const store = resilientMappingStore(storage, (e) => errors.push(e));
    expect(store.load('h1:old')).toBe('old');
    storage.failWrites = true;
    store.save('h1:new', 'new');
    expect(errors).toHaveLength(1);
    expect(store.load('h1:new')).toBe('new');
    expect(storage.getItem(`${STORAGE_PREFIX}h1:new`)).toBeNull();
    expect(
      store
        .entries()
        .map(([s]) => s)
        .sort(),
    ).toEqual(['h1:new', 'h1:old']);
    store.remove('h1:old');
    expect(store.load('h1:old')).toBeNull();
    expect(errors).toHaveLength(2);
    // No storage at all (blocked): memory only.
    const bare = resilientMappingStore(null);
    bare.save('s', 'x');
    expect(bare.entries()).toEqual([['s', 'x']]);
  });

  it('resilient: writes reach storage when it works (a reload sees them)', () => {
    const storage = new FakeStorage();
    const store = resilientMappingStore(storage);
    rememberMapping(store, edited, { now: JULY });
    const afterReload = resilientMappingStore(storage);
    expect(recall(afterReload, nextMonth(stripe))).toMatchObject({
      status: 'applied',
      rememberedAt: JULY.toISOString(),
    });
  });

  it('observed: reports saves and removals', () => {
    const seen: [string, string | null][] = [];
    const store = observedMappingStore(memoryMappingStore(), (s, j) => seen.push([s, j]));
    store.save('a', '1');
    store.remove('a');
    expect(seen).toEqual([
      ['a', '1'],
      ['a', null],
    ]);
    expect(store.entries()).toEqual([]);
  });
});
