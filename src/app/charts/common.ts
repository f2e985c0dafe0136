/**
 * Shared pieces of the charts: the root wrapper (theme colours), the "no data" placeholder,
 * labels with built-in fallbacks, row readers, linear ticks and margins, legends.
 */
import * as Plot from '@observablehq/plot';
import { grainFromColumn, inferGrain, isIsoDate, parseIsoDate } from './dates.js';
import { textWidth } from './format.js';
import { themeColors, type ThemeColors } from './theme.js';
import type { ChartElement, ChartLocale, ChartOptions, Grain, Row } from './types.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT_SIZE = 10;
export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";

/** The chart layer's own texts (column labels come from the caller). */
const BUILTIN: Record<ChartLocale, Record<string, string>> = {
  en: {
    noData: 'No data',
    openPeriod: 'Shaded: period not complete yet (values may still change)',
    noChart: 'No chart for this KPI: see the table',
    periodMean: 'Mean',
    incomplete: 'Hatched: incomplete period (still in progress)',
    cohort: 'Cohort',
    period: 'Period',
    netNew: 'Net new',
    share: 'Share of responses',
    users: 'Users',
    customers: 'Customers',
    count: 'Count',
    score: 'Score',
    recency: 'Recency score (5 = most recent)',
    frequency: 'Frequency score (5 = most frequent)',
    red: 'Red (0–50)',
    yellow: 'Yellow (51–75)',
    green: 'Green (76–100)',
    firstResponse: 'First response',
    resolution: 'Resolution',
    median: 'Median',
    p90: '90th percentile',
    otherSegments: 'more segments not shown',
    activePeriods: 'Active periods',
    incompleteShort: 'incomplete period',
    weighted: 'weighted by cohort size',
    retention: 'Retention',
    retained: 'Retained',
    m_score: 'Mean monetary score',
    monetary: 'Mean monetary value',
  },
  ja: {
    noData: 'データがありません',
    openPeriod: '網掛け: 未完了の期間（値はまだ変わる可能性があります）',
    noChart: 'このKPIはグラフがありません（表を参照）',
    periodMean: '平均',
    incomplete: '斜線: 未完了の期間（集計途中）',
    cohort: 'コホート',
    period: '経過期間',
    netNew: '純増',
    share: '回答の内訳',
    users: 'ユーザー数',
    customers: '顧客数',
    count: '件数',
    score: 'スコア',
    recency: 'リセンシー（5 = 直近）',
    frequency: 'フリークエンシー（5 = 高頻度）',
    red: '赤（0–50）',
    yellow: '黄（51–75）',
    green: '緑（76–100）',
    firstResponse: '初回応答',
    resolution: '解決',
    median: '中央値',
    p90: '90パーセンタイル',
    otherSegments: 'セグメントは省略',
    activePeriods: 'アクティブ期間数',
    incompleteShort: '未完了の期間',
    weighted: 'コホート規模で加重',
    retention: '継続率',
    retained: '継続数',
    m_score: '金額スコア平均',
    monetary: '平均金額',
  },
};

/** Label lookup: caller's label, else built-in en/ja text, else the key with `_` as spaces. */
export function labeller(options: ChartOptions): (key: string) => string {
  const own = BUILTIN[options.locale] ?? BUILTIN.en;
  return (key) => options.labels?.[key] ?? own[key] ?? key.replace(/_/g, ' ');
}

export function colors(options: ChartOptions): ThemeColors {
  return themeColors(options.theme);
}

/** Number or null (NaN, strings, booleans -> null; numeric strings are accepted). */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The first column whose non-null values are all ISO dates. */
export function firstDateColumn(rows: readonly Row[]): string | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return Object.keys(first).find((k) => {
    let seen = false;
    for (const r of rows) {
      const v = r[k];
      if (v === null || v === undefined) continue;
      if (!isIsoDate(v)) return false;
      seen = true;
    }
    return seen;
  });
}

/** Columns whose non-null values are all numbers (and that have at least one). */
export function numericColumns(rows: readonly Row[], exclude: readonly string[] = []): string[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first).filter((k) => {
    if (exclude.includes(k)) return false;
    let seen = false;
    for (const r of rows) {
      const v = r[k];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number') return false;
      seen = true;
    }
    return seen;
  });
}

/** Period starts (ms) of a date column and the grain (option, else inferred). */
export function timeAxis(
  rows: readonly Row[],
  column: string,
  options: ChartOptions,
): { times: (number | null)[]; grain: Grain } {
  const times = rows.map((r) => parseIsoDate(r[column]));
  const valid = times.filter((t): t is number => t !== null);
  const grain = options.grain ?? inferGrain(valid, grainFromColumn(column));
  return { times, grain };
}

/** Tick step as an exact pair: step = factor × 10^power (factor 1, 2, 5 or 10). */
function tickStep(lo: number, hi: number, count: number): { power: number; factor: number } {
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const err = raw / 10 ** power;
  const factor = err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1;
  return { power, factor };
}

/** Multiples i × step with exact decimal arithmetic (i / inverse when the step is < 1). */
function multiples(lo: number, hi: number, power: number, factor: number, outward: boolean): number[] {
  const eps = 1e-9;
  if (power >= 0) {
    const step = factor * 10 ** power;
    const a = outward ? Math.floor(lo / step + eps) : Math.ceil(lo / step - eps);
    const b = outward ? Math.ceil(hi / step - eps) : Math.floor(hi / step + eps);
    return Array.from({ length: Math.max(0, b - a + 1) }, (_, k) => (a + k) * step);
  }
  const inv = 10 ** -power / factor;
  const a = outward ? Math.floor(lo * inv + eps) : Math.ceil(lo * inv - eps);
  const b = outward ? Math.ceil(hi * inv - eps) : Math.floor(hi * inv + eps);
  return Array.from({ length: Math.max(0, b - a + 1) }, (_, k) => (a + k) / inv);
}

/** d3-style nice linear ticks (step 1, 2 or 5 × 10^k) inside [lo, hi], computed exactly. */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const { power, factor } = tickStep(lo, hi, count);
  return multiples(lo, hi, power, factor, false);
}

/** Extends [lo, hi] outward to whole ticks (like d3's nice). */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  if (!(hi > lo)) {
    if (lo === 0 && hi === 0) return [0, 1];
    const m = Math.abs(lo) || 1;
    return [Math.min(lo, 0), Math.max(hi, 0) + (hi === lo && lo >= 0 ? m : 0)];
  }
  const { power, factor } = tickStep(lo, hi, count);
  const t = multiples(lo, hi, power, factor, true);
  return [t[0]!, t[t.length - 1]!];
}

/** Tick count for a vertical axis of `lengthPx` (one tick per ~40 px). */
export function yTickCount(lengthPx: number): number {
  return Math.max(2, Math.floor(lengthPx / 40));
}

/** Left margin that fits the widest formatted tick (plus the tick and a gap). */
export function marginFor(labels: readonly string[], min = 30): number {
  return Math.ceil(Math.max(min, ...labels.map((l) => textWidth(l, FONT_SIZE) + 14)));
}

/**
 * Style of every Plot SVG: explicit theme colours (see theme.ts). A string, because Plot
 * applies an object with Object.assign, which drops the `--plot-background` custom
 * property (the tip's background).
 */
export function plotStyle(options: ChartOptions): string {
  const c = colors(options);
  return `--plot-background: ${c.background}; color: ${c.foreground}; background-color: ${c.background}; font-family: ${FONT_FAMILY}; font-size: ${FONT_SIZE}px; overflow: visible;`;
}

/** Common Plot options: document, size, style. */
export function basePlot(doc: Document, options: ChartOptions, height: number): Plot.PlotOptions {
  return {
    document: doc,
    width: Math.max(60, Math.round(options.width)),
    height: Math.max(40, Math.round(height)),
    style: plotStyle(options),
  };
}

/** The root element of a chart: a div carrying theme colours, font and accessible name. */
export function wrapper(
  doc: Document,
  options: ChartOptions,
  kind: string,
  children: readonly (Element | null)[],
): HTMLElement {
  const c = colors(options);
  const div = doc.createElement('div');
  div.setAttribute('class', `kpi-chart kpi-chart-${kind}`);
  div.setAttribute('role', 'figure');
  if (options.title) div.setAttribute('aria-label', options.title);
  div.setAttribute('lang', options.locale);
  div.setAttribute(
    'style',
    `color: ${c.foreground}; background-color: ${c.background}; font-family: ${FONT_FAMILY}; font-size: ${FONT_SIZE}px; width: ${Math.round(options.width)}px; max-width: 100%;`,
  );
  for (const ch of children) if (ch) div.append(ch);
  return div;
}

/** A small note line under a chart (legend notes, "n more segments not shown"). */
export function note(doc: Document, options: ChartOptions, text: string, swatch?: Element): HTMLElement {
  const p = doc.createElement('div');
  p.setAttribute('class', 'kpi-chart-note');
  p.setAttribute(
    'style',
    `display: flex; align-items: center; gap: 6px; margin: 4px 0 0; color: ${colors(options).muted};`,
  );
  if (swatch) p.append(swatch);
  p.append(doc.createTextNode(text));
  return p;
}

/** A categorical swatch legend (Plot's own), in theme colours. */
export function swatches(
  doc: Document,
  options: ChartOptions,
  domain: readonly string[],
  range: readonly string[],
): ChartElement {
  // `document` is read by Plot.legend at run time (createContext) but missing from its types.
  const legendOptions = {
    document: doc,
    color: { type: 'categorical', domain: [...domain], range: [...range] },
    style: {
      color: colors(options).foreground,
      fontFamily: FONT_FAMILY,
      fontSize: `${FONT_SIZE}px`,
      margin: '0 0 4px 0',
    } as Partial<CSSStyleDeclaration>,
  } as Plot.LegendScales;
  return Plot.legend(legendOptions);
}

/** The placeholder for empty data: an SVG with a centred "no data" text. */
export function placeholder(doc: Document, options: ChartOptions, height = 120, message?: string): SVGSVGElement {
  const c = colors(options);
  const w = Math.max(60, Math.round(options.width));
  const h = Math.max(24, Math.round(height));
  const text = message ?? labeller(options)('noData');
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('class', 'kpi-chart kpi-chart-empty');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.title ? `${options.title}: ${text}` : text);
  svg.setAttribute('style', `background-color: ${c.background}; font-family: ${FONT_FAMILY};`);
  const rect = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({
    x: 0.5,
    y: 0.5,
    width: w - 1,
    height: h - 1,
    rx: 6,
    fill: 'none',
    stroke: c.grid,
    'stroke-dasharray': '4,3',
  }))
    rect.setAttribute(k, String(v));
  const t = doc.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries({
    x: w / 2,
    y: h / 2,
    'text-anchor': 'middle',
    'dominant-baseline': 'central',
    fill: c.muted,
    'font-size': h < 40 ? 10 : 13,
  }))
    t.setAttribute(k, String(v));
  t.textContent = text;
  svg.append(rect, t);
  return svg;
}

let nextId = 0;
/** A document-unique id for a chart-owned definition (pattern). */
export function chartId(options: ChartOptions, name: string): string {
  return `${options.idPrefix ?? `kpi-chart-${++nextId}`}-${name}`;
}

/** Rows with a non-null value in each of `columns`. */
export function hasAny(rows: readonly Row[], columns: readonly string[]): boolean {
  return rows.some((r) => columns.some((c) => num(r[c]) !== null));
}

/** Relative luminance of a `#rrggbb` or `rgb(r, g, b)` colour (0 dark … 1 light). */
export function luminance(color: string): number {
  let r = 0;
  let g = 0;
  let b = 0;
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  } else if (rgb) {
    [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  } else return 1;
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export interface YAxis {
  scale: { domain: [number, number]; ticks: number[]; tickFormat: (v: number) => string; label: null; nice: false };
  marginLeft: number;
}

/**
 * A linear y axis: nice domain over the values (and 0 when `zero`, and any `include`
 * values), ticks one per ~40 px, and the left margin that fits their formatted labels.
 */
export function yAxis(
  values: readonly (number | null)[],
  plotHeight: number,
  fmt: (v: number) => string,
  opts: { zero?: boolean; include?: readonly number[]; domain?: [number, number] } = {},
): YAxis {
  const count = yTickCount(plotHeight);
  let domain: [number, number];
  if (opts.domain) domain = opts.domain;
  else {
    const vs = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (opts.zero) vs.push(0);
    if (opts.include) vs.push(...opts.include);
    let lo = vs.length ? Math.min(...vs) : 0;
    let hi = vs.length ? Math.max(...vs) : 1;
    if (lo === hi) {
      const pad = Math.abs(lo) * 0.1 || 1;
      if (lo !== 0 || !opts.zero) lo -= pad;
      hi += pad;
      if (opts.zero && lo < 0 && Math.min(...vs) >= 0) lo = 0;
    }
    domain = niceDomain(lo, hi, count);
  }
  const ticks = linearTicks(domain[0], domain[1], count);
  const labels = ticks.map(fmt);
  return {
    scale: { domain, ticks, tickFormat: fmt, label: null, nice: false },
    marginLeft: marginFor(labels),
  };
}

/**
 * A small horizontal colour ramp for a sequential scale (an SVG gradient: Plot's own
 * ramp legend draws on a canvas, which a serialiser cannot see).
 */
export function rampLegend(
  doc: Document,
  options: ChartOptions,
  fillOf: (v: number) => string,
  domain: [number, number],
  ticks: readonly number[],
  fmt: (v: number) => string,
  title: string,
): SVGSVGElement {
  const c = colors(options);
  const pad = 18;
  const barW = 200;
  const titleW = Math.ceil(textWidth(title, FONT_SIZE)) + 10;
  const w = titleW + barW + 2 * pad;
  const h = 34;
  const [lo, hi] = domain;
  const id = chartId(options, 'ramp');
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const set = (el: Element, attrs: Record<string, string | number>): void => {
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  };
  set(svg, {
    width: w,
    height: h,
    viewBox: `0 0 ${w} ${h}`,
    class: 'kpi-chart-ramp',
    role: 'img',
    'aria-label': `${title}: ${fmt(lo)} – ${fmt(hi)}`,
  });
  const defs = doc.createElementNS(SVG_NS, 'defs');
  const grad = doc.createElementNS(SVG_NS, 'linearGradient');
  grad.setAttribute('id', id);
  for (let i = 0; i <= 10; i++) {
    const stop = doc.createElementNS(SVG_NS, 'stop');
    set(stop, { offset: `${i * 10}%`, 'stop-color': fillOf(lo + ((hi - lo) * i) / 10) });
    grad.append(stop);
  }
  defs.append(grad);
  const label = doc.createElementNS(SVG_NS, 'text');
  set(label, { x: 0, y: 13, fill: c.foreground, 'font-size': FONT_SIZE });
  label.textContent = title;
  const rect = doc.createElementNS(SVG_NS, 'rect');
  set(rect, { x: titleW + pad, y: 4, width: barW, height: 10, fill: `url(#${id})`, stroke: c.grid });
  svg.append(defs, label, rect);
  for (const t of ticks) {
    const x = titleW + pad + (barW * (t - lo)) / (hi - lo || 1);
    const tick = doc.createElementNS(SVG_NS, 'line');
    set(tick, { x1: x, x2: x, y1: 14, y2: 18, stroke: c.foreground });
    const text = doc.createElementNS(SVG_NS, 'text');
    set(text, { x, y: 28, 'text-anchor': 'middle', fill: c.foreground, 'font-size': FONT_SIZE });
    text.textContent = fmt(t);
    svg.append(tick, text);
  }
  return svg;
}
