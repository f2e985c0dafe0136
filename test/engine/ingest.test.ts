import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { fileSource } from '../../src/node/fileSource.js';
import { tableToRows, type Row } from '../../src/core/engine/rows.js';
import type { SqlEngine } from '../../src/core/engine/types.js';
import {
  bufferSource,
  ingestFile,
  type IngestOptions,
  type IngestResult,
  type IngestSource,
} from '../../src/core/ingest/index.js';
import { concatBytes, eucjp, sjis, utf16le, utf8 } from '../unit/ingest/jaBytes.js';

const FIX = path.resolve(__dirname, '../fixtures/ingest');
const JST = 540;

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(() => engine.close());

const rows = async (sql: string): Promise<Row[]> => tableToRows(await engine.query(sql));
const load = (source: IngestSource, opts: Partial<IngestOptions> = {}): Promise<IngestResult> =>
  ingestFile(engine, source, { reportingOffsetMinutes: JST, mode: 'strict', ...opts });
const types = async (table: string): Promise<Record<string, string>> =>
  Object.fromEntries(
    (
      await rows(
        `SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
      )
    ).map((r) => [String(r.c), String(r.t)]),
  );
const leftovers = async (): Promise<Row[]> =>
  rows("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__kpiw%'");

describe('ingestFile: a UTF-8 export with BOM, CRLF, Japanese, amounts, dates and ISO timestamps', () => {
  let result: IngestResult;
  beforeAll(async () => {
    result = await load(await fileSource(path.join(FIX, 'customers_2024-01-31.csv')));
  });

  it('loads every row into a table named after the file', () => {
    expect(result.ok).toBe(true);
    expect(result.table).toBe('customers');
    expect(result.rows).toBe(4);
    expect(result.encoding).toBe('utf-8');
    expect(result.dialect).toMatchObject({ delimiter: ',', header: true, newline: '\r\n' });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('creates explicit types, never TIMESTAMP WITH TIME ZONE', async () => {
    expect(await types('customers')).toEqual({
      顧客ID: 'VARCHAR',
      顧客名: 'VARCHAR',
      プラン: 'VARCHAR',
      月額: 'DOUBLE',
      契約開始日: 'DATE',
      最終ログイン: 'TIMESTAMP',
      メモ: 'VARCHAR',
    });
  });

  it('has the values as written, converted: ¥1,200 -> 1200, Z and +09:00 -> JST', async () => {
    expect(await rows('SELECT * FROM customers ORDER BY "顧客ID"')).toEqual([
      {
        顧客ID: '00101',
        顧客名: '山田太郎',
        プラン: 'Basic',
        月額: 1200,
        契約開始日: '2024-01-05',
        最終ログイン: '2024-01-06 00:30:00',
        メモ: null,
      },
      {
        顧客ID: '00102',
        顧客名: '㈱東京商事',
        プラン: 'Pro',
        月額: 12000,
        契約開始日: '2024-01-20',
        最終ログイン: '2024-02-01 09:00:00',
        メモ: '請求書は\n郵送',
      },
      {
        顧客ID: '00103',
        顧客名: '髙橋花子',
        プラン: 'Basic',
        月額: 980,
        契約開始日: '2024-02-29',
        最終ログイン: '2024-03-01 08:59:59',
        メモ: '"VIP" 対応',
      },
      {
        顧客ID: '00104',
        顧客名: '佐藤 一郎',
        プラン: 'Free',
        月額: 0,
        契約開始日: '2024-03-01',
        最終ログイン: null,
        メモ: 'N/A',
      },
    ]);
  });

  it('leaves no staging tables or registered chunks behind', async () => {
    expect(await leftovers()).toEqual([]);
  });
});

describe('ingestFile: encodings', () => {
  const TEXT = '顧客名,金額,メモ\r\n㈱東京,"1,200円",①\r\n髙田太郎,300円,～\r\n';
  const EXPECTED = [
    { 顧客名: '㈱東京', 金額: 1200, メモ: '①' },
    { 顧客名: '髙田太郎', 金額: 300, メモ: '～' },
  ];

  it('Shift_JIS (CP932) with NEC/IBM extension characters', async () => {
    const r = await load(bufferSource('sjis.csv', sjis(TEXT)));
    expect(r).toMatchObject({ ok: true, encoding: 'shift_jis', rows: 2 });
    expect(await rows(`SELECT * FROM "${r.table}"`)).toEqual(EXPECTED);
  });

  it('Shift_JIS read in tiny slices: characters and records cut everywhere', async () => {
    const big = '顧客名,金額,メモ\r\n' + '㈱東京,"1,200円","①\r\n②"\r\n髙田太郎,300円,～\r\n'.repeat(300);
    const r = await load(bufferSource('sjis_big.csv', sjis(big)), { chunkBytes: 1031 });
    expect(r).toMatchObject({ ok: true, rows: 600 });
    expect(
      await rows(
        `SELECT count(*) AS n, count(DISTINCT "顧客名") AS names, sum("金額") AS total, max("メモ") AS m FROM "${r.table}"`,
      ),
    ).toEqual([{ n: 600, names: 2, total: 300 * 1500, m: '～' }]);
    expect(await rows(`SELECT count(*) AS n FROM "${r.table}" WHERE "メモ" = '①\n②'`)).toEqual([{ n: 300 }]);
  });

  it('EUC-JP', async () => {
    const r = await load(bufferSource('euc.csv', eucjp('名前,金額\n山田太郎,1\n佐藤花子,2\n東京一覧,3\n')));
    expect(r).toMatchObject({ ok: true, encoding: 'euc-jp', rows: 3 });
    expect(await rows(`SELECT string_agg("名前", '/' ORDER BY "金額") AS s FROM "${r.table}"`)).toEqual([
      { s: '山田太郎/佐藤花子/東京一覧' },
    ]);
  });

  it('UTF-16 LE with BOM (Excel "Unicode text"), tab-separated', async () => {
    const r = await load(bufferSource('unicode.txt', utf16le('名前\t金額\r\n髙田\t10\r\n山田\t20\r\n')));
    expect(r).toMatchObject({ ok: true, encoding: 'utf-16le', rows: 2 });
    expect(r.dialect?.delimiter).toBe('\t');
    expect(await rows(`SELECT * FROM "${r.table}" ORDER BY "金額"`)).toEqual([
      { 名前: '髙田', 金額: 10 },
      { 名前: '山田', 金額: 20 },
    ]);
  });

  it('an encoding chosen by the user wins over detection', async () => {
    const r = await load(bufferSource('forced.csv', sjis('a,b\n顧客,1\n')), { encoding: 'SJIS' });
    expect(r).toMatchObject({ ok: true, encoding: 'shift_jis' });
    expect(r.encodingDetection?.reason).toBe('chosen by the user');
  });
});

describe('ingestFile: dialects and shapes', () => {
  it('TSV with zoned timestamps (Z, +09:00, -05:00, +0530) converted to the reporting offset', async () => {
    const r = await load(await fileSource(path.join(FIX, 'events.tsv')));
    expect(r).toMatchObject({ ok: true, table: 'events', rows: 5 });
    expect(await types('events')).toEqual({
      user_id: 'VARCHAR',
      event_time: 'TIMESTAMP',
      event_name: 'VARCHAR',
      value: 'DOUBLE',
    });
    expect(await rows('SELECT event_time, value FROM events')).toEqual([
      { event_time: '2024-01-06 00:30:00', value: 1 },
      { event_time: '2024-01-06 01:00:00.250', value: 2.5 },
      { event_time: '2024-01-05 10:00:00', value: null },
      { event_time: '2024-01-06 14:00:00', value: 3 },
      { event_time: '2024-01-07 15:30:00', value: null },
    ]);
  });

  it('the same file with reporting offset 0 gives UTC', async () => {
    const r = await load(await fileSource(path.join(FIX, 'events.tsv')), {
      reportingOffsetMinutes: 0,
      tableName: 'events_utc',
    });
    expect((await rows('SELECT event_time FROM events_utc LIMIT 2')).map((x) => x.event_time)).toEqual([
      '2024-01-05 15:30:00',
      '2024-01-05 16:00:00.250',
    ]);
    expect(r.ok).toBe(true);
  });

  it('European export: sep= line, semicolons, decimal commas, € amounts, day.month.year dates', async () => {
    const r = await load(await fileSource(path.join(FIX, 'european.csv')));
    expect(r).toMatchObject({ ok: true, rows: 2 });
    expect(await rows(`SELECT * FROM "${r.table}" ORDER BY id`)).toEqual([
      { id: 1, amount: 1234.5, day: '2024-02-01' },
      { id: 2, amount: 12, day: '2024-02-15' },
    ]);
  });

  it('skips a report title block before the header', async () => {
    const r = await load(await fileSource(path.join(FIX, 'with_title.csv')));
    expect(r).toMatchObject({ ok: true, rows: 2 });
    expect(await rows(`SELECT * FROM "${r.table}" ORDER BY id`)).toEqual([
      { id: 1, name: 'a', joined: '2024-01-05' },
      { id: 2, name: 'b', joined: '2024-01-06' },
    ]);
  });

  it('mixed line breaks, Excel style (CRLF rows, LF inside cells) and a lone CR', async () => {
    const r = await load(bufferSource('mixed.csv', utf8('id,note\r\n1,"line\nbreak"\r\n2,plain\n3,old mac\r4,last')));
    expect(r).toMatchObject({ ok: true, rows: 4 });
    expect(await rows(`SELECT * FROM "${r.table}" ORDER BY id`)).toEqual([
      { id: 1, note: 'line\nbreak' },
      { id: 2, note: 'plain' },
      { id: 3, note: 'old mac' },
      { id: 4, note: 'last' },
    ]);
  });

  it('backslash-escaped quotes (MySQL-style export) and pipe delimiters', async () => {
    const r = await load(bufferSource('mysql.csv', utf8('id|note\n1|"say \\"hi\\" | bye"\n2|"plain"\n')));
    expect(r).toMatchObject({ ok: true, rows: 2, dialect: { delimiter: '|', escape: '\\' } });
    expect(await rows(`SELECT note FROM "${r.table}" ORDER BY id`)).toEqual([
      { note: 'say "hi" | bye' },
      { note: 'plain' },
    ]);
  });

  it('a header-only file gives an empty table and a warning', async () => {
    const r = await load(bufferSource('only_header.csv', utf8('a,b,c\r\n')));
    expect(r).toMatchObject({ ok: true, rows: 0 });
    expect(r.warnings.map((w) => w.kind)).toEqual(['no-data-rows']);
    expect(await rows(`SELECT count(*) AS n FROM "${r.table}"`)).toEqual([{ n: 0 }]);
  });
});

describe('ingestFile: problems', () => {
  it('empty file', async () => {
    const r = await load(bufferSource('empty.csv', new Uint8Array(0)));
    expect(r).toMatchObject({ ok: false, status: 'failed', canSkipBadRows: false });
    expect(r.problems.map((p) => [p.kind, p.file])).toEqual([['empty-file', 'empty.csv']]);
  });

  it('an Excel workbook instead of a CSV', async () => {
    const xlsx = concatBytes(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      utf8('[Content_Types].xml'),
      new Uint8Array(200),
    );
    const r = await load(bufferSource('顧客.csv', xlsx));
    expect(r.problems[0]).toMatchObject({ kind: 'binary-file', file: '顧客.csv' });
    expect(r.problems[0]?.hint.ja).toContain('CSV UTF-8');
  });

  it('ragged rows: strict fails naming the lines; skip-bad-rows loads the rest and reports them', async () => {
    const src = await fileSource(path.join(FIX, 'ragged.csv'));
    const strict = await load(src);
    expect(strict).toMatchObject({ ok: false, canSkipBadRows: true });
    expect(strict.problems.filter((p) => p.kind === 'ragged-row').map((p) => [p.line, p.value])).toEqual([
      [3, '2,Bob,20,extra'],
      [4, '3,Carol'],
    ]);
    expect(strict.problems.find((p) => p.kind === 'rows-skipped')).toMatchObject({ count: 2 });
    expect(await leftovers()).toEqual([]);

    const lenient = await load(src, { mode: 'skip-bad-rows' });
    expect(lenient).toMatchObject({ ok: true, rows: 2, skippedRows: 2 });
    expect(lenient.warnings.find((p) => p.kind === 'rows-skipped')).toMatchObject({ count: 2, severity: 'warning' });
    expect(await rows(`SELECT id, name, amount FROM "${lenient.table}" ORDER BY id`)).toEqual([
      { id: 1, name: 'Alice', amount: 10 },
      { id: 4, name: 'Dave, Jr.', amount: 40 },
    ]);
  });

  it('an unterminated quote that would swallow the rest of the file fails in both modes', async () => {
    const src = await fileSource(path.join(FIX, 'unterminated.csv'));
    for (const mode of ['strict', 'skip-bad-rows'] as const) {
      const r = await load(src, { mode });
      expect(r).toMatchObject({ ok: false, canSkipBadRows: false });
      expect(r.problems).toMatchObject([{ kind: 'unterminated-quote', line: 3, file: 'unterminated.csv' }]);
    }
  });

  it('an open quote on the last line only: strict fails, skip-bad-rows skips that row', async () => {
    const src = bufferSource('lastline.csv', utf8('id,c\n1,a\n2,"b\n'));
    expect((await load(src)).problems).toMatchObject([{ kind: 'unterminated-quote', line: 3 }]);
    const r = await load(src, { mode: 'skip-bad-rows' });
    expect(r).toMatchObject({ ok: true, rows: 1, skippedRows: 1 });
  });

  it('bytes that are not valid Shift_JIS: strict names the line, lenient loads with a warning', async () => {
    const bytes = concatBytes(
      sjis('名前,金額\r\n山田,1\r\n佐藤,2\r\nX'),
      new Uint8Array([0xff]),
      sjis('Y,3\r\n東京,4\r\n'),
    );
    const strict = await load(bufferSource('broken_sjis.csv', bytes), { encoding: 'shift_jis' });
    expect(strict).toMatchObject({ ok: false, canSkipBadRows: true });
    expect(strict.problems).toMatchObject([{ kind: 'undecodable', line: 4, count: 1 }]);
    expect(strict.problems[0]?.message.en).toBe(
      'broken_sjis.csv, line 4 has bytes that are not valid Shift_JIS (Windows-31J / CP932).',
    );
    const lenient = await load(bufferSource('broken_sjis.csv', bytes), {
      encoding: 'shift_jis',
      mode: 'skip-bad-rows',
    });
    expect(lenient).toMatchObject({ ok: true, rows: 4 });
    expect(lenient.warnings).toMatchObject([{ kind: 'undecodable', line: 4, severity: 'warning' }]);
    expect(await rows(`SELECT "名前" FROM "${lenient.table}" WHERE "金額" = 3`)).toEqual([{ 名前: 'X\uFFFDY' }]);
  });

  it('invalid UTF-8 further into a UTF-8 file: DuckDB rejects the row, reported with its line', async () => {
    const head = utf8('名前,金額\n' + Array.from({ length: 300 }, (_, i) => `山田${i},${i}`).join('\n') + '\n');
    const bytes = concatBytes(head, utf8('bad'), new Uint8Array([0xe3, 0x81]), utf8(',7\nok,8\n'));
    const strict = await load(bufferSource('bad_utf8.csv', bytes), { sampleBytes: 4096 });
    expect(strict.problems).toMatchObject([
      { kind: 'undecodable', line: 302 },
      { kind: 'rows-skipped', count: 1 },
    ]);
    const lenient = await load(bufferSource('bad_utf8.csv', bytes), { sampleBytes: 4096, mode: 'skip-bad-rows' });
    expect(lenient).toMatchObject({ ok: true, rows: 301, skippedRows: 1 });
  });

  it('cells that do not fit the planned type (beyond the sample): strict lists line and column, lenient makes them NULL', async () => {
    const lines = ['id,amount,day'];
    for (let i = 1; i <= 400; i++) lines.push(`${i},${i * 10},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    lines[350] = '350,abc,2024-01-01'; // file line 351
    lines[380] = '380,12,2024-02-30'; // file line 381
    const bytes = utf8(lines.join('\n') + '\n');
    const strict = await load(bufferSource('cells.csv', bytes), { sampleBytes: 4096 });
    expect(strict).toMatchObject({ ok: false, canSkipBadRows: true });
    expect(strict.problems.map((p) => [p.kind, p.line, p.column, p.value])).toEqual([
      ['bad-value', 351, 'amount', 'abc'],
      ['bad-value', 381, 'day', '2024-02-30'],
    ]);
    expect(strict.problems[0]?.message.ja).toContain('351 行目');

    const lenient = await load(bufferSource('cells.csv', bytes), {
      sampleBytes: 4096,
      mode: 'skip-bad-rows',
      chunkBytes: 2048,
    });
    expect(lenient).toMatchObject({ ok: true, rows: 400, skippedRows: 0 });
    expect(lenient.warnings.map((p) => [p.kind, p.line, p.column, p.count])).toEqual([
      ['bad-value', 351, 'amount', 1],
      ['bad-value', 381, 'day', 1],
    ]);
    expect(await rows(`SELECT id, amount, day FROM "${lenient.table}" WHERE id IN (350, 380) ORDER BY id`)).toEqual([
      { id: 350, amount: null, day: '2024-01-01' },
      { id: 380, amount: 12, day: null },
    ]);
  });

  it('every column with bad cells is named, even when another column has many more', async () => {
    const lines = ['id,amount,day'];
    for (let i = 1; i <= 2000; i++) lines.push(`${i},${i >= 1500 ? 'x' : i},2024-01-05`);
    lines[1750] = '1750,x,someday';
    const r = await load(bufferSource('many_bad.csv', utf8(lines.join('\n') + '\n')), {
      sampleBytes: 4096,
      maxExamples: 3,
    });
    expect(r.problems.map((p) => [p.column, p.line, p.count])).toEqual([
      ['amount', 1501, 501],
      ['amount', 1502, undefined],
      ['amount', 1503, undefined],
      ['day', 1751, 1],
    ]);
  });

  it('line numbers stay exact across many chunks with multi-line cells', async () => {
    const parts = ['id,note'];
    for (let i = 1; i <= 500; i++) parts.push(i % 3 === 0 ? `${i},"a\nb"` : `${i},x`);
    parts.push('501,x,extra');
    const text = parts.join('\r\n') + '\r\n';
    const expectedLine = text.slice(0, text.indexOf('501,x,extra')).split(/\r\n|\n/).length;
    const r = await load(bufferSource('multi.csv', utf8(text)), { chunkBytes: 1024 });
    expect(r.problems.find((p) => p.kind === 'ragged-row')?.line).toBe(expectedLine);
    expect(expectedLine).toBe(668); // 1 header + 500 rows + 166 extra lines inside cells + 1
  });
});

describe('ingestFile: names, replacing, cancelling, laziness', () => {
  it('derives unique names and replaces an explicitly named table only on success', async () => {
    await engine.exec('CREATE TABLE plans (x INTEGER); INSERT INTO plans VALUES (42)');
    const derived = await load(bufferSource('plans.csv', utf8('p\nbasic\n')));
    expect(derived.table).toBe('plans_2');

    const failed = await load(bufferSource('plans.csv', utf8('p,q\n1,"open\n2,x\n')), { tableName: 'plans' });
    expect(failed.ok).toBe(false);
    expect(await rows('SELECT * FROM plans')).toEqual([{ x: 42 }]);

    const replaced = await load(bufferSource('plans.csv', utf8('p\nbasic\npro\n')), { tableName: 'plans' });
    expect(replaced).toMatchObject({ ok: true, table: 'plans', rows: 2 });
    expect(await rows('SELECT * FROM plans ORDER BY p')).toEqual([{ p: 'basic' }, { p: 'pro' }]);
  });

  it('avoids names the caller reserves', async () => {
    const r = await load(bufferSource('tickets.csv', utf8('id\n1\n')), { existingTables: ['tickets'] });
    expect(r.table).toBe('tickets_2');
  });

  it('cancels between chunks and drops the partial table', async () => {
    const text = 'id,v\n' + Array.from({ length: 5000 }, (_, i) => `${i},${i}`).join('\n') + '\n';
    const flag = { cancelled: false };
    const r = await load(bufferSource('cancel.csv', utf8(text)), {
      chunkBytes: 4096,
      signal: flag,
      onProgress: (p) => {
        if (p.rowsLoaded > 0) flag.cancelled = true;
      },
    });
    expect(r).toMatchObject({ ok: false, status: 'cancelled', cancelled: true, table: null });
    expect(await leftovers()).toEqual([]);
    expect(await rows("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'cancel'")).toEqual([{ n: 0 }]);
  });

  it('accepts an AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await load(bufferSource('abort.csv', utf8('a\n1\n')), { signal: ac.signal });
    expect(r.status).toBe('cancelled');
  });

  it('reads the file lazily in slices, never whole, and reports progress', async () => {
    const text = 'id,name\n' + Array.from({ length: 20000 }, (_, i) => `${i},顧客${i}`).join('\n') + '\n';
    const inner = bufferSource('lazy.csv', utf8(text));
    const reads: [number, number][] = [];
    const source: IngestSource = {
      name: inner.name,
      size: inner.size,
      read: (s, e) => (reads.push([s, e]), inner.read(s, e)),
    };
    const progress: number[] = [];
    const r = await load(source, {
      chunkBytes: 64 * 1024,
      sampleBytes: 32 * 1024,
      onProgress: (p) => progress.push(p.bytesRead),
    });
    expect(r).toMatchObject({ ok: true, rows: 20000 });
    expect(Math.max(...reads.map(([s, e]) => e - s))).toBeLessThanOrEqual(64 * 1024);
    const loadReads = reads.filter(([s, e]) => e - s === 64 * 1024 || e === inner.size);
    expect(loadReads.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(inner.size);
    expect(await rows(`SELECT count(DISTINCT name) AS n, max(id) AS m FROM "${r.table}"`)).toEqual([
      { n: 20000, m: 19999 },
    ]);
  });

  it('works with an engine that takes ownership of registered buffers (browser transfer semantics)', async () => {
    // AsyncDuckDB.registerFileBuffer transfers the ArrayBuffer to its worker, detaching it here.
    const transferring: SqlEngine = {
      query: (sql, params) => engine.query(sql, params),
      exec: (sql) => engine.exec(sql),
      registerText: (n, t) => engine.registerText(n, t),
      registerBytes: (n, b) => engine.registerBytes(n, structuredClone(b, { transfer: [b.buffer] })),
      dropFile: (n) => engine.dropFile(n),
    };
    const bytes = utf8('id,name,amount\n1,Alice,10\n2,Bob,20,extra\n3,Carol\n4,"Dave, Jr.",40\n');
    const r = await ingestFile(transferring, bufferSource('transfer.csv', bytes), {
      reportingOffsetMinutes: JST,
      mode: 'skip-bad-rows',
    });
    expect(r).toMatchObject({ ok: true, rows: 2, skippedRows: 2 });
    expect(r.warnings.filter((p) => p.kind === 'ragged-row').map((p) => p.line)).toEqual([3, 4]);
    expect(bytes.length).toBe(66); // the caller's buffer is untouched
  });

  it('a Node file source reads the same bytes as the file', async () => {
    const p = path.join(FIX, 'ragged.csv');
    const src = await fileSource(p);
    expect(src.size).toBe(readFileSync(p).length);
    expect(Buffer.from(await src.read(3, 10)).toString()).toBe(readFileSync(p).subarray(3, 10).toString());
    expect((await src.read(src.size - 2, src.size + 100)).length).toBe(2);
  });
});
