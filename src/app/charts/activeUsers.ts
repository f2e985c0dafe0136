/**
 * Active users (KPI `active_users`; rows `{day, dau, wau, mau, dau_mau}`): DAU/WAU/MAU
 * lines on a count axis, and under them, on the same x axis, the DAU/MAU ratio
 * (stickiness) on a percent axis.
 */
import { firstDateColumn, labeller, placeholder } from './common.js';
import { assemble, defaultHeight } from './generic.js';
import { runSteps, stackPanelsSteps, type Steps } from './panels.js';
import { themeColors } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export function activeUsers(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return runSteps(activeUsersSteps(doc, rows, options));
}

/** {@link activeUsers} in steps: a pause between its panels and before they are put together. */
export function* activeUsersSteps(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
): Steps<ChartElement> {
  const x = options.x ?? (rows[0] && 'day' in rows[0] ? 'day' : firstDateColumn(rows));
  if (rows.length === 0 || !x) return placeholder(doc, options);
  const c = themeColors(options.theme);
  const label = labeller(options);
  const total = defaultHeight(options) + 60;
  const bottom = Math.round(total * 0.34);
  const counts = ['dau', 'wau', 'mau'].filter((k) => rows.some((r) => k in r));
  const daily = (options.grain ?? 'day') === 'day';
  const panels = yield* stackPanelsSteps(
    doc,
    rows,
    [
      {
        kind: 'line',
        x,
        ys: counts,
        height: total - bottom,
        unit: 'count',
        pointsOnly: daily,
        colorOf: { dau: c.categorical[0]!, wau: c.categorical[1]!, mau: c.categorical[2]! },
      },
      {
        kind: 'line',
        x,
        ys: ['dau_mau'],
        height: bottom,
        unit: 'ratio',
        pointsOnly: daily,
        colorOf: { dau_mau: c.semantic.other },
        title: label('dau_mau'),
      },
    ],
    options,
  );
  if (panels.length === 0) return placeholder(doc, options);
  yield;
  return assemble(doc, options, 'active-users', panels);
}
