/** Reading sample values. */
import { describe, expect, it } from 'vitest';
import { dateLike, parseAmountText, profileColumn } from '../../../src/core/mapping/valueProfile.js';

describe('parseAmountText', () => {
  it('parses amounts with symbols, separators and currency words', () => {
    expect(parseAmountText('¥1,200')).toBe(1200);
    expect(parseAmountText('￥12,000')).toBe(12000);
    expect(parseAmountText('1,200,000円')).toBe(1200000);
    expect(parseAmountText('$29.00')).toBe(29);
    expect(parseAmountText('-5.5')).toBe(-5.5);
    expect(parseAmountText('USD 49')).toBe(49);
    expect(parseAmountText('１，２００')).toBe(1200);
  });

  it('refuses dates, phone numbers and text', () => {
    expect(parseAmountText('2024-01-15')).toBeNull();
    expect(parseAmountText('03-1234-5678')).toBeNull();
    expect(parseAmountText('pro')).toBeNull();
    expect(parseAmountText('')).toBeNull();
  });
});

describe('dateLike', () => {
  it('recognises ISO, slash, Japanese and US dates', () => {
    expect(dateLike('2024-01-15')).toMatchObject({ date: true, time: false });
    expect(dateLike('2024/01/15 9:05:00')).toMatchObject({ date: true, time: true });
    expect(dateLike('2024年1月5日')).toMatchObject({ date: true });
    expect(dateLike('2024-01-15T10:00:00.123Z')).toMatchObject({ date: true, time: true });
    expect(dateLike('1/15/2024')).toMatchObject({ date: true, first: 1, second: 15 });
    expect(dateLike('2024-01')).toMatchObject({ date: true });
    expect(dateLike('12345')).toMatchObject({ date: false });
  });
});

describe('profileColumn', () => {
  it('summarises samples', () => {
    const p = profileColumn({ name: 'x', type: 'VARCHAR', samples: ['usd', 'USD', null, ' ', 'eur'] });
    expect(p.count).toBe(3);
    expect(p.nullShare).toBeCloseTo(0.4);
    expect(p.currencyShare).toBe(1);
    expect(p.values).toEqual(['usd', 'eur']);
  });
});
