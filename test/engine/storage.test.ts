/**
 * Compressed storage: once the loaded files pass the workspace's threshold, its tables move
 * into a compressed in-memory database. Nothing may change but where they live: the same
 * rows, the same canonical model, the same KPI results as a workspace that never moved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { fileSource } from '../../src/node/fileSource.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { tableToRows, type Row } from '../../src/core/engine/rows.js';
import { COMPRESSED_CATALOG, currentCatalog } from '../../src/core/workspace/storage.js';
import { Workspace } from '../../src/core/workspace/workspace.js';

const SAMPLE = path.resolve('public/sample');
const manifest = JSON.parse(readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as {
  files: { locale: string; path: string; role: string; rows: number }[];
};
const files = manifest.files.filter((f) => f.locale === 'en');
const catalogue = loadCatalogue(readSqlFiles());
// customers.csv and subscriptions.csv are small; the threshold is passed when events.csv comes.
const order = ['customers', 'subscriptions', 'events', 'responses', 'tickets'].map((role) =>
  files.find((f) => f.role === role)!,
);

async function workspace(compressAboveBytes?: number): Promise<{ engine: NodeEngine; ws: Workspace }> {
  const engine = await NodeEngine.create();
  const ws = new Workspace(engine, catalogue, { reportingOffsetMinutes: 540, compressAboveBytes });
  await ws.init();
  return { engine, ws };
}

describe('moving to compressed storage', () => {
  let plain: { engine: NodeEngine; ws: Workspace };
  let packed: { engine: NodeEngine; ws: Workspace };
  const catalogsSeen: string[] = [];

  beforeAll(async () => {
    plain = await workspace();
    packed = await workspace(64 * 1024);
    for (const f of order) {
      for (const w of [plain, packed]) {
        const r = await w.ws.load(await fileSource(path.join(SAMPLE, f.path)), { mode: 'strict' });
        expect(r.ok, f.path).toBe(true);
      }
      catalogsSeen.push(await currentCatalog(packed.engine));
    }
  }, 180_000);
  afterAll(() => {
    plain.engine.close();
    packed.engine.close();
  });

  it('happens when the files held pass the threshold, not before', () => {
    expect(catalogsSeen.slice(0, 2)).toEqual(['memory', 'memory']);
    expect(catalogsSeen.slice(2)).toEqual([COMPRESSED_CATALOG, COMPRESSED_CATALOG, COMPRESSED_CATALOG]);
    expect(packed.ws.compressedStorage).toBe(true);
    expect(plain.ws.compressedStorage).toBe(false);
  });

  it('leaves nothing in the default database and every table in the compressed one', async () => {
    const where = tableToRows(
      await packed.engine.query(
        'SELECT database_name AS d, schema_name AS s, count(*) AS n FROM duckdb_tables() WHERE NOT internal AND NOT temporary GROUP BY ALL ORDER BY ALL',
      ),
    ).map((r) => `${String(r.d)}.${String(r.s)}`);
    expect(where.every((w) => w.startsWith(`${COMPRESSED_CATALOG}.`))).toBe(true);
    const tables = await packed.ws.tables.list();
    expect(tables.map((t) => [t.name, t.rows])).toEqual((await plain.ws.tables.list()).map((t) => [t.name, t.rows]));
  });

  it('keeps the same rows, byte for byte', async () => {
    for (const t of await plain.ws.tables.list()) {
      const digest = async (e: NodeEngine): Promise<Row[]> =>
        tableToRows(await e.query(`SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM main."${t.name}"`));
      expect(await digest(packed.engine), t.name).toEqual(await digest(plain.engine));
    }
  });

  it('gives the same KPI results', async () => {
    for (const id of [
      'mrr_movements',
      'nrr',
      'churn_rates',
      'active_users_monthly',
      'cohort_retention',
      'nps',
      'support',
    ]) {
      const a = tableToRows((await plain.ws.run(id)).table);
      const b = tableToRows((await packed.ws.run(id)).table);
      expect(a.length, id).toBeGreaterThan(0);
      expect(b, id).toEqual(a);
    }
  });
});
