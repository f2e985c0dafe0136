// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cohortHeatmap, periodMeans, toCells } from '../../src/app/charts/cohortHeatmap.js';
import { createDocument, DARK, EN, expectSnapshot, JA } from './harness.js';

/** A triangle: 5 monthly cohorts, last cell of each cohort incomplete. */
function triangle(): Record<string, unknown>[] {
  const sizes = [100, 80, 120, 0, 50];
  const rates = [1, 0.62, 0.5, 0.44, 0.4];
  const rows: Record<string, unknown>[] = [];
  sizes.forEach((size, c) => {
    const cohort = `2024-0${c + 1}-01`;
    const n = sizes.length - c; // periods 0 .. n-1
    for (let p = 0; p < n; p++) {
      const rate = size === 0 ? null : Math.max(0, rates[p]! - c * 0.03);
      rows.push({
        cohort,
        period: p,
        cohort_size: size,
        retained: rate === null ? 0 : Math.round(size * rate),
        retention: rate,
        is_complete: p < n - 1,
      });
    }
  });
  return rows;
}

describe('period mean row', () => {
  it('is weighted by cohort size over cohorts that have the cell, skipping empty cohorts', () => {
    const cells = toCells([
      { cohort: '2024-01-01', period: 1, cohort_size: 100, retained: 50, retention: 0.5 },
      { cohort: '2024-02-01', period: 1, cohort_size: 300, retained: 210, retention: 0.7 },
      { cohort: '2024-03-01', period: 1, cohort_size: 0, retained: 0, retention: null },
      { cohort: '2024-01-01', period: 2, cohort_size: 100, retained: 40, retention: 0.4 },
    ]);
    const m = periodMeans(cells);
    expect(m.map((d) => d.period)).toEqual([1, 2]);
    expect(m[0]!.retention).toBeCloseTo((50 + 210) / 400, 12); // pooled, not (0.5 + 0.7) / 2
    expect(m[0]!.cohorts).toBe(2);
    expect(m[0]!.weight).toBe(400);
    expect(m[1]!.retention).toBeCloseTo(0.4, 12);
  });
  it('leaves incomplete cells out when complete ones exist, else uses them and flags the mean', () => {
    const cells = toCells([
      { cohort: '2024-01-01', period: 1, cohort_size: 100, retention: 0.5, is_complete: true },
      { cohort: '2024-02-01', period: 1, cohort_size: 100, retention: 0.1, is_complete: false },
      { cohort: '2024-01-01', period: 2, cohort_size: 100, retention: 0.3, is_complete: false },
    ]);
    const [p1, p2] = periodMeans(cells);
    expect(p1).toMatchObject({ retention: 0.5, cohorts: 1, complete: true });
    expect(p2).toMatchObject({ retention: 0.3, cohorts: 1, complete: false });
  });
  it('gives null for a period where no cohort has a usable cell', () => {
    const m = periodMeans(toCells([{ cohort: '2024-01-01', period: 0, cohort_size: 0, retention: null }]));
    expect(m).toEqual([{ period: 0, retention: null, cohorts: 0, weight: 0, complete: true }]);
  });
  it('drops rows without a cohort or an integer period', () => {
    expect(
      toCells([
        { cohort: null, period: 1 },
        { cohort: '2024-01-01', period: 1.5 },
        { cohort: '2024-01-01', period: null },
      ]),
    ).toEqual([]);
  });
});

describe('cohort heatmap', () => {
  const labels = { cohort: 'Cohort', period: 'Months since first payment', retention: 'Retention' };
  it('triangle with hatched incomplete cells and a mean row', () => {
    expectSnapshot('cohort-heatmap', cohortHeatmap(createDocument(), triangle(), { ...EN, labels, idPrefix: 'c1' }));
  });
  it('ja, dark', () => {
    expectSnapshot('cohort-heatmap-ja-dark', cohortHeatmap(createDocument(), triangle(), { ...JA, theme: 'dark' }));
  });
  it('revenue retention above 100 % widens the colour domain', () => {
    const rows = [
      { cohort: '2024-01-01', period: 0, cohort_size: 10, retained: 1000, retention: 1 },
      { cohort: '2024-01-01', period: 1, cohort_size: 10, retained: 1150, retention: 1.15 },
      { cohort: '2024-01-01', period: 2, cohort_size: 10, retained: 1300, retention: 1.3 },
      { cohort: '2024-02-01', period: 0, cohort_size: 5, retained: 500, retention: 1 },
      { cohort: '2024-02-01', period: 1, cohort_size: 5, retained: 450, retention: 0.9 },
    ];
    expectSnapshot('cohort-heatmap-revenue', cohortHeatmap(createDocument(), rows, DARK));
  });
  it('cells too narrow for "100%" show the number alone; wide cells keep the sign', () => {
    const rows: Record<string, unknown>[] = [];
    for (let c = 0; c < 24; c++) {
      const cohort = new Date(Date.UTC(2023, c, 1)).toISOString().slice(0, 10);
      for (let p = 0; p < 24 - c; p++) rows.push({ cohort, period: p, cohort_size: 10, retained: 10, retention: 1 });
    }
    const cellTexts = (width: number): string[] =>
      [...cohortHeatmap(createDocument(), rows, { ...EN, width }).querySelectorAll('g[aria-label="text"] text')].map(
        (t) => t.textContent ?? '',
      );
    // A4 portrait: about 700 px for 24 periods, under 25 px a cell.
    const narrow = cellTexts(700);
    expect(narrow.length).toBeGreaterThan(0);
    expect(narrow.every((t) => t === '100')).toBe(true);
    const wide = cellTexts(1400);
    expect(wide.every((t) => t === '100%')).toBe(true);
  });
  it('36 cohorts thin the labels', () => {
    const rows: Record<string, unknown>[] = [];
    for (let c = 0; c < 36; c++) {
      const cohort = new Date(Date.UTC(2021, c, 1)).toISOString().slice(0, 10);
      for (let p = 0; p < 36 - c; p++)
        rows.push({ cohort, period: p, cohort_size: 50 + c, retained: 0, retention: p === 0 ? 1 : 0.7 * 0.97 ** p });
    }
    expectSnapshot('cohort-heatmap-36', cohortHeatmap(createDocument(), rows, { ...EN, width: 720 }));
  });
  it('single cell and empty', () => {
    expectSnapshot(
      'cohort-heatmap-single',
      cohortHeatmap(
        createDocument(),
        [{ cohort: '2024-01-01', period: 0, cohort_size: 3, retained: 3, retention: 1 }],
        EN,
      ),
    );
    expectSnapshot('cohort-heatmap-empty', cohortHeatmap(createDocument(), [], EN));
  });
});
