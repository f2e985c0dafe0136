/**
 * The fallback for every KPI without a dedicated chart: a line or bar chart over the
 * first date column, one series per chosen numeric column. With a `segment` column:
 * up to 6 segments (and one y column) become coloured series; more segments, or several
 * y columns, become small multiples (one facet per segment, at most MAX_FACETS).
 */
import * as Plot from '@observablehq/plot';
import { basePlot, colors, firstDateColumn, FONT_SIZE, labeller, note, num, numericColumns, placeholder, swatches, timeAxis, wrapper, yAxis } from './common.js';
import { periodFormat, unitFormat } from './format.js';
import { timeX } from './timescale.js';
import { categorical } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export const MAX_COLOURED_SEGMENTS = 6;
export const MAX_FACETS = 24;

interface Point {
  t: number;
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

/** Resolves x, y columns and the segment split the way both generic charts do. */
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

function render(kind: 'line' | 'bar', doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  const { x, ys, segment } = resolveEncoding(rows, options);
  if (rows.length === 0 || !x || ys.length === 0) return placeholder(doc, options);
  const label = labeller(options);
  const c = colors(options);
  const { times, grain } = timeAxis(rows, x, options);
  const valid = rows.map((r, i) => ({ r, t: times[i] })).filter((d): d is { r: Row; t: number } => d.t !== null && d.t !== undefined);
  if (valid.length === 0) return placeholder(doc, options);

  // Segments, largest first by the first y column's total.
  const segTotals = new Map<string, number>();
  for (const { r } of valid) {
    const s = segment ? String(r[segment] ?? '') : '';
    segTotals.set(s, (segTotals.get(s) ?? 0) + Math.abs(num(r[ys[0]!]) ?? 0));
  }
  const allSegments = [...segTotals.keys()];
  const segmented = allSegments.length > 1;
  const facetBySegment = segmented && (allSegments.length > MAX_COLOURED_SEGMENTS || ys.length > 1);
  const segments = facetBySegment ? [...allSegments].sort((a, b) => segTotals.get(b)! - segTotals.get(a)!).slice(0, MAX_FACETS) : allSegments;
  const hidden = allSegments.length - segments.length;
  const colourBySegment = segmented && !facetBySegment;

  const unit = options.units?.[ys[0]!];
  const axisFmt = unitFormat(unit, options.locale, options.currency, true);
  const tipFmt = unitFormat(unit, options.locale, options.currency, false);
  const period = periodFormat(options.locale, grain);

  const marginRight = 12;
  const facetHeight = 110;
  const mainHeight = options.height ?? (facetBySegment ? 24 + segments.length * facetHeight + 40 : Math.min(420, Math.max(220, Math.round(options.width * 0.42))));
  const barsHeight = kind === 'line' && options.bars ? 70 : 0;

  const values: (number | null)[] = [];
  for (const { r } of valid) for (const y of ys) values.push(num(r[y]));
  const plotH = facetBySegment ? facetHeight - 20 : mainHeight - 30 - 34;
  const ya = yAxis(values, plotH, axisFmt, { zero: kind === 'bar' || unit === 'count' || unit === 'currency' });
  const xa = timeX(
    valid.map((d) => d.t),
    grain,
    options.width - ya.marginLeft - marginRight,
    options.locale,
  );

  const seriesNames = colourBySegment ? segments : ys.map(label);
  const range = seriesNames.map((_, i) => categorical(options.theme, i));
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
        t,
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
  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: c.grid, strokeOpacity: 1, ticks: ya.scale.ticks }),
    Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.6 }),
  ];
  if (kind === 'bar') {
    const pts = points.filter((p) => p.value !== null);
    marks.push(Plot.rectY(pts, { x1: 'x1', x2: 'x2', y: 'value', fill: 'series', fy, insetLeft: 0.5, insetRight: 0.5, title: 'title', tip: true }));
  } else {
    const few = valid.length / Math.max(1, segments.length) <= 40;
    marks.push(Plot.lineY(points, { x: 'xm', y: 'value', z: 'series', stroke: 'series', fy, strokeWidth: 1.75, curve: 'linear' }));
    if (few) marks.push(Plot.dot(points.filter((p) => p.value !== null), { x: 'xm', y: 'value', fill: 'series', r: 2.5, fy }));
    marks.push(Plot.tip(points.filter((p) => p.value !== null), Plot.pointer({ x: 'xm', y: 'value', title: 'title', fy })));
  }
  if (facetBySegment) {
    marks.push(Plot.text(segments, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dy: -12, fontWeight: 'bold', fill: c.foreground }));
  }
  const svg = Plot.plot({
    ...basePlot(doc, options, mainHeight),
    marginLeft: ya.marginLeft,
    marginRight,
    marginTop: facetBySegment ? 24 : 12,
    marginBottom: xa.marginBottom,
    x: xa.scale,
    y: { ...ya.scale, grid: false },
    fy: facetBySegment ? { domain: segments, axis: null, padding: 0.22 } : undefined,
    color: { domain: seriesNames, range },
    marks,
  });

  const parts: (Element | null)[] = [];
  if (seriesNames.length > 1) parts.push(swatches(doc, options, seriesNames, range));
  parts.push(svg);
  if (barsHeight) parts.push(barsPanel(doc, valid, options, xa, ya.marginLeft, marginRight, barsHeight, label(options.bars!), period));
  if (hidden > 0) parts.push(note(doc, options, `+${hidden} ${label('otherSegments')}`));
  return wrapper(doc, options, kind, parts);
}

/** The small count panel under a line chart (header `bars:`), aligned on the same x. */
function barsPanel(
  doc: Document,
  valid: readonly { r: Row; t: number }[],
  options: ChartOptions & ChartEncoding,
  xa: ReturnType<typeof timeX>,
  marginLeft: number,
  marginRight: number,
  height: number,
  name: string,
  period: (t: number) => string,
): Element {
  const c = colors(options);
  const col = options.bars!;
  const unit = options.units?.[col];
  const fmt = unitFormat(unit, options.locale, options.currency, true);
  const tipFmt = unitFormat(unit, options.locale, options.currency, false);
  // Summed over segments: a count per period.
  const byT = new Map<number, number>();
  for (const { r, t } of valid) {
    const v = num(r[col]);
    if (v !== null) byT.set(t, (byT.get(t) ?? 0) + v);
  }
  const data = [...byT].map(([t, v]) => ({ x1: t, x2: xa.next(t), v, title: `${period(t)}\n${name}: ${tipFmt(v)}` }));
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
    marginRight,
    marginTop: 16,
    marginBottom: 10,
    x: { ...xa.scale, axis: null },
    y: { ...ya.scale, ticks },
    marks: [
      Plot.rectY(data, { x1: 'x1', x2: 'x2', y: 'v', fill: c.neutral, insetLeft: 0.5, insetRight: 0.5, title: 'title', tip: true }),
      Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.6 }),
      Plot.text([name], { text: (d: string) => d, frameAnchor: 'top-left', dy: -14, fill: c.muted, fontSize: FONT_SIZE }),
    ],
  });
}

export function lineChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return render('line', doc, rows, options);
}

export function barChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return render('bar', doc, rows, options);
}
