/**
 * What the UI needs to know about charts without drawing one: the chart types, their
 * aliases, the KPIs with a dedicated chart, whether a header asks for a chart, and a
 * header's encodings. No Plot here, so the page can decide before loading the drawing code
 * (`index.ts`, imported lazily by the chart host).
 */
import type { ChartEncoding } from './types.js';

/** The chart types the registry knows (canonical names). */
export const CHART_TYPES = [
  'cohort-heatmap',
  'mrr-movements',
  'diverging-bar',
  'rate-lines',
  'active-users',
  'stickiness',
  'lifecycle',
  'nps',
  'support',
  'rfm-grid',
  'health-histogram',
  'line',
  'bar',
  'sparkline',
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** Other spellings accepted in headers. */
export const CHART_ALIASES: Readonly<Record<string, ChartType>> = {
  heatmap: 'cohort-heatmap',
  cohort: 'cohort-heatmap',
  'retention-heatmap': 'cohort-heatmap',
  waterfall: 'mrr-movements',
  'stacked-bar': 'diverging-bar',
  diverging: 'diverging-bar',
  'nrr-grr': 'rate-lines',
  rates: 'rate-lines',
  retention: 'rate-lines',
  histogram: 'stickiness',
  rfm: 'rfm-grid',
  health: 'health-histogram',
  dau: 'active-users',
};

/**
 * The dedicated chart of each KPI that has one. Several KPI headers declare a generic
 * type (`line`, `bar`, `table`, `diverging-bar`); given the KPI id, `renderChart` draws
 * the dedicated chart instead, with its own encodings (the header's x/y/line/bars were
 * written for the generic type and are not applied to it).
 */
export const KPI_CHARTS: Readonly<Record<string, ChartType>> = {
  mrr_movements: 'mrr-movements',
  nrr: 'rate-lines',
  grr: 'rate-lines',
  nrr_grr: 'rate-lines',
  cohort_retention: 'cohort-heatmap',
  revenue_cohort_retention: 'cohort-heatmap',
  active_users: 'active-users',
  stickiness: 'stickiness',
  lifecycle: 'lifecycle',
  nps: 'nps',
  support: 'support',
  rfm: 'rfm-grid',
  health_score: 'health-histogram',
};

/** Header types that ask for no chart (the UI shows the table). */
const NO_CHART = new Set(['table', 'none']);

/** Whether a chart is drawn for this header (and KPI): false for `table`/`none` types without a dedicated chart. */
export function hasChart(spec: Readonly<Record<string, unknown>> | null | undefined, kpi?: string): boolean {
  if (kpi && KPI_CHARTS[kpi]) return true;
  const t = typeof spec?.type === 'string' ? spec.type.trim().toLowerCase() : '';
  return !NO_CHART.has(t);
}

/** Canonical type for a header's `chart.type` (case-insensitive, `_` = `-`), or null. */
export function resolveChartType(type: unknown): ChartType | null {
  if (typeof type !== 'string') return null;
  const t = type.trim().toLowerCase().replace(/_/g, '-');
  if ((CHART_TYPES as readonly string[]).includes(t)) return t as ChartType;
  return CHART_ALIASES[t] ?? null;
}

/** Encodings of a header's `chart:` object (strings / string lists only). */
export function encodingOf(spec: Readonly<Record<string, unknown>> | null | undefined): ChartEncoding {
  const out: { -readonly [K in keyof ChartEncoding]: ChartEncoding[K] } = {};
  if (!spec) return out;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  out.x = str(spec.x);
  out.line = str(spec.line);
  out.bars = str(spec.bars);
  out.segment = str(spec.segment);
  if (typeof spec.y === 'string') out.y = spec.y;
  else if (Array.isArray(spec.y)) out.y = spec.y.filter((v): v is string => typeof v === 'string');
  for (const k of Object.keys(out) as (keyof ChartEncoding)[]) if (out[k] === undefined) delete out[k];
  return out;
}
