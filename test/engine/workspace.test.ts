/**
 * The whole core on the shipped sample company: files load, every role is recognised,
 * the canonical views fill, and every KPI of the catalogue runs. The English and the
 * Japanese (Shift_JIS) samples describe companies of the same shape.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { fileSource } from '../../src/node/fileSource.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { Workspace } from '../../src/core/workspace/workspace.js';

const SAMPLE = path.resolve('public/sample');
const manifest = JSON.parse(readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as {
  files: { locale: string; path: string; role: string; rows: number }[];
};
const catalogue = loadCatalogue(readSqlFiles());

for (const locale of ['en', 'ja'] as const) {
  describe(`sample company (${locale})`, () => {
    let engine: NodeEngine;
    let ws: Workspace;
    const files = manifest.files.filter((f) => f.locale === locale);

    beforeAll(async () => {
      engine = await NodeEngine.create();
      ws = new Workspace(engine, catalogue, { reportingOffsetMinutes: 540 });
      await ws.init();
      for (const f of files) {
        const r = await ws.load(await fileSource(path.join(SAMPLE, f.path)), { mode: 'strict', deferModel: true });
        expect(r.problems, f.path).toEqual([]);
        expect(r.ok, f.path).toBe(true);
      }
      await ws.refreshModel();
    }, 120_000);
    afterAll(() => engine.close());

    it('loads every file with the row count the manifest states', async () => {
      const tables = await ws.tables.list();
      expect(tables.map((t) => t.rows).sort()).toEqual(files.map((f) => f.rows).sort());
    });

    it("keeps each file's size and load time beside its table (shown on the table card)", async () => {
      const tables = await ws.tables.list();
      for (const f of files) {
        const t = tables.find((x) => x.file === path.basename(f.path));
        expect(t?.bytes, f.path).toBe(statSync(path.join(SAMPLE, f.path)).size);
        expect(t?.loadSeconds, f.path).toBeGreaterThan(0);
        expect(t?.loadSeconds, f.path).toBeLessThan(120);
      }
    });

    it('recognises the role of every file', () => {
      const roles = Object.fromEntries(
        ws.modeller.state.tables.map((t) => [path.basename(t.file), t.mapping?.role ?? 'unknown']),
      );
      expect(roles).toEqual(Object.fromEntries(files.map((f) => [path.basename(f.path), f.role])));
    });

    it('fills the canonical views', async () => {
      const count = async (v: string): Promise<number> =>
        Number(tableToRows(await engine.query(`SELECT count(*) AS n FROM kpi.${v}`))[0]!.n);
      expect(await count('customers')).toBe(files.find((f) => f.role === 'customers')!.rows);
      expect(await count('events')).toBe(files.find((f) => f.role === 'events')!.rows);
      expect(await count('responses')).toBe(files.find((f) => f.role === 'responses')!.rows);
      expect(await count('tickets')).toBe(files.find((f) => f.role === 'tickets')!.rows);
      expect(await count('subscription_periods')).toBeGreaterThan(0);
    });

    it('computes every KPI of the catalogue', async () => {
      const failures: string[] = [];
      for (const k of catalogue.kpis) {
        try {
          const r = await ws.run(k.id);
          if (r.table.numRows === 0) failures.push(`${k.id}: no rows`);
        } catch (e) {
          failures.push(`${k.id}: ${(e as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
