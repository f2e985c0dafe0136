// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  CHART_TYPES,
  chartFor,
  encodingOf,
  hasChart,
  renderChart,
  renderChartSteps,
  resolveChartType,
} from '../../src/app/charts/index.js';
import { createDocument, EN, expectSnapshot, normalize } from './harness.js';

describe('chart registry', () => {
  it('resolves types and aliases', () => {
    for (const t of CHART_TYPES) expect(resolveChartType(t)).toBe(t);
    expect(resolveChartType('diverging-bar')).toBe('diverging-bar');
    expect(resolveChartType('Cohort_Heatmap')).toBe('cohort-heatmap');
    expect(resolveChartType('heatmap')).toBe('cohort-heatmap');
    expect(resolveChartType('nrr-grr')).toBe('rate-lines');
    expect(resolveChartType('pie')).toBeNull();
    expect(resolveChartType(undefined)).toBeNull();
    expect(chartFor('line')).toBeTypeOf('function');
    expect(chartFor('pie')).toBeNull();
  });
  it('reads header encodings', () => {
    expect(encodingOf({ type: 'line', x: 'period', y: ['a', 'b', 3], bars: 'tickets' })).toEqual({
      x: 'period',
      y: ['a', 'b'],
      bars: 'tickets',
    });
    expect(encodingOf({ type: 'diverging-bar', x: 'month', y: 'new_mrr', line: 'ending_mrr' })).toEqual({
      x: 'month',
      y: 'new_mrr',
      line: 'ending_mrr',
    });
    expect(encodingOf(null)).toEqual({});
  });
  it('every type renders empty data as the placeholder', () => {
    for (const type of CHART_TYPES) {
      const el = renderChart(createDocument(), { type }, [], EN);
      expect(el.getAttribute('class'), type).toContain('kpi-chart-empty');
      expect(el.textContent, type).toBe(type === 'sparkline' ? '–' : 'No data'); // a tile shows a dash
    }
  });
  it('every type renders a single row without throwing', () => {
    const row = {
      month: '2024-01-01',
      period: '2024-01-01',
      day: '2024-01-01',
      cohort: '2024-01-01',
      new_mrr: 1,
      churned_mrr: -1,
      net_new_mrr: 0,
      nrr: 1,
      grr: 1,
      dau: 1,
      wau: 1,
      mau: 1,
      dau_mau: 1,
      active_periods: 1,
      users: 1,
      new: 1,
      returning: 0,
      resurrecting: 0,
      dormant: 0,
      responses: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      nps: 100,
      median_first_response_minutes: 1,
      p90_first_response_minutes: 2,
      customer_id: 'c1',
      r_score: 5,
      f_score: 5,
      m_score: 5,
      rfm_segment: 'Champions',
      score: 80,
      band: 'green',
      cohort_size: 1,
      retained: 1,
      retention: 1,
      mrr: 10,
    };
    for (const type of CHART_TYPES) {
      // Cohort rows count periods (0, 1, …) where the others have period dates.
      const el = renderChart(createDocument(), { type }, [type === 'cohort-heatmap' ? { ...row, period: 0 } : row], EN);
      expect(el.getAttribute('class') ?? '', type).not.toContain('kpi-chart-empty');
      expect(el.querySelector('svg') ?? (el.tagName === 'svg' ? el : null), type).not.toBeNull();
    }
  });
  it('the support header (line, y, bars) renders through the registry', () => {
    const rows = [
      { period: '2024-01-01', tickets: 30, median_first_response_minutes: 42, p90_first_response_minutes: 180 },
      { period: '2024-02-01', tickets: 45, median_first_response_minutes: 35, p90_first_response_minutes: 150 },
    ];
    const el = renderChart(
      createDocument(),
      {
        type: 'line',
        x: 'period',
        y: ['median_first_response_minutes', 'p90_first_response_minutes'],
        bars: 'tickets',
      },
      rows,
      {
        ...EN,
        units: { tickets: 'count', median_first_response_minutes: 'minutes', p90_first_response_minutes: 'minutes' },
      },
    );
    expect(el.querySelectorAll('svg.plot-d6a7b5')).toHaveLength(2);
  });
  it('a KPI id picks its dedicated chart over a generic header type, without the header encodings', () => {
    const rows = [
      {
        month: '2024-01-01',
        new_mrr: 100,
        expansion_mrr: 10,
        reactivation_mrr: 0,
        contraction_mrr: -5,
        churned_mrr: -20,
        net_new_mrr: 85,
        ending_mrr: 1085,
      },
      {
        month: '2024-02-01',
        new_mrr: 50,
        expansion_mrr: 20,
        reactivation_mrr: 5,
        contraction_mrr: -10,
        churned_mrr: -30,
        net_new_mrr: 35,
        ending_mrr: 1120,
      },
    ];
    const header = {
      type: 'diverging-bar',
      x: 'month',
      y: ['new_mrr', 'expansion_mrr', 'reactivation_mrr', 'contraction_mrr', 'churned_mrr'],
      line: 'ending_mrr',
    };
    const generic = renderChart(createDocument(), header, rows, {
      ...EN,
      labels: { ending_mrr: 'Ending MRR', net_new_mrr: 'Net new MRR' },
    });
    expect(generic.textContent).toContain('Ending MRR');
    const dedicated = renderChart(createDocument(), header, rows, {
      ...EN,
      kpi: 'mrr_movements',
      labels: { ending_mrr: 'Ending MRR', net_new_mrr: 'Net new MRR' },
    });
    expect(dedicated.getAttribute('class')).toContain('kpi-chart-mrr-movements');
    expect(dedicated.textContent).toContain('Net new MRR');
    expect(dedicated.textContent).not.toContain('Ending MRR');
    expect(
      renderChart(createDocument(), { type: 'table' }, [{ customer_id: 'c', r_score: 5, f_score: 5 }], {
        ...EN,
        kpi: 'rfm',
      }).getAttribute('class'),
    ).toContain('kpi-chart-rfm-grid');
  });
  it('table headers without a dedicated chart give the "no chart" placeholder', () => {
    expect(hasChart({ type: 'table' })).toBe(false);
    expect(hasChart({ type: 'table' }, 'health_score')).toBe(true);
    expect(hasChart({ type: 'line' })).toBe(true);
    const el = renderChart(createDocument(), { type: 'table' }, [{ a: 1 }], EN);
    expect(el.textContent).toBe('No chart for this KPI: see the table');
  });
  it('a bar header over a non-date x (stickiness) draws bars over the x values', () => {
    const rows = [
      { active_periods: 1, users: 10 },
      { active_periods: 2, users: 4 },
      { active_periods: 3, users: 1 },
    ];
    const el = renderChart(createDocument(), { type: 'bar', x: 'active_periods', y: ['users'] }, rows, EN);
    expect(el.querySelectorAll('rect').length).toBeGreaterThanOrEqual(3);
    expect(el.getAttribute('class')).not.toContain('kpi-chart-empty');
  });
  it('unknown types fall back to the line chart; segments become small multiples for non-segment charts', () => {
    const rows = [
      { period: '2024-01-01', segment: 'SMB', responses: 10, promoters: 5, passives: 3, detractors: 2, nps: 30 },
      { period: '2024-02-01', segment: 'SMB', responses: 10, promoters: 6, passives: 2, detractors: 2, nps: 40 },
      { period: '2024-01-01', segment: 'Enterprise', responses: 4, promoters: 1, passives: 1, detractors: 2, nps: -25 },
      { period: '2024-02-01', segment: 'Enterprise', responses: 5, promoters: 3, passives: 1, detractors: 1, nps: 40 },
    ];
    expect(renderChart(createDocument(), { type: 'pie' }, rows, EN).getAttribute('class')).toContain('kpi-chart-line');
    const el = renderChart(createDocument(), { type: 'nps' }, rows, { ...EN, labels: { nps: 'NPS' } });
    expect(el.getAttribute('class')).toContain('kpi-chart-nps-segments');
    expect([...el.querySelectorAll('.kpi-chart-segment')].map((h) => h.textContent)).toEqual(['SMB', 'Enterprise']);
    expectSnapshot('nps-segments', el);
  });
});

describe('renderChartSteps', () => {
  const days = Array.from({ length: 60 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    return { day: d, dau: 10 + (i % 7), wau: 30 + (i % 5), mau: 80 + i, dau_mau: (10 + (i % 7)) / (80 + i) };
  });
  const drain = (steps: Generator<void, Element, void>): { el: Element; pauses: number } => {
    let pauses = 0;
    let r = steps.next();
    while (!r.done) {
      pauses++;
      r = steps.next();
    }
    return { el: r.value, pauses };
  };

  it('draws a two-panel chart in five steps, with the same result as renderChart', () => {
    const { el, pauses } = drain(
      renderChartSteps(createDocument(), { type: 'line' }, days, { ...EN, kpi: 'active_users' }),
    );
    // In each panel between its points and Plot, before the second panel, before assembling.
    expect(pauses).toBe(4);
    const whole = renderChart(createDocument(), { type: 'line' }, days, { ...EN, kpi: 'active_users' });
    expect(normalize(el)).toBe(normalize(whole));
  });

  it('pauses between small multiples, once in a one-panel series chart, never in a one-step chart', () => {
    const rows = ['a', 'b', 'c'].flatMap((segment) => days.slice(0, 10).map((r) => ({ ...r, segment })));
    expect(drain(renderChartSteps(createDocument(), { type: 'stickiness' }, rows, EN)).pauses).toBe(2);
    const line = days.map((r) => ({ period: r.day, value: r.dau }));
    const series = drain(renderChartSteps(createDocument(), { type: 'line', x: 'period', y: 'value' }, line, EN));
    expect(series.pauses).toBe(1);
    expect(normalize(series.el)).toBe(
      normalize(renderChart(createDocument(), { type: 'line', x: 'period', y: 'value' }, line, EN)),
    );
    expect(
      drain(renderChartSteps(createDocument(), { type: 'sparkline', x: 'period', y: 'value' }, line, EN)).pauses,
    ).toBe(0);
  });
});
