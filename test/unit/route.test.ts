import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../src/app/state/route.js';

describe('hash routes', () => {
  it('round-trips a KPI view with parameters', () => {
    const r = parseHash('#/kpi/nrr?lookback_months=1&as_of=2024-03-31');
    expect(r).toEqual({
      view: 'kpi',
      id: 'nrr',
      params: { lookback_months: '1', as_of: '2024-03-31' },
    });
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
  it('round-trips a report: views in order, each with its own parameters', () => {
    const r = parseHash('#/report?v=mrr_movements&v=cohort_retention%3Fmode%3Don_or_after%26grain%3Dweek');
    expect(r).toEqual({
      view: 'report',
      items: [
        { id: 'mrr_movements', params: {} },
        {
          id: 'cohort_retention',
          params: { mode: 'on_or_after', grain: 'week' },
        },
      ],
    });
    // Parameters are written sorted; reading the written hash gives the same route.
    expect(formatHash(r)).toBe('#/report?v=mrr_movements&v=cohort_retention%3Fgrain%3Dweek%26mode%3Don_or_after');
    expect(parseHash(formatHash(r))).toEqual(r);
  });
  it('keeps parameter values with & = ? and non-ASCII text in a report link', () => {
    const r = {
      view: 'report' as const,
      items: [{ id: 'event_trend', params: { events: 'a&b=c?d', label: '解約' } }],
    };
    expect(parseHash(formatHash(r))).toEqual(r);
  });
  it('an empty report, and report items that are not KPI ids are dropped', () => {
    expect(parseHash('#/report')).toEqual({ view: 'report', items: [] });
    expect(formatHash({ view: 'report', items: [] })).toBe('#/report');
    expect(parseHash('#/report?v=DROP%20TABLE&v=nps&x=1')).toEqual({
      view: 'report',
      items: [{ id: 'nps', params: {} }],
    });
  });
  it('keeps a question mark inside a KPI parameter value', () => {
    expect(parseHash('#/kpi/event_trend?events=a%3Fb')).toEqual({
      view: 'kpi',
      id: 'event_trend',
      params: { events: 'a?b' },
    });
  });
});
