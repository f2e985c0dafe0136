import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { tableToRows } from '../../src/core/engine/rows.js';

describe('NodeEngine', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  });
  afterAll(() => engine.close());

  it('runs DuckDB 1.4.3 with extension autoloading off', async () => {
    const rows = tableToRows(
      await engine.query(
        "SELECT version() AS v, current_setting('autoload_known_extensions') AS al, current_setting('autoinstall_known_extensions') AS ai",
      ),
    );
    expect(rows[0]).toEqual({ v: 'v1.4.3', al: false, ai: false });
  });

  it('binds parameters positionally and converts dates to ISO strings', async () => {
    const rows = tableToRows(
      await engine.query('SELECT CAST($1 AS DATE) + 1 AS d, $2::INTEGER * 2 AS n, $1 AS s', ['2024-01-31', 21]),
    );
    expect(rows).toEqual([{ d: '2024-02-01', n: 42, s: '2024-01-31' }]);
  });

  it('reads registered CSV text', async () => {
    await engine.registerText('t.csv', 'a,b\n1,x\n2,y\n');
    const rows = tableToRows(
      await engine.query("SELECT sum(a)::INTEGER AS s, string_agg(b, '') AS b FROM read_csv('t.csv')"),
    );
    expect(rows).toEqual([{ s: 3, b: 'xy' }]);
  });
});
