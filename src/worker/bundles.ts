/**
 * duckdb-wasm bundles, self-hosted: Vite copies the wasm and worker files into the build
 * and gives their URLs relative to the page, so the app works from any sub-path and
 * never fetches from a CDN. `eh` (wasm exceptions) is preferred; `mvp` is the fallback
 * for browsers without them. The threaded `coi` bundle is not used (see PERF_NOTES).
 */
import type { DuckDBBundles } from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/** Absolute URLs (same origin) of the bundles, resolved against this module. */
export function localBundles(): DuckDBBundles {
  const abs = (u: string): string => new URL(u, import.meta.url).href;
  return {
    mvp: { mainModule: abs(mvpWasm), mainWorker: abs(mvpWorker) },
    eh: { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) },
  };
}
