import { describe, expect, it } from 'vitest';
import { resultPeriod } from '../../../src/app/report/period.js';

describe('report period', () => {
  it('spans the first to the last period of a result, with the report date it ran with', () => {
    const rows = [
      { month: '2024-11-01', mrr: 0 },
      { month: '2024-12-01', mrr: 10 },
      { month: '2026-10-01', mrr: 20, is_complete: false },
    ];
    expect(resultPeriod(rows, { as_of: '2026-10-31', breakdown: 'none' })).toEqual({
      from: '2024-11-01',
      to: '2026-10-01',
      asOf: '2026-10-31',
    });
  });
  it('reads periods from the first column whatever its name, in any row order, and times as dates', () => {
    const rows = [
      { period: '2025-03-01 00:00:00', n: 1 },
      { period: '2025-01-01 00:00:00', n: 2 },
    ];
    expect(resultPeriod(rows, {})).toEqual({
      from: '2025-01-01',
      to: '2025-03-01',
      asOf: null,
    });
  });
  it('is null for results without dated rows', () => {
    expect(resultPeriod([], { as_of: '2026-01-31' })).toBeNull();
    expect(resultPeriod([{ segment: 'SMB', n: 3 }], { as_of: '2026-01-31' })).toBeNull();
  });
});
