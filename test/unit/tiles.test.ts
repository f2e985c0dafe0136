import { describe, expect, it } from 'vitest';
import { tileValues } from '../../src/app/dashboard/tiles.js';

describe('tileValues', () => {
  it('takes the latest complete period and the one before', () => {
    const rows = [
      { month: '2024-01-01', mrr: 100, is_complete: true },
      { month: '2024-02-01', mrr: 120, is_complete: true },
      { month: '2024-03-01', mrr: 90, is_complete: false },
    ];
    expect(tileValues(rows, 'mrr')).toEqual({ value: 120, previous: 100, period: '2024-02-01', series: [100, 120] });
  });
  it('gives nulls for empty or null data', () => {
    expect(tileValues([], 'mrr')).toEqual({ value: null, previous: null, period: null, series: [] });
    expect(tileValues([{ month: '2024-01-01', nrr: null }], 'nrr').value).toBeNull();
  });
});

import { formatUnit } from '../../src/app/format/units.js';

describe('formatUnit', () => {
  it('shows a multiple as N×, a ratio as a percentage', () => {
    expect(formatUnit({ name: 'quick_ratio', type: 'number', unit: 'multiple' }, 2.5, 'en', 'USD')).toBe('2.5×');
    expect(formatUnit({ name: 'nrr', type: 'number', unit: 'ratio' }, 0.9, 'en', 'USD')).toBe('90%');
  });
});
