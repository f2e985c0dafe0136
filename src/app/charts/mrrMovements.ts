/**
 * MRR movements (KPI `mrr_movements`) and any diverging stacked bars: per period, the
 * positive movements (new, expansion, reactivation) stacked above 0 and the negative ones
 * (contraction, churned; negative in the data) below, with a line (default: net new MRR)
 * drawn over them with dots — the waterfall reading: bars are the flows, the line their sum.
 */
import { firstDateColumn, numericColumns, placeholder } from './common.js';
import { assemble, defaultHeight } from './generic.js';
import { seriesPanel } from './panels.js';
import { OKABE_ITO as O } from './theme.js';
import type { ChartElement, ChartEncoding, ChartOptions, Row } from './types.js';

export const MRR_SERIES = ['new_mrr', 'expansion_mrr', 'reactivation_mrr', 'contraction_mrr', 'churned_mrr'] as const;

/** Fixed colours of known movement columns (Okabe-Ito: greens/blues up, orange/vermillion down). */
export function movementColors(options: ChartOptions): Record<string, string> {
  const dark = options.theme === 'dark';
  return {
    new_mrr: O.bluishGreen,
    expansion_mrr: O.skyBlue,
    reactivation_mrr: dark ? '#8fd3ff' : O.blue,
    contraction_mrr: O.orange,
    churned_mrr: O.vermillion,
    new: O.bluishGreen,
    returning: dark ? O.skyBlue : O.blue,
    resurrecting: O.reddishPurple,
    dormant: O.vermillion,
  };
}

/** Known column sets, used when neither the header nor the caller names the y columns. */
const KNOWN_SETS: readonly (readonly string[])[] = [MRR_SERIES, ['new', 'returning', 'resurrecting', 'dormant']];

function ys(rows: readonly Row[], options: ChartEncoding, fallback: readonly string[], x: string): string[] {
  if (options.y !== undefined) return typeof options.y === 'string' ? [options.y] : [...options.y];
  if (fallback.length) return [...fallback];
  const known = KNOWN_SETS.find((set) => set.some((c) => rows[0] && c in rows[0]));
  return known ? [...known] : numericColumns(rows, [x, options.line ?? '', 'segment']);
}

/** Diverging stacked bars of `y` over `x`, with an optional `line` column. */
export function divergingBars(
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
  defaults: { y: readonly string[]; line?: string; negate?: readonly string[]; kind?: string } = { y: [] },
): ChartElement {
  const x = options.x ?? firstDateColumn(rows);
  if (rows.length === 0 || !x) return placeholder(doc, options);
  const y = ys(rows, options, defaults.y, x).filter((c) => rows.some((r) => c in r));
  if (y.length === 0) return placeholder(doc, options);
  const line = options.line ?? defaults.line;
  const segment = options.segment ?? (rows[0] && 'segment' in rows[0] ? 'segment' : undefined);
  const panel = seriesPanel(
    doc,
    rows,
    {
      kind: 'stack',
      x,
      ys: y,
      segment,
      height: defaultHeight(options),
      line: line && rows.some((r) => line in r) ? line : undefined,
      negate: defaults.negate,
      colorOf: movementColors(options),
    },
    options,
  );
  if (!panel) return placeholder(doc, options);
  return assemble(doc, options, defaults.kind ?? 'diverging', [panel]);
}

/** MRR movements: the five movements and the net-new-MRR line. */
export function mrrMovements(doc: Document, rows: readonly Row[], options: ChartOptions & ChartEncoding): ChartElement {
  return divergingBars(
    doc,
    rows,
    { ...options, x: options.x ?? 'month' },
    { y: MRR_SERIES, line: 'net_new_mrr', kind: 'mrr-movements' },
  );
}
