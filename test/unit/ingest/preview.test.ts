import { describe, expect, it } from 'vitest';
import { previewFile } from '../../../src/core/ingest/preview.js';
import { analyzeSource } from '../../../src/core/ingest/sample.js';
import { bufferSource } from '../../../src/core/ingest/source.js';
import { concatBytes, sjis, utf8 } from './jaBytes.js';

const SJIS_CSV = '顧客名,金額,登録日\r\n㈱東京,"1,200",2024/01/05\r\n髙田太郎,300,2024/01/06\r\n';

describe('previewFile', () => {
  it('decodes a Shift_JIS file for display with dialect and planned types', async () => {
    const p = await previewFile(bufferSource('顧客.csv', sjis(SJIS_CSV)));
    expect(p.encoding.encoding).toBe('shift_jis');
    expect(p.columns).toEqual(['顧客名', '金額', '登録日']);
    expect(p.rows).toEqual([
      ['㈱東京', '1,200', '2024/01/05'],
      ['髙田太郎', '300', '2024/01/06'],
    ]);
    expect(p.rowLines).toEqual([2, 3]);
    expect(p.plan.map((c) => c.type)).toEqual(['VARCHAR', 'DOUBLE', 'DATE']);
    expect(p.problems).toEqual([]);
    expect(p.warnings).toEqual([]);
  });

  it('re-decodes with the encoding the user picks, and warns about undecodable bytes', async () => {
    const p = await previewFile(bufferSource('顧客.csv', sjis(SJIS_CSV)), 'utf-8');
    expect(p.encoding).toMatchObject({ encoding: 'utf-8', reason: 'chosen by the user' });
    const w = p.warnings.find((x) => x.kind === 'undecodable');
    expect(w?.line).toBe(1);
    expect(w?.count).toBeGreaterThan(0);
  });

  it('the encoding picker preview decodes only the head of a large file, and counts invalid bytes', async () => {
    const body = '顧客名,金額\r\n' + '㈱東京,"1,200"\r\n髙田太郎,300\r\n'.repeat(40000);
    const bytes = sjis(body);
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const source = bufferSource('big.csv', bytes);
    const reads: [number, number][] = [];
    const spy = { ...source, read: (s: number, e: number) => (reads.push([s, e]), source.read(s, e)) };
    const wrong = await previewFile(spy, 'utf-8', { rows: 10, sampleBytes: 64 * 1024 });
    expect(reads.every(([s, e]) => s === 0 && e <= 64 * 1024)).toBe(true);
    expect(wrong).toMatchObject({ bytesRead: 64 * 1024, complete: false });
    expect(wrong.rows).toHaveLength(10);
    // Every Japanese character is invalid UTF-8 here: the header alone has 3 + 2.
    expect(wrong.replacements).toBeGreaterThan(1000);
    expect(wrong.header.join('')).toContain('\uFFFD');
    const right = await previewFile(spy, 'shift_jis', { rows: 10, sampleBytes: 64 * 1024 });
    expect(right.replacements).toBe(0);
    expect(right.header).toEqual(['顧客名', '金額']);
    expect(right.rows.slice(0, 2)).toEqual([
      ['㈱東京', '1,200'],
      ['髙田太郎', '300'],
    ]);
    expect(Math.max(...reads.map(([, e]) => e))).toBeLessThanOrEqual(64 * 1024);
  });

  it('reports empty and binary files as problems', async () => {
    expect((await previewFile(bufferSource('e.csv', new Uint8Array(0)))).problems[0]?.kind).toBe('empty-file');
    expect((await previewFile(bufferSource('e.csv', utf8('\uFEFF\r\n')))).problems[0]?.kind).toBe('empty-file');
    const xlsx = concatBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), utf8('xl/workbook.xml'));
    expect((await previewFile(bufferSource('book.csv', xlsx))).problems[0]).toMatchObject({
      kind: 'binary-file',
      file: 'book.csv',
    });
  });

  it('warns about renamed columns', async () => {
    const p = await previewFile(bufferSource('d.csv', utf8('id,,id\n1,2,3\n')));
    expect(p.columns).toEqual(['id', 'column_2', 'id_2']);
    expect(p.warnings.map((w) => w.kind)).toEqual(['renamed-column', 'renamed-column']);
  });
});

describe('analyzeSource', () => {
  it('samples only the head of a large file and drops its cut last record', async () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `${i},name ${i},2024-01-0${(i % 9) + 1}`);
    const bytes = utf8('id,name,day\n' + rows.join('\n') + '\n');
    let maxEnd = 0;
    const source = bufferSource('big.csv', bytes);
    const spy = { ...source, read: (s: number, e: number) => ((maxEnd = Math.max(maxEnd, e - s)), source.read(s, e)) };
    const a = await analyzeSource(spy, { reportingOffsetMinutes: 0, sampleBytes: 64 * 1024 });
    expect(a.complete).toBe(false);
    expect(maxEnd).toBeLessThanOrEqual(64 * 1024);
    expect(a.records.length).toBeGreaterThan(1000);
    expect(a.records.every((r) => r.length === 3)).toBe(true);
    expect(a.plan.columns.map((c) => c.type)).toEqual(['BIGINT', 'VARCHAR', 'DATE']);
  });

  it('finds Shift_JIS further into a file whose head is plain ASCII', async () => {
    const ascii = 'id,comment\r\n' + Array.from({ length: 1500 }, (_, i) => `${i},\r\n`).join('');
    const bytes = concatBytes(utf8(ascii), sjis('401,顧客様の解約\r\n402,㈱東京\r\n'.repeat(20)));
    const a = await analyzeSource(bufferSource('late.csv', bytes), { reportingOffsetMinutes: 0, sampleBytes: 4096 });
    expect(a.encoding.encoding).toBe('shift_jis');
    expect(a.encoding.reason).toMatch(/further into the file/);
  });

  it('accepts dialect overrides', async () => {
    const text = utf8('Alice,Tokyo\nBob,Osaka\n');
    expect((await analyzeSource(bufferSource('n.csv', text), { reportingOffsetMinutes: 0 })).dialect.header).toBe(true);
    const a = await analyzeSource(bufferSource('n.csv', text), {
      reportingOffsetMinutes: 0,
      dialect: { header: false },
    });
    expect(a.names).toEqual(['column_1', 'column_2']);
    expect(a.records).toEqual([
      ['Alice', 'Tokyo'],
      ['Bob', 'Osaka'],
    ]);
  });
});
