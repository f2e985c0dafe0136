/**
 * Native reference (child process, one per thread setting so peak RSS is its own):
 *   tsx bench/native.ts <dir> <threads|all>
 * Prints one JSON line: ingest per file, model build, dashboard KPI set, heavy views,
 * peak RSS and DuckDB's own memory use.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { NativeEngine } from './nativeEngine.js';
import { FILES, HEAVY_VIEWS, queryParams, viewLabel } from './steps.js';
import { TILES } from '../src/app/dashboard/tiles.js';
import { readSqlFiles } from '../src/node/sqlFiles.js';
import { loadCatalogue } from '../src/core/kpi/catalogue.js';
import { Workspace } from '../src/core/workspace/workspace.js';
import { tableNameFromFile } from '../src/core/ingest/index.js';
import { tableToRows } from '../src/core/engine/rows.js';

export interface NativeResult {
  threads: string;
  ingest: { file: string; bytes: number; seconds: number; rows: number }[];
  ingestSeconds: number;
  /** The same read_csv statements into DuckDB's default, uncompressed in-memory database (the product stores compressed). */
  plainIngestSeconds?: number;
  modelSeconds: number;
  dashboardSeconds: number;
  dashboardErrors: string[];
  /** Each distinct tile run of the dashboard, in order (the first ones also build derived tables). */
  dashboardKpis: { kpi: string; seconds: number }[];
  views: { view: string; seconds: number; rows: number; error?: string }[];
  peakRssBytes: number;
  duckdbMemoryBytes: number;
}

/** Types forced at read: ISO times with offsets would otherwise sniff as TIMESTAMPTZ (see PERF_NOTES). */
const FORCED: Record<string, Record<string, string>> = {
  'events.csv': { event_time: 'TIMESTAMP' },
};

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The `, types = {…}` option of read_csv for a file with forced types, else ''. */
function forcedTypes(file: string): string {
  const forced = FORCED[file];
  return forced
    ? `, types = {${Object.entries(forced)
        .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
        .join(', ')}}`
    : '';
}

async function main(): Promise<void> {
  const [dir, threadsArg] = process.argv.slice(2) as [string, string];
  const threads = threadsArg === 'all' ? null : Number(threadsArg);
  const engine = await NativeEngine.create(threads);
  const ws = new Workspace(engine, loadCatalogue(readSqlFiles()), {
    reportingOffsetMinutes: 0,
  });
  await ws.init();
  const ingest: NativeResult['ingest'] = [];
  const now = (): number => performance.now() / 1000;
  const t0 = now();
  for (const file of FILES) {
    const p = path.resolve(dir, file);
    const present = tableToRows(
      await engine.query("SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'main'"),
    ).map((r) => String(r.n));
    const name = tableNameFromFile(file, present);
    const types = forcedTypes(file);
    const s = now();
    await engine.exec(`CREATE TABLE "${name}" AS SELECT * FROM read_csv(${sqlString(p)}, header = true${types})`);
    const seconds = now() - s;
    const rows = Number(tableToRows(await engine.query(`SELECT count(*) AS n FROM "${name}"`))[0]?.n ?? 0);
    ws.tables.add(name, { file, encoding: 'utf-8', skippedRows: 0 });
    ingest.push({ file, bytes: statSync(p).size, seconds, rows });
  }
  const ingestSeconds = now() - t0;
  const m0 = now();
  const state = await ws.refreshModel();
  const modelSeconds = now() - m0;
  const roles = state.tables.map((t) => `${t.table}:${t.mapping?.role ?? '?'}`);
  if (roles.some((r) => r.endsWith(':?'))) process.stderr.write(`native: unmapped tables ${roles.join(' ')}\n`);

  // Dashboard: the tiles' distinct KPI runs (derived tables get built on the way, as in the page).
  const d0 = now();
  const dashboardErrors: string[] = [];
  const seen = new Set<string>();
  const dashboardKpis: NativeResult['dashboardKpis'] = [];
  for (const tile of TILES) {
    const key = `${tile.kpi}?${new URLSearchParams(tile.params ?? {}).toString()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const k0 = now();
    try {
      await ws.run(tile.kpi, tile.params ?? {});
    } catch (e) {
      dashboardErrors.push(`${key}: ${(e as Error).message.split('\n')[0]}`);
    }
    dashboardKpis.push({ kpi: key.replace(/\?$/, ''), seconds: now() - k0 });
  }
  const dashboardSeconds = now() - d0;

  const views: NativeResult['views'] = [];
  for (const v of HEAVY_VIEWS) {
    const s = now();
    try {
      const r = await ws.run(v.id, queryParams(v.query));
      views.push({
        view: viewLabel(v),
        seconds: now() - s,
        rows: r.table.numRows,
      });
    } catch (e) {
      views.push({
        view: viewLabel(v),
        seconds: now() - s,
        rows: 0,
        error: (e as Error).message.split('\n')[0],
      });
    }
  }
  let duckdbMemoryBytes = 0;
  try {
    duckdbMemoryBytes = Number(
      tableToRows(await engine.query('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()'))[0]?.b ?? 0,
    );
  } catch {
    /* older builds: leave 0 */
  }
  // Reference: the same reads into DuckDB's own default database, which does not compress.
  let plainIngestSeconds = 0;
  for (const file of FILES) {
    const p = path.resolve(dir, file);
    const types = forcedTypes(file);
    const s = now();
    await engine.exec(
      `CREATE TABLE memory.main.__plain AS SELECT * FROM read_csv(${sqlString(p)}, header = true${types})`,
    );
    plainIngestSeconds += now() - s;
    await engine.exec('DROP TABLE memory.main.__plain');
  }
  const result: NativeResult = {
    threads: threadsArg,
    ingest,
    ingestSeconds,
    plainIngestSeconds,
    modelSeconds,
    dashboardSeconds,
    dashboardErrors,
    dashboardKpis,
    views,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    duckdbMemoryBytes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  engine.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
