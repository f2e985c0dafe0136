/**
 * NRR / GRR (KPI `nrr`, `grr`; rows `{month, nrr, grr}`): lines on a percent axis with a
 * dashed 100 % rule. Works for any ratio columns given as `y`.
 */
import { renderSeries } from './generic.js';
import { themeColors } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export function rateLines(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  const present = ['nrr', 'grr'].filter((c) => rows.some((r) => c in r));
  const y = options.y ?? (present.length ? present : undefined);
  const s = themeColors(options.theme).semantic;
  return renderSeries(
    'line',
    doc,
    rows,
    { ...options, y },
    { unit: 'ratio', rule: 1, include: [1], colorOf: { nrr: s.accent, grr: s.warn }, dashed: ['grr'] },
    'rates',
  );
}
