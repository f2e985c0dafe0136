import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../../src/core/ingest/records.js';

const C = { delimiter: ',', quote: '"', escape: '"' };

describe('parseRecords', () => {
  it('splits fields and records, keeping empty fields', () => {
    expect(parseRecords('a,b,c\n1,,3\n,,\n', C).records).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['', '', ''],
    ]);
  });

  it('handles quoted delimiters, doubled quotes and line breaks inside quotes', () => {
    const r = parseRecords('id,note\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,x\r\n', C);
    expect(r.records).toEqual([
      ['id', 'note'],
      ['1', 'a, b'],
      ['2', 'say "hi"'],
      ['3', 'two\r\nlines'],
      ['4', 'x'],
    ]);
    expect(r.lines).toEqual([1, 2, 3, 4, 6]);
  });

  it('treats LF, CRLF and CR alike as record ends and skips blank lines', () => {
    const r = parseRecords('a,b\r\n\r\n1,2\r3,4\n\n5,6', C);
    expect(r.records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(r.lines).toEqual([1, 3, 4, 6]);
  });

  it('keeps a quote inside an unquoted value literally', () => {
    expect(parseRecords('5" screen,x\n', C).records).toEqual([['5" screen', 'x']]);
  });

  it('keeps text after a closing quote (malformed, reported by DuckDB later)', () => {
    expect(parseRecords('"ab"c,d\n', C).records).toEqual([['abc', 'd']]);
  });

  it('supports a trailing delimiter at the end of the text', () => {
    expect(parseRecords('a,', C).records).toEqual([['a', '']]);
  });

  it('supports tab, semicolon and pipe delimiters and backslash escapes', () => {
    expect(parseRecords('a\tb\n1\t2\n', { ...C, delimiter: '\t' }).records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseRecords('a;"x;y"\n', { ...C, delimiter: ';' }).records).toEqual([['a', 'x;y']]);
    expect(parseRecords('"a \\"q\\" b"|c\n', { delimiter: '|', quote: '"', escape: '\\' }).records).toEqual([
      ['a "q" b', 'c'],
    ]);
  });

  it('stops at maxRows', () => {
    const r = parseRecords('1\n2\n3\n4\n', C, { maxRows: 2 });
    expect(r.records).toEqual([['1'], ['2']]);
    expect(r.limited).toBe(true);
  });

  it('drops the possibly cut last record of a sample (final: false)', () => {
    expect(parseRecords('a,b\n1,2\n3,', C, { final: false }).records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseRecords('a,b\n1,"open\n', C, { final: false })).toMatchObject({
      records: [['a', 'b']],
      openQuoteLine: null,
    });
  });

  it('reports a quote still open at the end of complete text', () => {
    const r = parseRecords('a,b\n1,"open\n2,x\n', C);
    expect(r.openQuoteLine).toBe(2);
    expect(r.records[1]).toEqual(['1', 'open\n2,x\n']);
  });
});
