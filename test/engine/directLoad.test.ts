import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../src/core/engine/rows.js';
import type { SourceHandle, SqlEngine } from '../../src/core/engine/types.js';
import {
  bufferSource,
  ingestFile,
  type IngestOptions,
  type IngestProgress,
  type IngestResult,
  type IngestSource,
} from '../../src/core/ingest/index.js';

/**
 * The fast path (DuckDB reads the whole file in one read_csv) against the sliced path
 * (JavaScript cuts 1 KiB slices at record boundaries): the same files must give the same
 * tables, the same problems, and files the fast path cannot take must fall back.
 */

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(() => engine.close());

/** Counts what the loader asked of the engine, to tell which path it took. */
class Spy implements SqlEngine {
  direct = 0;
  slices = 0;
  constructor(private readonly inner: NodeEngine) {}
  query: SqlEngine['query'] = (sql, params) => this.inner.query(sql, params);
  exec: SqlEngine['exec'] = (sql) => this.inner.exec(sql);
  registerText: SqlEngine['registerText'] = (n, t) => this.inner.registerText(n, t);
  registerBytes: SqlEngine['registerBytes'] = (n, b) => {
    this.slices++;
    return this.inner.registerBytes(n, b);
  };
  dropFile: SqlEngine['dropFile'] = (n) => this.inner.dropFile(n);
  registerSource = (n: string, h: SourceHandle): Promise<void> => {
    this.direct++;
    return this.inner.registerSource(n, h);
  };
  execWithProgress = (sql: string, p: (f: number) => void): Promise<void> => this.inner.execWithProgress(sql, p);
}

const enc = new TextEncoder();
/** A source the engine cannot read whole: the loader must slice it. */
const slicedOnly = (name: string, bytes: Uint8Array): IngestSource => {
  const { handle: _handle, ...rest } = bufferSource(name, bytes);
  return rest;
};

async function loadBoth(
  name: string,
  text: string | Uint8Array,
  opts: Partial<IngestOptions> = {},
): Promise<{ fast: IngestResult; sliced: IngestResult; fastRows: Row[]; slicedRows: Row[]; spy: Spy }> {
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const spy = new Spy(engine);
  const base: IngestOptions = { reportingOffsetMinutes: 540, mode: 'strict', chunkBytes: 1024, ...opts };
  const fast = await ingestFile(spy, bufferSource(name, bytes), { ...base, tableName: 'fast_t' });
  const sliced = await ingestFile(engine, slicedOnly(name, bytes), { ...base, tableName: 'sliced_t' });
  const all = async (t: string): Promise<Row[]> =>
    tableToRows(await engine.query(`SELECT * FROM ${t} ORDER BY ALL`)).map((r) => ({ ...r }));
  const fastRows = fast.ok ? await all('fast_t') : [];
  const slicedRows = sliced.ok ? await all('sliced_t') : [];
  await engine.exec('DROP TABLE IF EXISTS fast_t; DROP TABLE IF EXISTS sliced_t');
  return { fast, sliced, fastRows, slicedRows, spy };
}

describe('direct load: files DuckDB can read as they are', () => {
  it('loads a plain UTF-8 file in one statement, with the same table as the sliced path', async () => {
    const csv =
      'id,name,amount,signed_up,seen_at\n' +
      Array.from(
        { length: 400 },
        (_, i) =>
          `${i},name ${i},${(i * 1.25).toFixed(2)},2024-0${1 + (i % 9)}-1${i % 10},2024-03-0${1 + (i % 9)}T1${i % 10}:00:00Z`,
      ).join('\n') +
      '\n';
    const r = await loadBoth('plain.csv', csv);
    expect(r.spy.direct).toBe(1);
    expect(r.spy.slices).toBe(0);
    expect(r.fast.ok && r.sliced.ok).toBe(true);
    expect(r.fast.rows).toBe(400);
    expect(r.fast.path).toEqual({ kind: 'direct' });
    expect(r.sliced.path).toEqual({ kind: 'sliced' });
    expect(r.fastRows).toEqual(r.slicedRows);
    // Z timestamps are shifted to the reporting offset (+09:00) on both paths.
    expect(r.fastRows.find((x) => x.id === 3)?.seen_at).toBe('2024-03-04 22:00:00');
  });

  it('reads a file above directMaxBytes slice by slice (compressed storage), to the same table', async () => {
    const csv = 'id,name\n' + Array.from({ length: 300 }, (_, i) => `${i},n${i}`).join('\n') + '\n';
    const r = await loadBoth('big.csv', csv, { directMaxBytes: 1000 });
    expect(r.spy.direct).toBe(0);
    expect(r.spy.slices).toBeGreaterThan(1);
    expect(r.fast.path).toEqual({ kind: 'sliced' });
    expect(r.fastRows).toEqual(r.slicedRows);
    expect(r.fast.rows).toBe(300);
  });

  it('turns CRLF and lone CR inside quoted values into LF, as the sliced path does, and skips a BOM', async () => {
    const csv = '\uFEFFid,note\r\n1,"two\r\nlines"\r\n2,"cr\ronly"\r\n3,plain\r\n';
    const r = await loadBoth('crlf.csv', csv);
    expect(r.spy.direct).toBe(1);
    expect(r.fastRows).toEqual([
      { id: 1, note: 'two\nlines' },
      { id: 2, note: 'cr\nonly' },
      { id: 3, note: 'plain' },
    ]);
    expect(r.fastRows).toEqual(r.slicedRows);
  });

  it('reads files without a header, with ; and decimal commas, and with blank lines', async () => {
    const r1 = await loadBoth('noheader.csv', '1,alpha,2024-01-02\n2,beta,2024-01-03\n\n3,gamma,2024-01-04\n');
    expect(r1.spy.direct).toBe(1);
    expect(r1.fast.rows).toBe(3);
    expect(r1.fastRows).toEqual(r1.slicedRows);
    const r2 = await loadBoth('eu.csv', 'Kunde;Betrag\nA;1.234,50\nB;12,5\nC;3\n');
    expect(r2.spy.direct).toBe(1);
    expect(r2.fastRows.map((x) => x.Betrag)).toEqual([1234.5, 12.5, 3]);
    expect(r2.fastRows).toEqual(r2.slicedRows);
  });

  it('reports DuckDB progress while loading, with the row count estimated from the sample', async () => {
    const progress: IngestProgress[] = [];
    const csv = 'a,b\n' + Array.from({ length: 50 }, (_, i) => `${i},x${i}`).join('\n') + '\n';
    const r = await ingestFile(new Spy(engine), bufferSource('p.csv', enc.encode(csv)), {
      reportingOffsetMinutes: 540,
      mode: 'strict',
      tableName: 'progress_t',
      onProgress: (p) => progress.push({ ...p }),
    });
    expect(r.ok).toBe(true);
    const loading = progress.filter((p) => p.phase === 'loading' && p.rowsEstimated);
    expect(loading.length).toBeGreaterThan(0);
    const last = loading[loading.length - 1]!;
    expect(last.bytesRead).toBe(enc.encode(csv).length);
    expect(last.rowsLoaded).toBeGreaterThanOrEqual(45);
    expect(last.rowsLoaded).toBeLessThanOrEqual(55);
    expect(progress[progress.length - 1]).toMatchObject({ phase: 'done', rowsLoaded: 50, rowsEstimated: false });
    await engine.exec('DROP TABLE progress_t');
  });
});

describe('direct load: files it cannot take fall back to the sliced path', () => {
  const ragged = 'id,name\n' + Array.from({ length: 60 }, (_, i) => `${i},n${i}`).join('\n') + '\n61\n62,n62\n';

  it('a ragged row: the same error with its line, strict', async () => {
    const r = await loadBoth('ragged.csv', ragged);
    expect(r.spy.direct).toBe(1);
    expect(r.spy.slices).toBeGreaterThan(0);
    expect(r.fast.ok).toBe(false);
    expect(r.fast.problems).toEqual(r.sliced.problems);
    expect(r.fast.problems.some((p) => p.line === 62)).toBe(true);
  });

  it('a ragged row skipped: the same table and warnings', async () => {
    const r = await loadBoth('ragged.csv', ragged, { mode: 'skip-bad-rows' });
    expect(r.fast.ok && r.sliced.ok).toBe(true);
    expect(r.fast.rows).toBe(61);
    expect(r.fast.skippedRows).toBe(1);
    expect(r.fast.path?.kind).toBe('sliced');
    expect(r.fast.path?.fallback).toMatch(/Expected Number of Columns|CSV Error/);
    expect(r.fast.warnings).toEqual(r.sliced.warnings);
    expect(r.fastRows).toEqual(r.slicedRows);
  });

  it('a value the plan cannot convert, beyond the sample: named with its line and column', async () => {
    const csv =
      'id,day\n' + Array.from({ length: 4000 }, (_, i) => `${i},2024-01-${10 + (i % 18)}`).join('\n') + '\n4001,soon\n';
    const r = await loadBoth('late.csv', csv, { sampleBytes: 256, chunkBytes: 16 * 1024 });
    expect(r.spy.slices).toBeGreaterThan(0);
    expect(r.fast.ok).toBe(false);
    expect(r.fast.problems).toEqual(r.sliced.problems);
    expect(r.fast.problems[0]).toMatchObject({ kind: 'bad-value', line: 4002, column: 'day', value: 'soon' });
  });

  it('invalid UTF-8 in a file the user says is UTF-8', async () => {
    const head = enc.encode('id,name\n' + Array.from({ length: 8000 }, (_, i) => `${i},n${i}`).join('\n') + '\n');
    const bytes = new Uint8Array([...head, ...enc.encode('8001,'), 0xff, 0xfe, 0x0a]);
    const r = await loadBoth('bad.csv', bytes, { sampleBytes: 128, chunkBytes: 16 * 1024, encoding: 'utf-8' });
    expect(r.spy.direct).toBe(1);
    expect(r.spy.slices).toBeGreaterThan(0);
    expect(r.fast.ok).toBe(false);
    expect(r.fast.problems[0]).toMatchObject({ line: 8002 });
    expect(r.fast.problems).toEqual(r.sliced.problems);
  });

  it('leaves no staging table behind after a fallback', async () => {
    await loadBoth('ragged.csv', ragged);
    const left = tableToRows(
      await engine.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__kpiw%'"),
    );
    expect(left).toEqual([]);
  });
});

describe('direct load: property', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'x', 'a,b', 'say "hi"', 'line\nbreak', 'cr\r\nlf', '  padded  ', '日本語', 'NULL', '-'),
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
    fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((d) => d.toFixed(2)),
    fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  );
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

  it('any well-formed CSV gives the same table on both paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((cols) =>
            fc.tuple(
              fc.constant(cols),
              fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }),
              fc.constantFrom('\n', '\r\n'),
            ),
          ),
        async ([cols, body, nl]) => {
          const header = Array.from({ length: cols }, (_, i) => `c${i}`).join(',');
          const csv = [header, ...body.map((r) => r.map(quote).join(','))].join(nl) + nl;
          const r = await loadBoth('prop.csv', csv, { mode: 'skip-bad-rows' });
          expect(r.fast.ok).toBe(r.sliced.ok);
          expect(r.fast.plan).toEqual(r.sliced.plan);
          expect(r.fast.rows).toBe(r.sliced.rows);
          expect(r.fast.warnings).toEqual(r.sliced.warnings);
          expect(r.fastRows).toEqual(r.slicedRows);
        },
      ),
      { numRuns: 40 },
    );
  });
});
