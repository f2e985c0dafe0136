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

/**
 * Runs shared between views: a view asking for a result another view is already running
 * (same key) waits for that run instead of starting a second one. Each view takes only
 * the answer to its newest request; older requests get `superseded`. If the run a view
 * was sharing is itself superseded (the view that started it moved on), the sharing view
 * starts its own.
 */
export class SharedRuns<T> {
  private readonly latest = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<T>>();
  private seq = 0;

  constructor(
    private readonly superseded: T,
    private readonly isSuperseded: (r: T) => boolean,
  ) {}

  /** Marks a newer request of `view` answered elsewhere (from a cache): its older runs are superseded. */
  claim(view: string): number {
    const token = ++this.seq;
    this.latest.set(view, token);
    return token;
  }

  /** Runs `start` for `view` unless a run of `key` is under way; resolves with the view's answer. */
  async run(view: string, key: string, start: () => Promise<T>): Promise<T> {
    const token = this.claim(view);
    for (;;) {
      let run = this.inflight.get(key);
      const shared = run !== undefined;
      if (!run) {
        const started = start();
        run = started;
        this.inflight.set(key, started);
        const forget = (): void => {
          if (this.inflight.get(key) === started) this.inflight.delete(key);
        };
        started.then(forget, forget);
      }
      const r = await run;
      if (this.latest.get(view) !== token) return this.superseded;
      if (shared && this.isSuperseded(r)) continue;
      return r;
    }
  }
}
