/**
 * Mappings as versioned JSON, to remember them (see store.ts) and to hand them to the
 * CLI (`--map file.json`). Parsing validates everything and names each problem.
 */
import { mappingProblems } from './checkMapping.js';
import { DEFAULT_NORMALISATION } from './defaults.js';
import { headerSignature } from './signature.js';
import { ROLES, type ConfirmedMapping, type LoadedTable, type MappingSpec, type Normalisation, type Role } from './types.js';

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

/** Invalid mapping JSON; `problems` lists every issue found. */
export class MappingFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid mapping: ${problems.join('; ')}`);
    this.name = 'MappingFormatError';
  }
}

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
  return { signature, headers, ...(file !== undefined ? { file } : {}), role, source, columns, attributes, normalisation };
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

function parseNormalisation(x: unknown, where: string, problems: string[]): Normalisation {
  const n: Normalisation = { ...DEFAULT_NORMALISATION, excludedStatuses: [], includedStatuses: [] };
  if (x === undefined) return n;
  if (!isObj(x)) {
    problems.push(`${where}normalisation must be an object`);
    return n;
  }
  for (const [k, v] of Object.entries(x)) {
    const check = NORMALISATION_CHECKS[k as keyof Normalisation];
    if (!check) problems.push(`${where}unknown normalisation "${k}"`);
    else if (!check(v)) problems.push(`${where}invalid normalisation ${k}: ${JSON.stringify(v)}`);
    else (n as unknown as Obj)[k] = Array.isArray(v) ? [...v] : v;
  }
  return n;
}

const KEYS = new Set(['format', 'version', 'signature', 'headers', 'file', 'role', 'source', 'columns', 'attributes', 'normalisation']);

function parseOne(x: unknown, where: string, problems: string[]): SavedMapping | null {
  if (!isObj(x)) {
    problems.push(`${where}a mapping must be an object`);
    return null;
  }
  const before = problems.length;
  for (const k of Object.keys(x)) if (!KEYS.has(k)) problems.push(`${where}unknown key "${k}"`);
  if (!ROLES.includes(x.role as Role)) problems.push(`${where}role must be one of ${ROLES.join(', ')}`);
  if (typeof x.source !== 'string') problems.push(`${where}source must be a string`);
  if (x.headers !== undefined && !isStrings(x.headers)) problems.push(`${where}headers must be a list of strings`);
  if (x.signature !== undefined && typeof x.signature !== 'string') problems.push(`${where}signature must be a string`);
  if (x.file !== undefined && typeof x.file !== 'string') problems.push(`${where}file must be a string`);
  const columns: Record<string, string | null> = {};
  if (!isObj(x.columns)) problems.push(`${where}columns must be an object`);
  else {
    for (const [k, v] of Object.entries(x.columns)) {
      if (v === null || typeof v === 'string') columns[k] = v === '' ? null : v;
      else problems.push(`${where}column ${k} must be a header or null`);
    }
  }
  const attributes = x.attributes ?? [];
  if (!Array.isArray(attributes) || !attributes.every((a) => isObj(a) && typeof a.source === 'string' && typeof a.name === 'string' && a.name !== '')) {
    problems.push(`${where}attributes must be a list of {source, name}`);
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
  for (const p of mappingProblems(spec)) problems.push(`${where}${p}`);
  return problems.length > before ? null : spec;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new MappingFormatError([`not JSON: ${(e as Error).message}`]);
  }
}

function checkHeader(x: Obj, format: string, problems: string[]): void {
  if (x.format !== format) problems.push(`format must be "${format}"`);
  if (x.version !== MAPPING_VERSION) problems.push(`unsupported version ${JSON.stringify(x.version)} (this app reads version ${MAPPING_VERSION})`);
}

/** Parses and validates one mapping. Throws {@link MappingFormatError}. */
export function parseMapping(text: string): SavedMapping {
  const x = parseJson(text);
  const problems: string[] = [];
  if (!isObj(x)) throw new MappingFormatError(['a mapping must be a JSON object']);
  checkHeader(x, MAPPING_FORMAT, problems);
  const m = parseOne(x, '', problems);
  if (problems.length || !m) throw new MappingFormatError(problems);
  return m;
}

/** Parses a mapping set, or a single mapping, into a list. Throws {@link MappingFormatError}. */
export function parseMappings(text: string): SavedMapping[] {
  const x = parseJson(text);
  if (isObj(x) && x.format === MAPPING_FORMAT) return [parseMapping(text)];
  const problems: string[] = [];
  if (!isObj(x)) throw new MappingFormatError(['a mapping file must be a JSON object']);
  checkHeader(x, MAPPING_SET_FORMAT, problems);
  if (!Array.isArray(x.mappings)) problems.push('mappings must be a list');
  const out = (Array.isArray(x.mappings) ? x.mappings : []).map((m, i) => parseOne(m, `mappings[${i}]: `, problems));
  if (problems.length) throw new MappingFormatError(problems);
  return out as SavedMapping[];
}

/**
 * Applies a saved mapping to a loaded table. Throws {@link MappingFormatError} when a
 * mapped header is not in the table (a different header signature is fine otherwise).
 */
export function bindMapping(saved: SavedMapping, table: LoadedTable): ConfirmedMapping {
  const problems = mappingProblems(saved, table.columns.map((c) => c.name));
  if (problems.length) throw new MappingFormatError(problems.map((p) => `${table.file}: ${p}`));
  return {
    table,
    role: saved.role,
    source: saved.source,
    columns: { ...saved.columns },
    attributes: saved.attributes.map((a) => ({ ...a })),
    normalisation: { ...saved.normalisation, excludedStatuses: [...saved.normalisation.excludedStatuses], includedStatuses: [...saved.normalisation.includedStatuses] },
  };
}
