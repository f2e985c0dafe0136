/**
 * Cohort retention heatmap (KPIs `cohort_retention`, `revenue_cohort_retention`; rows
 * `{cohort, period, cohort_size, retained, retention, is_complete?}`): the usual triangle,
 * one row per cohort, one column per period since the cohort (0…N), cells coloured by
 * retention on a sequential scale (blues / viridis), the percentage written in the cell
 * when it fits. Cells flagged `is_complete === false` are hatched and outlined, with a
 * note under the chart. A final "mean" row gives each period's mean retention (see
 * `periodMeans`). Absent cells (beyond the data end) stay empty — never zero.
 */
import * as Plot from '@observablehq/plot';
import {
  basePlot,
  chartId,
  colors,
  FONT_SIZE,
  labeller,
  luminance,
  marginFor,
  note,
  num,
  placeholder,
  rampLegend,
  SVG_NS,
  wrapper,
} from './common.js';
import { grainFromColumn, inferGrain, parseIsoDate } from './dates.js';
import { numberFormat, percentFormat, periodFormat, textWidth } from './format.js';
import { thinBand } from './ticks.js';
import { runSteps, type Steps } from './panels.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export interface CohortCell {
  cohort: string;
  period: number;
  cohortSize: number | null;
  retained: number | null;
  retention: number | null;
  complete: boolean;
}

export interface PeriodMean {
  period: number;
  /** Mean retention; null when no cohort has a usable cell in this period. */
  retention: number | null;
  /** Number of cohorts averaged. */
  cohorts: number;
  /** Sum of their cohort sizes (the weights). */
  weight: number;
  /** False when only incomplete cells were available and were used. */
  complete: boolean;
}

/** Reads KPI rows into cells (rows without a cohort or an integer period are dropped). */
export function toCells(rows: readonly Row[]): CohortCell[] {
  const out: CohortCell[] = [];
  for (const r of rows) {
    const period = num(r.period);
    if (r.cohort === null || r.cohort === undefined || period === null || !Number.isInteger(period) || period < 0)
      continue;
    out.push({
      cohort: String(r.cohort),
      period,
      cohortSize: num(r.cohort_size),
      retained: num(r.retained),
      retention: num(r.retention),
      complete: r.is_complete !== false,
    });
  }
  return out;
}

/**
 * The "mean" row: for each period, the mean retention over the cohorts that HAVE that
 * cell (a non-null retention), WEIGHTED BY cohort_size: Σ size·retention / Σ size.
 * For logo retention that is the pooled rate Σ retained / Σ cohort size, so small cohorts
 * do not swing it. Cohorts with no size (null or 0: empty cohorts) are skipped.
 * Incomplete cells (is_complete = false) would pull the mean down, so they are left out
 * whenever the period has complete cells; a period with only incomplete cells is averaged
 * over them and flagged incomplete.
 */
export function periodMeans(cells: readonly CohortCell[]): PeriodMean[] {
  const byPeriod = new Map<number, CohortCell[]>();
  for (const c of cells) {
    if (c.retention === null || c.cohortSize === null || !(c.cohortSize > 0)) continue;
    const list = byPeriod.get(c.period) ?? [];
    list.push(c);
    byPeriod.set(c.period, list);
  }
  const periods = [...new Set(cells.map((c) => c.period))].sort((a, b) => a - b);
  return periods.map((period) => {
    const all = byPeriod.get(period) ?? [];
    const complete = all.filter((c) => c.complete);
    const use = complete.length ? complete : all;
    const weight = use.reduce((s, c) => s + c.cohortSize!, 0);
    const sum = use.reduce((s, c) => s + c.cohortSize! * c.retention!, 0);
    return {
      period,
      retention: weight > 0 ? sum / weight : null,
      cohorts: use.length,
      weight,
      complete: complete.length > 0 || all.length === 0,
    };
  });
}

const MEAN_KEY = '\u0000mean';
const GAP_KEY = '\u0000gap';

interface Cell {
  key: string;
  period: number;
  retention: number;
  complete: boolean;
  title: string;
  mean: boolean;
}

export function cohortHeatmap(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): ChartElement {
  return runSteps(cohortHeatmapSteps(doc, rows, options));
}

/**
 * {@link cohortHeatmap} in steps: a pause between preparing the cells (labels, tooltips)
 * and drawing them with Plot (36 × 36 cohorts: ~20 ms of script and the layout after it
 * in one task otherwise).
 */
export function* cohortHeatmapSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  const cells = toCells(rows).filter((c) => c.retention !== null);
  if (cells.length === 0) return placeholder(doc, options);
  const label = labeller(options);
  const c = colors(options);
  const pct0 = percentFormat(options.locale, 0);
  const pct1 = percentFormat(options.locale, 1);
  const count = numberFormat(options.locale, { digits: 0 });
  const fmtRetained = numberFormat(options.locale, { digits: 2 });

  // Cohorts in order (ISO dates sort), with their sizes.
  const sizes = new Map<string, number | null>();
  for (const r of toCells(rows))
    if (!sizes.has(r.cohort) || sizes.get(r.cohort) === null) sizes.set(r.cohort, r.cohortSize);
  const cohorts = [...sizes.keys()].sort();
  const times = cohorts.map(parseIsoDate).filter((t): t is number => t !== null);
  const grain = options.grain ?? inferGrain(times, grainFromColumn('month'));
  const fmtPeriod = periodFormat(options.locale, grain);
  const cohortName = (k: string): string => {
    const t = parseIsoDate(k);
    return t === null ? k : fmtPeriod(t);
  };
  const maxPeriod = Math.max(...cells.map((d) => d.period));
  const periods = Array.from({ length: maxPeriod + 1 }, (_, i) => i);
  const means = periodMeans(cells);

  const data: Cell[] = cells.map((d) => ({
    key: d.cohort,
    period: d.period,
    retention: d.retention!,
    complete: d.complete,
    mean: false,
    title:
      `${label('cohort')}: ${cohortName(d.cohort)}\n${label('period')}: ${d.period}\n${label('retention')}: ${pct1(d.retention)}` +
      (d.retained !== null
        ? `\n${label('retained')}: ${fmtRetained(d.retained)}${d.cohortSize !== null ? ` / ${count(d.cohortSize)}` : ''}`
        : '') +
      (d.complete ? '' : `\n${label('incompleteShort')}`),
  }));
  const meanName = label('periodMean');
  const showMean = cohorts.length > 1;
  if (showMean) {
    for (const m of means) {
      if (m.retention === null) continue;
      data.push({
        key: MEAN_KEY,
        period: m.period,
        retention: m.retention,
        complete: m.complete,
        mean: true,
        title: `${meanName} (${m.cohorts} × ${label('cohort')}, ${label('weighted')})\n${label('period')}: ${m.period}\n${label('retention')}: ${pct1(m.retention)}`,
      });
    }
  }
  const yDomain = showMean ? [...cohorts, GAP_KEY, MEAN_KEY] : cohorts;
  const yLabel = (k: string): string =>
    k === MEAN_KEY ? meanName : k === GAP_KEY ? '' : `${cohortName(k)} (${count(sizes.get(k) ?? null)})`;

  // Geometry: fixed cell height unless a height is given.
  const marginLeft = marginFor(yDomain.map(yLabel), 40);
  const marginTop = 40;
  const marginBottom = 8;
  const marginRight = 10;
  const cellH = options.height
    ? Math.max(4, (options.height - marginTop - marginBottom) / yDomain.length)
    : yDomain.length > 40
      ? 12
      : 22;
  const height = options.height ?? Math.round(marginTop + marginBottom + cellH * yDomain.length);
  const plotW = options.width - marginLeft - marginRight;
  const cellW = plotW / periods.length;
  const showText = cellW >= 24 && cellH >= 13;
  const textSize = cellW < 34 ? 8.5 : FONT_SIZE;
  // Cells too narrow for "100%" (an A4 page, a narrow window) show the number alone: the
  // legend above says the values are percentages.
  const pctNumber = numberFormat(options.locale, { digits: 0 });
  const cellText = textWidth(pct0(1), textSize) + 8 <= cellW ? pct0 : (v: number): string => pctNumber(v * 100);

  // Colour: sequential, 0 .. max(1, highest retention) (revenue retention may exceed 1).
  const top = Math.max(1, ...data.map((d) => d.retention));
  const colorOptions = { type: 'linear', scheme: c.sequential, domain: [0, top] } as const;
  const scale = Plot.scale({ color: colorOptions });
  const fillOf = (v: number): string => String(scale.apply(v));
  const dark = (d: Cell): boolean => luminance(fillOf(d.retention)) < 0.35;

  const hatchId = chartId(options, 'hatch');
  const incomplete = data.filter((d) => !d.complete);
  const xTicks = thinBand(periods, plotW, (p) => String(p));
  const yTicks = thinBand(yDomain, height - marginTop - marginBottom, yLabel, FONT_SIZE, true).filter(
    (k) => k !== GAP_KEY,
  );
  if (showMean && !yTicks.includes(MEAN_KEY)) yTicks.push(MEAN_KEY);

  const text = (subset: Cell[], fill: string, bold: boolean): Plot.Markish =>
    Plot.text(subset, {
      x: 'period',
      y: 'key',
      text: (d: Cell) => cellText(d.retention),
      fill,
      fontSize: textSize,
      fontWeight: bold ? 'bold' : 'normal',
      pointerEvents: 'none',
    });
  const marks: Plot.Markish[] = [
    Plot.cell(data, { x: 'period', y: 'key', fill: 'retention', inset: 0.5, title: 'title', tip: true }),
    Plot.cell(incomplete, {
      x: 'period',
      y: 'key',
      fill: `url(#${hatchId})`,
      stroke: c.foreground,
      strokeDasharray: '3,2',
      strokeWidth: 1,
      inset: 1,
    }),
  ];
  if (showText) {
    for (const mean of [false, true]) {
      const set = data.filter((d) => d.mean === mean);
      marks.push(
        text(set.filter(dark), c.onDark, mean),
        text(
          set.filter((d) => !dark(d)),
          c.onLight,
          mean,
        ),
      );
    }
  }
  yield;
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginTop,
    marginBottom,
    marginRight,
    x: {
      type: 'band',
      domain: periods,
      axis: 'top',
      ticks: xTicks,
      tickSize: 0,
      padding: 0,
      label: label('period'),
      labelAnchor: 'left',
      labelOffset: 30,
    },
    y: { type: 'band', domain: yDomain, ticks: yTicks, tickFormat: yLabel, tickSize: 0, padding: 0, label: null },
    color: colorOptions,
    marks,
  });
  if (incomplete.length) addHatch(doc, svg, hatchId, c.foreground);

  const legend = rampLegend(
    doc,
    options,
    fillOf,
    [0, top],
    top > 1 ? [0, 0.5, 1, top] : [0, 0.25, 0.5, 0.75, 1],
    pct0,
    label('retention'),
  );
  const parts: (Element | null)[] = [legend, svg];
  if (incomplete.length)
    parts.push(note(doc, options, label('incomplete'), hatchSwatch(doc, options, chartId(options, 'hatch-note'))));
  return wrapper(doc, options, 'cohort-heatmap', parts);
}

function addHatch(doc: Document, svg: Element, id: string, color: string): void {
  const defs = doc.createElementNS(SVG_NS, 'defs');
  const pattern = doc.createElementNS(SVG_NS, 'pattern');
  for (const [k, v] of Object.entries({
    id,
    width: 5,
    height: 5,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  }))
    pattern.setAttribute(k, String(v));
  const line = doc.createElementNS(SVG_NS, 'line');
  for (const [k, v] of Object.entries({
    x1: 0,
    y1: 0,
    x2: 0,
    y2: 5,
    stroke: color,
    'stroke-width': 1.4,
    'stroke-opacity': 0.55,
  }))
    line.setAttribute(k, String(v));
  pattern.append(line);
  defs.append(pattern);
  // After Plot's <style>, before the marks.
  const style = svg.querySelector('style');
  if (style) style.after(defs);
  else svg.prepend(defs);
}

function hatchSwatch(doc: Document, options: ChartOptions, id: string): SVGSVGElement {
  const c = colors(options);
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  for (const [k, v] of Object.entries({ width: 15, height: 15, 'aria-hidden': 'true' })) svg.setAttribute(k, String(v));
  addHatch(doc, svg, id, c.foreground);
  const rect = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({
    x: 0.5,
    y: 0.5,
    width: 14,
    height: 14,
    fill: `url(#${id})`,
    stroke: c.foreground,
    'stroke-dasharray': '3,2',
  }))
    rect.setAttribute(k, String(v));
  svg.append(rect);
  return svg;
}
