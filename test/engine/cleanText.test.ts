/**
 * The clean-text test (`mapping/cleanText.ts`) agrees with the expression it stands in
 * for: a value "needs trimming" exactly when `NULLIF(trim(x), '')` would change it, on
 * DuckDB itself, for strings mixing ASCII, the spaces `trim` strips (U+0020, U+00A0,
 * U+3000 …), whitespace it keeps (tab, newline, zero-width space) and Japanese text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { cleanTextSql, needsTrimSql } from '../../src/core/mapping/cleanText.js';

const PIECES = ['a', 'Z', '7', '-', ' ', '\u00a0', '\u3000', '\u2009', '\t', '\n', '\u200b', 'ｶ', '髙', '①', 'é', '😀'];

describe('needsTrimSql', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  }, 60_000);
  afterAll(() => engine.close());

  it("is true exactly where NULLIF(trim(x), '') differs from x", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 30 },
        ),
        async (values) => {
          await engine.exec('CREATE OR REPLACE TABLE t (i INTEGER, x VARCHAR)');
          for (const [i, v] of values.entries()) await engine.query('INSERT INTO t VALUES ($1, $2)', [i, v]);
          const got = tableToRows(
            await engine.query(
              `SELECT i, coalesce((SELECT true FROM t u WHERE u.i = t.i AND ${needsTrimSql('u.x')}), false) AS fast, ` +
                `NULLIF(trim(x), '') IS DISTINCT FROM x AS exact FROM t ORDER BY i`,
            ),
          );
          for (const r of got) expect(r.fast, JSON.stringify(values[Number(r.i)])).toBe(r.exact);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('cleanTextSql answers per column, NULLs counting as clean', async () => {
    await engine.exec(
      "CREATE OR REPLACE TABLE c AS SELECT * FROM (VALUES ('u1', 'a b', CAST(NULL AS VARCHAR), 'x'), ('u2', 'c', NULL, '\u3000y')) v(a, b, n, d)",
    );
    const row = tableToRows(await engine.query(cleanTextSql('c', ['a', 'b', 'n', 'd'])!))[0]!;
    expect(row).toEqual({ 0: false, 1: false, 2: false, 3: true });
    expect(cleanTextSql('c', [])).toBeNull();
  });
});
