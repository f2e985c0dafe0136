// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { bandOf, healthBins, healthHistogram } from '../../src/app/charts/healthHistogram.js';
import { rfmCells, rfmGrid } from '../../src/app/charts/rfmGrid.js';
import { sparkline, sparkValues } from '../../src/app/charts/sparkline.js';
import { stickiness } from '../../src/app/charts/stickiness.js';
import { createDocument, DARK, EN, expectSnapshot, JA } from './harness.js';

describe('stickiness', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    active_periods: i + 1,
    users: Math.round(400 * 0.8 ** i) + (i === 29 ? 25 : 0),
  }));
  it('30 days, thinned ticks', () => {
    expectSnapshot(
      'stickiness',
      stickiness(createDocument(), rows, {
        ...EN,
        labels: { users: 'Users', activePeriods: 'Days active in the month' },
      }),
    );
  });
  it('7 days with counts over the bars, ja dark', () => {
    expectSnapshot('stickiness-7-ja-dark', stickiness(createDocument(), rows.slice(0, 7), { ...JA, theme: 'dark' }));
  });
  it('single row and empty', () => {
    expectSnapshot('stickiness-single', stickiness(createDocument(), rows.slice(0, 1), EN));
    expectSnapshot('stickiness-empty', stickiness(createDocument(), [], EN));
  });
});

/** 60 deterministic customers spread over the grid. */
function rfmRows(): Record<string, unknown>[] {
  const names = ['Champions', 'Loyal', 'Potential loyalist', 'New', 'At risk', "Can't lose", 'Hibernating', 'Lost'];
  return Array.from({ length: 60 }, (_, i) => {
    const r = (i % 5) + 1;
    const f = (Math.floor(i / 5 + i / 17) % 5) + 1;
    const seg = r >= 4 && f >= 4 ? names[0] : r >= 4 ? names[3] : f >= 4 ? names[4] : r <= 1 ? names[7] : names[6];
    return {
      customer_id: `c${i}`,
      r_score: r,
      f_score: i % 11 === 0 ? 5 : f,
      m_score: ((i * 3) % 5) + 1,
      rfm_segment: seg,
    };
  });
}

describe('RFM grid', () => {
  it('groups customers per cell with the dominant segment', () => {
    const cells = rfmCells([
      { r_score: 5, f_score: 5, m_score: 4, rfm_segment: 'Champions', monetary: 300 },
      { r_score: 5, f_score: 5, m_score: 2, rfm_segment: 'Champions', monetary: 100 },
      { r_score: 5, f_score: 5, m_score: null, rfm_segment: 'Loyal' },
      { r_score: 1, f_score: 2, m_score: 1, rfm_segment: 'Lost' },
      { r_score: 0, f_score: 2, m_score: 1, rfm_segment: 'bad score' },
    ]);
    expect(cells).toEqual([
      { r: 1, f: 2, count: 1, mScore: 1, monetary: null, segments: [{ name: 'Lost', count: 1 }] },
      {
        r: 5,
        f: 5,
        count: 3,
        mScore: 3,
        monetary: 200,
        segments: [
          { name: 'Champions', count: 2 },
          { name: 'Loyal', count: 1 },
        ],
      },
    ]);
  });
  it('grid coloured by count', () => {
    expectSnapshot(
      'rfm-grid',
      rfmGrid(createDocument(), rfmRows(), { ...EN, labels: { customers: 'Customers', m_score: 'Mean M score' } }),
    );
  });
  it('coloured by mean monetary value (JPY)', () => {
    const rows = rfmRows().map((r, i) => ({ ...r, monetary: 5000 + ((i * 37) % 11) * 4000 }));
    expectSnapshot(
      'rfm-grid-monetary-jpy',
      rfmGrid(createDocument(), rows, { ...JA, currency: 'JPY', colorBy: 'monetary' }),
    );
  });
  it('coloured by mean M score, ja dark, narrow (no segment names)', () => {
    expectSnapshot(
      'rfm-grid-monetary-ja-dark',
      rfmGrid(createDocument(), rfmRows(), { ...JA, theme: 'dark', width: 320, colorBy: 'monetary' }),
    );
  });
  it('single customer and empty', () => {
    expectSnapshot('rfm-grid-single', rfmGrid(createDocument(), rfmRows().slice(0, 1), EN));
    expectSnapshot('rfm-grid-empty', rfmGrid(createDocument(), [], JA));
  });
});

describe('health-score histogram', () => {
  it('bins of 5, band from the data else from the score, 100 in the last bin', () => {
    expect(bandOf(50, null)).toBe('red');
    expect(bandOf(50.5, undefined)).toBe('yellow');
    expect(bandOf(76, 'unknown')).toBe('green');
    expect(bandOf(10, 'Green')).toBe('green');
    expect(
      healthBins([
        { score: 100, band: 'green' },
        { score: 0 },
        { score: 52, band: 'yellow' },
        { score: 54 },
        { score: null },
      ]),
    ).toEqual([
      { x1: 0, x2: 5, band: 'red', count: 1 },
      { x1: 50, x2: 55, band: 'yellow', count: 2 },
      { x1: 95, x2: 100, band: 'green', count: 1 },
    ]);
  });
  const rows = Array.from({ length: 120 }, (_, i) => {
    const score = Math.round((Math.sin(i * 1.7) * 0.5 + 0.5) ** 0.8 * 100);
    return { customer_id: `c${i}`, score, band: score <= 50 ? 'red' : score <= 75 ? 'yellow' : 'green' };
  });
  it('120 customers', () => {
    expectSnapshot('health-histogram', healthHistogram(createDocument(), rows, EN));
  });
  it('ja, dark', () => {
    expectSnapshot('health-histogram-ja-dark', healthHistogram(createDocument(), rows, { ...JA, theme: 'dark' }));
  });
  it('single customer and empty', () => {
    expectSnapshot('health-histogram-single', healthHistogram(createDocument(), rows.slice(0, 1), EN));
    expectSnapshot('health-histogram-empty', healthHistogram(createDocument(), [], EN));
  });
});

describe('sparkline', () => {
  const rows = Array.from({ length: 18 }, (_, i) => ({
    month: new Date(Date.UTC(2023, i, 1)).toISOString().slice(0, 10),
    mrr: 1000 + i * 40 + (i % 4) * 35,
  }));
  it('takes the last N values in date order', () => {
    expect(sparkValues([...rows].reverse(), 'mrr', 3)).toEqual(rows.slice(-3).map((r) => r.mrr));
    expect(sparkValues([1, null, 3], undefined, 12)).toEqual([1, null, 3]);
  });
  it('line with the last point', () => {
    expectSnapshot(
      'sparkline',
      sparkline(createDocument(), rows, { ...EN, width: 160, y: 'mrr', units: { mrr: 'currency' }, title: 'MRR' }),
    );
  });
  it('dark, gap, single value, empty', () => {
    expectSnapshot('sparkline-dark-gap', sparkline(createDocument(), [3, 4, null, 6, 5, 7], { ...DARK, width: 120 }));
    expectSnapshot('sparkline-single', sparkline(createDocument(), [42], { ...EN, width: 120 }));
    expectSnapshot('sparkline-empty', sparkline(createDocument(), [], { ...EN, width: 120 }));
  });
});
