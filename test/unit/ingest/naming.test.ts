import { describe, expect, it } from 'vitest';
import { columnNames, quoteIdent, slugify, tableNameFromFile, uniqueName } from '../../../src/core/ingest/naming.js';
import { quoteLiteral } from '../../../src/core/ingest/sql.js';

describe('tableNameFromFile', () => {
  it('strips extension and export noise', () => {
    expect(tableNameFromFile('Customers.csv')).toBe('customers');
    expect(tableNameFromFile('customers_2024-01-31.csv')).toBe('customers');
    expect(tableNameFromFile('subscriptions (1).csv')).toBe('subscriptions');
    expect(tableNameFromFile('Events_20240131_103000.csv')).toBe('events');
    expect(tableNameFromFile('events-2024-01-31T10_00_00Z.csv')).toBe('events');
    expect(tableNameFromFile('2024-01-31_tickets.csv')).toBe('tickets');
    expect(tableNameFromFile('顧客一覧 - コピー.csv')).toBe('顧客一覧');
    expect(tableNameFromFile('顧客一覧_2024年1月.csv')).toBe('顧客一覧');
    expect(tableNameFromFile('export_1706659200.tsv')).toBe('export');
    expect(tableNameFromFile('C:\\Users\\me\\Downloads\\MRR Report.CSV')).toBe('mrr_report');
  });

  it('keeps Japanese letters, folds full-width and half-width forms, replaces the rest by _', () => {
    expect(tableNameFromFile('顧客マスタ(最新).csv')).toBe('顧客マスタ_最新');
    expect(tableNameFromFile('ＣＳＶ出力.csv')).toBe('csv出力');
    expect(tableNameFromFile('ｶｲﾔｸ.csv')).toBe('カイヤク');
    expect(tableNameFromFile('a  b--c.csv')).toBe('a_b_c');
  });

  it('never returns an empty name or one starting with a digit', () => {
    expect(tableNameFromFile('!!!.csv')).toBe('table');
    expect(tableNameFromFile('2024.csv')).toBe('t_2024');
  });

  it('is unique against existing names, ignoring case', () => {
    expect(tableNameFromFile('customers.csv', ['Customers'])).toBe('customers_2');
    expect(tableNameFromFile('Customers_2024-01-31 (1).csv', ['customers', 'customers_2'])).toBe('customers_3');
  });
});

describe('identifiers and literals', () => {
  it('quoteIdent doubles double quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('顧客 ID')).toBe('"顧客 ID"');
    expect(quoteIdent('select')).toBe('"select"');
  });
  it('quoteLiteral doubles single quotes', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
  it('slugify and uniqueName', () => {
    expect(slugify('  ')).toBe('table');
    expect(uniqueName('a', ['A', 'a_2'])).toBe('a_3');
  });
});

describe('columnNames', () => {
  it('keeps header text, trims it, fills empty headers and dedupes', () => {
    expect(columnNames([' 顧客ID ', '名前', '', 'ID', 'id', '名前'], 7)).toEqual([
      '顧客ID',
      '名前',
      'column_3',
      'ID',
      'id_2',
      '名前_2',
      'column_7',
    ]);
  });
  it('cleans BOM remnants, full-width spaces and line breaks in quoted headers', () => {
    expect(columnNames(['\uFEFFid', '\u3000金額\u3000', 'first\nname'], 3)).toEqual(['id', '金額', 'first name']);
  });
  it('does not collide a generated name with a real one', () => {
    expect(columnNames(['column_2', ''], 2)).toEqual(['column_2', 'column_2_2']);
  });
});
