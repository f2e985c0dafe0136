/**
 * The canonical model is materialised; a rebuild builds again only the canonical tables
 * whose SQL or source tables changed, and never serves stale rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import type { SqlEngine, SqlValue } from '../../src/core/engine/types.js';
import { Workspace } from '../../src/core/workspace/workspace.js';

/** Records which canonical tables each step creates. */
class RecordingEngine implements SqlEngine {
  built: string[] = [];
  constructor(private readonly inner: NodeEngine) {}
  query(sql: string, params?: readonly SqlValue[]) {
    return this.inner.query(sql, params);
  }
  async exec(sql: string): Promise<void> {
    const m = /^CREATE OR REPLACE (?:TABLE|VIEW) "?kpi"?\."?([a-z_]+)"? AS (?!SELECT CAST\(NULL)/.exec(sql);
    if (m) this.built.push(m[1]!);
    return this.inner.exec(sql);
  }
  registerText(name: string, text: string) {
    return this.inner.registerText(name, text);
  }
  registerBytes(name: string, bytes: Uint8Array) {
    return this.inner.registerBytes(name, bytes);
  }
  dropFile(name: string) {
    return this.inner.dropFile(name);
  }
}

const source = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, read: async (start: number, end: number) => bytes.slice(start, end) };
};

const CUSTOMERS =
  'customer_id,name,signup_date,industry,country\nc1,Alpha,2024-01-05,retail,JP\nc2,Beta,2024-02-01,media,US\n';
const EVENTS = (n: number) =>
  'user_id,customer_id,event_name,event_time\n' +
  Array.from({ length: n }, (_, i) => `u${i % 3},c${(i % 2) + 1},login,2024-03-0${(i % 9) + 1}T10:00:00`).join('\n') +
  '\n';

describe('canonical model rebuilds', () => {
  let native: NodeEngine;
  let engine: RecordingEngine;
  let ws: Workspace;
  const count = async (v: string): Promise<number> =>
    Number(tableToRows(await engine.query(`SELECT count(*) AS n FROM kpi.${v}`))[0]!.n);

  beforeAll(async () => {
    native = await NodeEngine.create();
    engine = new RecordingEngine(native);
    ws = new Workspace(engine, loadCatalogue(readSqlFiles()), { reportingOffsetMinutes: 0 });
    await ws.init();
    for (const [name, text] of [
      ['customers.csv', CUSTOMERS],
      ['events.csv', EVENTS(6)],
    ] as const) {
      const r = await ws.load(source(name, text), { mode: 'strict' });
      expect(r.ok, name).toBe(true);
    }
  }, 60_000);
  afterAll(() => native.close());

  const kpiTables = async (): Promise<unknown[]> =>
    tableToRows(
      await engine.query("SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'kpi' ORDER BY 1"),
    ).map((r) => r.t);
  const kpiViews = async (): Promise<unknown[]> =>
    tableToRows(
      await engine.query(
        "SELECT view_name AS t FROM duckdb_views() WHERE NOT internal AND schema_name = 'kpi' ORDER BY 1",
      ),
    ).map((r) => r.t);

  it('materialises every canonical table; clean typed events are a view over the loaded table', async () => {
    expect(await count('customers')).toBe(2);
    expect(await count('events')).toBe(6);
    expect(await kpiTables()).toEqual(
      expect.arrayContaining(['customers', 'mrr_monthly_source', 'responses', 'subscription_periods', 'tickets']),
    );
    expect(await kpiTables()).not.toContain('events');
    expect(await kpiViews()).toEqual(['events']);
  });

  it('a rebuild with nothing changed builds nothing again', async () => {
    engine.built = [];
    await ws.refreshModel();
    expect(engine.built).toEqual([]);
  });

  it('choosing a segment rebuilds customers only, and the segment is there', async () => {
    engine.built = [];
    await ws.setSegment('industry');
    expect(engine.built).toEqual(['customers']);
    const segs = tableToRows(await engine.query('SELECT segment FROM kpi.customers ORDER BY customer_id')).map(
      (r) => r.segment,
    );
    expect(segs).toEqual(['retail', 'media']);
  });

  it('a file loaded again under the same name rebuilds the model from its new rows', async () => {
    engine.built = [];
    const r = await ws.load(source('events.csv', EVENTS(9)), { mode: 'strict', tableName: 'events' });
    expect(r.ok).toBe(true);
    expect(engine.built).toContain('events');
    expect(await count('events')).toBe(9);
  });

  it('events whose text needs trimming are materialised trimmed, and a clean reload is a view again', async () => {
    const padded =
      'user_id,customer_id,event_name,event_time\n' +
      ' u1,c1,login ,2024-03-01T10:00:00\n' +
      'u1 ,c1,login,2024-03-02T10:00:00\n' +
      'u2,\u3000c2,login,2024-03-02T11:00:00\n' +
      'u3,c2,,2024-03-02T12:00:00\n';
    const r = await ws.load(source('events.csv', padded), { mode: 'strict', tableName: 'events' });
    expect(r.ok).toBe(true);
    expect(await kpiViews()).not.toContain('events');
    expect(await kpiTables()).toContain('events');
    const rows = tableToRows(
      await engine.query('SELECT user_id, customer_id, event_name FROM kpi.events ORDER BY event_time'),
    );
    // Trimmed (the ideographic space too); the row without an event name is left out.
    expect(rows).toEqual([
      { user_id: 'u1', customer_id: 'c1', event_name: 'login' },
      { user_id: 'u1', customer_id: 'c1', event_name: 'login' },
      { user_id: 'u2', customer_id: 'c2', event_name: 'login' },
    ]);
    const again = await ws.load(source('events.csv', EVENTS(9)), { mode: 'strict', tableName: 'events' });
    expect(again.ok).toBe(true);
    expect(await kpiViews()).toEqual(['events']);
    expect(await count('events')).toBe(9);
  });

  it('a renamed events table keeps feeding the model', async () => {
    await ws.rename('events', 'product_events');
    expect(await count('events')).toBe(9);
    await ws.rename('product_events', 'events');
    expect(await count('events')).toBe(9);
  });

  it('a removed table leaves its canonical table empty', async () => {
    await ws.drop('events');
    expect(await count('events')).toBe(0);
    expect(await count('customers')).toBe(2);
  });
});
