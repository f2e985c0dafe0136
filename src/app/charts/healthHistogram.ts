/**
 * Health-score distribution (KPI `health_score`; rows `{customer_id, score, band}`):
 * a histogram of scores in bins of 5 points (0–5, …, 95–100; 100 falls in the last bin),
 * stacked by band. Band colours are colour-blind safe (Okabe-Ito vermillion / yellow /
 * bluish green) and never the only cue: the band ranges are separated by dashed rules
 * and labelled above the bars with their customer counts.
 */
import * as Plot from '@observablehq/plot';
import { basePlot, colors, labeller, num, placeholder, swatches, wrapper, yAxis } from './common.js';
import { numberFormat } from './format.js';
import { OKABE_ITO as O } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export type HealthBand = 'red' | 'yellow' | 'green';
export const BANDS: readonly HealthBand[] = ['red', 'yellow', 'green'];
/** Gainsight bands: 0–50 red, 51–75 yellow, 76–100 green. */
export const BAND_RANGES: Record<HealthBand, [number, number]> = { red: [0, 50], yellow: [51, 75], green: [76, 100] };
export const BIN_WIDTH = 5;

/** The band of a row: its `band` value when it is one of the three, else from the score. */
export function bandOf(score: number, band: unknown): HealthBand {
  const b = typeof band === 'string' ? band.trim().toLowerCase() : '';
  if (b === 'red' || b === 'yellow' || b === 'green') return b;
  return score <= 50 ? 'red' : score <= 75 ? 'yellow' : 'green';
}

export interface HealthBin {
  x1: number;
  x2: number;
  band: HealthBand;
  count: number;
}

/** Counts per 5-point bin and band (scores clamped to 0..100). */
export function healthBins(rows: readonly Row[]): HealthBin[] {
  const map = new Map<string, HealthBin>();
  for (const r of rows) {
    const s = num(r.score);
    if (s === null) continue;
    const score = Math.min(100, Math.max(0, s));
    const i = Math.min(100 / BIN_WIDTH - 1, Math.floor(score / BIN_WIDTH));
    const band = bandOf(score, r.band);
    const key = `${i}:${band}`;
    const bin = map.get(key) ?? { x1: i * BIN_WIDTH, x2: (i + 1) * BIN_WIDTH, band, count: 0 };
    bin.count++;
    map.set(key, bin);
  }
  return [...map.values()].sort((a, b) => a.x1 - b.x1 || BANDS.indexOf(a.band) - BANDS.indexOf(b.band));
}

export function healthHistogram(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): ChartElement {
  const bins = healthBins(rows);
  if (bins.length === 0) return placeholder(doc, options);
  const label = labeller(options);
  const c = colors(options);
  const count = numberFormat(options.locale, { digits: 0 });
  const fill: Record<HealthBand, string> = { red: O.vermillion, yellow: O.yellow, green: O.bluishGreen };
  const names = BANDS.map((b) => label(b));
  const totals = new Map<number, number>();
  for (const b of bins) totals.set(b.x1, (totals.get(b.x1) ?? 0) + b.count);
  const bandTotals = BANDS.map((band) => bins.filter((b) => b.band === band).reduce((s, b) => s + b.count, 0));
  const height = options.height ?? Math.min(360, Math.max(220, Math.round(options.width * 0.42)));
  const marginTop = 30;
  const marginBottom = 36;
  const ya = yAxis(
    [...totals.values()],
    height - marginTop - marginBottom,
    numberFormat(options.locale, { compact: true }),
    { zero: true },
  );
  const items = bins.map((b) => ({
    ...b,
    name: label(b.band),
    title: `${label('score')}: ${b.x1}–${b.x2}\n${label(b.band)}: ${count(b.count)}`,
  }));
  const regions = BANDS.map((band, i) => ({
    band,
    x: (BAND_RANGES[band][0] + BAND_RANGES[band][1]) / 2,
    text: `${label(band)}: ${count(bandTotals[i]!)}`,
  }));
  const svg = Plot.plot({
    ...basePlot(doc, options, height),
    marginLeft: ya.marginLeft,
    marginRight: 12,
    marginTop,
    marginBottom,
    x: { domain: [0, 100], ticks: [0, 25, 50, 75, 100], label: label('score'), labelAnchor: 'center', labelOffset: 32 },
    y: { ...ya.scale },
    color: { domain: names, range: BANDS.map((b) => fill[b]) },
    marks: [
      Plot.gridY({ stroke: c.grid, strokeOpacity: 1, ticks: ya.scale.ticks }),
      Plot.rectY(
        items,
        Plot.stackY({
          x1: 'x1',
          x2: 'x2',
          y: 'count',
          fill: 'name',
          order: names,
          stroke: c.background,
          strokeWidth: 0.5,
          insetLeft: 0.5,
          insetRight: 0.5,
          title: 'title',
          tip: true,
        }),
      ),
      Plot.ruleX([50.5, 75.5], { stroke: c.muted, strokeDasharray: '4,3' }),
      Plot.text(regions, { x: 'x', text: 'text', frameAnchor: 'top', dy: -20, fill: c.foreground, fontSize: 10 }),
      Plot.ruleY([0], { stroke: c.muted }),
    ],
  });
  return wrapper(doc, options, 'health-histogram', [
    swatches(
      doc,
      options,
      names,
      BANDS.map((b) => fill[b]),
    ),
    svg,
  ]);
}
