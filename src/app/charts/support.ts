/**
 * Support (KPI `support`): median and 90th-percentile first response (minutes) and
 * resolution (hours) by created period — two panels on one x axis, median solid,
 * p90 dashed (colour and dash both tell them apart).
 */
import { firstDateColumn, labeller, placeholder } from './common.js';
import { assemble, defaultHeight } from './generic.js';
import { runSteps, stackPanelsSteps, type Steps } from './panels.js';
import { themeColors } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export function supportChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return runSteps(supportSteps(doc, rows, options));
}

/** {@link supportChart} in steps: a pause between its panels and before they are put together. */
export function* supportSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  const x = options.x ?? (rows[0] && 'period' in rows[0] ? 'period' : firstDateColumn(rows));
  if (rows.length === 0 || !x) return placeholder(doc, options);
  const label = labeller(options);
  const s = themeColors(options.theme).semantic;
  const half = Math.round((defaultHeight(options) + 60) / 2);
  const median = label('median');
  const p90 = label('p90');
  const panels = yield* stackPanelsSteps(
    doc,
    rows,
    [
      {
        kind: 'line',
        x,
        ys: ['median_first_response_minutes', 'p90_first_response_minutes'],
        height: half,
        unit: 'minutes',
        dashed: ['p90_first_response_minutes'],
        colorOf: { median_first_response_minutes: s.accent, p90_first_response_minutes: s.warn },
        seriesLabels: { median_first_response_minutes: median, p90_first_response_minutes: p90 },
        title: label('firstResponse'),
      },
      {
        kind: 'line',
        x,
        ys: ['median_resolution_hours', 'p90_resolution_hours'],
        height: half,
        unit: 'hours',
        dashed: ['p90_resolution_hours'],
        colorOf: { median_resolution_hours: s.accent, p90_resolution_hours: s.warn },
        seriesLabels: { median_resolution_hours: median, p90_resolution_hours: p90 },
        title: label('resolution'),
      },
    ],
    options,
  );
  if (panels.length === 0) return placeholder(doc, options);
  yield;
  return assemble(doc, options, 'support', panels);
}
