/**
 * Generates docs/kpis.md from the KPI headers (the single source of what a KPI is):
 * definition, parameters and outputs of each KPI, in English and Japanese.
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
  return String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function kpiSection(k: KpiDefinition): string {
  const lines: string[] = [];
  lines.push(`### \`${k.id}\` — ${k.title.en} / ${k.title.ja}`, '');
  lines.push(`File: [\`${k.path}\`](../${k.path})`, '');
  lines.push(k.description.en.trim(), '', k.description.ja.trim(), '');
  const req = Object.entries(k.requires).map(([v, cols]) => `\`${v}\` (${cols.join(', ')})`);
  if (req.length) lines.push(`Needs: ${req.join('; ')}.`, '');
  if (k.params.length) {
    lines.push('| parameter | type | default | values | label |', '|---|---|---|---|---|');
    for (const p of k.params) {
      const def = p.default === null || p.default === undefined ? (p.name === 'as_of' ? 'latest date in the data' : '—') : Array.isArray(p.default) ? p.default.join(', ') : String(p.default);
      lines.push(`| \`${p.name}\` | ${p.type} | ${cell(def)} | ${cell(p.values?.join(', ') ?? [p.min, p.max].filter((x) => x !== undefined).join('..'))} | ${cell(p.label.en)} / ${cell(p.label.ja)} |`);
    }
    lines.push('');
  }
  lines.push('| output | type | unit | label |', '|---|---|---|---|');
  for (const o of k.outputs) {
    lines.push(`| \`${o.name}\`${o.optional ? ' (with breakdown=segment)' : ''} | ${o.type} | ${o.unit ?? ''} | ${cell(o.label?.en ?? '')}${o.label ? ` / ${cell(o.label.ja)}` : ''} |`);
  }
  lines.push('', `Example: \`npx kpi-workbench compute ${k.id} --data <file> ...\``, '');
  return lines.join('\n');
}

/** The whole document. */
export function renderKpiDocs(): string {
  const { kpis } = loadCatalogue(readSqlFiles());
  const out: string[] = [
    '# KPI catalogue / KPI 一覧',
    '',
    'Generated from the headers of `sql/**/*.sql` by `npx tsx scripts/kpi-docs.ts`; do not edit by hand.',
    'Definitions follow `../shared/KPI_SPEC.md`; where a KPI says more, its header says why.',
    '',
    '`scripts/kpi-docs.ts` が `sql/**/*.sql` のヘッダーから生成します。手で編集しないでください。',
    '',
  ];
  for (const fam of Object.keys(FAMILY)) {
    const list = kpis.filter((k) => k.family === fam);
    if (!list.length) continue;
    out.push(`## ${FAMILY[fam]![0]} / ${FAMILY[fam]![1]}`, '');
    for (const k of list) out.push(kpiSection(k));
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
