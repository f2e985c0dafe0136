import { describe, expect, it } from 'vitest';
import {
  booleanValue,
  dateShape,
  integerShape,
  isDashToken,
  isNullToken,
  isPlainDecimal,
  numberShape,
  timestampShape,
} from '../../../src/core/ingest/valueFormats.js';

describe('null tokens', () => {
  it('recognises empty and common null spellings', () => {
    for (const v of ['', '  ', 'NULL', 'null', 'N/A', '#N/A', '\\N', 'NaN', 'None']) expect(isNullToken(v)).toBe(true);
    for (const v of ['0', 'Nancy', 'n', '-']) expect(isNullToken(v)).toBe(false);
    expect(isDashToken('-')).toBe(true);
    expect(isDashToken('－')).toBe(true);
    expect(isDashToken('-1')).toBe(false);
  });
});

describe('numbers', () => {
  it('integers, with leading zeros and BIGINT range flagged', () => {
    expect(integerShape('42')).toMatchObject({ leadingZero: false, outOfRange: false, value: 42n });
    expect(integerShape('-7')?.value).toBe(-7n);
    expect(integerShape('00123')?.leadingZero).toBe(true);
    expect(integerShape('0')?.leadingZero).toBe(false);
    expect(integerShape('9223372036854775808')?.outOfRange).toBe(true);
    expect(integerShape('1.0')).toBeNull();
  });

  it('plain decimals', () => {
    for (const v of ['3.14', '.5', '-2', '1e3', '1.5E-2']) expect(isPlainDecimal(v)).toBe(true);
    for (const v of ['1,200', '¥1', '1.2.3', '007.5', '']) expect(isPlainDecimal(v)).toBe(false);
  });

  it('formatted amounts: currency marks, grouping, negative markers', () => {
    expect(numberShape('¥1,200')).toMatchObject({ currency: '¥', grouping: 'ambiguous', mark: ',', value: 1200 });
    expect(numberShape('1,200円')).toMatchObject({ currency: '円', value: 1200 });
    expect(numberShape('$1,234,567.89')).toMatchObject({
      currency: '$',
      grouping: ',',
      decimal: '.',
      value: 1234567.89,
    });
    expect(numberShape('-¥50')).toMatchObject({ negative: '-', currency: '¥', value: -50 });
    expect(numberShape('¥-50')).toMatchObject({ negative: '-', value: -50 });
    expect(numberShape('▲1,000')).toMatchObject({ negative: '▲', value: -1000 });
    expect(numberShape('(1,000)')).toMatchObject({ negative: '()', value: -1000 });
    expect(numberShape('1.234,50 €')).toMatchObject({ currency: '€', grouping: '.', decimal: ',', value: 1234.5 });
    expect(numberShape('12,5')).toMatchObject({ grouping: 'none', decimal: ',', value: 12.5 });
    expect(numberShape('\\2,000')).toMatchObject({ currency: '\\', value: 2000 });
    expect(numberShape('1,2,3')).toBeNull();
    expect(numberShape('12abc')).toBeNull();
    expect(numberShape('¥')).toBeNull();
  });
});

describe('booleans', () => {
  it('reads common spellings in any case', () => {
    expect(['true', 'TRUE', 'Yes', 'y', 't', 'はい'].map(booleanValue)).toEqual([true, true, true, true, true, true]);
    expect(['false', 'No', 'N', 'f', 'いいえ'].map(booleanValue)).toEqual([false, false, false, false, false]);
    expect(booleanValue('1')).toBeNull();
    expect(booleanValue('maybe')).toBeNull();
  });
});

describe('dates', () => {
  it('reads the supported styles', () => {
    expect(dateShape('2024-01-05')).toMatchObject({ order: 'ymd', style: '-', year: 2024, month: 1, day: 5 });
    expect(dateShape('2024/1/5')).toMatchObject({ style: '/', month: 1, day: 5 });
    expect(dateShape('2024.01.05')).toMatchObject({ style: '.' });
    expect(dateShape('2024年1月5日')).toMatchObject({ style: '年月日', year: 2024, month: 1, day: 5 });
    expect(dateShape('31/01/2024')).toMatchObject({ order: 'dmy', month: 1, day: 31 });
    expect(dateShape('01/31/2024')).toMatchObject({ order: 'mdy', month: 1, day: 31 });
    expect(dateShape('03/04/2024')?.order).toBe('ambiguous');
    expect(dateShape('05.01.2024')).toMatchObject({ order: 'dmy', month: 1, day: 5 });
  });

  it('rejects impossible dates and non-dates', () => {
    for (const v of ['2024-02-30', '2023-02-29', '2024-13-01', '20240105', '2024-01', '24/01/05'])
      expect(dateShape(v)).toBeNull();
    expect(dateShape('2024-02-29')).not.toBeNull();
  });
});

describe('timestamps', () => {
  it('reads ISO and local forms with optional seconds and fractions', () => {
    expect(timestampShape('2024-01-05 10:00')).toMatchObject({ t: false, hasSeconds: false, zone: null });
    expect(timestampShape('2024-01-05T10:00:00')).toMatchObject({ t: true, hasSeconds: true });
    expect(timestampShape('2024-01-05 10:00:00.123')).toMatchObject({ fractionDigits: 3 });
    expect(timestampShape('2024/01/05 9:05')).toMatchObject({ date: { style: '/' } });
    expect(timestampShape('2024年1月5日 10:00')).toMatchObject({ date: { style: '年月日' } });
  });

  it('reads zones: Z, UTC, +09:00, +0900, -05', () => {
    expect(timestampShape('2024-01-05T15:30:00Z')).toMatchObject({ zone: 'Z', offsetMinutes: 0 });
    expect(timestampShape('2024-01-05 15:30:00 UTC')).toMatchObject({ zone: 'UTC', offsetMinutes: 0 });
    expect(timestampShape('2024-01-05T10:00:00+09:00')).toMatchObject({ zone: '+hh:mm', offsetMinutes: 540 });
    expect(timestampShape('2024-01-05T10:00:00+0530')).toMatchObject({ zone: '+hhmm', offsetMinutes: 330 });
    expect(timestampShape('2024-01-05 10:00-05')).toMatchObject({ zone: '+hh', offsetMinutes: -300 });
  });

  it('rejects bad times and plain dates', () => {
    for (const v of [
      '2024-01-05',
      '2024-01-05 25:00',
      '2024-01-05 10:61',
      '2024-02-30 10:00',
      '10:00',
      '2024-01-05T10:00:00+25:00',
    ]) {
      expect(timestampShape(v)).toBeNull();
    }
  });
});
