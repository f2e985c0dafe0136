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
  const cols = f.header.map(
    (h, j) => `TRY_CAST(NULLIF(${ident(`column${String(j).padStart(2, '0')}`)}, '') AS ${f.types[j]}) AS ${ident(h)}`,
  );
  await engine.exec(
    `CREATE OR REPLACE TABLE ${ident(name)} AS SELECT ${cols.join(', ')} FROM read_csv(${literal(file)}, header = false, skip = 1, all_varchar = true, ` +
      `columns = {${f.header.map((_, j) => `${literal(`column${String(j).padStart(2, '0')}`)}: 'VARCHAR'`).join(', ')}})`,
  );
  return fixtureTable(rel, name);
}

/** All rows of a query as plain objects. */
export async function rows(
  engine: SqlEngine,
  sql: string,
): Promise<Record<string, string | number | boolean | null>[]> {
  return tableToRows(await engine.query(sql));
}

/** A cell for {@link createTable}: NULL, a number, a boolean or text (cast to the column type). */
export type Cell = string | number | boolean | null;

function sqlValue(v: Cell, type: string): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (typeof v === 'number' || typeof v === 'boolean') return `CAST(${String(v)} AS ${type})`;
  return `CAST(${literal(v)} AS ${type})`;
}

/** Creates table `name` with typed columns and rows; returns its LoadedTable (all rows as samples). */
export async function createTable(
  engine: SqlEngine,
  name: string,
  columns: readonly { name: string; type: string }[],
  data: readonly Cell[][],
  file = `${name}.csv`,
): Promise<LoadedTable> {
  const select = data.length
    ? data
        .map(
          (r) => `SELECT ${columns.map((c, j) => `${sqlValue(r[j] ?? null, c.type)} AS ${ident(c.name)}`).join(', ')}`,
        )
        .join(' UNION ALL ')
    : `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`).join(', ')} WHERE false`;
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(name)} AS ${select}`);
  return {
    table: name,
    file,
    columns: columns.map((c, j) => ({
      name: c.name,
      type: c.type,
      samples: data.slice(0, 50).map((r) => (r[j] === null || r[j] === undefined ? null : String(r[j]))),
    })),
  };
}

/** Runs the canonical statements. */
export async function applyStatements(engine: SqlEngine, statements: readonly string[]): Promise<void> {
  for (const s of statements) await engine.exec(s);
}
