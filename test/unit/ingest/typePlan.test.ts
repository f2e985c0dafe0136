import { describe, expect, it } from 'vitest';
import { classifyColumn, finalType, planColumns } from '../../../src/core/ingest/typePlan.js';

const type = (cells: string[]): string => finalType(classifyColumn(cells));

describe('classifyColumn', () => {
  it('integers are BIGINT; ids with leading zeros and 20-digit numbers stay text', () => {
    expect(type(['1', '20', '-3', ''])).toBe('BIGINT');
    expect(classifyColumn(['00123', '42'])).toEqual({ kind: 'identifier', reason: 'leading-zero' });
    expect(classifyColumn(['12345678901234567890'])).toEqual({ kind: 'identifier', reason: 'too-large' });
  });

  it('epoch seconds and millis stay BIGINT, noted', () => {
    expect(classifyColumn(['1704067200', '1706745600'])).toMatchObject({ kind: 'integer', epoch: 'seconds' });
    expect(classifyColumn(['1704067200000'])).toMatchObject({ kind: 'integer', epoch: 'millis' });
    expect(classifyColumn(['1', '2'])).toMatchObject({ kind: 'integer', epoch: null });
  });

  it('decimals are DOUBLE', () => {
    expect(type(['1.5', '2', '-0.25', '1e3'])).toBe('DOUBLE');
  });

  it('null tokens never decide; a lone dash counts as missing only in typed columns', () => {
    expect(type(['1', 'NULL', 'N/A', '-', ''])).toBe('BIGINT');
    expect(type(['a', '-', 'b'])).toBe('VARCHAR');
    expect(type(['', 'NULL', '-'])).toBe('VARCHAR');
  });

  it('formatted amounts are DOUBLE only when consistently formatted', () => {
    expect(classifyColumn(['¥1,200', '¥300', '¥12,000', '0'])).toMatchObject({
      kind: 'amount',
      currency: '¥',
      style: 'us',
    });
    expect(classifyColumn(['1,200円', '▲300'])).toMatchObject({ kind: 'amount', currency: '円', negatives: ['▲'] });
    expect(classifyColumn(['1.234,50 €', '12,5 €'])).toMatchObject({ kind: 'amount', style: 'eu' });
    expect(classifyColumn(['1,234,567', '12'])).toMatchObject({ kind: 'amount', currency: null });
    // two currencies in one column: not one amount
    expect(type(['¥1,200', '$5.00'])).toBe('VARCHAR');
    // mixed grouping styles
    expect(type(['1,234.50', '1.234,50'])).toBe('VARCHAR');
    expect(type(['¥1,200', 'call us'])).toBe('VARCHAR');
  });

  it('booleans', () => {
    expect(type(['yes', 'no', 'YES'])).toBe('BOOLEAN');
    expect(type(['true', 'false', ''])).toBe('BOOLEAN');
    expect(type(['1', '0'])).toBe('BIGINT');
  });

  it('dates in all supported styles, also mixed Y-M-D styles in one column', () => {
    expect(classifyColumn(['2024-01-05', '2024/1/6', '2024年1月7日', '2024.01.08'])).toMatchObject({
      kind: 'date',
      order: 'ymd',
    });
    expect(type(['2024-01-05', '2024-02-30'])).toBe('VARCHAR');
    expect(classifyColumn(['31/01/2024', '01/02/2024'])).toMatchObject({
      kind: 'date',
      order: 'dmy',
      ambiguous: false,
    });
    expect(classifyColumn(['01/02/2024', '03/04/2024'])).toMatchObject({ kind: 'date', order: 'mdy', ambiguous: true });
    expect(type(['31/01/2024', '01/31/2024'])).toBe('VARCHAR');
  });

  it('timestamps, with zones noted, plain dates allowed among them', () => {
    expect(classifyColumn(['2024-01-05 10:00', '2024-01-06 11:30:00'])).toMatchObject({
      kind: 'timestamp',
      zoned: false,
    });
    expect(classifyColumn(['2024-01-05T10:00:00Z', '2024-01-05T10:00:00+09:00'])).toMatchObject({
      kind: 'timestamp',
      zoned: true,
      mixedZones: false,
    });
    expect(classifyColumn(['2024-01-05T10:00:00Z', '2024-01-05 10:00:00'])).toMatchObject({
      kind: 'timestamp',
      zoned: true,
      mixedZones: true,
    });
    expect(type(['2024-01-05', '2024-01-06 10:00'])).toBe('TIMESTAMP');
    expect(type(['2024/01/05 10:00', '2024/1/6 9:05'])).toBe('TIMESTAMP');
  });

  it('anything else is VARCHAR', () => {
    expect(type(['山田', '佐藤'])).toBe('VARCHAR');
    expect(type(['03-1234-5678'])).toBe('VARCHAR');
    expect(type(['12%'])).toBe('VARCHAR');
  });
});

describe('planColumns', () => {
  it('plans every column from many rows; only VARCHAR is read, never TIMESTAMP WITH TIME ZONE', () => {
    const names = ['id', '顧客名', '金額', '登録日', '最終ログイン'];
    const rows = Array.from({ length: 200 }, (_, i) => [
      String(i + 1),
      `顧客${i}`,
      `¥${(i * 1000).toLocaleString('en-US')}`,
      `2024/01/${String((i % 28) + 1).padStart(2, '0')}`,
      `2024-01-05T${String(i % 24).padStart(2, '0')}:00:00Z`,
    ]);
    const plan = planColumns(names, rows, { reportingOffsetMinutes: 540 });
    expect(plan.columns.map((c) => [c.name, c.sourceType, c.type])).toEqual([
      ['id', 'VARCHAR', 'BIGINT'],
      ['顧客名', 'VARCHAR', 'VARCHAR'],
      ['金額', 'VARCHAR', 'DOUBLE'],
      ['登録日', 'VARCHAR', 'DATE'],
      ['最終ログイン', 'VARCHAR', 'TIMESTAMP'],
    ]);
    for (const c of plan.columns) {
      expect(c.expr).not.toMatch(/TIMESTAMPTZ|WITH TIME ZONE|%z|strptime\([^)]*%Z/i);
      expect(c.expr).toContain('"' + c.name + '"');
    }
    // the offset arithmetic uses the reporting offset
    expect(plan.columns[4]!.expr).toContain('540');
    expect(plan.notes).toEqual([]);
  });

  it('a value far down the sample changes the decision (many rows are looked at)', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [String(i)]);
    rows[480] = ['00481'];
    expect(planColumns(['code'], rows, { reportingOffsetMinutes: 0 }).columns[0]!.type).toBe('VARCHAR');
  });

  it('notes an ambiguous day/month order', () => {
    const plan = planColumns(['d'], [['01/02/2024'], ['03/04/2024']], { reportingOffsetMinutes: 0 });
    expect(plan.notes).toEqual([{ column: 'd', kind: 'ambiguous-date-order', chosen: 'mdy' }]);
  });

  it('quotes column names safely in the SQL', () => {
    const plan = planColumns(['a "b"'], [['1']], { reportingOffsetMinutes: 0 });
    expect(plan.columns[0]!.expr).toContain('"a ""b"""');
  });
});
