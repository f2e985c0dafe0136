/**
 * A structured-clonable description of the canonical model for the page: per loaded
 * table its detected role, source, confidence and column choices (with reasons), and
 * what the model as a whole offers (views with data, currency, segments, warnings).
 */
import {
  segmentCandidates,
  type Detection,
  type LoadedColumn,
  type MappingSpec,
  type MappingWarning,
  type SegmentCandidate,
} from '../mapping/index.js';
import type { CanonicalView } from '../model/schema.js';
import type { MappingOrigin, Modeller, ModelSession, TableMemory } from './modeller.js';

export type { MappingOrigin, ModelSession, TableMemory };

export interface TableModel {
  table: string;
  file: string;
  /** What detection proposes (role, source, confidence, per-column choices and reasons). */
  detection: Detection;
  /** The mapping in use, or null when the table is not used. */
  mapping: MappingSpec | null;
  /** The user edited the mapping in this session. */
  confirmed: boolean;
  /** Where the mapping in use comes from. */
  origin: MappingOrigin;
  /** What is remembered for the table's header signature. */
  memory: TableMemory;
  headers: string[];
  /** Up to 5 distinct non-empty sample values per header (from detection's sample rows). */
  samples: Record<string, string[]>;
}

export interface ModelSummary {
  tables: TableModel[];
  available: CanonicalView[];
  warnings: MappingWarning[];
  reportingCurrency: string | null;
  segmentAttribute: string | null;
  segmentCandidates: SegmentCandidate[];
  /** The user's choices of this session, kept by the page to restore them after an engine crash. */
  session: ModelSession;
}

/** Most sample values per column the page is given. */
export const SUMMARY_SAMPLES = 5;

/** Up to {@link SUMMARY_SAMPLES} distinct non-empty sample values per column. */
export function sampleValues(columns: readonly LoadedColumn[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of columns) {
    const seen = new Set<string>();
    for (const v of c.samples) {
      if (v === null || v.trim() === '') continue;
      seen.add(v.length > 60 ? `${v.slice(0, 59)}…` : v);
      if (seen.size >= SUMMARY_SAMPLES) break;
    }
    out[c.name] = [...seen];
  }
  return out;
}

/** Summarises the modeller's current state. */
export function summariseModel(modeller: Modeller): ModelSummary {
  const st = modeller.state;
  return {
    tables: st.tables.map((t) => ({
      table: t.table,
      file: t.file,
      detection: t.detection,
      mapping: t.mapping
        ? {
            role: t.mapping.role,
            source: t.mapping.source,
            columns: t.mapping.columns,
            attributes: t.mapping.attributes,
            normalisation: t.mapping.normalisation,
          }
        : null,
      confirmed: modeller.isConfirmed(t.table),
      origin: t.origin,
      memory: t.memory,
      headers: t.mapping?.table.columns.map((c) => c.name) ?? [],
      samples: sampleValues(t.mapping?.table.columns ?? []),
    })),
    available: st.available,
    warnings: st.warnings,
    reportingCurrency: st.reportingCurrency,
    segmentAttribute: st.segmentAttribute,
    segmentCandidates: segmentCandidates(modeller.mappings()),
    session: modeller.session(),
  };
}
