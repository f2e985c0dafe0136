/**
 * Snapshot harness for the chart layer, after Observable Plot's own `test/plots`:
 * each test renders a chart into a jsdom document on fixed data and compares the
 * serialised markup with `test/plots/snapshots/<name>.svg|.html`.
 *
 * - The markup is normalised: generated ids (Plot's clip/pattern ids, the chart's own
 *   `kpi-chart-N-…`) are renumbered in order of appearance, numbers in attribute values
 *   rounded to 2 decimals, and elements put on their own lines (text content untouched).
 * - A missing or different snapshot FAILS, unless `UPDATE_SNAPSHOTS=1` is set, which
 *   writes it. Time zone: vitest.config.ts sets TZ=UTC, and charts parse dates as UTC.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';

export const SNAPSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

export function createDocument(): Document {
  return new JSDOM('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>').window.document;
}

function renumber(html: string, pattern: RegExp, prefix: string): string {
  const seen = new Map<string, string>();
  return html.replace(pattern, (id) => {
    if (!seen.has(id)) seen.set(id, `${prefix}${seen.size + 1}`);
    return seen.get(id)!;
  });
}

/** Deterministic text of a rendered chart. */
export function normalize(el: Element): string {
  let html = el.outerHTML;
  html = renumber(html, /plot-clip-\d+/g, 'plot-clip-');
  html = renumber(html, /plot-pattern-\d+/g, 'plot-pattern-');
  html = renumber(html, /kpi-chart-\d+(?=-)/g, 'kpi-chart-');
  // Round long decimals inside attribute values (coordinates, path data).
  html = html.replace(
    /="([^"]*)"/g,
    (_m, v: string) => `="${v.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );
  // One element per line, except inside <text> (whitespace there would move glyphs).
  html = html.replace(
    />\s*<(?!\/?(tspan|title)\b)(?=\/?(svg|g|path|rect|line|circle|text|style|defs|pattern|div|figure|span|h2|h3|figcaption|clipPath)\b)/g,
    '>\n<',
  );
  return html.endsWith('\n') ? html : `${html}\n`;
}

/**
 * Compares `el` with snapshot `name` (extension from the root: .svg for <svg>, else .html).
 */
export function expectSnapshot(name: string, el: Element): void {
  const ext = el.tagName.toLowerCase() === 'svg' ? 'svg' : 'html';
  const file = join(SNAPSHOT_DIR, `${name}.${ext}`);
  const actual = normalize(el);
  if (!existsSync(file)) {
    if (UPDATE) {
      mkdirSync(SNAPSHOT_DIR, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    throw new Error(`Missing snapshot ${file}: run with UPDATE_SNAPSHOTS=1 to write it, then review it.`);
  }
  const expected = readFileSync(file, 'utf8');
  if (actual !== expected && UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `snapshot ${name}.${ext}`).toBe(expected);
}

/** Base options used by the tests. */
export const EN = { locale: 'en', theme: 'light', width: 640 } as const;
export const JA = { locale: 'ja', theme: 'light', width: 640 } as const;
export const DARK = { locale: 'en', theme: 'dark', width: 640 } as const;
