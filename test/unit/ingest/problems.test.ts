import { describe, expect, it } from 'vitest';
import { sniffBinary, isBlankText } from '../../../src/core/ingest/checks.js';
import { translateEngineError } from '../../../src/core/ingest/engineErrors.js';
import { rejectLine, rejectProblem, type RejectRow } from '../../../src/core/ingest/rejects.js';
import { badValueProblem, binaryFileProblem, emptyFileProblem, shortValue } from '../../../src/core/ingest/errors.js';
import { concatBytes, utf16le, utf8 } from './jaBytes.js';

describe('sniffBinary', () => {
  it('recognises Excel workbooks, archives and PDFs by their first bytes', () => {
    const xlsx = concatBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), utf8('....[Content_Types].xml'));
    expect(sniffBinary(xlsx, 'utf-8')).toBe('xlsx');
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'utf-8')).toBe('zip');
    expect(sniffBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'shift_jis')).toBe('xls');
    expect(sniffBinary(new Uint8Array([0x1f, 0x8b, 8, 0]), 'utf-8')).toBe('gzip');
    expect(sniffBinary(utf8('%PDF-1.7\n'), 'utf-8')).toBe('pdf');
  });

  it('flags NUL bytes and control characters, but not in UTF-16', () => {
    const junk = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0 : 0x41));
    expect(sniffBinary(junk, 'utf-8')).toBe('binary');
    expect(sniffBinary(utf16le('a,b\n1,2\n'), 'utf-16le')).toBeNull();
    expect(sniffBinary(utf8('a,b\n1,2\n'), 'utf-8')).toBeNull();
    expect(sniffBinary(concatBytes(utf8('a,b\n'.repeat(500)), new Uint8Array([0])), 'utf-8')).toBeNull();
  });

  it('isBlankText', () => {
    expect(isBlankText('\uFEFF \r\n\u3000')).toBe(true);
    expect(isBlankText(' a ')).toBe(false);
  });
});

describe('translateEngineError (DuckDB 1.4 message texts)', () => {
  const ctx = {
    file: 'f.csv',
    severity: 'error' as const,
    encodingLabel: 'UTF-8',
    lineOfRecord: (n: number) => n + 10,
  };

  it('ragged rows', () => {
    const p = translateEngineError(
      new Error(
        'Invalid Input Error: CSV Error on Line: 5\nOriginal Line: 3,y,z\nExpected Number of Columns: 2 Found: 3\nPossible fixes:\n',
      ),
      ctx,
    );
    expect(p).toMatchObject({ kind: 'ragged-row', line: 15, value: '3,y,z', file: 'f.csv' });
    expect(p.message.en).toContain('3 fields but the header has 2');
  });

  it('unterminated quotes', () => {
    const p = translateEngineError(
      new Error(
        'Invalid Input Error: CSV Error on Line: 4\nOriginal Line: 3,"unterminated\n\nValue with unterminated quote found.',
      ),
      ctx,
    );
    expect(p).toMatchObject({ kind: 'unterminated-quote', line: 14 });
  });

  it('invalid UTF-8', () => {
    const p = translateEngineError(
      'Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 2,??\nInvalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.',
      ctx,
    );
    expect(p).toMatchObject({ kind: 'undecodable', line: 12 });
    expect(p.hint.ja).toContain('Shift_JIS');
  });

  it('conversion errors name the column and value', () => {
    const p = translateEngineError(
      new Error(
        `Conversion Error: CSV Error on Line: 3\nOriginal Line: 2,x\nError when converting column "amt". Could not convert string "x" to 'BIGINT'`,
      ),
      ctx,
    );
    expect(p).toMatchObject({ kind: 'bad-value', column: 'amt', value: 'x', line: 13 });
  });

  it('the parser state-machine error and unknown errors', () => {
    expect(
      translateEngineError(
        new Error('Invalid Input Error: The CSV Parser state machine reached an invalid state.\nThis can happen'),
        ctx,
      ).kind,
    ).toBe('malformed-row');
    const p = translateEngineError(new Error('Out of Memory Error: could not allocate block\nmore'), ctx);
    expect(p).toMatchObject({ kind: 'engine-error' });
    expect(p.message.en).toContain('Out of Memory Error: could not allocate block');
    expect(p.message.en).not.toContain('more');
  });
});

describe('rejects', () => {
  const reject = (over: Partial<RejectRow>): RejectRow => ({
    line: 3,
    lineBytePosition: 1,
    columnName: null,
    errorType: 'TOO MANY COLUMNS',
    csvLine: '3,y,z',
    errorMessage: 'Expected Number of Columns: 2 Found: 3',
    ...over,
  });

  it('maps a 1-based line byte position in a chunk to a file line', () => {
    const chunk = utf8('1,"a\nb"\n2,c\n3,y,z\n');
    // "3,y,z" starts at byte 12 (0-based): DuckDB reports 13
    expect(rejectLine(reject({ lineBytePosition: 13 }), chunk, 100)).toBe(103);
    expect(rejectLine(reject({ lineBytePosition: 1 }), chunk, 100)).toBe(100);
  });

  it('turns reject types into problems', () => {
    const c = { file: 'f.csv', severity: 'warning' as const, line: 7, encodingLabel: 'UTF-8' };
    expect(rejectProblem(reject({}), c)).toMatchObject({ kind: 'ragged-row', line: 7, severity: 'warning' });
    expect(rejectProblem(reject({ errorType: 'UNQUOTED VALUE', csvLine: '1,"abc\n' }), c).kind).toBe(
      'unterminated-quote',
    );
    expect(rejectProblem(reject({ errorType: 'UNQUOTED VALUE', csvLine: '1,"ab"c' }), c).kind).toBe('malformed-row');
    expect(rejectProblem(reject({ errorType: 'INVALID ENCODING' }), c).kind).toBe('undecodable');
  });

  it('invalid UTF-8 is recognised by its message whatever the error type (the browser build differs from Node)', () => {
    const c = { file: 'f.csv', severity: 'error' as const, line: 2, encodingLabel: 'UTF-8' };
    const message = 'Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.';
    for (const errorType of ['INVALID UNICODE', 'INVALID STATE', 'CAST']) {
      expect(rejectProblem(reject({ errorType, errorMessage: message }), c)).toMatchObject({
        kind: 'undecodable',
        line: 2,
      });
    }
  });
});

describe('problem texts', () => {
  it('name the file and say what to do, in both languages', () => {
    for (const p of [
      emptyFileProblem('a.csv'),
      binaryFileProblem('a.xlsx', 'xlsx'),
      badValueProblem('a.csv', 'error', 12, '金額', 'abc', { en: 'a number', ja: '数値' }, 3),
    ]) {
      expect(p.message.en).toContain('a.');
      expect(p.message.ja).toContain('a.');
      expect(p.hint.en.length).toBeGreaterThan(10);
      expect(p.hint.ja.length).toBeGreaterThan(5);
    }
    expect(binaryFileProblem('a.xlsx', 'xlsx').hint.en).toContain('CSV UTF-8');
    const bad = badValueProblem('a.csv', 'error', 12, '金額', 'abc', { en: 'a number', ja: '数値' }, 3);
    expect(bad.message.en).toBe('a.csv, line 12, column "金額": "abc" is not a number (3 such values in this column).');
    expect(bad.message.ja).toContain('12 行目');
  });

  it('shortValue makes line breaks visible and cuts long values', () => {
    expect(shortValue('a\r\nb')).toBe('a⏎b');
    expect(Array.from(shortValue('あ'.repeat(50))).length).toBe(40);
  });
});
