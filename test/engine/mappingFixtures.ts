/**
 * Engine-test helper: loads a fixture export into DuckDB as a typed table, the way
 * ingest would (same stand-in types as the unit helper), and returns its LoadedTable.
 */
import type { SqlEngine } from '../../src/core/engine/types.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { ident, literal, type LoadedTable } from '../../src/core/mapping/index.js';
import { fixtureTable, readFixture } from '../unit/mapping/fixtures.js';

let counter = 0;

/** Loads `rel` (under test/fixtures/exports) as table `name`; returns its description. */
export async function loadFixture(engine: SqlEngine, rel: string, name: string): Promise<LoadedTable> {
  const f = readFixture(rel);
  const file = `fixture_${counter++}.csv`;
  await engine.registerText(file, f.text);
  const cols = f.header.map((h, j) => `TRY_CAST(NULLIF(${ident(`column${String(j).padStart(2, '0')}`)}, '') AS ${f.types[j]}) AS ${ident(h)}`);
  await engine.exec(
    `CREATE OR REPLACE TABLE ${ident(name)} AS SELECT ${cols.join(', ')} FROM read_csv(${literal(file)}, header = false, skip = 1, all_varchar = true, ` +
      `columns = {${f.header.map((_, j) => `${literal(`column${String(j).padStart(2, '0')}`)}: 'VARCHAR'`).join(', ')}})`,
  );
  return fixtureTable(rel, name);
}

/** All rows of a query as plain objects. */
export async function rows(engine: SqlEngine, sql: string): Promise<Record<string, string | number | boolean | null>[]> {
  return tableToRows(await engine.query(sql));
}
