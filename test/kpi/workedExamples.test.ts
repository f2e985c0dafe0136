/**
 * The worked examples of docs/examples/*.yaml (rendered into docs/kpis.md): each KPI, run on
 * the example's input with its parameters, gives exactly the rows worked out by hand there.
 * A wrong example or a wrong KPI fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToRows, type Row } from '../../src/core/engine/rows.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../src/core/kpi/runner.js';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { EXAMPLE_TOLERANCE, loadExamples, type ExampleRow, type KpiExample } from '../../scripts/kpi-examples.js';
import { loadCanonical, type CanonicalRows } from './canonical.js';

const catalogue = loadCatalogue(readSqlFiles());
const examples = loadExamples();

/** Whether a computed value matches a hand-worked one (numbers within EXAMPLE_TOLERANCE). */
function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= EXAMPLE_TOLERANCE * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}

/** Every difference between computed and expected rows (same order, same columns), as text. */
function differences(actual: Row[], expected: ExampleRow[]): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`${actual.length} rows, expected ${expected.length}`);
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const cols = [...new Set([...Object.keys(a), ...Object.keys(e)])];
    for (const c of cols) {
      if (!(c in e)) out.push(`row ${i + 1}: column ${c} is not in the example`);
      else if (!(c in a)) out.push(`row ${i + 1}: the KPI has no column ${c}`);
      else if (!matches(a[c], e[c]))
        out.push(`row ${i + 1} ${c}: computed ${JSON.stringify(a[c])}, expected ${JSON.stringify(e[c])}`);
    }
  }
  return out;
}

/** The example with its first non-zero expected number changed by 10 % (NULL when it has none). */
function perturbed(expected: ExampleRow[]): ExampleRow[] | null {
  for (let i = 0; i < expected.length; i++) {
    for (const [k, v] of Object.entries(expected[i]!)) {
      if (typeof v === 'number' && v !== 0) return expected.map((r, j) => (j === i ? { ...r, [k]: v * 1.1 } : r));
    }
  }
  return null;
}

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  runner = new KpiRunner(engine, catalogue);
});
afterAll(() => engine.close());

async function runExample(ex: KpiExample, kpi: string, params: Record<string, unknown>): Promise<Row[]> {
  // a copy: loadCanonical fills the customers' segment in place
  await loadCanonical(engine, structuredClone(ex.input) as CanonicalRows);
  runner.invalidate();
  return tableToRows((await runner.run(kpi, params)).table);
}

describe('worked examples: coverage', () => {
  it('the catalogue loads without errors', () => {
    expect(catalogue.errors.map(String)).toEqual([]);
  });

  it('every KPI and every alias has a worked example run; every example names a KPI', () => {
    const ids = catalogue.kpis.flatMap((k) => [k.id, ...(k.aliases ?? [])]).sort();
    const run = [...new Set(examples.flatMap((e) => e.runs.map((r) => r.kpi)))].sort();
    expect(run).toEqual(ids);
    for (const ex of examples) {
      expect(
        catalogue.kpis.map((k) => k.id),
        ex.file,
      ).toContain(ex.kpi);
      expect(ex.file, 'one file per KPI, named after it').toBe(`docs/examples/${ex.kpi}.yaml`);
      for (const r of ex.runs) {
        const def = catalogue.kpis.find((k) => k.id === r.kpi || k.aliases?.includes(r.kpi));
        expect(def?.id, `${ex.file}: run of ${r.kpi}`).toBe(ex.kpi);
      }
    }
  });
});

describe('worked examples: the KPI gives the hand-worked rows', () => {
  for (const ex of examples) {
    ex.runs.forEach((r, i) => {
      it(`${ex.file} run ${i + 1}: ${r.kpi} ${JSON.stringify(r.params)}`, async () => {
        const rows = await runExample(ex, r.kpi, r.params);
        expect(
          differences(rows, r.expected),
          `computed rows:\n${rows.map((x) => JSON.stringify(x)).join('\n')}`,
        ).toEqual([]);
        // the comparison itself can fail: a 10 % change of one expected number is caught
        const wrong = perturbed(r.expected);
        expect(wrong, 'an example needs at least one non-zero number').not.toBeNull();
        expect(differences(rows, wrong!)).not.toEqual([]);
      });
    });
  }
});
