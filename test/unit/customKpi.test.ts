/**
 * Custom KPIs in the pure core: checking a text (header problems with field and line,
 * id clashes with built-in KPIs and aliases, data and SQL rules), registering and
 * removing, the template, copies of built-in KPIs, and free ids.
 */
import { describe, expect, it } from 'vitest';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { loadCatalogue, type Catalogue } from '../../src/core/kpi/catalogue.js';
import {
  addCustomKpi,
  checkCustomKpi,
  outputProblems,
  removeCustomKpi,
  type CustomCheck,
  type KpiProblem,
} from '../../src/core/kpi/custom.js';
import { copyAsCustom, customTemplate, draftCustomKpi, freeCustomId } from '../../src/core/kpi/customDraft.js';
import { parseKpiFile } from '../../src/core/kpi/header.js';

const files = readSqlFiles();
const fresh = (): Catalogue => loadCatalogue(files);

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

function problems(c: CustomCheck): KpiProblem[] {
  return c.ok ? c.warnings : c.problems;
}

const KPI = (
  body: { id?: string; family?: string; params?: string; requires?: string; sql?: string; extra?: string } = {},
): string => `/*---
id: ${body.id ?? 'signups'}
family: ${body.family ?? 'custom'}
title: { en: Signups, ja: 登録数 }
description: { en: Customers per signup month., ja: 登録月ごとの顧客数。 }
requires:
${body.requires ?? '  customers: [customer_id, signup_date]'}
params:
${body.params ?? '  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 } }'}
outputs:
  - { name: month, type: date }
  - { name: n, type: integer }
${body.extra ?? ''}
---*/
SELECT CAST(date_trunc('month', signup_date) AS DATE) AS month, count(*) AS n
FROM customers
WHERE signup_date <= ${body.sql ?? '$as_of'}
GROUP BY 1
ORDER BY 1
`;

describe('checking a custom KPI', () => {
  it('accepts a valid text and gives its definition a custom path', () => {
    const c = checkCustomKpi(fresh(), KPI());
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.def.id).toBe('signups');
    expect(c.def.family).toBe('custom');
    expect(c.def.path).toBe('custom/signups.sql');
    expect(c.warnings).toEqual([]);
  });

  it('names the field and line of a bad parameter type, in both languages', () => {
    const text = KPI({ params: '  - name: as_of\n    type: when\n    default: null' });
    const c = checkCustomKpi(fresh(), text);
    expect(c.ok).toBe(false);
    const [p] = problems(c);
    expect(p).toMatchObject({ severity: 'error', field: 'params[0].type', line: lineOf(text, 'type: when') });
    expect(p!.message.en).toMatch(/type must be one of/);
    expect(p!.message.ja).toMatch(/type は/);
  });

  it('gives the file line of a YAML syntax error', () => {
    const text = KPI().replace('title: { en: Signups, ja: 登録数 }', 'title: { en: Signups, ja: [ }');
    const [p] = problems(checkCustomKpi(fresh(), text));
    expect(p!.message.en).toMatch(/not valid YAML/);
    expect(p!.line).toBeGreaterThanOrEqual(lineOf(text, 'title:'));
    expect(p!.line).toBeLessThanOrEqual(lineOf(text, 'description:'));
  });

  it('offsets lines when the header does not start on the first line', () => {
    const text = `\n\n${KPI({ params: '  - { name: 1bad, type: date }' })}`;
    const [p] = problems(checkCustomKpi(fresh(), text));
    expect(p).toMatchObject({ field: 'params[0].name', line: lineOf(text, '1bad') });
  });

  it('requires the custom family', () => {
    const text = KPI({ family: 'revenue' });
    const [p] = problems(checkCustomKpi(fresh(), text));
    expect(p).toMatchObject({ severity: 'error', field: 'family', line: lineOf(text, 'family:') });
    expect(p!.message.en).toMatch(/must be custom/);
  });

  it('reports a missing title as the title field', () => {
    const text = KPI().replace(/^title:.*\n/m, '');
    const [p] = problems(checkCustomKpi(fresh(), text));
    expect(p).toMatchObject({ severity: 'error', field: 'title' });
    expect(p!.message.ja).toMatch(/title/);
  });

  it('rejects the id of a built-in KPI, naming it', () => {
    const text = KPI({ id: 'mrr' });
    const c = checkCustomKpi(fresh(), text);
    expect(c.ok).toBe(false);
    const [p] = problems(c);
    expect(p).toMatchObject({ field: 'id', line: lineOf(text, 'id: mrr') });
    expect(p!.message.en).toMatch(/built-in KPI “MRR and ARR” \(mrr\)/);
    expect(p!.message.ja).toMatch(/組み込み KPI「MRR・ARR」/);
  });

  it('rejects an alias of a built-in KPI as id, and as alias', () => {
    // grr is an alias of nrr in sql/revenue/nrr.sql.
    expect(problems(checkCustomKpi(fresh(), KPI({ id: 'grr' })))[0]!.message.en).toMatch(
      /alias of the built-in KPI .*\(nrr\)/,
    );
    const text = KPI({ extra: 'aliases: [mine, grr]' });
    const [p] = problems(checkCustomKpi(fresh(), text));
    expect(p).toMatchObject({ field: 'aliases[1]', line: lineOf(text, 'aliases:') });
  });

  it('rejects the id of another custom KPI unless editing that one', () => {
    const cat = fresh();
    expect(addCustomKpi(cat, KPI()).ok).toBe(true);
    const again = checkCustomKpi(cat, KPI());
    expect(again.ok).toBe(false);
    expect(problems(again)[0]!.message.en).toMatch(/another custom KPI is already named signups/);
    expect(checkCustomKpi(cat, KPI(), { replaces: 'signups' }).ok).toBe(true);
    // Editing another custom KPI does not make this one's id free.
    expect(checkCustomKpi(cat, KPI(), { replaces: 'other' }).ok).toBe(false);
  });

  it('reserves the id new (the editor route)', () => {
    expect(problems(checkCustomKpi(fresh(), KPI({ id: 'new' })))[0]).toMatchObject({ field: 'id' });
  });

  it('checks the views and columns it requires', () => {
    const unknownView = KPI({ requires: '  clients: [customer_id]' });
    expect(problems(checkCustomKpi(fresh(), unknownView))[0]).toMatchObject({
      severity: 'error',
      field: 'requires.clients',
      line: lineOf(unknownView, 'clients:'),
    });
    const unknownCol = KPI({ requires: '  tickets: [ticket_id, priority]' });
    const c = checkCustomKpi(fresh(), unknownCol);
    expect(c.ok).toBe(false);
    expect(problems(c)[0]!.message.en).toMatch(/tickets has no column priority/);
    // A customers column outside the model may be an attribute: a warning only.
    const attr = checkCustomKpi(fresh(), KPI({ requires: '  customers: [customer_id, industry]' }));
    expect(attr.ok).toBe(true);
    expect(problems(attr).map((p) => p.severity)).toEqual(['warning']);
    // Derived tables are fine to require.
    expect(checkCustomKpi(fresh(), KPI({ requires: '  mrr_monthly: [customer_id, month, mrr]' })).ok).toBe(true);
  });

  it('points at the SQL line of an undeclared parameter and warns about an unused one', () => {
    const text = KPI({ sql: '$report_date' });
    const c = checkCustomKpi(fresh(), text);
    expect(c.ok).toBe(false);
    const ps = problems(c);
    expect(ps[0]).toMatchObject({ severity: 'error', field: null, line: lineOf(text, '$report_date') });
    expect(ps[0]!.message.en).toMatch(/\$report_date is used but not declared/);
    expect(ps.find((p) => p.severity === 'warning')).toMatchObject({
      field: 'params[0]',
      line: lineOf(text, 'name: as_of'),
    });
  });

  it('refuses TIMESTAMPTZ and statements other than one query; only warns about the clock', () => {
    const tz = KPI({ sql: "CAST('2024-01-01' AS TIMESTAMPTZ) AND $as_of IS NOT NULL" });
    const p = problems(checkCustomKpi(fresh(), tz))[0]!;
    expect(p).toMatchObject({ severity: 'error', line: lineOf(tz, 'TIMESTAMPTZ') });
    const two = `${KPI().trimEnd()};\nDROP TABLE customers`;
    expect(problems(checkCustomKpi(fresh(), two))[0]).toMatchObject({
      severity: 'error',
      line: lineOf(two, 'ORDER BY 1;'),
    });
    const notQuery = KPI().replace(/---\*\/\nSELECT/, '---*/\nCREATE TABLE x AS SELECT');
    expect(problems(checkCustomKpi(fresh(), notQuery))[0]!.message.en).toMatch(/must be one query/);
    const clock = checkCustomKpi(fresh(), KPI({ sql: 'current_date AND $as_of IS NOT NULL' }));
    expect(clock.ok).toBe(true);
    expect(problems(clock).map((x) => x.severity)).toEqual(['warning']);
    // Words inside strings and comments are not code.
    expect(checkCustomKpi(fresh(), KPI({ sql: "$as_of -- now(); DROP TABLE x\n AND 'timestamptz' <> ''" })).ok).toBe(
      true,
    );
  });

  it('compares the columns a run returned with the declared outputs', () => {
    const c = checkCustomKpi(fresh(), KPI());
    if (!c.ok) throw new Error('expected ok');
    expect(outputProblems(c.def, ['month', 'n'])).toEqual([]);
    const ps = outputProblems(c.def, ['month', 'count']);
    expect(ps.map((p) => p.field)).toEqual(['outputs[1]', 'outputs']);
    expect(ps[0]!.line).toBe(lineOf(c.def.source, 'name: n,'));
    expect(ps[1]!.message.en).toMatch(/count/);
  });
});

describe('registering custom KPIs', () => {
  it('adds, replaces (also under a new id) and removes custom KPIs, never built-in ones', () => {
    const cat = fresh();
    const builtIn = cat.kpis.length;
    expect(addCustomKpi(cat, KPI()).ok).toBe(true);
    expect(cat.kpis.length).toBe(builtIn + 1);
    expect(addCustomKpi(cat, KPI().replace('Signups', 'Signups v2'), { replaces: 'signups' }).ok).toBe(true);
    expect(cat.kpis.filter((k) => k.id === 'signups').map((k) => k.title.en)).toEqual(['Signups v2']);
    expect(addCustomKpi(cat, KPI({ id: 'signups_by_month' }), { replaces: 'signups' }).ok).toBe(true);
    expect(cat.kpis.map((k) => k.id).filter((id) => id.startsWith('signups'))).toEqual(['signups_by_month']);
    expect(removeCustomKpi(cat, 'mrr')).toBe(false);
    expect(cat.kpis.some((k) => k.id === 'mrr')).toBe(true);
    expect(removeCustomKpi(cat, 'signups_by_month')).toBe(true);
    expect(cat.kpis.length).toBe(builtIn);
  });

  it('leaves the catalogue alone when the text is invalid', () => {
    const cat = fresh();
    const before = cat.kpis.map((k) => k.id);
    expect(addCustomKpi(cat, KPI({ id: 'mrr' })).ok).toBe(false);
    expect(cat.kpis.map((k) => k.id)).toEqual(before);
  });
});

describe('starting points', () => {
  it('the template is a valid custom KPI with one parameter, used by its SQL', () => {
    const c = checkCustomKpi(fresh(), customTemplate('my_kpi'));
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.def.params.map((p) => p.name)).toEqual(['months']);
    expect(c.warnings).toEqual([]);
  });

  it('proposes free ids', () => {
    const cat = fresh();
    expect(freeCustomId(cat, 'mrr_copy')).toBe('mrr_copy');
    expect(freeCustomId(cat, 'mrr')).toBe('mrr_2');
    expect(freeCustomId(cat, 'grr')).toBe('grr_2');
    expect(freeCustomId(cat, 'New KPI!')).toBe('new_kpi_');
    expect(freeCustomId(cat, '123')).toBe('custom_kpi');
    addCustomKpi(cat, draftCustomKpi(cat));
    expect(draftCustomKpi(cat)).toMatch(/^id: my_kpi_2$/m);
  });

  it('a copy of every built-in KPI is a valid custom KPI with the same parameters, outputs and SQL', () => {
    const cat = fresh();
    expect(cat.kpis.length).toBeGreaterThan(15);
    for (const def of fresh().kpis) {
      const text = draftCustomKpi(cat, { from: def.id });
      const c = checkCustomKpi(cat, text);
      expect(c.ok ? [] : c.problems, def.id).toEqual([]);
      if (!c.ok) continue;
      expect(c.def.id).toBe(`${def.id}_copy`);
      expect(c.def.family).toBe('custom');
      expect(c.def.aliases).toBeUndefined();
      expect(c.def.title).toEqual({ en: `${def.title.en} (copy)`, ja: `${def.title.ja}（コピー）` });
      expect(c.def.description).toEqual(def.description);
      expect(c.def.params).toEqual(def.params);
      expect(c.def.outputs).toEqual(def.outputs);
      expect(c.def.requires).toEqual(def.requires);
      expect(c.def.derived).toEqual(def.derived);
      expect(c.def.chart).toEqual(def.chart);
      expect(c.def.sql).toBe(def.sql);
      expect(c.warnings, def.id).toEqual([]);
    }
  });

  it('a copy keeps the file as written apart from id, family, titles and aliases', () => {
    const nrr = fresh().kpis.find((k) => k.id === 'nrr')!;
    const copy = copyAsCustom(nrr.source, 'nrr_copy');
    const changed = (a: string, b: string): string[] => {
      const bl = new Set(b.split('\n'));
      return a.split('\n').filter((l) => !bl.has(l));
    };
    expect(changed(nrr.source, copy).map((l) => l.split(':')[0])).toEqual(['id', 'aliases', 'family', 'title']);
  });

  it('a copy can name the chart the app draws for the original', () => {
    const cat = fresh();
    const text = draftCustomKpi(cat, { from: 'cohort_retention', chartType: 'cohort-heatmap' });
    expect(parseKpiFile(text, 'x', { custom: true }).chart).toEqual({ type: 'cohort-heatmap' });
    expect(checkCustomKpi(cat, text).ok).toBe(true);
  });

  it('a custom KPI can be copied too', () => {
    const cat = fresh();
    expect(addCustomKpi(cat, KPI()).ok).toBe(true);
    const c = checkCustomKpi(cat, draftCustomKpi(cat, { from: 'signups' }));
    expect(c.ok && c.def.id).toBe('signups_copy');
    expect(c.ok && c.def.title).toEqual({ en: 'Signups (copy)', ja: '登録数（コピー）' });
  });

  it('copying an unknown KPI gives the template', () => {
    expect(draftCustomKpi(fresh(), { from: 'nope' })).toBe(customTemplate('my_kpi'));
  });
});
