// @vitest-environment node
import { describe, it } from 'vitest';
import { barChart, lineChart } from '../../src/app/charts/generic.js';
import { createDocument, DARK, EN, expectSnapshot, JA } from './harness.js';

const monthly = [
  { month: '2024-01-01', mrr: 12000, arr: 144000, active_customers: 40 },
  { month: '2024-02-01', mrr: 12800, arr: 153600, active_customers: 42 },
  { month: '2024-03-01', mrr: 13100, arr: 157200, active_customers: 43 },
  { month: '2024-04-01', mrr: 12600, arr: 151200, active_customers: 41 },
  { month: '2024-05-01', mrr: 14100, arr: 169200, active_customers: 45 },
  { month: '2024-06-01', mrr: null, arr: null, active_customers: 45 },
  { month: '2024-07-01', mrr: 15300, arr: 183600, active_customers: 47 },
];
const units = { mrr: 'currency', arr: 'currency', active_customers: 'count' } as const;

describe('generic line and bar charts', () => {
  it('line: one series, currency axis, gap for null', () => {
    expectSnapshot(
      'generic-line',
      lineChart(createDocument(), monthly, { ...EN, y: ['mrr'], units, labels: { mrr: 'MRR' } }),
    );
  });
  it('line: default y keeps the first unit (mrr, arr), ja locale, JPY', () => {
    expectSnapshot(
      'generic-line-ja',
      lineChart(createDocument(), monthly, { ...JA, units, currency: 'JPY', labels: { mrr: 'MRR', arr: 'ARR' } }),
    );
  });
  it('bar: two columns grouped, dark theme', () => {
    expectSnapshot('generic-bar-dark', barChart(createDocument(), monthly, { ...DARK, y: ['mrr', 'arr'], units }));
  });
  it('line: 120 months keep ticks apart', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      month: new Date(Date.UTC(2015, i, 1)).toISOString().slice(0, 10),
      mrr: 1000 + i * 50 + (i % 7) * 30,
    }));
    expectSnapshot('generic-line-120-months', lineChart(createDocument(), rows, { ...JA, units }));
  });
  it('segments: three coloured series', () => {
    const rows = monthly.slice(0, 4).flatMap((r, i) =>
      ['SMB', 'Mid-market', 'Enterprise'].map((segment, j) => ({
        month: r.month,
        segment,
        mrr: 1000 * (j + 1) + i * 100 * (j + 1),
      })),
    );
    expectSnapshot('generic-line-segments', lineChart(createDocument(), rows, { ...EN, y: 'mrr', units }));
  });
  it('segments: eight become small multiples', () => {
    const segs = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const rows = monthly
      .slice(0, 3)
      .flatMap((r, i) => segs.map((segment, j) => ({ month: r.month, segment, tickets: (j + 1) * 3 + i })));
    expectSnapshot(
      'generic-bar-facets',
      barChart(createDocument(), rows, { ...EN, y: 'tickets', units: { tickets: 'count' } }),
    );
  });
  it('line with a bars panel (support header)', () => {
    const rows = [
      { period: '2024-01-01', tickets: 30, median_first_response_minutes: 42, p90_first_response_minutes: 180 },
      { period: '2024-02-01', tickets: 45, median_first_response_minutes: 35, p90_first_response_minutes: 150 },
      { period: '2024-03-01', tickets: 25, median_first_response_minutes: 50, p90_first_response_minutes: 240 },
    ];
    expectSnapshot(
      'generic-line-bars',
      lineChart(createDocument(), rows, {
        ...EN,
        x: 'period',
        y: ['median_first_response_minutes', 'p90_first_response_minutes'],
        bars: 'tickets',
        units: { tickets: 'count', median_first_response_minutes: 'minutes', p90_first_response_minutes: 'minutes' },
      }),
    );
  });
  it('single row and empty', () => {
    expectSnapshot('generic-line-single', lineChart(createDocument(), monthly.slice(0, 1), { ...EN, y: 'mrr', units }));
    expectSnapshot('generic-bar-single', barChart(createDocument(), monthly.slice(0, 1), { ...EN, y: 'mrr', units }));
    expectSnapshot('generic-empty', lineChart(createDocument(), [], EN));
  });
});
