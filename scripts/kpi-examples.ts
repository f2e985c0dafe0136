/**
 * Worked examples of the KPIs, kept as data in `docs/examples/<id>.yaml`: a few rows of the
 * canonical views, the parameters, and the output rows worked out by hand, with a short
 * explanation of the arithmetic in English and Japanese. One reader for both users:
 * scripts/kpi-docs.ts renders them into docs/kpis.md, and test/kpi/workedExamples.test.ts
 * runs each KPI on the input and compares its rows with the expected ones.
 *
 * File shape (YAML 1.2: dates and times stay text, `null` is NULL):
 *
 *     kpi: nrr                        # the KPI the example belongs to
 *     input:                          # canonical view -> rows (views not given are empty)
 *       subscription_periods:
 *         - { customer_id: a, start_date: 2024-01-01, end_date: null, mrr: 30 }
 *     runs:                           # one or more runs over the same input
 *       - kpi: grr                    # optional: run under another id (an alias)
 *         params: { lookback_months: 1 }
 *         expected:                   # every output column, in output order
 *           - { month: 2024-01-01, nrr: null, grr: null, ... }
 *     explanation: { en: ..., ja: ... }   # Markdown
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CANONICAL_VIEWS, type CanonicalView } from '../src/core/model/schema.js';
import type { Bilingual } from '../src/core/kpi/types.js';

/** The folder of the example files. */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/examples');

/**
 * How close a computed number must be to the hand-worked one: relative to the expected
 * value, at least 1e-4 absolute. Expected numbers are written rounded (0.6667 for 2/3), so
 * write them with at least 4 decimals, or 5 significant digits for values above 10.
 */
export const EXAMPLE_TOLERANCE = 1e-4;

export type ExampleValue = string | number | boolean | null;
export type ExampleRow = Record<string, ExampleValue>;

/** One run of a KPI over the example's input. */
export interface ExampleRun {
  /** The id the KPI is run under: the example's KPI, or one of its aliases. */
  kpi: string;
  params: Record<string, ExampleValue | string[]>;
  expected: ExampleRow[];
}

/** A parsed example file. */
export interface KpiExample {
  /** Path relative to the repository, e.g. `docs/examples/nrr.yaml`. */
  file: string;
  kpi: string;
  input: Partial<Record<CanonicalView, ExampleRow[]>>;
  runs: ExampleRun[];
  explanation: Bilingual;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is ExampleValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function rows(v: unknown, where: string, fail: (m: string) => never): ExampleRow[] {
  if (!Array.isArray(v)) fail(`${where} must be a list of rows`);
  return (v as unknown[]).map((r, i) => {
    if (!isObject(r)) fail(`${where}[${i}] must be a mapping of column to value`);
    for (const [k, x] of Object.entries(r as Record<string, unknown>)) {
      if (!isScalar(x)) fail(`${where}[${i}].${k} must be text, a number, true/false or null`);
    }
    return r as ExampleRow;
  });
}

/** Parses and checks one example file's text. Throws with the file name on a bad shape. */
export function parseExample(text: string, file: string): KpiExample {
  const fail = (m: string): never => {
    throw new Error(`${file}: ${m}`);
  };
  const doc: unknown = parse(text);
  if (!isObject(doc)) fail('expected a mapping with kpi, input, runs, explanation');
  const d = doc as Record<string, unknown>;
  if (typeof d.kpi !== 'string' || !d.kpi) fail('kpi must be a KPI id');
  const input: KpiExample['input'] = {};
  if (!isObject(d.input)) fail('input must map canonical views to rows');
  for (const [view, r] of Object.entries(d.input as Record<string, unknown>)) {
    if (!(CANONICAL_VIEWS as string[]).includes(view))
      fail(`input.${view} is not a canonical view (${CANONICAL_VIEWS.join(', ')})`);
    input[view as CanonicalView] = rows(r, `input.${view}`, fail);
  }
  if (!Array.isArray(d.runs) || d.runs.length === 0) fail('runs must be a non-empty list');
  const runs = (d.runs as unknown[]).map((r, i): ExampleRun => {
    if (!isObject(r)) fail(`runs[${i}] must be a mapping`);
    const run = r as Record<string, unknown>;
    const params = run.params ?? {};
    if (!isObject(params)) fail(`runs[${i}].params must be a mapping`);
    for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
      if (!isScalar(v) && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
        fail(`runs[${i}].params.${k} must be a value or a list of text`);
    }
    const expected = rows(run.expected, `runs[${i}].expected`, fail);
    if (expected.length === 0) fail(`runs[${i}].expected has no rows`);
    if (run.kpi !== undefined && typeof run.kpi !== 'string') fail(`runs[${i}].kpi must be a KPI id`);
    return {
      kpi: (run.kpi as string | undefined) ?? (d.kpi as string),
      params: params as ExampleRun['params'],
      expected,
    };
  });
  const ex = d.explanation;
  if (!isObject(ex) || typeof ex.en !== 'string' || typeof ex.ja !== 'string' || !ex.en.trim() || !ex.ja.trim()) {
    fail('explanation must have en and ja text');
  }
  const explanation = ex as unknown as Bilingual;
  return {
    file,
    kpi: d.kpi as string,
    input,
    runs,
    explanation: { en: explanation.en.trim(), ja: explanation.ja.trim() },
  };
}

/** All example files of `dir`, sorted by file name. */
export function loadExamples(dir = EXAMPLES_DIR): KpiExample[] {
  const root = path.resolve(dir, '../..');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => {
      const full = path.join(dir, n);
      return parseExample(readFileSync(full, 'utf8'), path.relative(root, full).split(path.sep).join('/'));
    });
}
