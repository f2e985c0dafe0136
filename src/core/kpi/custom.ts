/**
 * Custom KPIs: KPI files an analyst writes in the browser, with the same header as the
 * files under `sql/`. This module checks one (header, id clashes, data it names, SQL
 * rules) and adds it to or removes it from a catalogue. Checks report every problem with
 * the header field and file line where known, in English and Japanese.
 */
import type { Catalogue } from './catalogue.js';
import {
  bodyOffsetLine,
  CUSTOM_FAMILY,
  headerFieldLine,
  KpiHeaderError,
  parseKpiFile,
  type HeaderPath,
  formatHeaderPath,
} from './header.js';
import { findParamRefs } from './sqlScan.js';
import { checkSingleQuery, checkSqlRules } from './sqlRules.js';
import type { Bilingual, KpiDefinition, Requirements } from './types.js';
import { CANONICAL_SCHEMA, type CanonicalView } from '../model/schema.js';

/** A problem with a custom KPI: how bad, where (header field, file line) and what. */
export interface KpiProblem {
  severity: 'error' | 'warning';
  /** Header field as `params[0].type`; null for the SQL body or the whole file. */
  field: string | null;
  /** 1-based line in the KPI text, when known. */
  line: number | null;
  message: Bilingual;
}

/** The outcome of checking a custom KPI: the definition, or why it cannot be used. */
export type CustomCheck =
  { ok: true; def: KpiDefinition; warnings: KpiProblem[] } | { ok: false; problems: KpiProblem[] };

/** Ids a custom KPI cannot take (`new` names the editor's "new KPI" route). */
export const RESERVED_CUSTOM_IDS: readonly string[] = ['new'];

/** The path a custom KPI is known by in messages and in the catalogue. */
export function customPath(id: string): string {
  return `custom/${id}.sql`;
}

/** Whether a catalogue entry is a custom KPI. */
export function isCustomKpi(def: Pick<KpiDefinition, 'family'>): boolean {
  return def.family === CUSTOM_FAMILY;
}

/** The KPI (built-in or custom) that owns `name` as id or alias. */
function owner(catalogue: Catalogue, name: string): KpiDefinition | undefined {
  return catalogue.kpis.find((k) => k.id === name || k.aliases?.includes(name));
}

/**
 * Checks a custom KPI's text against a catalogue. `replaces` is the id it was saved under
 * (when editing), so it may keep or take that id.
 */
export function checkCustomKpi(
  catalogue: Catalogue,
  text: string,
  options: { replaces?: string | null } = {},
): CustomCheck {
  let def: KpiDefinition;
  try {
    def = parseKpiFile(text, 'custom', { custom: true });
  } catch (e) {
    if (e instanceof KpiHeaderError)
      return { ok: false, problems: [{ severity: 'error', field: e.field, line: e.line, message: e.text }] };
    throw e;
  }
  def = { ...def, path: customPath(def.id) };
  const problems: KpiProblem[] = [];
  const at = (path: HeaderPath, severity: KpiProblem['severity'], en: string, ja: string): void => {
    problems.push({
      severity,
      field: path.length ? formatHeaderPath(path) : null,
      line: headerFieldLine(text, path),
      message: { en, ja },
    });
  };
  const inBody = (offset: number, severity: KpiProblem['severity'], message: Bilingual): void => {
    problems.push({ severity, field: null, line: bodyOffsetLine(text, offset), message });
  };

  // Names: the id and aliases may not be a built-in KPI's, nor another custom KPI's.
  const names: Array<[string, HeaderPath]> = [
    [def.id, ['id']],
    ...(def.aliases ?? []).map((a, i): [string, HeaderPath] => [a, ['aliases', i]]),
  ];
  for (const [name, path] of names) {
    if (RESERVED_CUSTOM_IDS.includes(name)) {
      at(
        path,
        'error',
        `${name} is reserved; choose another id`,
        `${name} は予約語のため使えません。別の id にしてください`,
      );
      continue;
    }
    const other = owner(catalogue, name);
    if (!other || (isCustomKpi(other) && other.id === options.replaces)) continue;
    if (isCustomKpi(other)) {
      at(
        path,
        'error',
        `another custom KPI is already named ${name}; choose another id, or open that one to edit it`,
        `${name} という名前のカスタム KPIがすでにあります。別の id にするか、そのKPIを開いて編集してください`,
      );
    } else {
      const how = other.id === name ? 'id' : 'alias';
      at(
        path,
        'error',
        `${name} is the ${how} of the built-in KPI “${other.title.en}” (${other.id}); a custom KPI needs an id of its own, such as ${name}_custom`,
        `${name} は組み込み KPI「${other.title.ja}」（${other.id}）の ${how === 'id' ? 'id' : '別名'} です。カスタム KPIには ${name}_custom のような独自の id を付けてください`,
      );
    }
  }

  // Data: views it requires must exist in the model, with the columns named.
  const checkRequires = (req: Requirements, base: HeaderPath): void => {
    for (const [view, cols] of Object.entries(req)) {
      const path = [...base, view];
      if (catalogue.derived.has(view)) continue;
      const schema = CANONICAL_SCHEMA[view as CanonicalView];
      if (!schema) {
        const known = [...Object.keys(CANONICAL_SCHEMA), ...catalogue.derived.keys()].join(', ');
        at(
          path,
          'error',
          `${view} is not a view of the model (there are: ${known})`,
          `${view} はモデルのビューではありません（あるもの: ${known}）`,
        );
        continue;
      }
      const columns = new Set(schema.map(([c]) => c));
      for (const c of cols) {
        if (columns.has(c)) continue;
        if (view === 'customers') {
          at(
            path,
            'warning',
            `customers has no column ${c} in the model; it must be a customer attribute of your files`,
            `customers にモデルの列 ${c} はありません。お使いのファイルの顧客属性である必要があります`,
          );
        } else {
          at(
            path,
            'error',
            `${view} has no column ${c} (it has: ${[...columns].join(', ')})`,
            `${view} に列 ${c} はありません（あるもの: ${[...columns].join('、')}）`,
          );
        }
      }
    }
  };
  checkRequires(def.requires, ['requires']);
  (def.requiresWhen ?? []).forEach((rw, i) => checkRequires(rw.requires, ['requires_when', i, 'requires']));
  def.derived.forEach((d, i) => {
    if (!catalogue.derived.has(d)) {
      const known = [...catalogue.derived.keys()].join(', ');
      at(
        ['derived', i],
        'error',
        `there is no derived table ${d} (there are: ${known})`,
        `派生テーブル ${d} はありません（あるもの: ${known}）`,
      );
    }
  });

  // SQL: parameters declared, one query, nothing the engine cannot do.
  const declared = new Set(def.params.map((p) => p.name));
  const used = new Set<string>();
  for (const ref of findParamRefs(def.sql)) {
    used.add(ref.name);
    if (!declared.has(ref.name)) {
      inBody(ref.start, 'error', {
        en: `$${ref.name} is used but not declared under params`,
        ja: `$${ref.name} が使われていますが、params に宣言されていません`,
      });
    }
  }
  def.params.forEach((p, i) => {
    if (!used.has(p.name))
      at(
        ['params', i],
        'warning',
        `parameter ${p.name} is declared but the SQL does not use it`,
        `パラメータ ${p.name} は宣言されていますが、SQL で使われていません`,
      );
  });
  const shape = checkSingleQuery(def.sql);
  if (shape) inBody(shape.offset, 'error', shape.why);
  for (const hit of checkSqlRules(def.sql)) inBody(hit.offset, hit.rule === 'clock' ? 'warning' : 'error', hit.why);

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) return { ok: false, problems: [...errors, ...problems.filter((p) => p.severity === 'warning')] };
  return { ok: true, def, warnings: problems };
}

/**
 * Puts a checked custom KPI into the catalogue, in place of the custom KPI it `replaces`
 * and of any custom KPI with its id. Built-in KPIs are never touched.
 */
export function registerCustomKpi(catalogue: Catalogue, def: KpiDefinition, replaces?: string | null): void {
  if (!isCustomKpi(def)) throw new Error(`${def.id} is not a custom KPI`);
  catalogue.kpis = catalogue.kpis.filter(
    (k) => !(isCustomKpi(k) && (k.id === def.id || (replaces && k.id === replaces))),
  );
  catalogue.kpis.push(def);
}

/** Checks a custom KPI and, when it is usable, registers it. */
export function addCustomKpi(
  catalogue: Catalogue,
  text: string,
  options: { replaces?: string | null } = {},
): CustomCheck {
  const check = checkCustomKpi(catalogue, text, options);
  if (check.ok) registerCustomKpi(catalogue, check.def, options.replaces);
  return check;
}

/** Removes a custom KPI from the catalogue; false when there is none with that id. */
export function removeCustomKpi(catalogue: Catalogue, id: string): boolean {
  const before = catalogue.kpis.length;
  catalogue.kpis = catalogue.kpis.filter((k) => !(isCustomKpi(k) && k.id === id));
  return catalogue.kpis.length < before;
}

/**
 * Compares the columns a run returned with the outputs the header declares: declared
 * columns that did not come back, and returned columns the header does not name.
 */
export function outputProblems(def: KpiDefinition, columns: readonly string[], text = def.source): KpiProblem[] {
  const got = new Set(columns);
  const problems: KpiProblem[] = [];
  def.outputs.forEach((o, i) => {
    if (o.optional || got.has(o.name)) return;
    problems.push({
      severity: 'warning',
      field: `outputs[${i}]`,
      line: headerFieldLine(text, ['outputs', i]),
      message: {
        en: `output ${o.name} is declared but the query returned no such column`,
        ja: `出力列 ${o.name} は宣言されていますが、問い合わせの結果にその列がありません`,
      },
    });
  });
  const declared = new Set(def.outputs.map((o) => o.name));
  const extra = columns.filter((c) => !declared.has(c));
  if (extra.length) {
    problems.push({
      severity: 'warning',
      field: 'outputs',
      line: headerFieldLine(text, ['outputs']),
      message: {
        en: `the query returned columns that outputs does not declare: ${extra.join(', ')}`,
        ja: `outputs に宣言されていない列が結果にあります: ${extra.join('、')}`,
      },
    });
  }
  return problems;
}
