/**
 * Custom KPIs on the engine, with the English sample company: the template runs and
 * counts signups as the customers file says, a copy of a built-in KPI gives the built-in's
 * result, and a definition being edited runs without being registered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { fileSource } from '../../src/node/fileSource.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { addCustomKpi, checkCustomKpi } from '../../src/core/kpi/custom.js';
import { customTemplate, draftCustomKpi } from '../../src/core/kpi/customDraft.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { Workspace } from '../../src/core/workspace/workspace.js';
import { parseCsv } from '../unit/sample/csvParse.js';

const SAMPLE = path.resolve('public/sample/en');

describe('custom KPIs on the sample company', () => {
  const catalogue = loadCatalogue(readSqlFiles());
  let engine: NodeEngine;
  let ws: Workspace;

  beforeAll(async () => {
    engine = await NodeEngine.create();
    ws = new Workspace(engine, catalogue, { reportingOffsetMinutes: 540 });
    await ws.init();
    for (const f of ['customers.csv', 'subscriptions.csv']) {
      const r = await ws.load(await fileSource(path.join(SAMPLE, f)), { mode: 'strict', deferModel: true });
      expect(r.ok, f).toBe(true);
    }
    await ws.refreshModel();
  }, 120_000);
  afterAll(() => engine.close());

  it('the template counts customers by signup month, as the file says', async () => {
    const [header, ...rows] = parseCsv(readFileSync(path.join(SAMPLE, 'customers.csv'), 'utf8')).filter(
      (r) => r.length > 1,
    );
    const col = header!.indexOf('signup_date');
    const byMonth = new Map<string, number>();
    for (const r of rows) {
      const month = `${r[col]!.slice(0, 7)}-01`;
      byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    }
    const expected = [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(-6)
      .map(([month, n]) => ({ month, new_customers: n }));

    expect(addCustomKpi(catalogue, customTemplate('signups')).ok).toBe(true);
    const r = await ws.run('signups', { months: '6' });
    expect(tableToRows(r.table)).toEqual(expected);
  });

  it('a copy of a built-in KPI gives the built-in result', async () => {
    const copy = addCustomKpi(catalogue, draftCustomKpi(catalogue, { from: 'mrr' }));
    expect(copy.ok).toBe(true);
    const params = { breakdown: 'none' };
    const builtIn = tableToRows((await ws.run('mrr', params)).table);
    expect(builtIn.length).toBeGreaterThan(12);
    expect(tableToRows((await ws.run('mrr_copy', params)).table)).toEqual(builtIn);
  });

  it('runs a definition that is not registered', async () => {
    const c = checkCustomKpi(catalogue, customTemplate('draft_only'));
    if (!c.ok) throw new Error('template invalid');
    const r = await ws.runner.runDefinition(c.def, { months: 3 });
    expect(r.table.numRows).toBe(3);
    expect(catalogue.kpis.some((k) => k.id === 'draft_only')).toBe(false);
  });
});
