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
import {
  asciiWithoutLeadingSpace,
  cleanTextSql,
  needsTrimSql,
  textStatsSql,
} from '../../src/core/mapping/cleanText.js';
import { findCleanTextColumns } from '../../src/core/workspace/cleanColumns.js';
import type { SqlEngine } from '../../src/core/engine/types.js';

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

  /** DuckDB's own stats() text of column x after loading `values`. */
  async function statsOf(values: (string | null)[]): Promise<unknown> {
    await engine.exec('CREATE OR REPLACE TABLE s (x VARCHAR)');
    for (const v of values) await engine.query('INSERT INTO s VALUES ($1)', [v]);
    return tableToRows(await engine.query(textStatsSql('s', ['x'])!))[0]?.['0'];
  }

  it("reads DuckDB's statistics: only ASCII columns without an empty value or a leading space pass", async () => {
    expect(await statsOf(['u000001-01', 'cus_9', 'Z'])).toMatch(/^\[Min: /);
    expect(asciiWithoutLeadingSpace(await statsOf(['u000001-01', 'cus_9', 'Z']))).toBe(true);
    expect(asciiWithoutLeadingSpace(await statsOf(['b', null, 'a ']))).toBe(true); // trailing: left to the scan
    expect(asciiWithoutLeadingSpace(await statsOf(['b', '']))).toBe(false);
    expect(asciiWithoutLeadingSpace(await statsOf(['b', ' a']))).toBe(false);
    expect(asciiWithoutLeadingSpace(await statsOf(['b', '\ta']))).toBe(false);
    // The minimum is written `\x09`: its first character is a backslash, not the tab.
    expect(asciiWithoutLeadingSpace(await statsOf(['\t', ' a']))).toBe(false);
    expect(asciiWithoutLeadingSpace(await statsOf(['b', 'é']))).toBe(false);
    expect(asciiWithoutLeadingSpace(await statsOf(['b', '\u3000a']))).toBe(false);
    expect(asciiWithoutLeadingSpace(await statsOf([null, null]))).toBe(false);
    expect(asciiWithoutLeadingSpace('Has Unicode: false')).toBe(false);
    expect(asciiWithoutLeadingSpace(null)).toBe(false);
  });

  it('findCleanTextColumns answers as the full test on every column, with the statistics narrowing it (property)', async () => {
    const ascii = fc.array(fc.constantFrom('a', 'Z', '7', '-', ' ', '\t'), { maxLength: 5 }).map((p) => p.join(''));
    const any = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((p) => p.join(''));
    const column = fc.array(fc.option(fc.oneof(ascii, ascii, any), { nil: null }), { minLength: 0, maxLength: 12 });
    const sqls: string[] = [];
    const spy: SqlEngine = {
      query: (sql, params) => {
        sqls.push(sql);
        return engine.query(sql, params);
      },
      exec: (sql) => engine.exec(sql),
      registerText: (n, t) => engine.registerText(n, t),
      registerBytes: (n, b) => engine.registerBytes(n, b),
      dropFile: (n) => engine.dropFile(n),
    };
    let narrowed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(column, { minLength: 3, maxLength: 3 }), async (cols) => {
        const n = Math.max(...cols.map((c) => c.length));
        await engine.exec('CREATE OR REPLACE TABLE p (a VARCHAR, b VARCHAR, c VARCHAR)');
        for (let i = 0; i < n; i++)
          await engine.query('INSERT INTO p VALUES ($1, $2, $3)', [
            cols[0]![i] ?? null,
            cols[1]![i] ?? null,
            cols[2]![i] ?? null,
          ]);
        const full = tableToRows(await engine.query(cleanTextSql('p', ['a', 'b', 'c'])!))[0] ?? {};
        sqls.length = 0;
        const got = await findCleanTextColumns(spy, 'p', ['a', 'b', 'c']);
        expect([...got]).toEqual(['a', 'b', 'c'].map((c, i) => [c, full[String(i)] === false]));
        if (sqls.some((s) => s.includes('ends_with("a", \' \')) AS'))) narrowed++;
      }),
      { numRuns: 60 },
    );
    expect(narrowed).toBeGreaterThan(0); // the statistics path ran, not only the full test
  }, 120_000);
});
