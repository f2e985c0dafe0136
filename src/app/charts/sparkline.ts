/**
 * Sparkline for dashboard tiles: the last N values of one column as a line, no axes, the
 * last point highlighted. Rows are ordered by their date column when they have one.
 */
import * as Plot from '@observablehq/plot';
import { basePlot, colors, firstDateColumn, num, numericColumns, placeholder } from './common.js';
import { parseIsoDate } from './dates.js';
import { unitFormat } from './format.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export interface SparklineOptions {
  /** How many of the last values to draw (default 12). */
  last?: number;
}

/** The last `n` values of `y` in date order (nulls kept as gaps). */
export function sparkValues(
  rows: readonly Row[] | readonly (number | null)[],
  y: string | undefined,
  n: number,
  x?: string,
): (number | null)[] {
  let values: (number | null)[];
  if (rows.length && (typeof rows[0] === 'number' || rows[0] === null))
    values = (rows as readonly (number | null)[]).map((v) => num(v));
  else {
    const objs = rows as readonly Row[];
    const col = y ?? numericColumns(objs)[0];
    if (!col) return [];
    const dateCol = x ?? firstDateColumn(objs);
    const ordered = dateCol
      ? [...objs].sort((a, b) => (parseIsoDate(a[dateCol]) ?? 0) - (parseIsoDate(b[dateCol]) ?? 0))
      : objs;
    values = ordered.map((r) => num(r[col]));
  }
  return values.slice(-Math.max(1, n));
}

export function sparkline(
  doc: Document,
  rows: readonly Row[] | readonly (number | null)[],
  options: ChartOptions & ChartEncoding & SparklineOptions,
): ChartElement {
  const height = options.height ?? 36;
  const y = typeof options.y === 'string' ? options.y : options.y?.[0];
  const values = sparkValues(rows, y, options.last ?? 12, options.x);
  // Positions count back from the last value (0), so a short series ends at the right edge.
  const points = values.map((v, i) => ({ i: i - (values.length - 1), v }));
  const present = points.filter((p) => p.v !== null);
  if (present.length === 0) return placeholder(doc, { ...options, title: options.title }, height, '–');
  const c = colors(options);
  const lastPoint = present[present.length - 1]!;
  const fmt = unitFormat(y ? options.units?.[y] : undefined, options.locale, options.currency, false);
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    margin: 4,
    x: { axis: null, domain: [-Math.max(1, values.length - 1), 0] },
    y: { axis: null, nice: false, ...(present.length === 1 ? { domain: [lastPoint.v! - 1, lastPoint.v! + 1] } : {}) },
    marks: [
      Plot.lineY(points, { x: 'i', y: 'v', stroke: c.semantic.accent, strokeWidth: 1.5 }),
      Plot.dot([lastPoint], { x: 'i', y: 'v', r: 3, fill: c.semantic.accent, stroke: c.background, strokeWidth: 1 }),
    ],
  });
  svg.setAttribute('class', `${svg.getAttribute('class') ?? ''} kpi-chart kpi-chart-sparkline`.trim());
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${options.title ? `${options.title}: ` : ''}${fmt(lastPoint.v)}`);
  return svg;
}
