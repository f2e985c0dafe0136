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
  it('round-trips the custom-KPI editor routes', () => {
    for (const [hash, route] of [
      ['#/custom/new', { view: 'custom', id: null }],
      ['#/custom/new?from=mrr_movements', { view: 'custom', id: null, from: 'mrr_movements' }],
      ['#/custom/my_kpi', { view: 'custom', id: 'my_kpi' }],
    ] as const) {
      expect(parseHash(hash)).toEqual(route);
      expect(formatHash(parseHash(hash))).toBe(hash);
    }
    expect(parseHash('#/custom/new?from=DROP%20TABLE')).toEqual({ view: 'custom', id: null });
    expect(parseHash('#/custom/Bad-Id')).toEqual({ view: 'dashboard' });
  });
});
