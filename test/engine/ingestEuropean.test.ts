/**
 * European number exports loaded through the whole ingest on the Node build of DuckDB:
 * the values in the table are the numbers that were written, and where a column reads two
 * ways the result says which way was taken. Also: reloading a table with another
 * encoding or decimal mark replaces it in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { tableToRows, type Row } from '../../src/core/engine/rows.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { Workspace } from '../../src/core/workspace/workspace.js';
import { encodeCp932 } from '../../src/core/sample/cp932.js';
import { bufferSource, ingestFile, type IngestOptions, type IngestResult } from '../../src/core/ingest/index.js';
import { utf8 } from '../unit/ingest/jaBytes.js';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(() => engine.close());

const rows = async (sql: string): Promise<Row[]> => tableToRows(await engine.query(sql));
const load = (name: string, text: string, opts: Partial<IngestOptions> = {}): Promise<IngestResult> =>
  ingestFile(engine, bufferSource(name, utf8(text)), { reportingOffsetMinutes: 540, mode: 'strict', ...opts });

describe('a German export: semicolons, decimal commas, dot thousands', () => {
  const CSV =
    'Artikel;Menge;Preis;Summe\r\nA;1.200;12,50;15.000,00\r\nB;3;1.234,50;3.703,50\r\nC;2.500;0,99;2.475,00\r\n';

  it('reads 1.200 as 1200 in the Menge column because the file uses decimal commas, and says so', async () => {
    const r = await load('bestellung.csv', CSV);
    expect(r.ok).toBe(true);
    expect(await rows(`SELECT Artikel, Menge, Preis, Summe FROM "${r.table}" ORDER BY Artikel`)).toEqual([
      { Artikel: 'A', Menge: 1200, Preis: 12.5, Summe: 15000 },
      { Artikel: 'B', Menge: 3, Preis: 1234.5, Summe: 3703.5 },
      { Artikel: 'C', Menge: 2500, Preis: 0.99, Summe: 2475 },
    ]);
    expect(await rows(`SELECT sum(Menge) AS m, round(sum(Preis), 2) AS p, sum(Summe) AS s FROM "${r.table}"`)).toEqual([
      { m: 3703, p: 1247.99, s: 21178.5 },
    ]);
    const notes = r.warnings.filter((w) => w.kind === 'ambiguous-number');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ column: 'Menge', decimalMark: ',', value: '1.200' });
    expect(notes[0]!.message.en).toContain('thousands separator (1.200 = 1200)');
    expect(notes[0]!.message.en).toContain('decimal comma');
    expect(notes[0]!.hint.en).toContain('If 1.200 means 1.2');
  });

  it('without decimal commas anywhere 1.200 is read as 1.2 and noted; loading again with "," replaces the table with 1200', async () => {
    const text = 'plan;price\nStarter;1.200\nGrowth;4.800\n';
    const first = await load('plans_eu.csv', text);
    expect(first.ok).toBe(true);
    expect(await rows(`SELECT price FROM "${first.table}" ORDER BY plan DESC`)).toEqual([
      { price: 1.2 },
      { price: 4.8 },
    ]);
    const note = first.warnings.find((w) => w.kind === 'ambiguous-number');
    expect(note).toMatchObject({ column: 'price', decimalMark: '.' });
    expect(note!.message.en).toContain('decimal mark (1.200 = 1.2)');

    const again = await load('plans_eu.csv', text, { decimalMark: ',', tableName: first.table as string });
    expect(again).toMatchObject({ ok: true, table: first.table });
    expect(await rows(`SELECT price FROM "${first.table}" ORDER BY plan DESC`)).toEqual([
      { price: 1200 },
      { price: 4800 },
    ]);
    expect(again.warnings.find((w) => w.kind === 'ambiguous-number')).toMatchObject({ decimalMark: ',' });
    expect(again.warnings.find((w) => w.kind === 'ambiguous-number')!.message.en).toContain('as chosen when loading');
  });

  it('an integer column sampled as small numbers still reads a later 1.200 as 1200 in a decimal-comma file', async () => {
    const head = Array.from({ length: 400 }, (_, i) => `${i};${i % 50};12,50`).join('\n');
    const text = `id;qty;price\n${head}\n400;1.200;1.234,50\n401;-2.500.000;0,5\n`;
    const r = await load('late.csv', text, { sampleBytes: 4096 });
    expect(r.ok).toBe(true);
    expect(r.plan.find((c) => c.name === 'qty')?.type).toBe('BIGINT');
    expect(await rows(`SELECT qty, price FROM "${r.table}" WHERE id >= 400 ORDER BY id`)).toEqual([
      { qty: 1200, price: 1234.5 },
      { qty: -2500000, price: 0.5 },
    ]);
  });

  it('French and Swiss groupings: narrow no-break space, no-break space and apostrophes, also beyond the sample', async () => {
    const fr = Array.from({ length: 300 }, (_, i) => `${i};1\u202f234,50`).join('\n');
    const r = await load('fr.csv', `id;montant\n${fr}\n300;2\u00a0345\u00a0678,25\n301;−1 000,5\n`, {
      sampleBytes: 4096,
    });
    expect(r.ok).toBe(true);
    expect(await rows(`SELECT montant FROM "${r.table}" WHERE id >= 299 ORDER BY id`)).toEqual([
      { montant: 1234.5 },
      { montant: 2345678.25 },
      { montant: -1000.5 },
    ]);
    const ch = await load('ch.csv', "id;betrag\n1;1'234.50\n2;12.5\n3;1’000’000\n");
    expect(ch.ok).toBe(true);
    expect(await rows(`SELECT betrag FROM "${ch.table}" ORDER BY id`)).toEqual([
      { betrag: 1234.5 },
      { betrag: 12.5 },
      { betrag: 1000000 },
    ]);
  });
});

/** Locales whose exports write numbers the European way (Node's ICU data). */
const EU_LOCALES = ['de-DE', 'fr-FR', 'it-IT', 'es-ES', 'nl-NL', 'de-AT', 'sv-SE', 'pl-PL', 'pt-BR'];

describe('property: European numbers written by Intl load back exactly', () => {
  it('amounts with two decimals, and whole numbers beside them, in a ; file', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EU_LOCALES),
        fc.array(
          fc.tuple(
            fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
            fc.integer({ min: -5_000_000, max: 5_000_000 }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        async (locale, pairs) => {
          const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
          const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
          const lines = pairs.map(([cents, count], i) => `${i};${money.format(cents / 100)};${whole.format(count)}`);
          const r = await load(`prop_${++n}.csv`, `id;betrag;anzahl\n${lines.join('\n')}\n`);
          expect(r.problems).toEqual([]);
          const got = await rows(`SELECT betrag, anzahl FROM "${r.table}" ORDER BY id`);
          expect(got).toEqual(pairs.map(([cents, count]) => ({ betrag: cents / 100, anzahl: count })));
          await engine.exec(`DROP TABLE "${r.table}"`);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('invalid UTF-8 in the rows: one problem per row, whatever DuckDB calls the error', () => {
  it('a file whose header is ASCII and whose rows are Shift_JIS, read as UTF-8', async () => {
    const text =
      'name,plan,amount\r\n株式会社髙橋商事,スタンダード,"￥12,000"\r\n①合同会社テスト,ライト,"￥8,500"\r\n㈱サンプル～,プロ,"￥30,000"\r\n';
    const r = await ingestFile(engine, bufferSource('rows.csv', encodeCp932(text)), {
      reportingOffsetMinutes: 540,
      mode: 'strict',
      encoding: 'utf-8',
    });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.kind, p.line ?? null])).toEqual([
      ['undecodable', 2],
      ['undecodable', 3],
      ['undecodable', 4],
      ['rows-skipped', null],
    ]);
  });
});

describe('Workspace: loading a table again with another encoding replaces it in place', () => {
  const TEXT = '顧客ID,会社名,登録日\r\nC001,株式会社髙橋商事,2024-01-05\r\nC002,①合同会社テスト,2024-02-01\r\n';
  let ws: Workspace;
  beforeAll(async () => {
    ws = new Workspace(engine, loadCatalogue(readSqlFiles()), { reportingOffsetMinutes: 540 });
    await ws.init();
  });

  it('a Shift_JIS file forced to UTF-8 fails strict, loads garbled when skipping bad rows, then reloads right as Shift_JIS', async () => {
    const source = bufferSource('kokyaku.csv', encodeCp932(TEXT));
    const strict = await ws.load(source, { encoding: 'utf-8', mode: 'strict' });
    expect(strict).toMatchObject({ ok: false, canSkipBadRows: true });
    // The garbled header is reported (it is decoded here, not by DuckDB).
    expect(strict.problems).toEqual([expect.objectContaining({ kind: 'undecodable', severity: 'error', line: 1 })]);
    const wrong = await ws.load(source, { encoding: 'utf-8', mode: 'skip-bad-rows' });
    expect(wrong).toMatchObject({ ok: true, rows: 0, skippedRows: 2 });
    expect(wrong.warnings.filter((w) => w.kind === 'undecodable').map((w) => w.line)).toEqual([1, 2, 3]);
    const table = wrong.table as string;
    // The header decoded as UTF-8: invalid bytes became U+FFFD in the column names.
    expect(wrong.columns.map((c) => c.name).join('')).toContain('\uFFFD');
    await ws.assignRole(table, 'customers');
    expect(ws.modeller.isConfirmed(table)).toBe(true);

    const right = await ws.load(source, { encoding: 'shift_jis', mode: 'strict', tableName: table });
    expect(right).toMatchObject({ ok: true, table, encoding: 'shift_jis' });
    expect(ws.tables.names()).toEqual([table]);
    expect(await rows(`SELECT * FROM "${table}" ORDER BY 1`)).toEqual([
      { 顧客ID: 'C001', 会社名: '株式会社髙橋商事', 登録日: '2024-01-05' },
      { 顧客ID: 'C002', 会社名: '①合同会社テスト', 登録日: '2024-02-01' },
    ]);
    expect((await ws.tables.list())[0]).toMatchObject({ name: table, encoding: 'shift_jis', rows: 2 });
    // The mapping confirmed for the garbled header no longer applies.
    expect(ws.modeller.isConfirmed(table)).toBe(false);

    // Same columns again: a confirmed mapping stays.
    await ws.assignRole(table, 'customers');
    await ws.load(source, { encoding: 'shift_jis', mode: 'strict', tableName: table });
    expect(ws.modeller.isConfirmed(table)).toBe(true);
  });
});
