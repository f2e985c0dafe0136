/**
 * Validates parameter values against a KPI's declared parameters, fills defaults, and
 * compiles the SQL into positional placeholders with typed casts. Values are always
 * bound, never spliced into SQL; identifiers never come from parameters.
 */
import type { SqlValue } from '../engine/types.js';
import type { Bilingual, KpiDefinition, ParamSpec } from './types.js';
import { findParamRefs } from './sqlScan.js';

/** A bad parameter value, with a message in both languages. */
export interface ParamProblem {
  param: string;
  message: Bilingual;
}

/** Validated values by parameter name. Lists are arrays of text; dates are `YYYY-MM-DD`. */
export type ParamValues = Record<string, string | number | boolean | string[] | null>;

/** Context for defaults: the latest date in the loaded data (`YYYY-MM-DD`), if any. */
export interface ParamContext {
  dataEnd: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LIST_SEPARATOR = '\u001f';

function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

function problem(param: string, en: string, ja: string): ParamProblem {
  return { param, message: { en, ja } };
}

/** Converts one raw value (from a form, a URL or the CLI, so often text) to its type. */
function coerce(spec: ParamSpec, raw: unknown): { value?: ParamValues[string]; problem?: ParamProblem } {
  const name = spec.name;
  if (raw === null || raw === undefined || raw === '') return { value: null };
  switch (spec.type) {
    case 'date': {
      const s = String(raw).trim().replace(/\//g, '-');
      if (!isValidDate(s)) {
        return {
          problem: problem(
            name,
            `${name} must be a date like 2024-01-31, not "${raw}"`,
            `${name} は 2024-01-31 のような日付で指定してください（"${raw}" は不可）`,
          ),
        };
      }
      return { value: s };
    }
    case 'integer':
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
        const kind = spec.type === 'integer' ? ['a whole number', '整数'] : ['a number', '数値'];
        return {
          problem: problem(
            name,
            `${name} must be ${kind[0]}, not "${raw}"`,
            `${name} は${kind[1]}で指定してください（"${raw}" は不可）`,
          ),
        };
      }
      if (spec.min !== undefined && n < spec.min) {
        return {
          problem: problem(name, `${name} must be at least ${spec.min}`, `${name} は ${spec.min} 以上にしてください`),
        };
      }
      if (spec.max !== undefined && n > spec.max) {
        return {
          problem: problem(name, `${name} must be at most ${spec.max}`, `${name} は ${spec.max} 以下にしてください`),
        };
      }
      return { value: n };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const s = String(raw).trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(s)) return { value: false };
      return {
        problem: problem(
          name,
          `${name} must be true or false, not "${raw}"`,
          `${name} は true か false で指定してください`,
        ),
      };
    }
    case 'enum':
    case 'string': {
      const s = String(raw);
      if (spec.values && !spec.values.includes(s)) {
        return {
          problem: problem(
            name,
            `${name} must be one of ${spec.values.join(', ')}, not "${s}"`,
            `${name} は ${spec.values.join('、')} のいずれかです（"${s}" は不可）`,
          ),
        };
      }
      return { value: s };
    }
    case 'string_list': {
      const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      const list = items.map((x) => x.trim()).filter((x) => x !== '');
      if (list.some((x) => x.includes(LIST_SEPARATOR))) {
        return { problem: problem(name, `${name} contains a control character`, `${name} に制御文字が含まれています`) };
      }
      return { value: list };
    }
  }
}

/** Whether every named parameter has one of the listed values (compared as text). */
export function paramsMatch(match: Record<string, string[]>, values: ParamValues): boolean {
  return Object.entries(match).every(([n, accepted]) => {
    const v = values[n];
    return v !== null && v !== undefined && !Array.isArray(v) && accepted.includes(String(v));
  });
}

/**
 * Validates `input` against the KPI's parameters and fills defaults. Unknown names are
 * problems (a typo must not silently fall back to a default). `as_of` defaults to the
 * latest date in the data.
 */
export function resolveParams(
  def: KpiDefinition,
  input: Record<string, unknown>,
  ctx: ParamContext,
): { values: ParamValues; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const values: ParamValues = {};
  const known = new Set(def.params.map((p) => p.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      problems.push(
        problem(
          key,
          `${def.id} has no parameter "${key}" (it has: ${[...known].join(', ') || 'none'})`,
          `${def.id} にパラメータ "${key}" はありません（あるもの: ${[...known].join('、') || 'なし'}）`,
        ),
      );
    }
  }
  for (const spec of def.params) {
    const given = Object.prototype.hasOwnProperty.call(input, spec.name) ? input[spec.name] : undefined;
    const raw = given === undefined ? spec.default : given;
    const r = coerce(spec, raw);
    if (r.problem) problems.push(r.problem);
    else values[spec.name] = r.value ?? null;
    if (spec.name === 'as_of' && values.as_of === null) values.as_of = ctx.dataEnd;
  }
  for (const c of def.constraints ?? []) {
    const names = [...Object.keys(c.when), ...Object.keys(c.require)];
    if (names.some((n) => problems.some((p) => p.param === n))) continue;
    if (!paramsMatch(c.when, values)) continue;
    const broken = Object.keys(c.require).find((n) => !paramsMatch({ [n]: c.require[n]! }, values));
    if (broken) problems.push({ param: broken, message: c.message });
  }
  return { values, problems };
}

function castFor(spec: ParamSpec, placeholder: string): string {
  switch (spec.type) {
    case 'date':
      return `CAST(${placeholder} AS DATE)`;
    case 'integer':
      return `CAST(${placeholder} AS BIGINT)`;
    case 'number':
      return `CAST(${placeholder} AS DOUBLE)`;
    case 'boolean':
      return `CAST(${placeholder} AS BOOLEAN)`;
    case 'enum':
    case 'string':
      return `CAST(${placeholder} AS VARCHAR)`;
    case 'string_list':
      return `(CASE WHEN CAST(${placeholder} AS VARCHAR) = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(CAST(${placeholder} AS VARCHAR), chr(31)) END)`;
  }
}

/** Names of parameters the SQL references that the header does not declare. */
export function undeclaredParams(def: KpiDefinition): string[] {
  const declared = new Set(def.params.map((p) => p.name));
  return [...new Set(findParamRefs(def.sql).map((r) => r.name))].filter((n) => !declared.has(n));
}

/**
 * Rewrites `$name` references into typed positional placeholders and returns the values
 * to bind, in order. Each parameter is bound once, however often it is referenced.
 */
export function compileSql(
  def: KpiDefinition,
  values: ParamValues,
  sql = def.sql,
): { sql: string; params: SqlValue[] } {
  const specs = new Map(def.params.map((p) => [p.name, p]));
  const order: string[] = [];
  let out = '';
  let last = 0;
  for (const ref of findParamRefs(sql)) {
    const spec = specs.get(ref.name);
    if (!spec) throw new Error(`${def.path}: $${ref.name} is used but not declared in the header`);
    let idx = order.indexOf(ref.name);
    if (idx < 0) idx = order.push(ref.name) - 1;
    out += sql.slice(last, ref.start) + castFor(spec, `$${idx + 1}`);
    last = ref.end;
  }
  out += sql.slice(last);
  const params: SqlValue[] = order.map((name) => {
    const v = values[name];
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
    return v === undefined ? null : v;
  });
  return { sql: out, params };
}
