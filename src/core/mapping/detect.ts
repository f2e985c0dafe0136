/**
 * Automatic mapping: reads a loaded table under every source dictionary and role,
 * scores each reading from header matches, value fit, distinctive headers and value
 * hints, and proposes the best one with per-column and normalisation reasons.
 */
import { customerAttributes } from './attributes.js';
import { detectNormalisation } from './detectNormalisation.js';
import type { RoleDictionary, SourceDictionary } from './dictionary.js';
import { ROLE_FIELDS } from './fields.js';
import { headerKey } from './headerKey.js';
import { matchColumns, type ColumnMatch, type ProfiledColumn } from './matchColumns.js';
import { headerSignature } from './signature.js';
import { SOURCES } from './sources/index.js';
import type { Detection, DetectionAlternative, LoadedColumn, LoadedTable, Role } from './types.js';
import { DEFAULT_NORMALISATION } from './defaults.js';
import { profileColumn } from './valueProfile.js';

/** One reading of a table: a source's role dictionary and how well it fits. */
interface Reading {
  source: SourceDictionary;
  role: Role;
  dict: RoleDictionary;
  match: ColumnMatch;
  valid: boolean;
  confidence: number;
}

/** Minimum confidence for a reading to be proposed rather than `unknown`. */
export const MIN_CONFIDENCE = 0.45;

function isValid(role: Role, dict: RoleDictionary, m: ColumnMatch, cols: readonly ProfiledColumn[]): boolean {
  const spec = ROLE_FIELDS[role];
  if (spec.fields.some((f) => f.required && !m.columns[f.name]?.source)) return false;
  if (spec.anyOf.some((group) => !group.some((f) => m.columns[f]?.source))) return false;
  if (role === 'customers') {
    // A customers table says something about customers besides their id.
    const describes = ['name', 'signup_date', 'trial_start', 'trial_end'].some((f) => m.columns[f]?.source);
    const attrKeys = new Set(
      Object.values(dict.attributes ?? {})
        .flat()
        .map(headerKey),
    );
    return describes || cols.some((c) => attrKeys.has(c.key));
  }
  return true;
}

function score(
  role: Role,
  dict: RoleDictionary,
  m: ColumnMatch,
  cols: readonly ProfiledColumn[],
  valid: boolean,
): number {
  const required = ROLE_FIELDS[role].fields.filter((f) => f.required);
  const coverage = m.explained.size / Math.max(1, cols.length);
  if (!valid) {
    const found = required.filter((f) => m.columns[f.name]?.source).length;
    return 0.25 * (found / required.length) + 0.1 * coverage;
  }
  const reqMean = required.reduce((s, f) => s + (m.columns[f.name]?.confidence ?? 0), 0) / required.length;
  const keys = new Set(cols.map((c) => c.key));
  const distinctive = (dict.distinctive ?? []).filter((h) => keys.has(headerKey(h))).length;
  const hint = m.hintScore ?? 0.5;
  return 0.4 * reqMean + 0.35 * coverage + 0.15 * Math.min(1, distinctive / 2) + 0.1 * hint;
}

function readings(cols: readonly ProfiledColumn[], sources: readonly SourceDictionary[]): Reading[] {
  const out: Reading[] = [];
  for (const source of sources) {
    for (const [role, dict] of Object.entries(source.roles) as [Role, RoleDictionary][]) {
      const match = matchColumns(role, dict, cols);
      const valid = isValid(role, dict, match, cols);
      out.push({ source, role, dict, match, valid, confidence: round(score(role, dict, match, cols, valid)) });
    }
  }
  const rank = (r: Reading): number => (r.valid ? 1 : 0) + r.confidence + 0.01 * r.source.priority;
  return out.sort((a, b) => rank(b) - rank(a));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Profiles a table's columns once, for detection. */
export function profileTable(table: LoadedTable): ProfiledColumn[] {
  return table.columns.map((column) => ({ column, key: headerKey(column.name), profile: profileColumn(column) }));
}

function fromReading(
  r: Reading,
  table: LoadedTable,
  signature: string,
  alternatives: DetectionAlternative[],
): Detection {
  const byName = new Map<string, LoadedColumn>(table.columns.map((c) => [c.name, c]));
  const assigned: Record<string, LoadedColumn | null> = {};
  for (const [field, d] of Object.entries(r.match.columns))
    assigned[field] = d.source ? (byName.get(d.source) ?? null) : null;
  const { normalisation, reasons } = detectNormalisation(r.role, r.dict, assigned);
  const mapped = new Set(Object.values(r.match.columns).flatMap((d) => (d.source ? [d.source] : [])));
  return {
    role: r.role,
    source: r.source.id,
    confidence: r.confidence,
    columns: r.match.columns,
    attributes: r.role === 'customers' ? customerAttributes(r.dict, table.columns, mapped) : [],
    normalisation,
    normalisationReasons: reasons,
    alternatives,
    signature,
  };
}

function alternativesOf(all: readonly Reading[], skip: Reading | undefined): DetectionAlternative[] {
  const seen = new Set<string>();
  const out: DetectionAlternative[] = [];
  for (const r of all) {
    const k = `${r.role}/${r.source.id}`;
    if (r === skip || seen.has(k) || r.confidence < 0.2) continue;
    seen.add(k);
    out.push({ role: r.role, source: r.source.id, confidence: r.confidence });
    if (out.length === 5) break;
  }
  return out;
}

/**
 * Proposes role, source, column mapping and normalisation for a loaded table.
 * `sources` defaults to the built-in dictionaries.
 */
export function detectMapping(table: LoadedTable, sources: readonly SourceDictionary[] = SOURCES): Detection {
  const all = readings(profileTable(table), sources);
  const best = all[0];
  const signature = headerSignature(table.columns);
  if (best && best.valid && best.confidence >= MIN_CONFIDENCE)
    return fromReading(best, table, signature, alternativesOf(all, best));
  return {
    role: 'unknown',
    source: 'generic',
    confidence: 0,
    columns: {},
    attributes: [],
    normalisation: { ...DEFAULT_NORMALISATION, excludedStatuses: [], includedStatuses: [] },
    normalisationReasons: {},
    alternatives: alternativesOf(all, undefined),
    signature,
  };
}

/**
 * Detection constrained to a role (and optionally a source), e.g. when the user says
 * "this file is the subscriptions". Returns the best reading of that role even when
 * required columns are missing, so the user can complete it.
 */
export function detectAs(
  table: LoadedTable,
  role: Role,
  source?: string,
  sources: readonly SourceDictionary[] = SOURCES,
): Detection {
  const pool = sources
    .filter((s) => s.roles[role] && (source === undefined || s.id === source || s.id === 'generic'))
    .map((s) => ({ ...s, roles: { [role]: s.roles[role] } }));
  const all = readings(profileTable(table), pool);
  const best = all[0];
  if (!best) return { ...detectMapping(table, []), role };
  return fromReading(best, table, headerSignature(table.columns), alternativesOf(all, best));
}
