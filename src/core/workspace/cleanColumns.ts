/**
 * Which text columns of a loaded table need no trimming (see `mapping/cleanText.ts`):
 * DuckDB's column statistics first (no scan), then one scan that looks, per column, for
 * a value `NULLIF(trim(x), '')` would change — only for a trailing space where the
 * statistics already rule out the rest.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { asciiWithoutLeadingSpace, cleanTextSql, textStatsSql } from '../mapping/index.js';

/** Column name → true when no value of it needs trimming (NULLs count as clean). */
export async function findCleanTextColumns(
  engine: SqlEngine,
  qualifiedTable: string,
  columns: readonly string[],
): Promise<Map<string, boolean>> {
  const statsSql = textStatsSql(qualifiedTable, columns);
  if (!statsSql) return new Map();
  const stats = tableToRows(await engine.query(statsSql))[0] ?? {};
  const simple = new Set(columns.filter((_, i) => asciiWithoutLeadingSpace(stats[String(i)])));
  const row = tableToRows(await engine.query(cleanTextSql(qualifiedTable, columns, simple)!))[0] ?? {};
  return new Map(columns.map((c, i) => [c, row[String(i)] === false]));
}
