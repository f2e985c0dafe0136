/**
 * The chart layer's entry point: maps a KPI header's `chart.type` to a chart function and
 * renders KPI rows with it.
 *
 *   import { renderChart } from './charts';
 *   const el = renderChart(document, kpi.chart, rows, { locale, theme, width, currency, labels, units });
 *   container.replaceChildren(el);
 *
 * Every function is pure: `(doc, rows, options) => SVGSVGElement | HTMLElement`, built in
 * the given `Document`, never touching globals. Unknown types fall back to the generic
 * line chart. With a `segment` column holding several values, the charts that cannot
 * show segments themselves are drawn as small multiples, one per segment.
 */
import { activeUsers } from './activeUsers.js';
import { cohortHeatmap } from './cohortHeatmap.js';
import { colors, labeller, note, placeholder, wrapper } from './common.js';
import { barChart, lineChart } from './generic.js';
import { healthHistogram } from './healthHistogram.js';
import { lifecycle } from './lifecycle.js';
import { divergingBars, mrrMovements } from './mrrMovements.js';
import { npsChart } from './nps.js';
import { rateLines } from './rateLines.js';
import { rfmGrid, type RfmOptions } from './rfmGrid.js';
import { sparkline, type SparklineOptions } from './sparkline.js';
import { stickiness } from './stickiness.js';
import { supportChart } from './support.js';
import type { ChartElement, ChartEncoding, ChartFunction, ChartOptions, Row } from './types.js';

export type {
  ChartElement,
  ChartEncoding,
  ChartFunction,
  ChartLabels,
  ChartLocale,
  ChartOptions,
  ChartTheme,
  ColumnUnits,
  Grain,
  Row,
} from './types.js';
export {
  activeUsers,
  barChart,
  cohortHeatmap,
  divergingBars,
  healthHistogram,
  lifecycle,
  lineChart,
  mrrMovements,
  npsChart,
  rateLines,
  rfmGrid,
  sparkline,
  stickiness,
  supportChart,
};
export type { RfmOptions, SparklineOptions };
export { periodMeans } from './cohortHeatmap.js';
export { timeTicks, thinBand } from './ticks.js';

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

/** Options of `renderChart`: display options plus chart-specific ones. */
export type RenderOptions = ChartOptions &
  RfmOptions &
  SparklineOptions & {
    /** The KPI id: picks its dedicated chart (KPI_CHARTS) over a generic header type. */
    kpi?: string;
  };

/** Header types that ask for no chart (the UI shows the table). */
const NO_CHART = new Set(['table', 'none']);

/** Whether a chart is drawn for this header (and KPI): false for `table`/`none` types without a dedicated chart. */
export function hasChart(spec: Readonly<Record<string, unknown>> | null | undefined, kpi?: string): boolean {
  if (kpi && KPI_CHARTS[kpi]) return true;
  const t = typeof spec?.type === 'string' ? spec.type.trim().toLowerCase() : '';
  return !NO_CHART.has(t);
}

type AnyChart = (
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding & RfmOptions & SparklineOptions,
) => ChartElement;

const REGISTRY: Record<ChartType, AnyChart> = {
  'cohort-heatmap': cohortHeatmap,
  'mrr-movements': mrrMovements,
  'diverging-bar': divergingBars,
  'rate-lines': rateLines,
  'active-users': activeUsers,
  stickiness,
  lifecycle,
  nps: npsChart,
  support: supportChart,
  'rfm-grid': rfmGrid,
  'health-histogram': healthHistogram,
  line: lineChart,
  bar: barChart,
  sparkline,
};

/** Types that draw a `segment` column themselves (colours or facets). */
const SEGMENT_AWARE: ReadonlySet<ChartType> = new Set([
  'line',
  'bar',
  'rate-lines',
  'diverging-bar',
  'mrr-movements',
  'lifecycle',
]);

/** At most this many small multiples for the other types. */
export const MAX_SEGMENT_CHARTS = 12;

/** Canonical type for a header's `chart.type` (case-insensitive, `_` = `-`), or null. */
export function resolveChartType(type: unknown): ChartType | null {
  if (typeof type !== 'string') return null;
  const t = type.trim().toLowerCase().replace(/_/g, '-');
  if ((CHART_TYPES as readonly string[]).includes(t)) return t as ChartType;
  return CHART_ALIASES[t] ?? null;
}

/** The chart function of a type (null when unknown). */
export function chartFor(type: unknown): ChartFunction | null {
  const t = resolveChartType(type);
  return t ? REGISTRY[t] : null;
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

/**
 * Renders `rows` with the chart a KPI header declares (`{ type, x?, y?, line?, bars? }`,
 * or null) — or, when `options.kpi` names a KPI with a dedicated chart, with that one.
 * Unknown or missing types use the generic line chart; `table`/`none` give a short
 * "no chart" placeholder (check `hasChart` first to show nothing).
 */
export function renderChart(
  doc: Document,
  spec: Readonly<Record<string, unknown>> | null | undefined,
  rows: readonly Row[],
  options: RenderOptions,
): ChartElement {
  const { kpi, ...display } = options;
  const declared = resolveChartType(spec?.type);
  const dedicated = kpi ? KPI_CHARTS[kpi] : undefined;
  if (!dedicated && !hasChart(spec)) return placeholder(doc, display, 80, labeller(display)('noChart'));
  const type = dedicated ?? declared ?? 'line';
  // Header encodings apply to the type the header declared.
  const enc = dedicated && dedicated !== declared ? {} : encodingOf(spec);
  const opts = { ...display, ...enc };
  const fn = REGISTRY[type];
  const segCol = enc.segment ?? 'segment';
  const segments = rows.length && segCol in rows[0]! ? [...new Set(rows.map((r) => String(r[segCol] ?? '')))] : [];
  if (segments.length <= 1 || SEGMENT_AWARE.has(type) || type === 'sparkline') return fn(doc, rows, opts);
  return smallMultiples(doc, rows, segCol, segments, fn, opts, type);
}

/** One chart per segment under a heading (the first MAX_SEGMENT_CHARTS segments). */
function smallMultiples(
  doc: Document,
  rows: readonly Row[],
  col: string,
  segments: string[],
  fn: AnyChart,
  options: ChartOptions & ChartEncoding,
  type: ChartType,
): ChartElement {
  if (rows.length === 0) return placeholder(doc, options);
  const c = colors(options);
  const parts: Element[] = [];
  for (const seg of segments.slice(0, MAX_SEGMENT_CHARTS)) {
    const h = doc.createElement('div');
    h.setAttribute('class', 'kpi-chart-segment');
    h.setAttribute('style', `font-weight: bold; margin: 10px 0 4px; color: ${c.foreground};`);
    h.textContent = seg;
    const subset = rows.filter((r) => String(r[col] ?? '') === seg);
    parts.push(
      h,
      fn(doc, subset, {
        ...options,
        height: options.height ? Math.max(120, Math.round(options.height / 2)) : undefined,
        title: options.title ? `${options.title} — ${seg}` : seg,
      }),
    );
  }
  if (segments.length > MAX_SEGMENT_CHARTS)
    parts.push(note(doc, options, `+${segments.length - MAX_SEGMENT_CHARTS} ${labeller(options)('otherSegments')}`));
  return wrapper(doc, options, `${type}-segments`, parts);
}
