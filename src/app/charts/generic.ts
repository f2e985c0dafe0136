/**
 * The fallback for every KPI without a dedicated chart: a line or bar chart over the
 * first date column, one series per chosen numeric column. With a `segment` column:
 * up to 6 segments (and one y column) become coloured series; more segments, or several
 * y columns, become small multiples (one facet per segment, at most MAX_FACETS, largest
 * first). `seriesPanel` is also the building block of the dedicated line charts.
 */
import * as Plot from '@observablehq/plot';
import type { OutputUnit } from '../../core/kpi/types.js';
import { basePlot, colors, firstDateColumn, FONT_SIZE, labeller, note, num, numericColumns, placeholder, swatches, timeAxis, wrapper, yAxis } from './common.js';
import { periodFormat, unitFormat, type Formatter } from './format.js';
import { timeX, type TimeX } from './timescale.js';
import { categorical } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Grain, Row } from './types.js';

export const MAX_COLOURED_SEGMENTS = 6;
export const MAX_FACETS = 24;

interface Point {
  x1: number;
  x2: number;
  xm: number;
  series: string;
  segment: string;
  value: number | null;
  title: string;
}

function asList(y: string | readonly string[] | undefined): string[] | undefined {
  if (y === undefined) return undefined;
  return typeof y === 'string' ? [y] : [...y];
}

/** Resolves x, y columns and the segment column the way the generic charts do. */
export function resolveEncoding(rows: readonly Row[], options: ChartOptions & ChartEncoding): { x: string | undefined; ys: string[]; segment: string | undefined } {
  const x = options.x ?? firstDateColumn(rows);
  const segment = options.segment ?? (rows[0] && 'segment' in rows[0] ? 'segment' : undefined);
  let ys = asList(options.y) ?? numericColumns(rows, [x ?? '', segment ?? '', options.bars ?? '']);
  ys = ys.filter((c) => rows.some((r) => c in r));
  if (!options.y && options.units && ys.length > 1) {
    // Mixed units on one axis are unreadable: keep the columns with the first one's unit.
    const u = options.units[ys[0]!];
    ys = ys.filter((c) => options.units![c] === u);
  }
  return { x, ys, segment };
}

export interface PanelSpec {
  kind: 'line' | 'bar';
  x: string;
  ys: readonly string[];
  segment?: string;
  /** Outer height of this panel. */
  height: number;
  /** Unit used for the axis and tooltips (default: the first y column's). */
  unit?: OutputUnit;
  /** Fixed left margin (to align stacked panels); default fits the tick labels. */
  marginLeft?: number;
  /** A reference line (e.g. 1 = 100 % for NRR). */
  rule?: number;
  /** Fixed y domain. */
  yDomain?: [number, number];
  /** Values the y domain must include. */
  include?: number[];
  /** Series (column names) drawn dashed. */
  dashed?: readonly string[];
  /** Fixed colours per column name. */
  colorOf?: Readonly<Record<string, string>>;
  /** Draw the x axis (default true). */
  xAxis?: boolean;
  /** Title written at the panel's top left. */
  title?: string;
  /** Shared x (for panels stacked under each other). */
  time?: TimeX;
  /** Daily series drawn on the day (not the middle of the period). */
  pointsOnly?: boolean;
}

export interface Panel {
  svg: ChartElement;
  /** Legend entries (series names and colours); empty when there is one series. */
  legend: { names: string[]; range: string[] };
  /** Segments not shown (beyond MAX_FACETS). */
  hidden: number;
  marginLeft: number;
  time: TimeX;
}

/** Valid rows (with a date) and their period starts. */
export function datedRows(rows: readonly Row[], x: string, options: ChartOptions): { valid: { r: Row; t: number }[]; grain: Grain } {
  const { times, grain } = timeAxis(rows, x, options);
  const valid = rows.map((r, i) => ({ r, t: times[i] })).filter((d): d is { r: Row; t: number } => d.t !== null && d.t !== undefined);
  return { valid, grain };
}

/** The y values and formatters a panel would use (to align several panels' margins). */
export function panelAxis(rows: readonly Row[], spec: PanelSpec, options: ChartOptions, plotHeight: number): ReturnType<typeof yAxis> {
  const unit = spec.unit ?? options.units?.[spec.ys[0]!];
  const fmt = unitFormat(unit, options.locale, options.currency, true);
  const values: (number | null)[] = [];
  for (const r of rows) for (const y of spec.ys) values.push(num(r[y]));
  const include = [...(spec.include ?? []), ...(spec.rule !== undefined ? [spec.rule] : [])];
  return yAxis(values, plotHeight, fmt, { zero: spec.kind === 'bar' || unit === 'count' || unit === 'currency', include, domain: spec.yDomain });
}

/** One Plot SVG: lines or grouped bars of `ys` over time, optionally split by segment. */
export function seriesPanel(doc: Document, rows: readonly Row[], spec: PanelSpec, options: ChartOptions): Panel | null {
  const label = labeller(options);
  const c = colors(options);
  const { valid, grain } = datedRows(rows, spec.x, options);
  if (valid.length === 0 || spec.ys.length === 0) return null;
  const { ys, segment, kind } = spec;

  // Segments, largest first by the first y column's total when they become facets.
  const segTotals = new Map<string, number>();
  for (const { r } of valid) {
    const s = segment ? String(r[segment] ?? '') : '';
    segTotals.set(s, (segTotals.get(s) ?? 0) + Math.abs(num(r[ys[0]!]) ?? 0));
  }
  const allSegments = [...segTotals.keys()];
  const segmented = allSegments.length > 1;
  const facetBySegment = segmented && (allSegments.length > MAX_COLOURED_SEGMENTS || ys.length > 1);
  const segments = facetBySegment ? [...allSegments].sort((a, b) => segTotals.get(b)! - segTotals.get(a)!).slice(0, MAX_FACETS) : allSegments;
  const colourBySegment = segmented && !facetBySegment;

  const unit = spec.unit ?? options.units?.[ys[0]!];
  const tipFmt: Formatter = unitFormat(unit, options.locale, options.currency, false);
  const period = periodFormat(options.locale, grain);

  const marginRight = 14;
  const showX = spec.xAxis !== false;
  const marginTop = facetBySegment ? 24 : spec.title ? 22 : 12;
  const facetHeight = 110;
  const height = facetBySegment ? marginTop + segments.length * facetHeight + 40 : spec.height;
  const yAxisSpec = panelAxis(
    valid.map((d) => d.r),
    spec,
    options,
    facetBySegment ? facetHeight - 25 : height - marginTop - (showX ? 34 : 8),
  );
  const marginLeft = spec.marginLeft ?? yAxisSpec.marginLeft;
  const xa =
    spec.time ??
    timeX(
      valid.map((d) => d.t),
      grain,
      options.width - marginLeft - marginRight,
      options.locale,
      spec.pointsOnly,
    );

  const seriesNames = colourBySegment ? segments : ys.map(label);
  const range = colourBySegment ? segments.map((_, i) => categorical(options.theme, i)) : ys.map((y, i) => spec.colorOf?.[y] ?? categorical(options.theme, i));
  const k = colourBySegment ? segments.length : ys.length;
  const points: Point[] = [];
  for (const { r, t } of valid) {
    const seg = segment ? String(r[segment] ?? '') : '';
    if (!segments.includes(seg)) continue;
    ys.forEach((y, j) => {
      const series = colourBySegment ? seg : label(y);
      const i = colourBySegment ? segments.indexOf(seg) : j;
      const v = num(r[y]);
      const x2 = xa.next(t);
      const w = (x2 - t) / k;
      points.push({
        x1: kind === 'bar' ? t + i * w : t,
        x2: kind === 'bar' ? t + (i + 1) * w : x2,
        xm: xa.mid(t),
        series,
        segment: seg,
        value: v,
        title: `${period(t)}${segmented ? `\n${seg}` : ''}\n${colourBySegment ? label(y) : series}: ${tipFmt(v)}`,
      });
    });
  }

  const fy = facetBySegment ? (d: Point) => d.segment : undefined;
  const marks: Plot.Markish[] = [Plot.gridY({ stroke: c.grid, strokeOpacity: 1, ticks: yAxisSpec.scale.ticks })];
  if (yAxisSpec.scale.domain[0] <= 0 && yAxisSpec.scale.domain[1] >= 0) marks.push(Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.7 }));
  if (spec.rule !== undefined) marks.push(Plot.ruleY([spec.rule], { stroke: c.foreground, strokeOpacity: 0.8, strokeDasharray: '4,3' }));
  const present = points.filter((p) => p.value !== null);
  if (kind === 'bar') {
    const inset = Math.min(xa.inset, 2) / (k > 1 ? 2 : 1);
    marks.push(Plot.rectY(present, { x1: 'x1', x2: 'x2', y: 'value', fill: 'series', fy, insetLeft: k > 1 ? inset : xa.inset, insetRight: k > 1 ? inset : xa.inset, title: 'title', tip: true }));
  } else {
    const dashed = new Set((spec.dashed ?? []).map(label));
    for (const name of seriesNames) {
      const mine = points.filter((p) => p.series === name);
      marks.push(Plot.lineY(mine, { x: 'xm', y: 'value', stroke: 'series', fy, strokeWidth: 1.75, strokeDasharray: dashed.has(name) ? '5,3' : undefined }));
    }
    const perSeries = valid.length / Math.max(1, segments.length);
    if (perSeries <= 40) marks.push(Plot.dot(present, { x: 'xm', y: 'value', fill: 'series', r: 2.5, fy }));
    marks.push(Plot.tip(present, Plot.pointer({ x: 'xm', y: 'value', title: 'title', fy })));
  }
  if (facetBySegment) marks.push(Plot.text(segments, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dy: -14, fontWeight: 'bold', fill: c.foreground }));
  if (spec.title) marks.push(Plot.text([spec.title], { text: (d: string) => d, frameAnchor: 'top-left', dy: -18, dx: -marginLeft + 4, fill: c.foreground, fontWeight: 'bold', fontSize: FONT_SIZE }));
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: showX ? xa.marginBottom : 8,
    x: { ...xa.scale, axis: showX ? 'bottom' : null },
    y: { ...yAxisSpec.scale, grid: false },
    fy: facetBySegment ? { domain: segments, axis: null, padding: 0.22 } : undefined,
    color: { domain: seriesNames, range },
    marks,
  });
  return {
    svg,
    legend: seriesNames.length > 1 ? { names: seriesNames, range } : { names: [], range: [] },
    hidden: allSegments.length - segments.length,
    marginLeft,
    time: xa,
  };
}

/** The small count panel under a line chart (header `bars:`), aligned on the same x. */
export function barsPanel(doc: Document, rows: readonly Row[], x: string, col: string, options: ChartOptions, time: TimeX, marginLeft: number, height = 70): ChartElement {
  const c = colors(options);
  const label = labeller(options);
  const unit = options.units?.[col];
  const fmt = unitFormat(unit, options.locale, options.currency, true);
  const tipFmt = unitFormat(unit, options.locale, options.currency, false);
  const period = periodFormat(options.locale, time.grain);
  const { valid } = datedRows(rows, x, options);
  // Summed over segments: one count per period.
  const byT = new Map<number, number>();
  for (const { r, t } of valid) {
    const v = num(r[col]);
    if (v !== null) byT.set(t, (byT.get(t) ?? 0) + v);
  }
  const data = [...byT].map(([t, v]) => ({ x1: t, x2: time.next(t), v, title: `${period(t)}\n${label(col)}: ${tipFmt(v)}` }));
  const ya = yAxis(
    data.map((d) => d.v),
    height - 26,
    fmt,
    { zero: true },
  );
  const ticks = ya.scale.ticks.length > 2 ? [ya.scale.ticks[0]!, ya.scale.ticks[ya.scale.ticks.length - 1]!] : ya.scale.ticks;
  return Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginRight: 14,
    marginTop: 18,
    marginBottom: 8,
    x: { ...time.scale, axis: null },
    y: { ...ya.scale, ticks },
    marks: [
      Plot.rectY(data, { x1: 'x1', x2: 'x2', y: 'v', fill: c.neutral, insetLeft: time.inset, insetRight: time.inset, title: 'title', tip: true }),
      Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.7 }),
      Plot.text([label(col)], { text: (d: string) => d, frameAnchor: 'top-left', dy: -16, dx: -marginLeft + 4, fill: c.muted, fontSize: FONT_SIZE }),
    ],
  });
}

/** Default outer height for a single-panel chart of this width. */
export function defaultHeight(options: ChartOptions): number {
  return options.height ?? Math.min(420, Math.max(220, Math.round(options.width * 0.42)));
}

function render(kind: 'line' | 'bar', doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding, extra: Partial<PanelSpec> = {}): ChartElement {
  const { x, ys, segment } = resolveEncoding(rows, options);
  if (rows.length === 0 || !x || ys.length === 0) return placeholder(doc, options);
  const bars = kind === 'line' && options.bars && rows.some((r) => num(r[options.bars!]) !== null) ? options.bars : undefined;
  const total = defaultHeight(options);
  const barsHeight = bars ? 70 : 0;
  const panel = seriesPanel(doc, rows, { kind, x, ys, segment, height: total - barsHeight, ...extra }, options);
  if (!panel) return placeholder(doc, options);
  const parts: (Element | null)[] = [];
  if (panel.legend.names.length) parts.push(swatches(doc, options, panel.legend.names, panel.legend.range));
  parts.push(panel.svg);
  if (bars) parts.push(barsPanel(doc, rows, x, bars, options, panel.time, panel.marginLeft, barsHeight));
  if (panel.hidden > 0) parts.push(note(doc, options, `+${panel.hidden} ${labeller(options)('otherSegments')}`));
  return wrapper(doc, options, kind, parts);
}

export function lineChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return render('line', doc, rows, options);
}

export function barChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return render('bar', doc, rows, options);
}

/** NRR / GRR (or any ratio columns): percent axis with a dashed 100 % rule. */
export function rateLines(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  const present = ['nrr', 'grr'].filter((c) => rows.some((r) => c in r));
  const y = options.y ?? (present.length ? present : undefined);
  return render('line', doc, rows, { ...options, y }, { unit: 'ratio', rule: 1, include: [1] });
}
