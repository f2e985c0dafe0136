/**
 * Statement profiler (native DuckDB, one thread): loads a bench data set like bench/native.ts,
 * then runs the dashboard tiles and the heavy views, printing every statement the core sends
 * with its wall time, slowest first. Profile before optimising:
 *   npx tsx bench/profile.ts bench/cache/s/en [--explain]
 * With --explain, statements over 0.5 s are re-run at once under EXPLAIN ANALYZE (same
 * session variables) and the five slowest plans printed. With --wasm the same runs on
 * duckdb-wasm in Node (the blocking build the tests use; files registered lazily), the
 * closest Node gets to the worker's costs.
 */
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { NativeEngine } from './nativeEngine.js';
import { NodeEngine } from '../src/node/nodeEngine.js';
import { FILES, HEAVY_VIEWS, queryParams, viewLabel } from './steps.js';
import { TILES } from '../src/app/dashboard/tiles.js';
import { readSqlFiles } from '../src/node/sqlFiles.js';
import { loadCatalogue } from '../src/core/kpi/catalogue.js';
import { Workspace } from '../src/core/workspace/workspace.js';
import { tableNameFromFile } from '../src/core/ingest/index.js';
import { tableToRows } from '../src/core/engine/rows.js';
import type { SqlEngine, SqlValue } from '../src/core/engine/types.js';

interface Timing {
  step: string;
  sql: string;
  ms: number;
}

/** Wraps an engine and records the time of every statement under the current step. */
class TimingEngine implements SqlEngine {
  step = '';
  readonly timings: Timing[] = [];
  constructor(private readonly inner: SqlEngine) {}
  /** With --explain: statements slower than this (ms) are re-run at once under EXPLAIN ANALYZE. */
  explainOverMs: number | null = null;
  readonly plans: { label: string; ms: number; plan: string }[] = [];
  private async timed<T>(sql: string, fn: () => Promise<T>, params?: readonly SqlValue[]): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - t0;
      this.timings.push({ step: this.step, sql, ms });
      if (this.explainOverMs !== null && ms > this.explainOverMs && !/^\s*(SET|PREPARE|EXECUTE)/i.test(sql))
        await this.explain(sql, ms, params);
    }
  }
  /** EXPLAIN ANALYZE right after the statement, while its session variables are still set. */
  private async explain(sql: string, ms: number, params?: readonly SqlValue[]): Promise<void> {
    const body = sql.replace(/CREATE OR REPLACE (?:TABLE|VIEW) \S+ AS/i, '');
    try {
      const rows = tableToRows(await this.inner.query(`EXPLAIN ANALYZE ${body}`, params));
      this.plans.push({ label: `[${this.step}] ${label(sql)}`, ms, plan: String(rows[0]?.explain_value ?? '') });
    } catch (e) {
      this.plans.push({ label: `[${this.step}] ${label(sql)}`, ms, plan: (e as Error).message.split('\n')[0]! });
    }
  }
  query(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    return this.timed(sql, () => this.inner.query(sql, params), params);
  }
  exec(sql: string): Promise<void> {
    return this.timed(sql, () => this.inner.exec(sql));
  }
  registerText(name: string, text: string): Promise<void> {
    return this.inner.registerText(name, text);
  }
  registerBytes(name: string, bytes: Uint8Array): Promise<void> {
    return this.inner.registerBytes(name, bytes);
  }
  dropFile(name: string): Promise<void> {
    return this.inner.dropFile(name);
  }
}

function label(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m = /CREATE OR REPLACE (?:TABLE|VIEW) (\S+)/i.exec(s);
  return m ? `build ${m[1]}` : s.slice(0, 110);
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'bench/cache/s/en';
  const explain = process.argv.includes('--explain');
  const wasm = process.argv.includes('--wasm');
  const wasmEngine = wasm ? await NodeEngine.create() : null;
  const native = wasmEngine ?? (await NativeEngine.create(1));
  const engine = new TimingEngine(native);
  if (explain) engine.explainOverMs = 500;
  const ws = new Workspace(engine, loadCatalogue(readSqlFiles()), { reportingOffsetMinutes: 0 });
  await ws.init();
  engine.step = 'ingest';
  for (const file of FILES) {
    const present = tableToRows(
      await engine.query("SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'main'"),
    ).map((r) => String(r.n));
    const name = tableNameFromFile(file, present);
    const types = file === 'events.csv' ? ", types = {'event_time': 'TIMESTAMP'}" : '';
    let source = path.resolve(dir, file);
    if (wasmEngine) {
      await wasmEngine.registerSource(file, { kind: 'path', path: source });
      source = file;
    }
    await engine.exec(`CREATE TABLE "${name}" AS SELECT * FROM read_csv('${source}', header = true${types})`);
    ws.tables.add(name, { file, encoding: 'utf-8', skippedRows: 0 });
  }
  engine.step = 'model';
  await ws.refreshModel();
  const seen = new Set<string>();
  for (const tile of TILES) {
    const key = `${tile.kpi}?${new URLSearchParams(tile.params ?? {}).toString()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    engine.step = `tile ${key}`;
    await ws.run(tile.kpi, tile.params ?? {}).catch((e: Error) => console.error(key, e.message.split('\n')[0]));
  }
  for (const v of HEAVY_VIEWS) {
    engine.step = `view ${viewLabel(v)}`;
    await ws.run(v.id, queryParams(v.query)).catch((e: Error) => console.error(v.id, e.message.split('\n')[0]));
  }
  const bySteps = new Map<string, number>();
  for (const t of engine.timings) bySteps.set(t.step, (bySteps.get(t.step) ?? 0) + t.ms);
  console.log('\nper step (ms):');
  for (const [s, ms] of bySteps) console.log(`${ms.toFixed(0).padStart(8)}  ${s}`);
  const slow = [...engine.timings].sort((a, b) => b.ms - a.ms).slice(0, 25);
  console.log('\nslowest statements (ms):');
  for (const t of slow) console.log(`${t.ms.toFixed(0).padStart(8)}  [${t.step}] ${label(t.sql)}`);
  for (const p of [...engine.plans].sort((a, b) => b.ms - a.ms).slice(0, 5))
    console.log(`\n==== EXPLAIN ANALYZE (${p.ms.toFixed(0)} ms) ${p.label}\n${p.plan}`);
  native.close();
}

void main();
