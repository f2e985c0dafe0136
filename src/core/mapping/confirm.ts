/** Turning a detection (plus the user's edits) into a confirmed mapping. */
import type { ConfirmedMapping, Detection, LoadedTable, MappingSpec, Normalisation, Role } from './types.js';

/** Edits the user made to a detection: whole fields replace, `columns` and `normalisation` merge. */
export interface MappingEdits {
  role?: Role;
  source?: string;
  columns?: Record<string, string | null>;
  attributes?: MappingSpec['attributes'];
  normalisation?: Partial<Normalisation>;
}

/** The mapping spec a detection proposes (column choices without their reasons). */
export function specOf(d: Detection): MappingSpec | null {
  if (d.role === 'unknown') return null;
  const columns: Record<string, string | null> = {};
  for (const [field, c] of Object.entries(d.columns)) columns[field] = c.source;
  return {
    role: d.role,
    source: d.source,
    columns,
    attributes: d.attributes.map((a) => ({ ...a })),
    normalisation: { ...d.normalisation },
  };
}

/**
 * Confirms a detection for a table, applying edits. Throws when the role is still
 * unknown (the user must pick one, e.g. through `detectAs`).
 */
export function confirmDetection(table: LoadedTable, d: Detection, edits: MappingEdits = {}): ConfirmedMapping {
  const base = specOf(d);
  if (!base && !edits.role) throw new Error(`${table.file}: no role detected; choose one`);
  const spec: MappingSpec = base ?? {
    role: edits.role as Role,
    source: 'generic',
    columns: {},
    attributes: [],
    normalisation: { ...d.normalisation },
  };
  return {
    table,
    role: edits.role ?? spec.role,
    source: edits.source ?? spec.source,
    columns: { ...spec.columns, ...edits.columns },
    attributes: edits.attributes ?? spec.attributes,
    normalisation: { ...spec.normalisation, ...edits.normalisation },
  };
}
