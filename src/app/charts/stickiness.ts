/**
 * Stickiness (KPI `stickiness`; rows `{active_periods, users}`, zero-filled 1..N):
 * a histogram of users by number of active periods, with each bar's share in the tooltip
 * (and its count above the bar when there is room). Also the generic bar chart's form for
 * an x that is not a date: bars over the x values (numbers sorted; text in data order).
 */
import * as Plot from '@observablehq/plot';
import { basePlot, colors, labeller, num, placeholder, wrapper, yAxis } from './common.js';
import { numberFormat, percentFormat } from './format.js';
import { thinBand } from './ticks.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export function stickiness(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  const xCol = options.x ?? 'active_periods';
  const yCol = typeof options.y === 'string' ? options.y : (options.y?.[0] ?? 'users');
  const numeric = rows.every((r) => r[xCol] === null || r[xCol] === undefined || num(r[xCol]) !== null);
  const data = rows
    .map((r) => ({
      k: numeric ? num(r[xCol]) : r[xCol] === null || r[xCol] === undefined ? null : String(r[xCol]),
      v: num(r[yCol]),
    }))
    .filter((d): d is { k: number | string; v: number } => d.k !== null && d.v !== null);
  if (numeric) data.sort((a, b) => (a.k as number) - (b.k as number));
  if (data.length === 0) return placeholder(doc, options);
  const label = labeller(options);
  const c = colors(options);
  const count = numberFormat(options.locale, { digits: 0 });
  const axisCount = numberFormat(options.locale, { compact: true });
  const pct = percentFormat(options.locale, 1);
  const total = data.reduce((s, d) => s + d.v, 0);
  const height = options.height ?? Math.min(360, Math.max(200, Math.round(options.width * 0.4)));
  const marginTop = 16;
  const marginBottom = 36;
  const ya = yAxis(
    data.map((d) => d.v),
    height - marginTop - marginBottom,
    axisCount,
    { zero: true },
  );
  const marginRight = 12;
  const plotW = options.width - ya.marginLeft - marginRight;
  const keys = data.map((d) => d.k);
  const keyText = (k: number | string): string => (typeof k === 'number' ? count(k) : k);
  const ticks = thinBand(keys, plotW, keyText);
  const xName = label(xCol === 'active_periods' ? 'activePeriods' : xCol);
  const yName = label(yCol);
  const items = data.map((d) => ({
    ...d,
    title: `${xName}: ${keyText(d.k)}\n${yName}: ${count(d.v)} (${pct(total ? d.v / total : null)})`,
  }));
  const roomy = plotW / keys.length >= 24;
  const marks: Plot.Markish[] = [
    Plot.gridY({ stroke: c.grid, strokeOpacity: 1, ticks: ya.scale.ticks }),
    Plot.barY(items, { x: 'k', y: 'v', fill: c.semantic.accent, title: 'title', tip: true }),
    Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.8 }),
  ];
  if (roomy)
    marks.push(
      Plot.text(items, {
        x: 'k',
        y: 'v',
        text: (d: { v: number }) => axisCount(d.v),
        dy: -7,
        fill: c.foreground,
        fontSize: 9,
      }),
    );
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft: ya.marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    x: {
      type: 'band',
      domain: keys,
      ticks,
      tickFormat: keyText,
      padding: 0.15,
      label: xName,
      labelAnchor: 'center',
      labelOffset: 32,
    },
    y: { ...ya.scale },
    marks,
  });
  return wrapper(doc, options, 'stickiness', [svg]);
}
