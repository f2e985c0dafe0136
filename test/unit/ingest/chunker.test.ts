import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createChunker, ChunkerError, type CsvChunk } from '../../../src/core/ingest/chunker.js';
import { normalizeNewlines, newlineState } from '../../../src/core/ingest/newlines.js';
import { csvSyntax, indexRecords, skipRecords, countLines } from '../../../src/core/ingest/scanner.js';
import { parseRecords } from '../../../src/core/ingest/records.js';
import { concatBytes, utf8 } from './jaBytes.js';

const dec = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(b);
const COMMA = csvSyntax(',', '"', '"');

function chunkAll(
  bytes: Uint8Array,
  cuts: number[],
  syntax = COMMA,
  maxRecordBytes?: number,
): { chunks: CsvChunk[]; openQuoteLine: number | null } {
  const c = createChunker(syntax, maxRecordBytes ? { maxRecordBytes } : {});
  const chunks: CsvChunk[] = [];
  let prev = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    const ch = c.push(bytes.subarray(prev, cut));
    if (ch) chunks.push(ch);
    prev = cut;
  }
  const ch = c.push(bytes.subarray(prev));
  if (ch) chunks.push(ch);
  const last = c.end();
  if (last) chunks.push(last);
  return { chunks, openQuoteLine: c.openQuoteLine };
}

describe('normalizeNewlines', () => {
  it('turns CRLF and lone CR into LF and leaves LF alone', () => {
    const st = newlineState();
    expect(dec(normalizeNewlines(utf8('a\r\nb\rc\nd'), st))).toBe('a\nb\nc\nd');
  });

  it('returns the same array when there is no CR', () => {
    const b = utf8('a\nb\n');
    expect(normalizeNewlines(b, newlineState())).toBe(b);
  });

  it('handles a CRLF split between two slices', () => {
    const st = newlineState();
    const a = normalizeNewlines(utf8('x\r'), st);
    const b = normalizeNewlines(utf8('\ny\r\n'), st);
    expect(dec(concatBytes(a, b))).toBe('x\ny\n');
  });
});

describe('scanner helpers', () => {
  it('lists non-blank records with their starting line, quoted line breaks included', () => {
    const bytes = utf8('a,b\n1,"x\ny"\n\n2,z');
    const idx = indexRecords(bytes, COMMA);
    expect(idx.starts).toEqual([0, 4, 13]);
    expect(idx.lines).toEqual([0, 1, 4]);
  });

  it('treats a quote inside an unquoted value as a literal character, as DuckDB does', () => {
    const bytes = utf8('1,5" screen\n2,x\n');
    expect(indexRecords(bytes, COMMA).starts).toEqual([0, 12]);
  });

  it('skips header records, blank lines before them included', () => {
    const bytes = utf8('\ntitle\n"h1\nh1b",h2\n1,2\n');
    expect(skipRecords(bytes, COMMA, 2)).toEqual({ offset: 19, lines: 4, skipped: 2 });
    expect(dec(bytes.subarray(19))).toBe('1,2\n');
  });

  it('counts LF bytes', () => {
    expect(countLines(utf8('a\nb\n"c\nd"\n'))).toBe(4);
    expect(countLines(utf8('a\nb\nc'), 3)).toBe(1);
  });
});

describe('createChunker', () => {
  it('cuts only at record ends: a quoted line break does not end a chunk', () => {
    const bytes = utf8('id,txt\n1,"first\nsecond"\n2,x\n');
    // cut right after the LF inside the quotes
    const { chunks } = chunkAll(bytes, [16]);
    expect(chunks.map((c) => dec(c.bytes))).toEqual(['id,txt\n', '1,"first\nsecond"\n2,x\n']);
    expect(chunks.map((c) => c.firstLine)).toEqual([1, 2]);
    expect(chunks.map((c) => c.lineCount)).toEqual([1, 3]);
  });

  it('never cuts inside a multi-byte character', () => {
    const bytes = utf8('名前,顧客\n山田,髙\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const { chunks } = chunkAll(bytes, [cut]);
      for (const ch of chunks) expect(() => dec(ch.bytes)).not.toThrow();
      expect(dec(concatBytes(...chunks.map((c) => c.bytes)))).toBe('名前,顧客\n山田,髙\n');
    }
  });

  it('normalises CRLF (also inside quotes) and lone CR to LF', () => {
    const { chunks } = chunkAll(utf8('a,b\r\n1,"x\r\ny"\r\n2,z\r3,w'), [5, 11]);
    expect(dec(concatBytes(...chunks.map((c) => c.bytes)))).toBe('a,b\n1,"x\ny"\n2,z\n3,w');
  });

  it('follows doubled quotes and the delimiter in a TSV', () => {
    const tsv = csvSyntax('\t', '"', '"');
    const { chunks } = chunkAll(utf8('a\t"say ""hi\n"" there"\nb\tc\n'), [10], tsv);
    expect(chunks.map((c) => dec(c.bytes))).toEqual(['a\t"say ""hi\n"" there"\nb\tc\n']);
  });

  it('reports a quote still open at the end of the file with its line', () => {
    const { chunks, openQuoteLine } = chunkAll(utf8('a,b\n1,x\n2,"oops\n3,y\n'), [9]);
    expect(openQuoteLine).toBe(3);
    expect(dec(chunks[chunks.length - 1]!.bytes)).toBe('2,"oops\n3,y\n');
  });

  it('stops with ChunkerError instead of buffering the rest of the file behind an open quote', () => {
    const bytes = utf8('a,b\n1,"never closed\n' + '2,x\n'.repeat(200));
    const cuts = Array.from({ length: 20 }, (_, i) => (i + 1) * 40);
    let error: unknown;
    try {
      chunkAll(bytes, cuts, COMMA, 200);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChunkerError);
    expect((error as ChunkerError).reason).toBe('unterminated-quote');
    expect((error as ChunkerError).line).toBe(2);
  });

  it('property: random CSV cut at random byte positions re-chunks into the same records', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        'a',
        '顧客',
        '髙①㈱～',
        '1,200',
        'say "hi"',
        'two\nlines',
        'crlf\r\ninside',
        ' sp ',
        '"',
        ',',
        'he said "yes\nno"',
        '"\n"',
      ),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes('\r')),
    );
    const record = fc.array(cell, { minLength: 3, maxLength: 3 });
    const csv = fc.record({
      rows: fc.array(record, { minLength: 1, maxLength: 25 }),
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 10 }), ({ rows, crlf, finalNewline }, rawCuts) => {
        const quote = (v: string): string => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
        const nl = crlf ? '\r\n' : '\n';
        const text = rows.map((r) => r.map(quote).join(',')).join(nl) + (finalNewline ? nl : '');
        const bytes = utf8(text);
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        const { chunks } = chunkAll(bytes, cuts);
        // every chunk but the last ends with a line break, and all decode as UTF-8
        chunks.slice(0, -1).forEach((c) => expect(c.bytes[c.bytes.length - 1]).toBe(0x0a));
        // chunk line numbers add up
        let line = 1;
        for (const c of chunks) {
          expect(c.firstLine).toBe(line);
          line += c.lineCount;
        }
        // parsing chunk by chunk gives the records that were written (CRLF in values becomes LF)
        const parsed = chunks.flatMap(
          (c) => parseRecords(dec(c.bytes), { delimiter: ',', quote: '"', escape: '"' }).records,
        );
        const expected = rows.map((r) => r.map((v) => v.replace(/\r\n/g, '\n')));
        expect(parsed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scanRecordsFast', () => {
  it('property: agrees with the byte-by-byte scanner on any input cut anywhere', async () => {
    const { scanRecords, scanRecordsFast, scanState } = await import('../../../src/core/ingest/scanner.js');
    const alphabet = fc.constantFrom('a', 'b', ',', '"', '\n', '顧', ';');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom(',', ';'),
        (chars, rawCuts, delim) => {
          const bytes = utf8(chars.join(''));
          const syntax = csvSyntax(delim, '"', '"');
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const slow = scanState(0);
          const fast = scanState(0);
          let prev = 0;
          for (const end of [...cuts, bytes.length]) {
            scanRecords(bytes, prev, end, syntax, slow);
            scanRecordsFast(bytes, prev, end, syntax, fast);
            expect({ lastEnd: fast.lastEnd, lines: fast.lines, at: fast.linesAtLastEnd }).toEqual({
              lastEnd: slow.lastEnd,
              lines: slow.lines,
              at: slow.linesAtLastEnd,
            });
            expect(fast.state).toBe(slow.state);
            if (slow.state === 2) expect(fast.quoteLine).toBe(slow.quoteLine);
            if (slow.lastEnd >= 0) expect(fast.recordStart).toBe(slow.recordStart);
            prev = end;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
