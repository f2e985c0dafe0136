// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  linearTicks,
  niceDomain,
  num,
  firstDateColumn,
  numericColumns,
  luminance,
} from '../../src/app/charts/common.js';
import { addGrain, inferGrain, parseIsoDate } from '../../src/app/charts/dates.js';
import {
  currencyFormat,
  durationFormat,
  numberFormat,
  percentFormat,
  periodFormat,
  textWidth,
  unitFormat,
} from '../../src/app/charts/format.js';
import { niceStep, thinBand, timeTicks, TICK_GAP } from '../../src/app/charts/ticks.js';

const utc = (y: number, m: number, d = 1): number => Date.UTC(y, m - 1, d);

describe('dates', () => {
  it('parses ISO dates as UTC and rejects impossible ones', () => {
    expect(parseIsoDate('2024-02-29')).toBe(utc(2024, 2, 29));
    expect(parseIsoDate('2024-03-01 12:30:00')).toBe(Date.UTC(2024, 2, 1, 12, 30));
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('Jan 2024')).toBeNull();
    expect(parseIsoDate(20240101)).toBeNull();
  });
  it('adds periods and infers the grain from the spacing', () => {
    expect(addGrain(utc(2024, 1, 31), 'month', 1)).toBe(utc(2024, 3, 2)); // JS month roll-over: periods start on the 1st
    expect(addGrain(utc(2024, 11), 'quarter', 1)).toBe(utc(2025, 2));
    expect(inferGrain([utc(2024, 1), utc(2024, 2), utc(2024, 3)])).toBe('month');
    expect(inferGrain([utc(2024, 1, 1), utc(2024, 1, 8)])).toBe('week');
    expect(inferGrain([utc(2024, 1, 1), utc(2024, 1, 2)])).toBe('day');
    expect(inferGrain([utc(2024, 1), utc(2024, 4)])).toBe('quarter');
    expect(inferGrain([utc(2023, 1), utc(2024, 1)])).toBe('year');
    expect(inferGrain([utc(2024, 1)], 'week')).toBe('week');
  });
});

describe('formatters (Intl, en-US / ja-JP)', () => {
  it('numbers, percents, currencies, durations', () => {
    expect(numberFormat('en')(1234.567)).toBe('1,234.57');
    expect(numberFormat('en', { compact: true })(12345)).toBe('12.3K');
    expect(numberFormat('ja', { compact: true })(123456)).toBe('12.3万');
    expect(percentFormat('en')(0.8)).toBe('80%');
    expect(percentFormat('ja', 1)(0.1234)).toBe('12.3%');
    expect(currencyFormat('en', 'USD', true)(5000)).toBe('$5K');
    expect(currencyFormat('en', 'USD', true)(0)).toBe('$0');
    expect(currencyFormat('en', 'USD')(1234.5)).toBe('$1,234.5');
    expect(currencyFormat('ja', 'JPY')(1234567)).toBe('￥1,234,567');
    expect(currencyFormat('ja', 'JPY', true)(1234567)).toBe('￥123.5万');
    expect(currencyFormat('en', 'not a code')(12)).toBe('12');
    expect(durationFormat('en', 'minute')(45)).toBe('45 min');
    expect(durationFormat('ja', 'hour')(3)).toBe('3 時間');
    expect(unitFormat('ratio', 'en', undefined, true)(1.05)).toBe('105%');
    expect(numberFormat('en')(null)).toBe('–');
    expect(percentFormat('en')(Number.NaN)).toBe('–');
  });
  it('periods by grain, in UTC', () => {
    const t = utc(2024, 1, 1);
    expect(periodFormat('en', 'month')(t)).toBe('Jan 2024');
    expect(periodFormat('ja', 'month')(t)).toBe('2024年1月');
    expect(periodFormat('en', 'day')(t)).toBe('Jan 1, 2024');
    expect(periodFormat('en', 'quarter')(utc(2024, 4))).toBe('Q2 2024');
    expect(periodFormat('ja', 'year')(t)).toBe('2024年');
  });
  it('estimates label widths, CJK full width', () => {
    expect(textWidth('abcd', 10)).toBeCloseTo(24.8);
    expect(textWidth('年月', 10)).toBe(20);
    expect(textWidth('Jan\n2024', 10)).toBeCloseTo(24.8);
  });
});

describe('tick thinning', () => {
  function noOverlap(
    start: number,
    end: number,
    width: number,
    locale: 'en' | 'ja',
    grain: 'day' | 'month' = 'month',
  ): ReturnType<typeof timeTicks> {
    const tt = timeTicks(start, end, width, locale, grain);
    const px = (t: number): number => ((t - start) / (end - start)) * width;
    for (let i = 1; i < tt.ticks.length; i++) {
      const room = px(tt.ticks[i]!) - px(tt.ticks[i - 1]!);
      expect(room).toBeGreaterThanOrEqual((textWidth(tt.labels[i]!) + textWidth(tt.labels[i - 1]!)) / 2 + TICK_GAP);
    }
    return tt;
  }
  it('120 months in 560 px: yearly ticks, no overlap, both locales', () => {
    const en = noOverlap(utc(2015, 1), utc(2025, 1), 560, 'en');
    expect(en.unit).toBe('year');
    expect(en.labels[0]).toBe('2015');
    const ja = noOverlap(utc(2015, 1), utc(2025, 1), 560, 'ja');
    expect(ja.labels[0]).toBe('2015年');
    expect(ja.ticks.length).toBeLessThanOrEqual(11);
  });
  it('12 months in 600 px: monthly ticks with the year on the first and on January', () => {
    const tt = noOverlap(utc(2024, 1), utc(2025, 1), 600, 'en');
    expect(tt).toMatchObject({ unit: 'month', step: 1 });
    expect(tt.labels.slice(0, 2)).toEqual(['Jan\n2024', 'Feb']);
    expect(tt.labels[12]).toBe('Jan\n2025');
  });
  it('narrow widths step up to 2, 3, 6 months, aligned on January', () => {
    const tt = noOverlap(utc(2023, 1), utc(2025, 1), 240, 'en');
    expect(tt.unit).toBe('month');
    expect(tt.step).toBeGreaterThan(1);
    for (const t of tt.ticks) expect(new Date(t).getUTCMonth() % tt.step).toBe(0);
  });
  it('never ticks finer than the data grain', () => {
    const tt = timeTicks(utc(2024, 1), utc(2024, 3), 2000, 'en', 'month');
    expect(tt.unit).toBe('month');
    const days = noOverlap(utc(2024, 1, 1), utc(2024, 1, 15), 600, 'en', 'day');
    expect(days.unit).toBe('day');
  });
  it('a domain shorter than one step still gets a labelled tick', () => {
    const tt = timeTicks(utc(2024, 1, 15), utc(2024, 1, 20), 300, 'en', 'month');
    expect(tt.ticks).toHaveLength(1);
  });
  it('thins band labels to a nice step', () => {
    expect(niceStep(7)).toBe(10);
    expect(niceStep(1)).toBe(1);
    const keys = Array.from({ length: 100 }, (_, i) => i);
    const kept = thinBand(keys, 500, String);
    expect(kept.slice(0, 3)).toEqual([0, 5, 10]); // 5 px bands, ~12 px labels + 8 px gap: 4.1 bands -> 5
    expect(thinBand(keys.slice(0, 5), 500, String)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('linear ticks and rows', () => {
  it('nice domains and exact ticks', () => {
    expect(niceDomain(0.9, 1.08, 5)).toEqual([0.9, 1.1]);
    expect(linearTicks(0.9, 1.1, 5)).toEqual([0.9, 0.95, 1, 1.05, 1.1]);
    expect(niceDomain(-2500, 5000, 6)).toEqual([-3000, 5000]);
    expect(linearTicks(0, 0, 5)).toEqual([0]);
  });
  it('reads rows', () => {
    expect(num('12')).toBe(12);
    expect(num('')).toBeNull();
    expect(num(Number.NaN)).toBeNull();
    const rows = [
      { month: '2024-01-01', name: 'a', mrr: 1, n: null },
      { month: '2024-02-01', name: 'b', mrr: 2, n: 3 },
    ];
    expect(firstDateColumn(rows)).toBe('month');
    expect(numericColumns(rows)).toEqual(['mrr', 'n']);
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('rgb(0, 0, 0)')).toBe(0);
  });
});
