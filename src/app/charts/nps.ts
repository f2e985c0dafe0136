/**
 * NPS (KPI `nps`; rows `{period, responses, promoters, passives, detractors, nps}`): two
 * panels on one x axis — on top the NPS score line on a fixed −100..100 axis with a rule
 * at 0; below, each period's responses split into detractors / passives / promoters as
 * stacked shares (0–100 %). A separate panel rather than a second y scale: a dual axis
 * invites reading the line against the bars' scale.
 */
import { firstDateColumn, labeller, placeholder } from './common.js';
import { assemble, defaultHeight } from './generic.js';
import { runSteps, stackPanelsSteps, type Steps } from './panels.js';
import { themeColors } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export function npsChart(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return runSteps(npsSteps(doc, rows, options));
}

/** {@link npsChart} in steps: a pause between its panels and before they are put together. */
export function* npsSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  const x = options.x ?? (rows[0] && 'period' in rows[0] ? 'period' : firstDateColumn(rows));
  if (rows.length === 0 || !x) return placeholder(doc, options);
  const c = themeColors(options.theme);
  const label = labeller(options);
  const total = defaultHeight(options) + 40;
  const top = Math.round(total * 0.42);
  const panels = yield* stackPanelsSteps(
    doc,
    rows,
    [
      {
        kind: 'line',
        x,
        ys: ['nps'],
        height: top,
        unit: 'score',
        yDomain: [-100, 100],
        rule: 0,
        colorOf: { nps: c.foreground },
        title: label('nps'),
      },
      {
        kind: 'stack',
        x,
        ys: ['detractors', 'passives', 'promoters'],
        height: total - top,
        shareOf: 'responses',
        unit: 'count',
        colorOf: { detractors: c.semantic.bad, passives: c.neutral, promoters: c.semantic.good },
        title: label('share'),
      },
    ],
    options,
  );
  if (panels.length === 0) return placeholder(doc, options);
  yield;
  return assemble(doc, options, 'nps', panels);
}
