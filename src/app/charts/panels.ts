/**
 * The panel engine behind every time-based chart: one Plot SVG of lines, grouped bars or
 * stacked (diverging) bars over a UTC period axis, optionally split by segment, and a
 * helper that stacks several panels on one shared x axis (aligned margins, x ticks on
 * the bottom panel only).
 */
import * as Plot from '@observablehq/plot';
import type { OutputUnit } from '../../core/kpi/types.js';
import { basePlot, colors, FONT_SIZE, labeller, num, timeAxis, yAxis, type YAxis } from './common.js';
import { percentFormat, periodFormat, unitFormat, type Formatter } from './format.js';
import { timeX, type TimeX } from './timescale.js';
import { categorical } from './theme.js';
import type { ChartElement, ChartOptions, Grain, Row } from './types.js';

export const MAX_COLOURED_SEGMENTS = 6;
export const MAX_FACETS = 24;
const FACET_HEIGHT = 110;

export interface PanelSpec {
  /** line: one line per column; bar: grouped bars; stack: stacked bars, negatives below 0. */
  kind: 'line' | 'bar' | 'stack';
  x: string;
  ys: readonly string[];
  segment?: string;
  /** Outer height of this panel (facets: computed from the number of segments). */
  height: number;
  /** Unit used for the axis and tooltips (default: the first y column's). */
  unit?: OutputUnit;
  /** Fixed left margin (to align stacked panels); default fits the tick labels. */
  marginLeft?: number;
  /** A dashed reference line (e.g. 1 = 100 % for NRR, 0 for NPS). */
  rule?: number;
  /** Fixed y domain. */
  yDomain?: [number, number];
  /** Values the y domain must include. */
  include?: number[];
  /** Columns drawn dashed (line). */
  dashed?: readonly string[];
  /** Fixed colours per column name. */
  colorOf?: Readonly<Record<string, string>>;
  /** Series names per column (default: the caller's labels). */
  seriesLabels?: Readonly<Record<string, string>>;
  /** Draw the x axis (default true). */
  xAxis?: boolean;
  /** Title written at the panel's top left. */
  title?: string;
  /** Shared x (for panels stacked under each other). */
  time?: TimeX;
  /** Daily series drawn on the day (not the middle of the period). */
  pointsOnly?: boolean;
  /** stack: a column drawn as a line with dots over the bars (e.g. net new MRR). */
  line?: string;
  /** stack: columns forced negative (drawn below 0), e.g. lifecycle `dormant`. */
  negate?: readonly string[];
  /** stack: divide each value by this column (shares of a total; axis in percent). */
  shareOf?: string;
}

export interface Panel {
  svg: ChartElement;
  /** Legend entries (series names and colours); empty when there is one series. */
  legend: { names: string[]; range: string[] };
  /** Segments not shown (beyond MAX_FACETS). */
  hidden: number;
  marginLeft: number;
  time: TimeX;
  /** Some periods are flagged `is_complete = false` (shaded in the panel). */
  incomplete: boolean;
}

interface Point {
  x1: number;
  x2: number;
  xm: number;
  series: string;
  segment: string;
  value: number | null;
  title: string;
}

/** Rows with a parseable date in `x`, their period starts, and the grain. */
export function datedRows(
  rows: readonly Row[],
  x: string,
  options: ChartOptions,
): { valid: { r: Row; t: number }[]; grain: Grain } {
  const { times, grain } = timeAxis(rows, x, options);
  const valid = rows
    .map((r, i) => ({ r, t: times[i] }))
    .filter((d): d is { r: Row; t: number } => d.t !== null && d.t !== undefined);
  return { valid, grain };
}

function panelUnit(spec: PanelSpec, options: ChartOptions): OutputUnit | undefined {
  return spec.shareOf ? 'ratio' : (spec.unit ?? options.units?.[spec.ys[0]!]);
}

function signed(spec: PanelSpec, col: string, v: number | null): number | null {
  return v !== null && spec.negate?.includes(col) ? -Math.abs(v) : v;
}

/** The value plotted for `col` in row `r` (negated, or as a share, as the spec says). */
function valueOf(spec: PanelSpec, r: Row, col: string): number | null {
  const v = signed(spec, col, num(r[col]));
  if (v === null || !spec.shareOf) return v;
  const total = num(r[spec.shareOf]);
  return total ? v / total : null;
}

/** The y axis a panel would draw over `rows` (used to align several panels' margins). */
export function panelAxis(rows: readonly Row[], spec: PanelSpec, options: ChartOptions, plotHeight: number): YAxis {
  const unit = panelUnit(spec, options);
  const fmt = unitFormat(unit, options.locale, options.currency, true);
  const values: (number | null)[] = [];
  for (const r of rows) {
    if (spec.kind === 'stack') {
      let pos = 0;
      let neg = 0;
      for (const y of spec.ys) {
        const v = valueOf(spec, r, y);
        if (v !== null) {
          if (v >= 0) pos += v;
          else neg += v;
        }
      }
      values.push(pos, neg);
      if (spec.line) values.push(num(r[spec.line]));
    } else for (const y of spec.ys) values.push(valueOf(spec, r, y));
  }
  const include = [...(spec.include ?? []), ...(spec.rule !== undefined ? [spec.rule] : [])];
  return yAxis(values, plotHeight, fmt, {
    zero: spec.kind !== 'line' || unit === 'count' || unit === 'currency',
    include,
    domain: spec.yDomain,
  });
}

interface SegmentSplit {
  segments: string[];
  all: string[];
  facet: boolean;
  colourBySegment: boolean;
}

function splitSegments(valid: readonly { r: Row }[], spec: PanelSpec): SegmentSplit {
  const totals = new Map<string, number>();
  for (const { r } of valid) {
    const s = spec.segment ? String(r[spec.segment] ?? '') : '';
    totals.set(s, (totals.get(s) ?? 0) + Math.abs(num(r[spec.ys[0]!]) ?? 0));
  }
  const all = [...totals.keys()];
  const segmented = all.length > 1;
  const facet = segmented && (all.length > MAX_COLOURED_SEGMENTS || spec.ys.length > 1 || spec.kind === 'stack');
  // Facets: largest segments first (by the first column's total); colours: data order.
  const segments = facet ? [...all].sort((a, b) => totals.get(b)! - totals.get(a)!).slice(0, MAX_FACETS) : all;
  return { segments, all, facet, colourBySegment: segmented && !facet };
}

/** One Plot SVG: lines, grouped bars or stacked bars of `ys` over time. */
export function seriesPanel(doc: Document, rows: readonly Row[], spec: PanelSpec, options: ChartOptions): Panel | null {
  return runSteps(seriesPanelSteps(doc, rows, spec, options));
}

/**
 * {@link seriesPanel} in steps: a pause between preparing the points (tooltips, periods)
 * and drawing them with Plot, the two halves of a long daily chart's cost (3 × 1,100
 * points: ~15 ms and ~25 ms plus layout, measured in Chromium).
 */
export function* seriesPanelSteps(
  doc: Document,
  rows: readonly Row[],
  spec: PanelSpec,
  options: ChartOptions,
): Steps<Panel | null> {
  const label = labeller(options);
  const nameOf = (col: string): string => spec.seriesLabels?.[col] ?? label(col);
  const c = colors(options);
  const { valid, grain } = datedRows(rows, spec.x, options);
  if (valid.length === 0 || spec.ys.length === 0) return null;
  const { ys, segment, kind } = spec;
  const split = splitSegments(valid, spec);
  const { segments, facet, colourBySegment } = split;

  const tipFmt: Formatter = unitFormat(spec.unit ?? options.units?.[ys[0]!], options.locale, options.currency, false);
  const pct = percentFormat(options.locale, 0);
  const period = periodFormat(options.locale, grain);

  const marginRight = 14;
  const showX = spec.xAxis !== false;
  const marginTop = facet ? 24 : spec.title ? 30 : 12;
  const marginBottomGuess = showX ? 34 : 14;
  const height = facet ? marginTop + segments.length * FACET_HEIGHT + marginBottomGuess : spec.height;
  const ya = panelAxis(
    valid.map((d) => d.r),
    spec,
    options,
    facet ? FACET_HEIGHT - 25 : height - marginTop - marginBottomGuess,
  );
  const marginLeft = spec.marginLeft ?? ya.marginLeft;
  const xa =
    spec.time ??
    timeX(
      valid.map((d) => d.t),
      grain,
      options.width - marginLeft - marginRight,
      options.locale,
      spec.pointsOnly,
    );

  const seriesNames = colourBySegment ? segments : ys.map(nameOf);
  const range = colourBySegment
    ? segments.map((_, i) => categorical(options.theme, i))
    : ys.map((y, i) => spec.colorOf?.[y] ?? categorical(options.theme, i));
  const k = colourBySegment ? segments.length : ys.length;
  const points: Point[] = [];
  for (const { r, t } of valid) {
    const seg = segment ? String(r[segment] ?? '') : '';
    if (!segments.includes(seg)) continue;
    const head = `${period(t)}${split.all.length > 1 ? `\n${seg}` : ''}`;
    ys.forEach((y, j) => {
      const series = colourBySegment ? seg : nameOf(y);
      const i = colourBySegment ? segments.indexOf(seg) : j;
      const raw = signed(spec, y, num(r[y]));
      const v = valueOf(spec, r, y);
      // Grouped bars share the period's bar area (the period less the insets).
      const x2 = xa.next(t);
      const a1 = t + xa.inset * xa.msPerPx;
      const w = (x2 - xa.inset * xa.msPerPx - a1) / k;
      const shown = spec.shareOf ? `${tipFmt(num(r[y]))} (${pct(v)})` : tipFmt(raw);
      points.push({
        x1: kind === 'bar' ? a1 + i * w : t,
        x2: kind === 'bar' ? a1 + (i + 1) * w : x2,
        xm: xa.mid(t),
        series,
        segment: seg,
        value: v,
        title: `${head}\n${colourBySegment ? nameOf(y) : series}: ${shown}`,
      });
    });
  }

  const fy = facet ? (d: { segment: string }) => d.segment : undefined;
  // Periods still in progress (is_complete = false) get a shaded background band.
  const open = [...new Set(valid.filter(({ r }) => r.is_complete === false).map(({ t }) => t))];
  const marks: Plot.Markish[] = [
    Plot.rect(open, {
      x1: (t: number) => t,
      x2: (t: number) => xa.next(t),
      y1: ya.scale.domain[0],
      y2: ya.scale.domain[1],
      fill: c.neutral,
      fillOpacity: 0.22,
    }),
    Plot.gridY({ stroke: c.grid, strokeOpacity: 1, ticks: ya.scale.ticks }),
  ];
  const present = points.filter((p) => p.value !== null);
  if (kind === 'bar' || kind === 'stack') {
    const inset = kind === 'bar' ? Math.min(xa.inset, 1) / 2 : xa.inset;
    const rect = {
      x1: 'x1',
      x2: 'x2',
      y: 'value',
      fill: 'series',
      fy,
      insetLeft: inset,
      insetRight: inset,
      title: 'title',
      tip: true,
    } as const;
    marks.push(
      kind === 'stack' ? Plot.rectY(present, Plot.stackY({ ...rect, order: seriesNames })) : Plot.rectY(present, rect),
    );
  }
  if (ya.scale.domain[0] <= 0 && ya.scale.domain[1] >= 0)
    marks.push(Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.8 }));
  if (spec.rule !== undefined && spec.rule !== 0)
    marks.push(Plot.ruleY([spec.rule], { stroke: c.foreground, strokeOpacity: 0.8, strokeDasharray: '4,3' }));
  if (kind === 'line') {
    const dashed = new Set((spec.dashed ?? []).map(nameOf));
    seriesNames.forEach((name, i) => {
      const mine = points.filter((p) => p.series === name);
      marks.push(
        // A constant stroke, not the `series` channel: one line per mark already, and a channel
        // would make Plot group every point by it (a tenth of a long chart's drawing time).
        Plot.lineY(mine, {
          x: 'xm',
          y: 'value',
          stroke: range[i],
          fy,
          strokeWidth: 1.75,
          strokeDasharray: dashed.has(name) ? '5,3' : undefined,
        }),
      );
    });
    const perSeries = valid.length / Math.max(1, segments.length);
    if (perSeries <= 40) marks.push(Plot.dot(present, { x: 'xm', y: 'value', fill: 'series', r: 2.5, fy }));
    marks.push(Plot.tip(present, Plot.pointer({ x: 'xm', y: 'value', title: 'title', fy })));
  }
  let lineName: string | undefined;
  if (kind === 'stack' && spec.line) {
    const col = spec.line;
    lineName = nameOf(col);
    const lp = valid
      .filter(({ r }) => segments.includes(segment ? String(r[segment] ?? '') : ''))
      .map(({ r, t }) => ({
        xm: xa.mid(t),
        value: num(r[col]),
        segment: segment ? String(r[segment] ?? '') : '',
        title: `${period(t)}\n${lineName}: ${tipFmt(num(r[col]))}`,
      }));
    marks.push(Plot.lineY(lp, { x: 'xm', y: 'value', fy, stroke: c.foreground, strokeWidth: 1.5 }));
    marks.push(
      Plot.dot(lp, {
        x: 'xm',
        y: 'value',
        fy,
        fill: c.background,
        stroke: c.foreground,
        strokeWidth: 1.5,
        r: 3,
        title: 'title',
        tip: true,
      }),
    );
  }
  if (facet)
    marks.push(
      Plot.text(segments, {
        fy: (d: string) => d,
        text: (d: string) => d,
        frameAnchor: 'top-left',
        dy: -14,
        fontWeight: 'bold',
        fill: c.foreground,
      }),
    );
  if (spec.title)
    marks.push(
      Plot.text([spec.title], {
        text: (d: string) => d,
        frameAnchor: 'top-left',
        dy: -24,
        dx: -marginLeft + 4,
        fill: c.foreground,
        fontWeight: 'bold',
        fontSize: FONT_SIZE,
      }),
    );
  yield;
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: showX ? xa.marginBottom : 14,
    x: { ...xa.scale, axis: showX ? 'bottom' : null },
    y: { ...ya.scale, grid: false },
    fy: facet ? { domain: segments, axis: null, padding: 0.22 } : undefined,
    color: { domain: seriesNames, range },
    marks,
  });
  const names = [...seriesNames, ...(lineName ? [lineName] : [])];
  const colours = [...range, ...(lineName ? [c.foreground] : [])];
  return {
    svg,
    legend: names.length > 1 ? { names, range: colours } : { names: [], range: [] },
    hidden: split.all.length - segments.length,
    marginLeft,
    time: xa,
    incomplete: open.length > 0,
  };
}

/**
 * Several panels on one shared x axis: the same left margin (the widest), the same
 * x domain (all rows), x ticks on the last panel only. Panels with no data are skipped.
 */
export function stackPanels(
  doc: Document,
  rows: readonly Row[],
  specs: readonly PanelSpec[],
  options: ChartOptions,
): Panel[] {
  return runSteps(stackPanelsSteps(doc, rows, specs, options));
}

/**
 * Work in steps: a generator that pauses (yields) between its expensive parts and returns
 * the result, so a caller on the page can draw a many-panel chart over several tasks.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end at once and returns their result. */
export function runSteps<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** {@link stackPanels} in steps: a pause before each panel after the first, and inside each panel. */
export function* stackPanelsSteps(
  doc: Document,
  rows: readonly Row[],
  specs: readonly PanelSpec[],
  options: ChartOptions,
): Steps<Panel[]> {
  const live = specs.filter((s) => s.ys.some((y) => rows.some((r) => num(r[y]) !== null)));
  if (live.length === 0) return [];
  const x = live[0]!.x;
  const { valid, grain } = datedRows(rows, x, options);
  if (valid.length === 0) return [];
  const marginLeft = Math.max(...live.map((s) => panelAxis(rows, s, options, s.height - 40).marginLeft));
  const time = timeX(
    valid.map((d) => d.t),
    grain,
    options.width - marginLeft - 14,
    options.locale,
    live[0]!.pointsOnly,
  );
  const out: Panel[] = [];
  for (const [i, s] of live.entries()) {
    if (i > 0) yield;
    const p = yield* seriesPanelSteps(doc, rows, { ...s, marginLeft, time, xAxis: i === live.length - 1 }, options);
    if (p) out.push(p);
  }
  return out;
}

/** The small count panel under a line chart (header `bars:`), aligned on the same x. */
export function barsPanel(
  doc: Document,
  rows: readonly Row[],
  x: string,
  col: string,
  options: ChartOptions,
  time: TimeX,
  marginLeft: number,
  height = 70,
): ChartElement {
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
  const data = [...byT].map(([t, v]) => ({
    x1: t,
    x2: time.next(t),
    v,
    title: `${period(t)}\n${label(col)}: ${tipFmt(v)}`,
  }));
  const ya = yAxis(
    data.map((d) => d.v),
    height - 26,
    fmt,
    { zero: true },
  );
  const ticks =
    ya.scale.ticks.length > 2 ? [ya.scale.ticks[0]!, ya.scale.ticks[ya.scale.ticks.length - 1]!] : ya.scale.ticks;
  return Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginRight: 14,
    marginTop: 18,
    marginBottom: 8,
    x: { ...time.scale, axis: null },
    y: { ...ya.scale, ticks },
    marks: [
      Plot.rectY(data, {
        x1: 'x1',
        x2: 'x2',
        y: 'v',
        fill: c.neutral,
        insetLeft: time.inset,
        insetRight: time.inset,
        title: 'title',
        tip: true,
      }),
      Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.8 }),
      Plot.text([label(col)], {
        text: (d: string) => d,
        frameAnchor: 'top-left',
        dy: -16,
        dx: -marginLeft + 4,
        fill: c.muted,
        fontSize: FONT_SIZE,
      }),
    ],
  });
}
