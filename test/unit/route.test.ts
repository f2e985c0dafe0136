import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../src/app/state/route.js';

describe('hash routes', () => {
  it('round-trips a KPI view with parameters', () => {
    const r = parseHash('#/kpi/nrr?lookback_months=1&as_of=2024-03-31');
    expect(r).toEqual({ view: 'kpi', id: 'nrr', params: { lookback_months: '1', as_of: '2024-03-31' } });
    expect(formatHash(r)).toBe('#/kpi/nrr?as_of=2024-03-31&lookback_months=1');
    expect(parseHash(formatHash(r))).toEqual(r);
  });
  it('falls back to the dashboard for anything else', () => {
    expect(parseHash('')).toEqual({ view: 'dashboard' });
    expect(parseHash('#/kpi/DROP TABLE')).toEqual({ view: 'dashboard' });
    expect(parseHash('#/console')).toEqual({ view: 'console' });
  });
});
