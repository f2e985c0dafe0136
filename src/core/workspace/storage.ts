/**
 * Where the user's tables live. DuckDB's default in-memory database keeps columns
 * uncompressed: the fastest to load, but a table takes about as much memory as its CSV
 * (events at size l: 965 MB for 839 MB of CSV), and the wasm heap ends at 4 GiB. An
 * in-memory database attached with `COMPRESS` keeps them about 4× smaller (236 MB) and
 * loads about 2× slower (measured natively and in Chromium at size l, see issue 6).
 *
 * So a workspace starts uncompressed and moves to compressed storage once the files it
 * holds pass {@link COMPRESS_ABOVE_BYTES}: its tables are copied over one by one, the
 * model's schema is dropped (it is rebuilt there), and the compressed database becomes
 * the default one, so every unqualified name (`main.x`, `kpi.x`) resolves in it.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { quoteIdent as quote } from './tables.js';

/** Total CSV bytes above which tables are kept compressed (room for queries in a 4 GiB heap). */
export const COMPRESS_ABOVE_BYTES = 1.2e9;

/**
 * Largest file read in one statement into compressed storage. One INSERT is one
 * transaction, and its rows wait uncompressed until it commits: a 3.35 GB events file ran
 * out of DuckDB's 3.1 GiB at 81 % (bench:huge). Larger files go slice by slice, each slice
 * committed (and compressed) on its own.
 */
export const DIRECT_MAX_BYTES_COMPRESSED = 1e9;

/** The compressed in-memory database. */
export const COMPRESSED_CATALOG = 'kpiw_compressed';

/** The database unqualified names resolve in (`memory` by default). */
export async function currentCatalog(engine: SqlEngine): Promise<string> {
  return String(tableToRows(await engine.query('SELECT current_database() AS d'))[0]?.d ?? 'memory');
}

/**
 * Moves the user's tables (schema `main`) into compressed storage and makes it the
 * default; drops the schema `modelSchema` of the old database (views and derived tables
 * are rebuilt by the model). Does nothing when already there.
 */
export async function moveToCompressedStorage(engine: SqlEngine, modelSchema: string): Promise<void> {
  const from = await currentCatalog(engine);
  if (from === COMPRESSED_CATALOG) return;
  await engine.exec(`ATTACH IF NOT EXISTS ':memory:' AS ${COMPRESSED_CATALOG} (COMPRESS)`);
  const tables = tableToRows(
    await engine.query(
      "SELECT table_name AS t FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main' AND NOT temporary ORDER BY table_oid",
      [from],
    ),
  ).map((r) => String(r.t));
  // One at a time, dropping each copy's source at once, so the peak is one table twice.
  for (const t of tables) {
    await engine.exec(
      `CREATE TABLE ${COMPRESSED_CATALOG}.main.${quote(t)} AS FROM ${quote(from)}.main.${quote(t)}; DROP TABLE ${quote(from)}.main.${quote(t)}`,
    );
  }
  await engine.exec(`DROP SCHEMA IF EXISTS ${quote(from)}.${quote(modelSchema)} CASCADE`);
  await engine.exec(`USE ${COMPRESSED_CATALOG}`);
}
