/**
 * Lifecycle (KPI `lifecycle`; rows `{period, new, returning, resurrecting, dormant}`):
 * diverging stacked bars, `dormant` below 0 (negated if a source gives it positive).
 */
import { divergingBars } from './mrrMovements.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export const LIFECYCLE_SERIES = ['new', 'returning', 'resurrecting', 'dormant'] as const;

export function lifecycle(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return divergingBars(
    doc,
    rows,
    { ...options, x: options.x ?? 'period' },
    { y: LIFECYCLE_SERIES, negate: ['dormant'], kind: 'lifecycle' },
  );
}
