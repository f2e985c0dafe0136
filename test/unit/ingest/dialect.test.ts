import { describe, expect, it } from 'vitest';
import { detectHeader, sniffDialect } from '../../../src/core/ingest/dialect.js';

describe('sniffDialect', () => {
  it('finds the comma, a header and CRLF line breaks', () => {
    const d = sniffDialect('顧客ID,名前,金額\r\n001,山田,"1,200"\r\n002,佐藤,300\r\n');
    expect(d).toMatchObject({
      delimiter: ',',
      quote: '"',
      escape: '"',
      newline: '\r\n',
      header: true,
      fieldCount: 3,
      skipRecords: 0,
    });
    expect(d.mixedNewlines).toBe(false);
  });

  it('is not fooled by commas inside quoted values (decides over many rows)', () => {
    const rows = ['name;note;amount'];
    for (let i = 0; i < 50; i++) rows.push(`n${i};"a, b, c";${i}`);
    expect(sniffDialect(rows.join('\n') + '\n')).toMatchObject({ delimiter: ';', fieldCount: 3 });
  });

  it('finds tab and pipe delimiters', () => {
    expect(sniffDialect('a\tb\tc\n1\t2\t3\n4\t5\t6\n').delimiter).toBe('\t');
    expect(sniffDialect('a|b\n1|x, y\n2|z, w\n').delimiter).toBe('|');
  });

  it('prefers the delimiter with consistent field counts over the one that appears most', () => {
    // commas are frequent but ragged; semicolons give 2 fields on every row
    const text = 'name;desc\nA;x,y,z\nB;x\nC;p,q\nD;r,s,t,u\n';
    expect(sniffDialect(text)).toMatchObject({ delimiter: ';', fieldCount: 2 });
  });

  it('reports mixed line breaks', () => {
    expect(sniffDialect('a,b\r\n1,2\n3,4\r\n').mixedNewlines).toBe(true);
  });

  it('says "no header" when the first row has the types of the data', () => {
    const d = sniffDialect('1,2024-01-05,300\n2,2024-01-06,400\n3,2024-01-07,500\n');
    expect(d.header).toBe(false);
    expect(d.fieldCount).toBe(3);
  });

  it('skips report title lines before the header', () => {
    const d = sniffDialect('顧客一覧\n出力日,2024/01/31\nid,name,amount\n1,a,10\n2,b,20\n3,c,30\n');
    expect(d).toMatchObject({ skipRecords: 2, header: true, fieldCount: 3 });
  });

  it('does not mistake a header for a preamble when data rows end with an empty field', () => {
    const d = sniffDialect('id,name,amount\n1,a,10,\n2,b,20,\n3,c,30,\n');
    expect(d).toMatchObject({ skipRecords: 0, header: true, fieldCount: 4 });
  });

  it('honours an Excel "sep=;" line', () => {
    expect(sniffDialect('sep=;\na;b\n1;2\n')).toMatchObject({ delimiter: ';', skipRecords: 1, header: true });
  });

  it('detects backslash-escaped quotes', () => {
    expect(sniffDialect('a,b\n1,"say \\"hi\\" there"\n2,"x"\n').escape).toBe('\\');
    expect(sniffDialect('a,b\n1,"say \\"hi\\""\n2,"x"\n').escape).toBe('\\');
    expect(sniffDialect('a,b\n1,"say ""hi"""\n2,"x"\n').escape).toBe('"');
  });

  it('drops a cut last line of a sample', () => {
    const d = sniffDialect('a,b,c\n1,2,3\n4,5,6\n7,', { final: false });
    expect(d.consistency).toBe(1);
  });

  it('handles a single-column file', () => {
    expect(sniffDialect('email\na@example.com\nb@example.com\n')).toMatchObject({
      fieldCount: 1,
      header: true,
      delimiter: ',',
    });
  });
});

describe('detectHeader', () => {
  it('is true for text titles over typed data', () => {
    expect(
      detectHeader([
        ['id', 'amount'],
        ['1', '10'],
        ['2', '20'],
      ]).header,
    ).toBe(true);
  });
  it('is true for distinct text names over text data', () => {
    expect(
      detectHeader([
        ['name', 'city'],
        ['Alice', 'Tokyo'],
        ['Bob', 'Osaka'],
      ]).header,
    ).toBe(true);
  });
  it('is false when the first row repeats values like the data', () => {
    expect(
      detectHeader([
        ['a', 'a'],
        ['b', 'c'],
        ['d', 'e'],
      ]).header,
    ).toBe(false);
  });
  it('is false when first-row cells are typed like the data below', () => {
    expect(
      detectHeader([
        ['10', 'p'],
        ['20', 'q'],
      ]).header,
    ).toBe(false);
  });
});
