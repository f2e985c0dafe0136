/**
 * Test helper: creates the canonical views as plain tables filled with hand-made rows
 * (every view exists, empty when not given), so KPI tests need no mapping layer.
 */
import type { SqlEngine } from '../../src/core/engine/types.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS, type CanonicalView } from '../../src/core/model/schema.js';

export type CanonicalRows = Partial<Record<CanonicalView, Array<Record<string, string | number | boolean | null>>>>;

function literal(v: string | number | boolean | null | undefined, type: string): string {
  if (v === null || v === undefined) return `CAST(NULL AS ${type})`;
  if (typeof v === 'number') return `CAST(${v} AS ${type})`;
  if (typeof v === 'boolean') return `CAST(${v} AS ${type})`;
  return `CAST('${v.replace(/'/g, "''")}' AS ${type})`;
}

/** Drops a table or view of that name, whichever it is. */
export async function dropRelation(engine: SqlEngine, name: string): Promise<void> {
  const t = await engine.query('SELECT table_type FROM information_schema.tables WHERE table_name = $1', [name]);
  const type = t.numRows ? String(t.getChild('table_type')?.get(0)) : null;
  if (type === 'VIEW') await engine.exec(`DROP VIEW "${name}"`);
  else if (type) await engine.exec(`DROP TABLE "${name}"`);
}

/** Replaces all canonical tables with the given rows (extra customer columns allowed). */
export async function loadCanonical(engine: SqlEngine, data: CanonicalRows): Promise<void> {
  for (const view of CANONICAL_VIEWS) {
    const schema = [...CANONICAL_SCHEMA[view]];
    const rows = data[view] ?? [];
    const known = new Set(schema.map(([n]) => n));
    for (const r of rows)
      for (const k of Object.keys(r))
        if (!known.has(k)) {
          schema.push([k, 'VARCHAR']);
          known.add(k);
        }
    await dropRelation(engine, view);
    const cols = schema.map(([n, t]) => `"${n}" ${t}`).join(', ');
    await engine.exec(`CREATE TABLE ${view} (${cols})`);
    if (view === 'customers') {
      // segment defaults to '(all)' like the mapping layer does.
      for (const r of rows) if (r.segment === undefined) r.segment = '(all)';
    }
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((r) => `(${schema.map(([n, t]) => literal(r[n], t)).join(', ')})`).join(',\n');
      await engine.exec(`INSERT INTO ${view} VALUES ${values}`);
    }
  }
}
