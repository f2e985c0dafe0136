import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { columnExpressions, type ColumnFormat } from '../../src/core/ingest/expressions.js';
import { classifyColumn } from '../../src/core/ingest/typePlan.js';
import { quoteLiteral } from '../../src/core/ingest/sql.js';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(() => engine.close());

/** Runs a column's lenient expression and bad-cell predicate over `values` (null = empty cell). */
async function convert(format: ColumnFormat, values: (string | null)[], offset = 540) {
  const sql = columnExpressions('v', format, offset);
  const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : quoteLiteral(v)})`).join(', ');
  const out = tableToRows(
    await engine.query(
      `SELECT ${sql.expr} AS x, ${sql.badWhen} AS bad, typeof(${sql.expr}) AS t FROM (VALUES ${rows}) s(i, "v") ORDER BY i`,
    ),
  );
  return { values: out.map((r) => r.x), bad: out.map((r) => r.bad), type: out[0]?.t };
}

describe('conversion SQL (run in DuckDB)', () => {
  it('zoned timestamps: every zone form shifted to the reporting offset, result plain TIMESTAMP', async () => {
    const f = classifyColumn(['2024-01-05T15:30:00Z', '2024-01-05T10:00:00+09:00']);
    const r = await convert(f, [
      '2024-01-05T15:30:00Z',
      '2024-01-05T15:30:00z',
      '2024-01-05 15:30:00 UTC',
      '2024-01-05T10:00:00+09:00',
      '2024-01-05T10:00:00+0900',
      '2024-01-05T10:00:00+09',
      '2024-01-05T10:00:00-05:00',
      '2024-01-05T10:00:00+05:30',
      '2024-01-05T15:30:00.123Z',
      '2024-01-05 10:00:00',
      'not a time',
      'NULL',
      null,
    ]);
    expect(r.type).toBe('TIMESTAMP');
    expect(r.values).toEqual([
      '2024-01-06 00:30:00',
      '2024-01-06 00:30:00',
      '2024-01-06 00:30:00',
      '2024-01-05 10:00:00',
      '2024-01-05 10:00:00',
      '2024-01-05 10:00:00',
      '2024-01-06 00:00:00',
      '2024-01-05 13:30:00',
      '2024-01-06 00:30:00.123',
      '2024-01-05 10:00:00', // no zone: already reporting time
      null,
      null,
      null,
    ]);
    expect(r.bad).toEqual([false, false, false, false, false, false, false, false, false, false, true, false, false]);
  });

  it('offsets seen in the sample take a fast path; a plain date never passes for an offset', async () => {
    const f = classifyColumn(['2024-01-05 10:00-05', '2024-01-05T10:00:00-05:00', '2024-01-05']);
    expect(f).toMatchObject({
      kind: 'timestamp',
      offsets: [
        { text: '-05', minutes: -300 },
        { text: '-05:00', minutes: -300 },
      ],
    });
    const r = await convert(f, [
      '2024-01-05 10:00-05',
      '2024-01-05T10:00:00-05:00',
      '2024-01-05',
      '2024-01-05T10:00:00+09:00',
    ]);
    expect(r.values).toEqual([
      '2024-01-06 00:00:00',
      '2024-01-06 00:00:00',
      '2024-01-05 00:00:00',
      '2024-01-05 10:00:00',
    ]);
  });

  it('the reporting offset is a parameter (UTC here)', async () => {
    const f = classifyColumn(['2024-01-05T10:00:00+09:00']);
    expect((await convert(f, ['2024-01-05T10:00:00+09:00', '2024-01-05T00:30:00Z'], 0)).values).toEqual([
      '2024-01-05 01:00:00',
      '2024-01-05 00:30:00',
    ]);
  });

  it('local timestamps in slash, dot and 年月日 styles', async () => {
    const f = classifyColumn(['2024/01/05 10:00', '2024.01.05 10:00:00', '2024年1月5日 9:05']);
    expect(
      (await convert(f, ['2024/01/05 10:00', '2024.01.06 10:00:00', '2024年1月7日 9:05', '2024/01/05'])).values,
    ).toEqual(['2024-01-05 10:00:00', '2024-01-06 10:00:00', '2024-01-07 09:05:00', '2024-01-05 00:00:00']);
  });

  it('US and European day orders', async () => {
    const us = classifyColumn(['01/31/2024', '12/01/2024']);
    expect((await convert(us, ['01/31/2024', '2/29/2024', '13/01/2024'])).values).toEqual([
      '2024-01-31',
      '2024-02-29',
      null,
    ]);
    const eu = classifyColumn(['31.01.2024']);
    expect((await convert(eu, ['31.01.2024', '1.2.2024'])).values).toEqual(['2024-01-31', '2024-02-01']);
  });

  it('dates: impossible dates and timestamps in a DATE column are bad, dashes are missing', async () => {
    const f = classifyColumn(['2024-01-05', '2024/1/6']);
    const r = await convert(f, ['2024-01-05', '2024/1/6', '2024-02-30', '2024-01-05 10:00:00', '-', '']);
    expect(r.type).toBe('DATE');
    expect(r.values).toEqual(['2024-01-05', '2024-01-06', null, null, null, null]);
    expect(r.bad).toEqual([false, false, true, true, false, false]);
  });

  it('amounts: yen with grouping, ▲ and parentheses negatives, Shift_JIS backslash yen', async () => {
    const f = classifyColumn(['¥1,200', '▲300', '(1,000)', '\\2,000']);
    const r = await convert(f, ['¥1,200', '1,200円', '▲300', '(1,000)', '-¥50', '\\2,000', '¥ 12,345,678', 'TBD', '-']);
    expect(r.type).toBe('DOUBLE');
    expect(r.values).toEqual([1200, 1200, -300, -1000, -50, 2000, 12345678, null, null]);
    expect(r.bad).toEqual([false, false, false, false, false, false, false, true, false]);
  });

  it('amounts in European style', async () => {
    const f = classifyColumn(['1.234,50 €', '12,5']);
    expect((await convert(f, ['1.234,50 €', '12,5', '1.000.000'])).values).toEqual([1234.5, 12.5, 1000000]);
  });

  it('integers refuse fractions instead of rounding them', async () => {
    const f = classifyColumn(['1', '2']);
    const r = await convert(f, ['1', ' 2 ', '+3', '1.5', 'N/A', '9223372036854775808']);
    expect(r.type).toBe('BIGINT');
    expect(r.values).toEqual([1, 2, 3, null, null, null]);
    expect(r.bad).toEqual([false, false, false, true, false, true]);
  });

  it('numbers sampled without grouping still read a later "1,200" (Excel #,##0), but not "1,5"', async () => {
    const ints = await convert(classifyColumn(['12', '999']), ['1,200', '-12,345,678', '1,5', '12,34']);
    expect(ints.values).toEqual([1200, -12345678, null, null]);
    expect(ints.bad).toEqual([false, false, true, true]);
    const dec = await convert(classifyColumn(['0.5', '12']), ['1,234.5', '1,5']);
    expect(dec.values).toEqual([1234.5, null]);
  });

  it('booleans', async () => {
    const f = classifyColumn(['yes', 'no']);
    expect((await convert(f, ['yes', 'NO', 'True', 'はい', 'いいえ', 'maybe'])).values).toEqual([
      true,
      false,
      true,
      true,
      false,
      null,
    ]);
  });

  it('strict expressions raise a marked error on a bad value and pass null tokens', async () => {
    const sql = columnExpressions('v', classifyColumn(['1']), 0);
    expect(
      tableToRows(
        await engine.query(`SELECT ${sql.strictExpr} AS x FROM (VALUES ('1'), ('NULL'), ('-'), (NULL)) s("v")`),
      ).map((r) => r.x),
    ).toEqual([1, null, null, null]);
    await expect(engine.query(`SELECT ${sql.strictExpr} AS x FROM (VALUES ('1'), ('x')) s("v")`)).rejects.toThrow(
      /kpiw:bad-value/,
    );
  });
});
