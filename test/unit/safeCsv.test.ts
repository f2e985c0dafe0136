import { describe, expect, it } from 'vitest';
import { safeCsvCell, toSafeCsv } from '../../src/app/export/csv.js';

describe('CSV export', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(safeCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(safeCsvCell('+1')).toBe("'+1");
    expect(safeCsvCell('-cmd')).toBe("'-cmd");
    expect(safeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvCell('\tx')).toBe("'\tx");
  });
  it('keeps numbers, dates and plain text as they are', () => {
    expect(safeCsvCell(-12.5)).toBe('-12.5');
    expect(safeCsvCell('2024-01-01')).toBe('2024-01-01');
    expect(safeCsvCell('株式会社髙橋商事')).toBe('株式会社髙橋商事');
    expect(safeCsvCell(null)).toBe('');
    expect(safeCsvCell('a,b')).toBe('"a,b"');
  });
  it('writes a BOM, a header and CRLF lines', () => {
    expect(toSafeCsv(['month', 'mrr'], [{ month: '2024-01-01', mrr: 10 }])).toBe(
      '\uFEFFmonth,mrr\r\n2024-01-01,10\r\n',
    );
  });
});
