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
import { activeUsers, activeUsersSteps } from './activeUsers.js';
import { cohortHeatmap, cohortHeatmapSteps } from './cohortHeatmap.js';
import { colors, labeller, note, placeholder, wrapper } from './common.js';
import { barChart, barSteps, lineChart, lineSteps } from './generic.js';
import { healthHistogram } from './healthHistogram.js';
import { lifecycle } from './lifecycle.js';
import { divergingBars, mrrMovements } from './mrrMovements.js';
import { npsChart, npsSteps } from './nps.js';
import { runSteps, type Steps } from './panels.js';
import { rateLines } from './rateLines.js';
import { rfmGrid, type RfmOptions } from './rfmGrid.js';
import { sparkline, type SparklineOptions } from './sparkline.js';
import { stickiness } from './stickiness.js';
import { supportChart, supportSteps } from './support.js';
import type { ChartElement, ChartEncoding, ChartFunction, ChartOptions, Row } from './types.js';
import {
  CHART_ALIASES,
  CHART_TYPES,
  KPI_CHARTS,
  encodingOf,
  hasChart,
  resolveChartType,
  type ChartType,
} from './registry.js';

export { CHART_ALIASES, CHART_TYPES, KPI_CHARTS, encodingOf, hasChart, resolveChartType, type ChartType };

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

/** Options of `renderChart`: display options plus chart-specific ones. */
export type RenderOptions = ChartOptions &
  RfmOptions &
  SparklineOptions & {
    /** The KPI id: picks its dedicated chart (KPI_CHARTS) over a generic header type. */
    kpi?: string;
  };

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

/** Charts that can be drawn in steps (panels of many points); the others are one step. */
const STEPPED: Partial<Record<ChartType, (...args: Parameters<AnyChart>) => Steps<ChartElement>>> = {
  'active-users': activeUsersSteps,
  nps: npsSteps,
  support: supportSteps,
  line: lineSteps,
  bar: barSteps,
  'cohort-heatmap': cohortHeatmapSteps,
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

/** The chart function of a type (null when unknown). */
export function chartFor(type: unknown): ChartFunction | null {
  const t = resolveChartType(type);
  return t ? REGISTRY[t] : null;
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
  return runSteps(renderChartSteps(doc, spec, rows, options));
}

/**
 * {@link renderChart} in steps: it pauses between the panels of a many-panel chart and
 * between small multiples, so the page can draw each part in a task of its own (call
 * `next()` until done; the value is the chart).
 */
export function* renderChartSteps(
  doc: Document,
  spec: Readonly<Record<string, unknown>> | null | undefined,
  rows: readonly Row[],
  options: RenderOptions,
): Steps<ChartElement> {
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
  if (segments.length <= 1 || SEGMENT_AWARE.has(type) || type === 'sparkline') {
    const stepped = STEPPED[type];
    return stepped ? yield* stepped(doc, rows, opts) : fn(doc, rows, opts);
  }
  return yield* smallMultiples(doc, rows, segCol, segments, fn, opts, type);
}

/** One chart per segment under a heading (the first MAX_SEGMENT_CHARTS segments). */
function* smallMultiples(
  doc: Document,
  rows: readonly Row[],
  col: string,
  segments: string[],
  fn: AnyChart,
  options: ChartOptions & ChartEncoding,
  type: ChartType,
): Steps<ChartElement> {
  if (rows.length === 0) return placeholder(doc, options);
  const c = colors(options);
  const parts: Element[] = [];
  for (const [i, seg] of segments.slice(0, MAX_SEGMENT_CHARTS).entries()) {
    if (i > 0) yield;
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
