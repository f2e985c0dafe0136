/**
 * RFM grid (KPI `rfm`; per-customer rows `{customer_id, r_score, f_score, m_score,
 * rfm_segment, monetary?}`): recency score (x, 1..5, 5 = most recent on the right) ×
 * frequency score (y, 5 = most frequent on top); each cell counts its customers (the
 * label), coloured by that count — or, with `colorBy: 'monetary'`, by the cell's mean
 * `monetary` (currency) when the rows have it, else its mean m_score — and, when the cell
 * is large enough, names its most common segment.
 */
import * as Plot from '@observablehq/plot';
import { basePlot, colors, labeller, linearTicks, luminance, num, placeholder, rampLegend, wrapper } from './common.js';
import { currencyFormat, numberFormat } from './format.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export interface RfmOptions {
  /** Cell colour: number of customers (default) or mean m_score. */
  colorBy?: 'count' | 'monetary';
}

export interface RfmCell {
  r: number;
  f: number;
  count: number;
  /** Mean m_score of the cell's customers (null when none has one). */
  mScore: number | null;
  /** Mean `monetary` value (currency) of the cell's customers (null when none has one). */
  monetary: number | null;
  /** Segments by number of customers, largest first. */
  segments: { name: string; count: number }[];
}

/** Groups customers by (r_score, f_score); scores outside 1..5 are ignored. */
export function rfmCells(rows: readonly Row[]): RfmCell[] {
  const map = new Map<
    string,
    {
      r: number;
      f: number;
      count: number;
      mSum: number;
      mN: number;
      vSum: number;
      vN: number;
      seg: Map<string, number>;
    }
  >();
  for (const row of rows) {
    const r = num(row.r_score);
    const f = num(row.f_score);
    if (r === null || f === null || r < 1 || r > 5 || f < 1 || f > 5) continue;
    const key = `${r}:${f}`;
    const cell = map.get(key) ?? { r, f, count: 0, mSum: 0, mN: 0, vSum: 0, vN: 0, seg: new Map<string, number>() };
    cell.count++;
    const m = num(row.m_score);
    if (m !== null) {
      cell.mSum += m;
      cell.mN++;
    }
    const v = num(row.monetary);
    if (v !== null) {
      cell.vSum += v;
      cell.vN++;
    }
    const s = row.rfm_segment;
    if (s !== null && s !== undefined && s !== '') cell.seg.set(String(s), (cell.seg.get(String(s)) ?? 0) + 1);
    map.set(key, cell);
  }
  return [...map.values()]
    .map((c) => ({
      r: c.r,
      f: c.f,
      count: c.count,
      mScore: c.mN ? c.mSum / c.mN : null,
      monetary: c.vN ? c.vSum / c.vN : null,
      segments: [...c.seg]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)),
    }))
    .sort((a, b) => a.f - b.f || a.r - b.r);
}

export function rfmGrid(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding & RfmOptions,
): ChartElement {
  const cells = rfmCells(rows);
  if (cells.length === 0) return placeholder(doc, options);
  const label = labeller(options);
  const c = colors(options);
  const count = numberFormat(options.locale, { digits: 0 });
  const score = numberFormat(options.locale, { digits: 1 });
  const byMonetary = options.colorBy === 'monetary';
  const hasMoney = cells.some((d) => d.monetary !== null);
  const money = currencyFormat(options.locale, options.currency ?? 'USD', false);
  const moneyAxis = currencyFormat(options.locale, options.currency ?? 'USD', true);
  const value = (d: RfmCell): number => (byMonetary ? ((hasMoney ? d.monetary : d.mScore) ?? 0) : d.count);
  const domain: [number, number] = byMonetary
    ? hasMoney
      ? [0, Math.max(1, ...cells.map(value))]
      : [1, 5]
    : [0, Math.max(...cells.map((d) => d.count))];
  const colorOptions = { type: 'linear', scheme: c.sequential, domain } as const;
  const scale = Plot.scale({ color: colorOptions });
  const dark = (d: RfmCell): boolean => luminance(String(scale.apply(value(d)))) < 0.35;

  const marginLeft = 46;
  const marginBottom = 40;
  const marginTop = 10;
  const marginRight = 10;
  const height = options.height ?? Math.min(460, Math.max(240, Math.round(options.width * 0.6)));
  const cellW = (options.width - marginLeft - marginRight) / 5;
  const cellH = (height - marginTop - marginBottom) / 5;
  const showSegment = cellW >= 70 && cellH >= 34;

  const items = cells.map((d) => ({
    ...d,
    v: value(d),
    top: d.segments[0]?.name ?? '',
    title:
      `R ${d.r} · F ${d.f}\n${label('customers')}: ${count(d.count)}\n${label('m_score')}: ${score(d.mScore)}` +
      (d.monetary !== null ? `\n${label('monetary')}: ${money(d.monetary)}` : '') +
      d.segments
        .slice(0, 3)
        .map((s) => `\n${s.name}: ${count(s.count)}`)
        .join(''),
  }));
  type Item = (typeof items)[number];
  const countText = (subset: Item[], fill: string): Plot.Markish =>
    Plot.text(subset, {
      x: 'r',
      y: 'f',
      text: (d: Item) => count(d.count),
      fill,
      fontSize: 14,
      fontWeight: 'bold',
      dy: showSegment ? -6 : 0,
      pointerEvents: 'none',
    });
  const segText = (subset: Item[], fill: string): Plot.Markish =>
    Plot.text(subset, {
      x: 'r',
      y: 'f',
      text: 'top',
      fill,
      fontSize: 9,
      dy: 10,
      lineWidth: cellW / 9 - 1,
      textOverflow: 'ellipsis',
      pointerEvents: 'none',
    });
  const darkItems = items.filter(dark);
  const lightItems = items.filter((d) => !dark(d));
  const marks: Plot.Markish[] = [
    Plot.cell(items, { x: 'r', y: 'f', fill: 'v', inset: 1, rx: 3, title: 'title', tip: true }),
    countText(darkItems, c.onDark),
    countText(lightItems, c.onLight),
  ];
  if (showSegment) marks.push(segText(darkItems, c.onDark), segText(lightItems, c.onLight));
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    x: {
      type: 'band',
      domain: [1, 2, 3, 4, 5],
      padding: 0,
      tickSize: 0,
      label: label('recency'),
      labelAnchor: 'center',
      labelOffset: 32,
    },
    y: {
      type: 'band',
      domain: [5, 4, 3, 2, 1],
      padding: 0,
      tickSize: 0,
      label: label('frequency'),
      labelAnchor: 'center',
      labelOffset: 36,
    },
    color: colorOptions,
    marks,
  });
  const legendFmt = byMonetary ? (hasMoney ? moneyAxis : score) : count;
  const legendTicks = byMonetary && !hasMoney ? [1, 2, 3, 4, 5] : linearTicks(domain[0], domain[1], 3);
  const legendTitle = byMonetary ? (hasMoney ? label('monetary') : label('m_score')) : label('customers');
  const legend = rampLegend(doc, options, (v) => String(scale.apply(v)), domain, legendTicks, legendFmt, legendTitle);
  return wrapper(doc, options, 'rfm-grid', [legend, svg]);
}
