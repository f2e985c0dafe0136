/**
 * A cache of KPI results on the page, keyed by KPI, parameters and data version, so that
 * returning to a view (or the dashboard asking again) costs nothing.
 */
import type { Table } from 'apache-arrow';

export interface CachedResult {
  table: Table;
  params: Record<string, unknown>;
  sql: string;
  elapsedMs: number;
}

/** Stable cache key: parameters sorted by name. */
export function resultKey(id: string, params: Record<string, unknown>, dataVersion: number): string {
  const sorted = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== undefined && params[k] !== '')
    .map((k) => [k, params[k]]);
  return `${dataVersion}|${id}|${JSON.stringify(sorted)}`;
}

/** A bounded LRU map of results. */
export class ResultCache {
  private map = new Map<string, CachedResult>();
  constructor(private readonly max = 64) {}

  get(key: string): CachedResult | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: CachedResult): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
  }
}
