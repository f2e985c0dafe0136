/**
 * Saved custom KPIs round-trip through a fake Storage under one versioned key; damaged or
 * newer values are set aside, never overwritten; storage failures are reported.
 */
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_KPIS_KEY,
  CustomStoreError,
  deleteCustomKpiText,
  readCustomKpis,
  saveCustomKpiText,
  type KeyValueStore,
} from '../../src/core/kpi/customStore.js';

/** A Map-backed Storage, optionally refusing writes like a full localStorage. */
class FakeStorage implements KeyValueStore {
  readonly data = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.data.has(key) ? this.data.get(key)! : null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new Error('QuotaExceededError');
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

const T1 = new Date('2025-01-02T03:04:05Z');
const T2 = new Date('2025-02-03T04:05:06Z');

describe('custom KPI storage', () => {
  it('is empty at first', () => {
    expect(readCustomKpis(new FakeStorage())).toEqual({ kpis: [], problem: null, unreadable: false });
  });

  it('round-trips texts under a versioned key, as a fresh reader sees them', () => {
    const s = new FakeStorage();
    saveCustomKpiText(s, 'a', '/*--- a ---*/ SELECT 1', { now: T1 });
    saveCustomKpiText(s, 'b', 'text with ’quotes’ and 日本語\nand lines', { now: T2 });
    expect([...s.data.keys()]).toEqual([CUSTOM_KPIS_KEY]);
    expect(CUSTOM_KPIS_KEY).toMatch(/\.v\d+$/);
    expect(JSON.parse(s.data.get(CUSTOM_KPIS_KEY)!).version).toBe(1);
    // A new reader over the same storage (as after a page reload).
    const copy = new FakeStorage();
    copy.data.set(CUSTOM_KPIS_KEY, s.data.get(CUSTOM_KPIS_KEY)!);
    expect(readCustomKpis(copy)).toEqual({
      kpis: [
        { id: 'a', text: '/*--- a ---*/ SELECT 1', savedAt: '2025-01-02T03:04:05.000Z' },
        { id: 'b', text: 'text with ’quotes’ and 日本語\nand lines', savedAt: '2025-02-03T04:05:06.000Z' },
      ],
      problem: null,
      unreadable: false,
    });
  });

  it('replaces in place, also under a new id, and deletes', () => {
    const s = new FakeStorage();
    for (const id of ['a', 'b', 'c']) saveCustomKpiText(s, id, id, { now: T1 });
    saveCustomKpiText(s, 'b', 'b2', { now: T2 });
    expect(readCustomKpis(s).kpis.map((k) => `${k.id}=${k.text}`)).toEqual(['a=a', 'b=b2', 'c=c']);
    saveCustomKpiText(s, 'bee', 'b3', { replaces: 'b', now: T2 });
    expect(readCustomKpis(s).kpis.map((k) => `${k.id}=${k.text}`)).toEqual(['a=a', 'bee=b3', 'c=c']);
    deleteCustomKpiText(s, 'a');
    expect(readCustomKpis(s).kpis.map((k) => k.id)).toEqual(['bee', 'c']);
  });

  it('reports a damaged value and sets it aside before writing', () => {
    const s = new FakeStorage();
    s.data.set(CUSTOM_KPIS_KEY, '{not json');
    const read = readCustomKpis(s);
    expect(read.kpis).toEqual([]);
    expect(read.unreadable).toBe(true);
    expect(read.problem?.en).toMatch(/damaged/);
    expect(read.problem?.ja).toMatch(/壊れて/);
    saveCustomKpiText(s, 'a', 'x', { now: T1 });
    expect(s.data.get(`${CUSTOM_KPIS_KEY}.unreadable-2025-01-02T03:04:05.000Z`)).toBe('{not json');
    expect(readCustomKpis(s).kpis.map((k) => k.id)).toEqual(['a']);
  });

  it('skips damaged entries but keeps the good ones', () => {
    const s = new FakeStorage();
    s.data.set(
      CUSTOM_KPIS_KEY,
      JSON.stringify({ version: 1, kpis: [{ id: 'a', text: 'x', savedAt: 'now' }, { id: 3 }, null] }),
    );
    const read = readCustomKpis(s);
    expect(read.kpis.map((k) => k.id)).toEqual(['a']);
    expect(read.problem?.en).toMatch(/^2 saved/);
  });

  it('leaves a value from a newer version as it is', () => {
    const s = new FakeStorage();
    const newer = JSON.stringify({ version: 2, kpis: [] });
    s.data.set(CUSTOM_KPIS_KEY, newer);
    expect(readCustomKpis(s).problem?.en).toMatch(/newer version/);
    saveCustomKpiText(s, 'a', 'x', { now: T1 });
    expect([...s.data.values()]).toContain(newer);
  });

  it('reports a full storage as a CustomStoreError in both languages', () => {
    const s = new FakeStorage();
    s.full = true;
    try {
      saveCustomKpiText(s, 'a', 'x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CustomStoreError);
      expect((e as CustomStoreError).text.en).toMatch(/QuotaExceededError/);
      expect((e as CustomStoreError).text.ja).toMatch(/保存できません/);
    }
  });
});
