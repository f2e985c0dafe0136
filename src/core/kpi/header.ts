/**
 * Parses a KPI `.sql` file: its YAML header (in a leading `/*--- … ---*\/` comment) and
 * body. Every problem is reported with the file path, the header field and, where it can
 * be found, the line number, in English and Japanese.
 */
import { isMap, isSeq, LineCounter, parseDocument, YAMLParseError, type Node as YamlNode } from 'yaml';
import type {
  Bilingual,
  ConditionalRequirement,
  KpiDefinition,
  KpiFamily,
  OutputSpec,
  ParamConstraint,
  ParamMatch,
  ParamSpec,
  ParamType,
  Requirements,
} from './types.js';

/** Families of the KPI files under `sql/` (custom KPIs have their own, `custom`). */
const FAMILIES: readonly KpiFamily[] = ['revenue', 'customers', 'product', 'support', 'costs'];
/** The family every custom KPI declares. */
export const CUSTOM_FAMILY = 'custom' satisfies KpiFamily;
const PARAM_TYPES: readonly ParamType[] = ['date', 'integer', 'number', 'boolean', 'enum', 'string', 'string_list'];
const OUTPUT_TYPES = ['date', 'integer', 'number', 'string', 'boolean'] as const;
const UNITS = [
  'currency',
  'ratio',
  'count',
  'days',
  'hours',
  'minutes',
  'score',
  'percent',
  'multiple',
  'text',
  'date',
];
const NAME = /^[a-z][a-z0-9_]*$/;

/** Where in the header a problem is: keys and list indexes (`['params', 0, 'type']`). */
export type HeaderPath = ReadonlyArray<string | number>;

/** Formats a header path as people write it: `params[0].type`. */
export function formatHeaderPath(at: HeaderPath): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A header that cannot be used, with where (file, field, line) and why (en and ja). */
export class KpiHeaderError extends Error {
  /** The header field, as `params[0].type` (null when the problem is not one field's). */
  readonly field: string | null;
  /** Why, in both UI languages. */
  readonly text: Bilingual;

  constructor(
    readonly path: string,
    readonly line: number | null,
    readonly detail: string,
    options: { ja?: string; field?: string | null } = {},
  ) {
    super(`${path}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'KpiHeaderError';
    this.field = options.field ?? null;
    this.text = { en: detail, ja: options.ja ?? detail };
  }
}

/** A problem found while reading the parsed header; parseKpiFile adds file and line. */
class HeaderIssue extends Error {
  constructor(
    readonly at: HeaderPath,
    readonly en: string,
    readonly ja: string,
  ) {
    super(en);
  }
}

function fail(at: HeaderPath, en: string, ja: string): never {
  throw new HeaderIssue(at, en, ja);
}

const OPEN = '/*---';
const CLOSE = '---*/';

/**
 * Splits a KPI file into header YAML text, body SQL, the body's first line number and the
 * line of the header's opening `/*---` (the YAML's first line is on that line).
 */
export function splitKpiFile(
  text: string,
  path = '<kpi>',
): { yaml: string; sql: string; bodyLine: number; headerLine: number } {
  const src = text.replace(/^\uFEFF/, '');
  const start = src.indexOf(OPEN);
  if (start < 0 || src.slice(0, start).trim() !== '') {
    throw new KpiHeaderError(path, 1, `the file must start with a header comment "${OPEN}" … "${CLOSE}"`, {
      ja: `ファイルはヘッダーのコメント "${OPEN}" … "${CLOSE}" で始めてください`,
    });
  }
  const headerLine = src.slice(0, start).split('\n').length;
  const end = src.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) {
    throw new KpiHeaderError(path, headerLine, `the header comment is not closed with "${CLOSE}"`, {
      ja: `ヘッダーのコメントが "${CLOSE}" で閉じられていません`,
    });
  }
  const yaml = src.slice(start + OPEN.length, end);
  const sql = src.slice(end + CLOSE.length);
  const bodyLine = src.slice(0, end + CLOSE.length).split('\n').length;
  return { yaml, sql, bodyLine, headerLine };
}

function bilingual(v: unknown, at: HeaderPath, required = true): Bilingual | undefined {
  const what = formatHeaderPath(at);
  if (v === undefined || v === null) {
    if (required) fail(at, `${what} is missing (give en and ja)`, `${what} がありません（en と ja を書いてください）`);
    return undefined;
  }
  if (typeof v === 'string') return { en: v, ja: v };
  if (
    typeof v === 'object' &&
    v &&
    typeof (v as Bilingual).en === 'string' &&
    typeof (v as Bilingual).ja === 'string'
  ) {
    const extra = Object.keys(v).filter((k) => k !== 'en' && k !== 'ja');
    // A comma inside unquoted flow-style text splits it into extra keys: quote such text.
    if (extra.length) {
      fail(
        at,
        `${what} has keys other than en and ja (${extra.join(', ')}); quote text that contains commas`,
        `${what} に en・ja 以外のキー（${extra.join(', ')}）があります。カンマを含む文は引用符で囲んでください`,
      );
    }
    return { en: (v as Bilingual).en, ja: (v as Bilingual).ja };
  }
  return fail(at, `${what} must be text or {en, ja}`, `${what} は文字列か {en, ja} にしてください`);
}

function param(raw: unknown, i: number): ParamSpec {
  const at = ['params', i];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    fail(at, 'each parameter must be a mapping', 'パラメータはそれぞれ name・type などを持つマッピングにしてください');
  const p = raw as Record<string, unknown>;
  const name = p.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    fail(
      [...at, 'name'],
      `parameter name ${JSON.stringify(name)} must be lower_snake_case`,
      `パラメータ名 ${JSON.stringify(name)} は小文字の snake_case にしてください`,
    );
  }
  const type = p.type as ParamType;
  if (!PARAM_TYPES.includes(type)) {
    fail(
      [...at, 'type'],
      `parameter ${name}: type must be one of ${PARAM_TYPES.join(', ')}`,
      `パラメータ ${name}: type は ${PARAM_TYPES.join('、')} のいずれかです`,
    );
  }
  const values = p.values;
  if (values !== undefined && (!Array.isArray(values) || values.some((x) => typeof x !== 'string'))) {
    fail(
      [...at, 'values'],
      `parameter ${name}: values must be a list of text`,
      `パラメータ ${name}: values は文字列のリストにしてください`,
    );
  }
  if (type === 'enum' && (!values || values.length === 0)) {
    fail(at, `parameter ${name}: an enum needs its values`, `パラメータ ${name}: enum には values が必要です`);
  }
  const spec: ParamSpec = {
    name,
    type,
    default: p.default === undefined ? null : p.default,
    label: bilingual(p.label ?? name, [...at, 'label'])!,
  };
  if (values) spec.values = values as string[];
  if (typeof p.min === 'number') spec.min = p.min;
  if (typeof p.max === 'number') spec.max = p.max;
  const help = bilingual(p.help, [...at, 'help'], false);
  if (help) spec.help = help;
  return spec;
}

function output(raw: unknown, i: number): OutputSpec {
  const at = ['outputs', i];
  const o = (typeof raw === 'string' ? { name: raw, type: 'number' } : raw) as Record<string, unknown>;
  if (!o || typeof o !== 'object' || typeof o.name !== 'string' || !NAME.test(o.name)) {
    fail(
      typeof raw === 'string' ? at : [...at, 'name'],
      `output ${JSON.stringify(o?.name)} must be lower_snake_case`,
      `出力列 ${JSON.stringify(o?.name)} は小文字の snake_case にしてください`,
    );
  }
  if (!OUTPUT_TYPES.includes(o.type as (typeof OUTPUT_TYPES)[number])) {
    fail(
      [...at, 'type'],
      `output ${o.name}: type must be one of ${OUTPUT_TYPES.join(', ')}`,
      `出力列 ${o.name}: type は ${OUTPUT_TYPES.join('、')} のいずれかです`,
    );
  }
  if (o.unit !== undefined && !UNITS.includes(o.unit as string)) {
    fail(
      [...at, 'unit'],
      `output ${o.name}: unit must be one of ${UNITS.join(', ')}`,
      `出力列 ${o.name}: unit は ${UNITS.join('、')} のいずれかです`,
    );
  }
  const spec: OutputSpec = { name: o.name, type: o.type as OutputSpec['type'] };
  if (o.unit) spec.unit = o.unit as OutputSpec['unit'];
  if (o.optional === true) {
    if (o.name !== 'segment')
      fail(
        [...at, 'optional'],
        `output ${o.name}: only the segment column may be optional`,
        `出力列 ${o.name}: optional にできるのは segment 列だけです`,
      );
    spec.optional = true;
  }
  const label = bilingual(o.label, [...at, 'label'], false);
  if (label) spec.label = label;
  return spec;
}

function requirements(raw: unknown, at: HeaderPath): Requirements {
  const what = formatHeaderPath(at);
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r !== 'object' || Array.isArray(r)) {
    fail(
      at,
      `${what} must map view names to lists of columns`,
      `${what} はビュー名から列名のリストへのマッピングにしてください`,
    );
  }
  for (const [view, cols] of Object.entries(r)) {
    if (!Array.isArray(cols) || cols.some((c) => typeof c !== 'string')) {
      fail(
        [...at, view],
        `${what}.${view} must be a list of column names`,
        `${what}.${view} は列名のリストにしてください`,
      );
    }
  }
  return r as Requirements;
}

/** `{param: value | [values]}` against the declared parameters; values become text. */
function paramMatch(raw: unknown, at: HeaderPath, params: ParamSpec[]): ParamMatch {
  const what = formatHeaderPath(at);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(at, `${what} must map parameter names to values`, `${what} はパラメータ名から値へのマッピングにしてください`);
  }
  const out: ParamMatch = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const spec = params.find((p) => p.name === name);
    if (!spec)
      fail(
        [...at, name],
        `${what} names ${name}, which is not a declared parameter`,
        `${what} の ${name} は宣言されたパラメータではありません`,
      );
    const list = (Array.isArray(v) ? v : [v]).map((x) => String(x));
    if (spec.values) {
      const bad = list.find((x) => !spec.values!.includes(x));
      if (bad !== undefined)
        fail(
          [...at, name],
          `${what}: ${bad} is not a value of ${name}`,
          `${what}: ${bad} は ${name} の値ではありません`,
        );
    }
    out[name] = list;
  }
  return out;
}

function list(raw: unknown, at: HeaderPath): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    const what = formatHeaderPath(at);
    fail(at, `${what} must be a list`, `${what} はリストにしてください`);
  }
  return raw;
}

/** The header object (already YAML-parsed) as a definition; throws HeaderIssue. */
function readHeader(
  h: Record<string, unknown>,
  sql: string,
  options: ParseOptions,
): Omit<KpiDefinition, 'path' | 'source'> {
  if (typeof h.id !== 'string' || !NAME.test(h.id)) {
    fail(
      ['id'],
      'id must be lower_snake_case text',
      'id は小文字の snake_case（英小文字・数字・_、先頭は英字）にしてください',
    );
  }
  const family = h.family as KpiFamily;
  if (options.custom) {
    if (family !== CUSTOM_FAMILY)
      fail(
        ['family'],
        `family of a custom KPI must be ${CUSTOM_FAMILY}`,
        `カスタム KPIの family は ${CUSTOM_FAMILY} にしてください`,
      );
  } else if (!FAMILIES.includes(family)) {
    fail(['family'], `family must be one of ${FAMILIES.join(', ')}`, `family は ${FAMILIES.join('、')} のいずれかです`);
  }
  const title = bilingual(h.title, ['title'])!;
  const description = bilingual(h.description, ['description'])!;
  const requires = requirements(h.requires, ['requires']);
  const params = list(h.params, ['params']).map((p, i) => param(p, i));
  params.forEach((p, i) => {
    if (params.findIndex((q) => q.name === p.name) !== i)
      fail(
        ['params', i, 'name'],
        `parameter ${p.name} is declared twice`,
        `パラメータ ${p.name} が二度宣言されています`,
      );
  });
  const outputs = list(h.outputs, ['outputs']).map((o, i) => output(o, i));
  if (outputs.length === 0)
    fail(['outputs'], 'outputs must list the result columns', 'outputs に結果の列を並べてください');
  outputs.forEach((o, i) => {
    if (outputs.findIndex((q) => q.name === o.name) !== i)
      fail(['outputs', i, 'name'], `output ${o.name} is declared twice`, `出力列 ${o.name} が二度宣言されています`);
  });
  if (!sql.trim()) fail([], 'the file has no SQL after its header', 'ヘッダーの後に SQL がありません');
  if (outputs.some((o) => o.optional) && !params.some((p) => p.name === 'breakdown' && p.values?.includes('segment'))) {
    fail(
      ['outputs'],
      'an optional segment output needs a breakdown parameter with the value segment',
      'optional な segment 列には、値 segment を持つ breakdown パラメータが必要です',
    );
  }
  const derived = (h.derived ?? []) as unknown;
  if (!Array.isArray(derived) || derived.some((d) => typeof d !== 'string')) {
    fail(
      ['derived'],
      'derived must be a list of derived table names',
      'derived は派生テーブル名のリストにしてください',
    );
  }
  const aliases = (h.aliases ?? []) as unknown;
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || !NAME.test(a) || a === h.id)) {
    fail(
      ['aliases'],
      'aliases must be a list of lower_snake_case ids other than the id',
      'aliases は id 以外の小文字 snake_case の id のリストにしてください',
    );
  }
  const requiresWhen: ConditionalRequirement[] = list(h.requires_when, ['requires_when']).map((r, i) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return {
      when: paramMatch(o.when, ['requires_when', i, 'when'], params),
      requires: requirements(o.requires, ['requires_when', i, 'requires']),
    };
  });
  const constraints: ParamConstraint[] = list(h.constraints, ['constraints']).map((c, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    return {
      when: paramMatch(o.when, ['constraints', i, 'when'], params),
      require: paramMatch(o.require, ['constraints', i, 'require'], params),
      message: bilingual(o.message, ['constraints', i, 'message'])!,
    };
  });
  if (h.chart !== undefined && h.chart !== null && (typeof h.chart !== 'object' || Array.isArray(h.chart))) {
    fail(
      ['chart'],
      'chart must be a mapping such as { type: line, x: month, y: [value] }',
      'chart は { type: line, x: month, y: [value] } のようなマッピングにしてください',
    );
  }
  return {
    id: h.id,
    ...(aliases.length ? { aliases: aliases as string[] } : {}),
    family,
    title,
    description,
    requires,
    ...(requiresWhen.length ? { requiresWhen } : {}),
    ...(constraints.length ? { constraints } : {}),
    derived: derived as string[],
    params,
    outputs,
    chart: (h.chart as Record<string, unknown>) ?? null,
    sql,
  };
}

/**
 * The 1-based line (within the YAML text) of the header field at `at`: the line of its key
 * (or list item); when the field is absent, the line of the closest enclosing one that exists.
 */
export function lineOfField(contents: unknown, at: HeaderPath, lines: LineCounter): number | null {
  let node: unknown = contents;
  let offset: number | null = null;
  for (const key of at) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const k = pair.key as YamlNode | null;
      offset = k?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === null ? null : lines.linePos(offset).line;
}

/** Options of {@link parseKpiFile}. */
export interface ParseOptions {
  /** A custom KPI (kept in the browser): its family must be `custom`. */
  custom?: boolean;
}

/** Parses and validates a KPI file. Throws {@link KpiHeaderError}. */
export function parseKpiFile(text: string, path = '<kpi>', options: ParseOptions = {}): KpiDefinition {
  const { yaml, sql, headerLine, bodyLine } = splitKpiFile(text, path);
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines });
  const fileLine = (yamlLine: number): number => headerLine + yamlLine - 1;
  const bad = doc.errors[0];
  if (bad) {
    const line = bad instanceof YAMLParseError && bad.linePos ? fileLine(bad.linePos[0].line) : null;
    const first = bad.message.split('\n')[0];
    throw new KpiHeaderError(path, line, `header is not valid YAML: ${first}`, {
      ja: `ヘッダーが YAML として読めません: ${first}`,
    });
  }
  const h = doc.toJS() as unknown;
  if (!h || typeof h !== 'object' || Array.isArray(h)) {
    throw new KpiHeaderError(path, headerLine, 'header must be a YAML mapping', {
      ja: 'ヘッダーは YAML のマッピング（キー: 値）にしてください',
    });
  }
  try {
    return { ...readHeader(h as Record<string, unknown>, sql, options), path, source: text };
  } catch (e) {
    if (!(e instanceof HeaderIssue)) throw e;
    const yamlLine = e.at.length ? lineOfField(doc.contents, e.at, lines) : null;
    const line = yamlLine !== null ? fileLine(yamlLine) : e.at.length ? null : bodyLine;
    throw new KpiHeaderError(path, line, e.en, { ja: e.ja, field: e.at.length ? formatHeaderPath(e.at) : null });
  }
}

/** The file line of a header field (see {@link lineOfField}), or null when it cannot be found. */
export function headerFieldLine(text: string, at: HeaderPath): number | null {
  try {
    const { yaml, headerLine } = splitKpiFile(text);
    const lines = new LineCounter();
    const doc = parseDocument(yaml, { lineCounter: lines });
    const line = lineOfField(doc.contents, at, lines);
    return line === null ? null : headerLine + line - 1;
  } catch {
    return null;
  }
}

/** The file line of an offset into the SQL body of a KPI file. */
export function bodyOffsetLine(text: string, offset: number): number | null {
  try {
    const { sql, bodyLine } = splitKpiFile(text);
    return bodyLine + (sql.slice(0, offset).match(/\n/g)?.length ?? 0);
  } catch {
    return null;
  }
}
