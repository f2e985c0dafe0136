/**
 * Parses a KPI `.sql` file: its YAML header (in a leading `/*--- … ---*\/` comment) and
 * body. Every problem is reported with the file path and a line number.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Bilingual, ConditionalRequirement, KpiDefinition, KpiFamily, OutputSpec, ParamConstraint, ParamMatch, ParamSpec, ParamType, Requirements } from './types.js';

const FAMILIES: readonly KpiFamily[] = ['revenue', 'customers', 'product', 'support', 'costs'];
const PARAM_TYPES: readonly ParamType[] = ['date', 'integer', 'number', 'boolean', 'enum', 'string', 'string_list'];
const OUTPUT_TYPES = ['date', 'integer', 'number', 'string', 'boolean'] as const;
const UNITS = ['currency', 'ratio', 'count', 'days', 'hours', 'minutes', 'score', 'percent', 'multiple', 'text', 'date'];
const NAME = /^[a-z][a-z0-9_]*$/;

/** A header that cannot be used, with where and why. */
export class KpiHeaderError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${path}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'KpiHeaderError';
  }
}

const OPEN = '/*---';
const CLOSE = '---*/';

/** Splits a KPI file into header YAML text, body SQL, and the body's first line number. */
export function splitKpiFile(text: string, path = '<kpi>'): { yaml: string; sql: string; bodyLine: number } {
  const src = text.replace(/^\uFEFF/, '');
  const start = src.indexOf(OPEN);
  if (start < 0 || src.slice(0, start).trim() !== '') {
    throw new KpiHeaderError(path, 1, `the file must start with a header comment "${OPEN}" … "${CLOSE}"`);
  }
  const end = src.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) throw new KpiHeaderError(path, 1, `the header comment is not closed with "${CLOSE}"`);
  const yaml = src.slice(start + OPEN.length, end);
  const sql = src.slice(end + CLOSE.length);
  const bodyLine = src.slice(0, end + CLOSE.length).split('\n').length;
  return { yaml, sql, bodyLine };
}

function bilingual(v: unknown, what: string, path: string, required = true): Bilingual | undefined {
  if (v === undefined || v === null) {
    if (required) throw new KpiHeaderError(path, null, `${what} is missing (give en and ja)`);
    return undefined;
  }
  if (typeof v === 'string') return { en: v, ja: v };
  if (typeof v === 'object' && v && typeof (v as Bilingual).en === 'string' && typeof (v as Bilingual).ja === 'string') {
    const extra = Object.keys(v).filter((k) => k !== 'en' && k !== 'ja');
    // A comma inside unquoted flow-style text splits it into extra keys: quote such text.
    if (extra.length) throw new KpiHeaderError(path, null, `${what} has keys other than en and ja (${extra.join(', ')}); quote text that contains commas`);
    return { en: (v as Bilingual).en, ja: (v as Bilingual).ja };
  }
  throw new KpiHeaderError(path, null, `${what} must be text or {en, ja}`);
}

function param(raw: unknown, path: string): ParamSpec {
  if (!raw || typeof raw !== 'object') throw new KpiHeaderError(path, null, 'each parameter must be a mapping');
  const p = raw as Record<string, unknown>;
  const name = p.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new KpiHeaderError(path, null, `parameter name ${JSON.stringify(name)} must be lower_snake_case`);
  }
  const type = p.type as ParamType;
  if (!PARAM_TYPES.includes(type)) {
    throw new KpiHeaderError(path, null, `parameter ${name}: type must be one of ${PARAM_TYPES.join(', ')}`);
  }
  const values = p.values;
  if (values !== undefined && (!Array.isArray(values) || values.some((x) => typeof x !== 'string'))) {
    throw new KpiHeaderError(path, null, `parameter ${name}: values must be a list of text`);
  }
  if (type === 'enum' && (!values || values.length === 0)) {
    throw new KpiHeaderError(path, null, `parameter ${name}: an enum needs its values`);
  }
  const spec: ParamSpec = {
    name,
    type,
    default: p.default === undefined ? null : p.default,
    label: bilingual(p.label ?? name, `parameter ${name}: label`, path)!,
  };
  if (values) spec.values = values as string[];
  if (typeof p.min === 'number') spec.min = p.min;
  if (typeof p.max === 'number') spec.max = p.max;
  const help = bilingual(p.help, `parameter ${name}: help`, path, false);
  if (help) spec.help = help;
  return spec;
}

function output(raw: unknown, path: string): OutputSpec {
  const o = (typeof raw === 'string' ? { name: raw, type: 'number' } : raw) as Record<string, unknown>;
  if (!o || typeof o.name !== 'string' || !NAME.test(o.name)) {
    throw new KpiHeaderError(path, null, `output ${JSON.stringify(o?.name)} must be lower_snake_case`);
  }
  if (!OUTPUT_TYPES.includes(o.type as (typeof OUTPUT_TYPES)[number])) {
    throw new KpiHeaderError(path, null, `output ${o.name}: type must be one of ${OUTPUT_TYPES.join(', ')}`);
  }
  if (o.unit !== undefined && !UNITS.includes(o.unit as string)) {
    throw new KpiHeaderError(path, null, `output ${o.name}: unit must be one of ${UNITS.join(', ')}`);
  }
  const spec: OutputSpec = { name: o.name, type: o.type as OutputSpec['type'] };
  if (o.unit) spec.unit = o.unit as OutputSpec['unit'];
  if (o.optional === true) {
    if (o.name !== 'segment') throw new KpiHeaderError(path, null, `output ${o.name}: only the segment column may be optional`);
    spec.optional = true;
  }
  const label = bilingual(o.label, `output ${o.name}: label`, path, false);
  if (label) spec.label = label;
  return spec;
}

function requirements(raw: unknown, what: string, path: string): Requirements {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r !== 'object' || Array.isArray(r)) {
    throw new KpiHeaderError(path, null, `${what} must map view names to lists of columns`);
  }
  for (const [view, cols] of Object.entries(r)) {
    if (!Array.isArray(cols) || cols.some((c) => typeof c !== 'string')) {
      throw new KpiHeaderError(path, null, `${what}.${view} must be a list of column names`);
    }
  }
  return r as Requirements;
}

/** `{param: value | [values]}` against the declared parameters; values become text. */
function paramMatch(raw: unknown, what: string, params: ParamSpec[], path: string): ParamMatch {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new KpiHeaderError(path, null, `${what} must map parameter names to values`);
  }
  const out: ParamMatch = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const spec = params.find((p) => p.name === name);
    if (!spec) throw new KpiHeaderError(path, null, `${what} names ${name}, which is not a declared parameter`);
    const list = (Array.isArray(v) ? v : [v]).map((x) => String(x));
    if (spec.values) {
      const bad = list.find((x) => !spec.values!.includes(x));
      if (bad !== undefined) throw new KpiHeaderError(path, null, `${what}: ${bad} is not a value of ${name}`);
    }
    out[name] = list;
  }
  return out;
}

/** Parses and validates a KPI file. Throws {@link KpiHeaderError}. */
export function parseKpiFile(text: string, path = '<kpi>'): KpiDefinition {
  const { yaml, sql } = splitKpiFile(text, path);
  let doc: unknown;
  try {
    doc = parseYaml(yaml);
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line : null;
    throw new KpiHeaderError(path, line, `header is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object') throw new KpiHeaderError(path, 1, 'header must be a YAML mapping');
  const h = doc as Record<string, unknown>;
  if (typeof h.id !== 'string' || !NAME.test(h.id)) {
    throw new KpiHeaderError(path, null, 'id must be lower_snake_case text');
  }
  const family = h.family as KpiFamily;
  if (!FAMILIES.includes(family)) throw new KpiHeaderError(path, null, `family must be one of ${FAMILIES.join(', ')}`);
  const requires = requirements(h.requires, 'requires', path);
  const params = ((h.params ?? []) as unknown[]).map((p) => param(p, path));
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new KpiHeaderError(path, null, `parameter ${p.name} is declared twice`);
    seen.add(p.name);
  }
  const outputs = ((h.outputs ?? []) as unknown[]).map((o) => output(o, path));
  if (outputs.length === 0) throw new KpiHeaderError(path, null, 'outputs must list the result columns');
  if (!sql.trim()) throw new KpiHeaderError(path, null, 'the file has no SQL after its header');
  if (outputs.some((o) => o.optional) && !params.some((p) => p.name === 'breakdown' && p.values?.includes('segment'))) {
    throw new KpiHeaderError(path, null, 'an optional segment output needs a breakdown parameter with the value segment');
  }
  const derived = (h.derived ?? []) as unknown;
  if (!Array.isArray(derived) || derived.some((d) => typeof d !== 'string')) {
    throw new KpiHeaderError(path, null, 'derived must be a list of derived table names');
  }
  const aliases = (h.aliases ?? []) as unknown;
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || !NAME.test(a) || a === h.id)) {
    throw new KpiHeaderError(path, null, 'aliases must be a list of lower_snake_case ids other than the id');
  }
  const requiresWhen: ConditionalRequirement[] = ((h.requires_when ?? []) as unknown[]).map((r, i) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return { when: paramMatch(o.when, `requires_when[${i}].when`, params, path), requires: requirements(o.requires, `requires_when[${i}].requires`, path) };
  });
  const constraints: ParamConstraint[] = ((h.constraints ?? []) as unknown[]).map((c, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    return {
      when: paramMatch(o.when, `constraints[${i}].when`, params, path),
      require: paramMatch(o.require, `constraints[${i}].require`, params, path),
      message: bilingual(o.message, `constraints[${i}].message`, path)!,
    };
  });
  return {
    id: h.id,
    ...(aliases.length ? { aliases: aliases as string[] } : {}),
    family,
    title: bilingual(h.title, 'title', path)!,
    description: bilingual(h.description, 'description', path)!,
    requires,
    ...(requiresWhen.length ? { requiresWhen } : {}),
    ...(constraints.length ? { constraints } : {}),
    derived: derived as string[],
    params,
    outputs,
    chart: (h.chart as Record<string, unknown>) ?? null,
    sql,
    path,
    source: text,
  };
}
