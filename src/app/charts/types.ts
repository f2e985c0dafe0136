/**
 * Types shared by the chart layer. Charts are pure functions
 * `(doc, rows, options) => SVGSVGElement | HTMLElement`: they take the `Document` to build
 * nodes in (never a global), plain KPI rows, and display options; they never fetch,
 * never read CSS variables and never touch `window`.
 */
import type { OutputUnit } from '../../core/kpi/types.js';

export type ChartLocale = 'en' | 'ja';
export type ChartTheme = 'light' | 'dark';

/** One KPI output row as the runner returns it: ISO dates as strings, numbers, null. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Axis, series and note labels, already translated by the caller. Keys are output column
 * names (`new_mrr`, `nrr`, …) or the chart's own keys (`noData`, `periodMean`,
 * `incomplete`, `period`, `cohort`, …). A missing key falls back to a built-in en/ja
 * text for the chart's own keys, and to the column name for columns.
 */
export type ChartLabels = Readonly<Record<string, string | undefined>>;

/** The column units of a KPI (from its header's `outputs[].unit`). */
export type ColumnUnits = Readonly<Record<string, OutputUnit | undefined>>;

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface ChartOptions {
  locale: ChartLocale;
  theme: ChartTheme;
  /** Outer width in CSS pixels. */
  width: number;
  /** Outer height in CSS pixels; each chart has a default derived from the width/data. */
  height?: number;
  /** ISO 4217 code of the reporting currency (`JPY`, `USD`…); default `USD`. */
  currency?: string;
  labels?: ChartLabels;
  /** Units of the columns (formats axes and tooltips). */
  units?: ColumnUnits;
  /** Period grain of the date column; inferred from the spacing of the dates when absent. */
  grain?: Grain;
  /**
   * Prefix for the ids this chart creates (hatch patterns). Must be unique in the page
   * when several charts share it; default: a per-module counter.
   */
  idPrefix?: string;
  /** Accessible name of the chart (aria-label of the root). */
  title?: string;
}

/** Encodings a KPI header's `chart:` block may give (all optional). */
export interface ChartEncoding {
  /** Date (or category) column for x. Default: the first column whose values are ISO dates. */
  x?: string;
  /** Numeric column(s) for y. Default: every numeric column except x. */
  y?: string | readonly string[];
  /** A column drawn as a line over the bars (diverging-bar). */
  line?: string;
  /** A count column drawn as a small bar panel under a line chart. */
  bars?: string;
  /** Column that splits the rows into series (default `segment` when present). */
  segment?: string;
}

export type ChartElement = SVGSVGElement | HTMLElement;

/** Every chart function has this shape. */
export type ChartFunction = (
  doc: Document,
  rows: readonly Row[],
  options: ChartOptions & ChartEncoding,
) => ChartElement;
