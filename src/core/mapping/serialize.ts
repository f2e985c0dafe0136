/**
 * Mappings as versioned JSON, to remember them (see store.ts) and to hand them to the
 * CLI (`--map file.json`). Parsing validates everything and names each problem.
 */
import { mappingIssues } from './checkMapping.js';
import { DEFAULT_NORMALISATION } from './defaults.js';
import { headerSignature } from './signature.js';
import {
  ROLES,
  type ConfirmedMapping,
  type LoadedTable,
  type MappingSpec,
  type Message,
  type Normalisation,
  type Role,
} from './types.js';

/** Format tag and version written into every file. */
export const MAPPING_FORMAT = 'kpi-workbench/mapping';
export const MAPPING_SET_FORMAT = 'kpi-workbench/mappings';
export const MAPPING_VERSION = 1;

/** A mapping as saved: the spec, plus the header signature and headers it was made for. */
export interface SavedMapping extends MappingSpec {
  signature: string;
  headers: string[];
  /** File it was confirmed on (informative). */
  file?: string;
}

/** Invalid mapping JSON; `issues` lists every problem found, in English and Japanese. */
export class MappingFormatError extends Error {
  constructor(readonly issues: Message[]) {
    super(`invalid mapping: ${issues.map((i) => i.en).join('; ')}`);
    this.name = 'MappingFormatError';
  }

  /** The problems in English (CLI, logs). */
  get problems(): string[] {
    return this.issues.map((i) => i.en);
  }
}

const msg = (where: string, en: string, ja: string): Message => ({ en: where + en, ja: where + ja });

/** The saved form of a confirmed mapping. */
export function toSaved(m: ConfirmedMapping): SavedMapping {
  return {
    signature: headerSignature(m.table.columns),
    headers: m.table.columns.map((c) => c.name),
    file: m.table.file,
    role: m.role,
    source: m.source,
    columns: { ...m.columns },
    attributes: m.attributes.map((a) => ({ ...a })),
    normalisation: { ...m.normalisation },
  };
}

function body(m: SavedMapping): Record<string, unknown> {
  const { signature, headers, file, role, source, columns, attributes, normalisation } = m;
  return {
    signature,
    headers,
    ...(file !== undefined ? { file } : {}),
    role,
    source,
    columns,
    attributes,
    normalisation,
  };
}

/** JSON text of one mapping. */
export function serializeMapping(m: ConfirmedMapping | SavedMapping): string {
  const saved = 'table' in m ? toSaved(m) : m;
  return JSON.stringify({ format: MAPPING_FORMAT, version: MAPPING_VERSION, ...body(saved) }, null, 2);
}

/** JSON text of several mappings (a workspace, or the CLI's `--map` file). */
export function serializeMappings(ms: readonly (ConfirmedMapping | SavedMapping)[]): string {
  const saved = ms.map((m) => ('table' in m ? toSaved(m) : m));
  return JSON.stringify({ format: MAPPING_SET_FORMAT, version: MAPPING_VERSION, mappings: saved.map(body) }, null, 2);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

const NORMALISATION_CHECKS: { [K in keyof Normalisation]: (v: unknown) => boolean } = {
  amountUnit: (v) => v === 'units' || v === 'cents',
  epochUnit: (v) => v === 's' || v === 'ms' || v === 'us' || v === 'auto',
  defaultInterval: (v) => ['day', 'week', 'month', 'quarter', 'half_year', 'year'].includes(v as string),
  mrrFrom: (v) => v === 'mrr_column' || v === 'amount',
  excludedStatuses: isStrings,
  includedStatuses: isStrings,
  endDateRule: (v) => v === 'period_end_first' || v === 'canceled_at_first',
  periodEndInclusive: (v) => typeof v === 'boolean',
  termMonths: (v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 1200),
  scoreScale: (v) => v === null || v === 'nps' || v === 'csat',
  reportingCurrency: (v) => v === null || (typeof v === 'string' && /^[A-Za-z]{3}$/.test(v)),
  dayFirst: (v) => typeof v === 'boolean',
};

function parseNormalisation(x: unknown, where: string, problems: Message[]): Normalisation {
  const n: Normalisation = { ...DEFAULT_NORMALISATION, excludedStatuses: [], includedStatuses: [] };
  if (x === undefined) return n;
  if (!isObj(x)) {
    problems.push(msg(where, 'normalisation must be an object', 'normalisation はオブジェクトでなければなりません'));
    return n;
  }
  for (const [k, v] of Object.entries(x)) {
    const check = NORMALISATION_CHECKS[k as keyof Normalisation];
    if (!check) problems.push(msg(where, `unknown normalisation "${k}"`, `不明な値の読み方の設定「${k}」`));
    else if (!check(v))
      problems.push(
        msg(
          where,
          `invalid normalisation ${k}: ${JSON.stringify(v)}`,
          `値の読み方の設定 ${k} が不正です: ${JSON.stringify(v)}`,
        ),
      );
    else (n as unknown as Obj)[k] = Array.isArray(v) ? [...v] : v;
  }
  return n;
}

const KEYS = new Set([
  'format',
  'version',
  'signature',
  'headers',
  'file',
  'role',
  'source',
  'columns',
  'attributes',
  'normalisation',
]);

function parseOne(x: unknown, where: string, problems: Message[]): SavedMapping | null {
  if (!isObj(x)) {
    problems.push(msg(where, 'a mapping must be an object', '対応付けはオブジェクトでなければなりません'));
    return null;
  }
  const before = problems.length;
  for (const k of Object.keys(x))
    if (!KEYS.has(k)) problems.push(msg(where, `unknown key "${k}"`, `不明なキー「${k}」`));
  if (!ROLES.includes(x.role as Role))
    problems.push(
      msg(
        where,
        `role must be one of ${ROLES.join(', ')}`,
        `role は ${ROLES.join(', ')} のいずれかでなければなりません`,
      ),
    );
  if (typeof x.source !== 'string')
    problems.push(msg(where, 'source must be a string', 'source は文字列でなければなりません'));
  if (x.headers !== undefined && !isStrings(x.headers))
    problems.push(msg(where, 'headers must be a list of strings', 'headers は文字列のリストでなければなりません'));
  if (x.signature !== undefined && typeof x.signature !== 'string')
    problems.push(msg(where, 'signature must be a string', 'signature は文字列でなければなりません'));
  if (x.file !== undefined && typeof x.file !== 'string')
    problems.push(msg(where, 'file must be a string', 'file は文字列でなければなりません'));
  const columns: Record<string, string | null> = {};
  if (!isObj(x.columns))
    problems.push(msg(where, 'columns must be an object', 'columns はオブジェクトでなければなりません'));
  else {
    for (const [k, v] of Object.entries(x.columns)) {
      if (v === null || typeof v === 'string') columns[k] = v === '' ? null : v;
      else
        problems.push(msg(where, `column ${k} must be a header or null`, `列 ${k} は列名か null でなければなりません`));
    }
  }
  const attributes = x.attributes ?? [];
  if (
    !Array.isArray(attributes) ||
    !attributes.every((a) => isObj(a) && typeof a.source === 'string' && typeof a.name === 'string' && a.name !== '')
  ) {
    problems.push(
      msg(
        where,
        'attributes must be a list of {source, name}',
        'attributes は {source, name} のリストでなければなりません',
      ),
    );
  }
  const normalisation = parseNormalisation(x.normalisation, where, problems);
  if (problems.length > before) return null;
  const headers = (x.headers as string[] | undefined) ?? [];
  const spec: SavedMapping = {
    role: x.role as Role,
    source: x.source as string,
    columns,
    attributes: (attributes as { source: string; name: string }[]).map((a) => ({ source: a.source, name: a.name })),
    normalisation,
    headers: [...headers],
    signature: (x.signature as string | undefined) ?? headerSignature(headers),
    ...(typeof x.file === 'string' ? { file: x.file } : {}),
  };
  for (const p of mappingIssues(spec)) problems.push(msg(where, p.en, p.ja));
  return problems.length > before ? null : spec;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new MappingFormatError([
      { en: `not JSON: ${(e as Error).message}`, ja: `JSON として読めません: ${(e as Error).message}` },
    ]);
  }
}

function checkHeader(x: Obj, format: string, problems: Message[]): void {
  if (x.format !== format)
    problems.push({ en: `format must be "${format}"`, ja: `format は「${format}」でなければなりません` });
  if (x.version !== MAPPING_VERSION) {
    problems.push({
      en: `unsupported version ${JSON.stringify(x.version)} (this app reads version ${MAPPING_VERSION})`,
      ja: `対応していないバージョン ${JSON.stringify(x.version)} です（このアプリが読めるのはバージョン ${MAPPING_VERSION}）`,
    });
  }
}

/** Parses and validates one mapping. Throws {@link MappingFormatError}. */
export function parseMapping(text: string): SavedMapping {
  const x = parseJson(text);
  const problems: Message[] = [];
  if (!isObj(x))
    throw new MappingFormatError([
      { en: 'a mapping must be a JSON object', ja: '対応付けは JSON オブジェクトでなければなりません' },
    ]);
  checkHeader(x, MAPPING_FORMAT, problems);
  const m = parseOne(x, '', problems);
  if (problems.length || !m) throw new MappingFormatError(problems);
  return m;
}

/** Parses a mapping set, or a single mapping, into a list. Throws {@link MappingFormatError}. */
export function parseMappings(text: string): SavedMapping[] {
  const x = parseJson(text);
  if (isObj(x) && x.format === MAPPING_FORMAT) return [parseMapping(text)];
  const problems: Message[] = [];
  if (!isObj(x))
    throw new MappingFormatError([
      { en: 'a mapping file must be a JSON object', ja: '対応付けファイルは JSON オブジェクトでなければなりません' },
    ]);
  checkHeader(x, MAPPING_SET_FORMAT, problems);
  if (!Array.isArray(x.mappings))
    problems.push({ en: 'mappings must be a list', ja: 'mappings はリストでなければなりません' });
  const out = (Array.isArray(x.mappings) ? x.mappings : []).map((m, i) => parseOne(m, `mappings[${i}]: `, problems));
  if (problems.length) throw new MappingFormatError(problems);
  return out as SavedMapping[];
}

/**
 * Applies a saved mapping to a loaded table. Throws {@link MappingFormatError} when a
 * mapped header is not in the table (a different header signature is fine otherwise).
 */
export function bindMapping(saved: SavedMapping, table: LoadedTable): ConfirmedMapping {
  const problems = mappingIssues(
    saved,
    table.columns.map((c) => c.name),
  );
  if (problems.length) throw new MappingFormatError(problems.map((p) => msg(`${table.file}: `, p.en, p.ja)));
  return {
    table,
    role: saved.role,
    source: saved.source,
    columns: { ...saved.columns },
    attributes: saved.attributes.map((a) => ({ ...a })),
    normalisation: {
      ...saved.normalisation,
      excludedStatuses: [...saved.normalisation.excludedStatuses],
      includedStatuses: [...saved.normalisation.includedStatuses],
    },
  };
}
