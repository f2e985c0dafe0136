/**
 * The fallback for every KPI without a dedicated chart: a line or bar chart over the
 * first date column, one series per chosen numeric column. With a `segment` column:
 * up to 6 segments (and one y column) become coloured series; more segments, or several
 * y columns, become small multiples (one facet per segment, at most 24, largest first).
 */
import {
  colors,
  firstDateColumn,
  labeller,
  note,
  num,
  numericColumns,
  placeholder,
  SVG_NS,
  swatches,
  wrapper,
} from './common.js';
import { barsPanel, runSteps, seriesPanelSteps, type PanelSpec, type Steps } from './panels.js';
import { isIsoDate } from './dates.js';
import { stickiness } from './stickiness.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

function asList(y: string | readonly string[] | undefined): string[] | undefined {
  if (y === undefined) return undefined;
  return typeof y === 'string' ? [y] : [...y];
}

/** Resolves x, y columns and the segment column the way the generic charts do. */
export function resolveEncoding(
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): { x: string | undefined; ys: string[]; segment: string | undefined } {
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

/** Default outer height for a single-panel chart of this width. */
export function defaultHeight(options: ChartOptions): number {
  return options.height ?? Math.min(420, Math.max(220, Math.round(options.width * 0.42)));
}

/** Legend, panel(s), notes: the usual assembly of a chart root. */
export function assemble(
  doc: Document,
  options: ChartOptions,
  kind: string,
  panels: readonly {
    svg: Element;
    legend: { names: string[]; range: string[] };
    hidden: number;
    incomplete?: boolean;
  }[],
  extra: readonly (Element | null)[] = [],
): ChartElement {
  const parts: (Element | null)[] = [];
  const lg = panels.find((p) => p.legend.names.length)?.legend;
  if (lg) parts.push(swatches(doc, options, lg.names, lg.range));
  for (const p of panels) parts.push(p.svg);
  parts.push(...extra);
  const hidden = Math.max(0, ...panels.map((p) => p.hidden));
  if (hidden > 0) parts.push(note(doc, options, `+${hidden} ${labeller(options)('otherSegments')}`));
  if (panels.some((p) => p.incomplete))
    parts.push(note(doc, options, labeller(options)('openPeriod'), shadeSwatch(doc, options)));
  return wrapper(doc, options, kind, parts);
}

export function renderSeries(
  kind: PanelSpec['kind'],
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
  extra: Partial<PanelSpec> = {},
  name: string = kind,
): ChartElement {
  return runSteps(renderSeriesSteps(kind, doc, rows, options, extra, name));
}

/** {@link renderSeries} in steps: the panel's own pause (points, then Plot). */
export function* renderSeriesSteps(
  kind: PanelSpec['kind'],
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
  extra: Partial<PanelSpec> = {},
  name: string = kind,
): Steps<ChartElement> {
  const { x, ys, segment } = resolveEncoding(rows, options);
  // An x that is not a date (e.g. `active_periods`): bars over its values.
  const xv = (r: Row): unknown => r[options.x!];
  if (
    rows.length > 0 &&
    ys.length > 0 &&
    options.x &&
    rows.some((r) => xv(r) !== null && xv(r) !== undefined) &&
    !rows.every((r) => xv(r) === null || xv(r) === undefined || isIsoDate(xv(r)))
  ) {
    return stickiness(doc, rows, { ...options, y: ys[0] });
  }
  if (rows.length === 0 || !x || ys.length === 0) return placeholder(doc, options);
  const bars =
    kind === 'line' && options.bars && rows.some((r) => num(r[options.bars!]) !== null) ? options.bars : undefined;
  const total = defaultHeight(options);
  const barsHeight = bars ? 70 : 0;
  const panel = yield* seriesPanelSteps(
    doc,
    rows,
    { kind, x, ys, segment, height: total - barsHeight, ...extra },
    options,
  );
  if (!panel) return placeholder(doc, options);
  const under = bars ? [barsPanel(doc, rows, x, bars, options, panel.time, panel.marginLeft, barsHeight)] : [];
  return assemble(doc, options, name, [panel], under);
}

/** Line chart: one line per y column (or per segment). */
export function lineChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return renderSeries('line', doc, rows, options);
}

/** {@link lineChart} in steps. */
export function lineSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  return renderSeriesSteps('line', doc, rows, options);
}

/** Bar chart: grouped bars per period, one per y column (or per segment). */
export function barChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return renderSeries('bar', doc, rows, options);
}

/** {@link barChart} in steps. */
export function barSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  return renderSeriesSteps('bar', doc, rows, options);
}

function shadeSwatch(doc: Document, options: ChartOptions): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  for (const [k, v] of Object.entries({ width: 15, height: 15, 'aria-hidden': 'true' })) svg.setAttribute(k, String(v));
  const rect = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width: 15, height: 15, fill: colors(options).neutral, 'fill-opacity': 0.22 }))
    rect.setAttribute(k, String(v));
  svg.append(rect);
  return svg;
}
