/**
 * Generates docs/kpis.md from the KPI headers (the single source of what a KPI is):
 * definition, parameters and outputs of each KPI, in English and Japanese, followed by its
 * worked example from docs/examples/<id>.yaml (read with scripts/kpi-examples.ts; the same
 * examples are checked against the engine by test/kpi/workedExamples.test.ts).
 *
 *   npx tsx scripts/kpi-docs.ts          # writes docs/kpis.md
 *   npx tsx scripts/kpi-docs.ts --check  # fails when docs/kpis.md is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../src/core/kpi/catalogue.js';
import type { KpiDefinition } from '../src/core/kpi/types.js';
import { readSqlFiles } from '../src/node/sqlFiles.js';
import { EXAMPLE_TOLERANCE, loadExamples, type ExampleRow, type ExampleRun, type KpiExample } from './kpi-examples.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOC_PATH = path.join(ROOT, 'docs/kpis.md');

const FAMILY: Record<string, [string, string]> = {
  revenue: ['Revenue', '財務'],
  customers: ['Customer management', 'カスタマーマネジメント'],
  product: ['Product', 'プロダクト'],
  support: ['Support', 'サポート'],
  costs: ['Costs', 'コスト'],
};

function cell(s: unknown): string {
  return String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
}

/** A value of an example table or parameter: NULL for null, lists joined with commas. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return v.map(String).join(', ');
  return cell(v);
}

/** A Markdown table of rows; columns in order of first appearance. */
function table(rows: readonly ExampleRow[]): string[] {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    `| ${cols.join(' | ')} |`,
    `|${cols.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cols.map((c) => (c in r ? shown(r[c]) : '')).join(' | ')} |`),
  ];
}

function paramsText(run: ExampleRun): string {
  const given = Object.entries(run.params).map(([k, v]) => `\`${k}\` = ${shown(v)}`);
  return given.length ? `${given.join(', ')}; others default / 他は既定値` : 'all default / すべて既定値';
}

/** The worked example of a KPI: input tables, parameters, expected rows, explanation. */
function exampleSection(ex: KpiExample): string[] {
  const lines: string[] = ['#### Worked example / 計算例', ''];
  for (const [view, rows] of Object.entries(ex.input)) {
    if (!rows?.length) continue;
    lines.push(`Input / 入力: \`${view}\``, '', ...table(rows), '');
  }
  ex.runs.forEach((run, i) => {
    const head =
      ex.runs.length > 1
        ? `Run ${i + 1} / 実行 ${i + 1}: \`${run.kpi}\` — `
        : run.kpi !== ex.kpi
          ? `\`${run.kpi}\` — `
          : '';
    lines.push(
      `${head}Parameters / パラメータ: ${paramsText(run)}.`,
      '',
      'Output / 出力:',
      '',
      ...table(run.expected),
      '',
    );
  });
  lines.push(ex.explanation.en, '', ex.explanation.ja, '');
  lines.push(`Source / 出典: [\`${ex.file}\`](${ex.file.replace(/^docs\//, '')}).`, '');
  return lines;
}

function kpiSection(k: KpiDefinition, example: KpiExample | undefined): string {
  const lines: string[] = [];
  lines.push(`### \`${k.id}\` — ${k.title.en} / ${k.title.ja}`, '');
  lines.push(`File: [\`${k.path}\`](../${k.path})`, '');
  lines.push(k.description.en.trim(), '', k.description.ja.trim(), '');
  const req = Object.entries(k.requires).map(([v, cols]) => `\`${v}\` (${cols.join(', ')})`);
  if (req.length) lines.push(`Needs: ${req.join('; ')}.`, '');
  if (k.params.length) {
    lines.push('| parameter | type | default | values | label |', '|---|---|---|---|---|');
    for (const p of k.params) {
      const def =
        p.default === null || p.default === undefined
          ? p.name === 'as_of'
            ? 'latest date in the data'
            : '—'
          : Array.isArray(p.default)
            ? p.default.join(', ')
            : String(p.default);
      lines.push(
        `| \`${p.name}\` | ${p.type} | ${cell(def)} | ${cell(p.values?.join(', ') ?? [p.min, p.max].filter((x) => x !== undefined).join('..'))} | ${cell(p.label.en)} / ${cell(p.label.ja)} |`,
      );
    }
    lines.push('');
  }
  lines.push('| output | type | unit | label |', '|---|---|---|---|');
  for (const o of k.outputs) {
    lines.push(
      `| \`${o.name}\`${o.optional ? ' (with breakdown=segment)' : ''} | ${o.type} | ${o.unit ?? ''} | ${cell(o.label?.en ?? '')}${o.label ? ` / ${cell(o.label.ja)}` : ''} |`,
    );
  }
  lines.push('', `Example: \`npx kpi-workbench compute ${k.id} --data <file> ...\``, '');
  if (example) lines.push(...exampleSection(example));
  return lines.join('\n');
}

/** The whole document. */
export function renderKpiDocs(): string {
  const { kpis } = loadCatalogue(readSqlFiles());
  const examples = new Map(loadExamples().map((e) => [e.kpi, e]));
  const out: string[] = [
    '# KPI catalogue / KPI 一覧',
    '',
    'Generated from the headers of `sql/**/*.sql` by `npx tsx scripts/kpi-docs.ts`; do not edit by hand.',
    'Definitions follow `../shared/KPI_SPEC.md`; where a KPI says more, its header says why.',
    '',
    'Each KPI ends with a worked example from `docs/examples/<id>.yaml`: a few input rows, the parameters and',
    'the output worked out by hand. `test/kpi/workedExamples.test.ts` runs every example and checks that the KPI',
    `gives exactly these rows (numbers are shown rounded; they must agree within ${EXAMPLE_TOLERANCE} × max(1, |value|)).`,
    '',
    '`scripts/kpi-docs.ts` が `sql/**/*.sql` のヘッダーから生成します。手で編集しないでください。',
    '各 KPI の最後に `docs/examples/<id>.yaml` の計算例（少数の入力行、パラメータ、手計算した出力）を示します。',
    `\`test/kpi/workedExamples.test.ts\` が全ての例を実行し、KPI がこの行を返すことを確かめます（数値は丸めて表示し、${EXAMPLE_TOLERANCE} × max(1, |値|) 以内の差で一致とします）。`,
    '',
  ];
  for (const fam of Object.keys(FAMILY)) {
    const list = kpis.filter((k) => k.family === fam);
    if (!list.length) continue;
    out.push(`## ${FAMILY[fam]![0]} / ${FAMILY[fam]![1]}`, '');
    for (const k of list) out.push(kpiSection(k, examples.get(k.id)));
  }
  return out.join('\n');
}

if (process.argv[1] && /kpi-docs\.ts$/.test(process.argv[1])) {
  const text = renderKpiDocs();
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(DOC_PATH, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      console.error('docs/kpis.md is out of date: run npx tsx scripts/kpi-docs.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(DOC_PATH, text);
    console.log(`wrote ${DOC_PATH}`);
  }
}
