/**
 * Pure helpers of the mapping screen: confidence words, source labels, the rows of a
 * table's field list, which normalisation choices a role has, and small parsers. No
 * Svelte, no engine: unit-tested in test/unit/mapping-ui.
 */
import { ROLE_FIELDS, type FieldKind } from '../../core/mapping/fields.js';
import {
  ROLES,
  type ColumnDetection,
  type DetectedRole,
  type Normalisation,
  type Role,
} from '../../core/mapping/types.js';
import type { TableModel } from '../../core/workspace/modelSummary.js';

export { ROLES };
export type { Role, DetectedRole };

/** File name of exported mappings. */
export const MAPPINGS_FILE_NAME = 'kpi-workbench-mappings.json';

/** Confidence in words: high from 0.8, medium from 0.5, else low. */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

export function confidenceLevel(c: number): ConfidenceLevel {
  if (c >= 0.8) return 'high';
  if (c >= 0.5) return 'medium';
  return 'low';
}

/** Display names of the source dictionaries (src/core/mapping/sources/*.json) that are brands. */
const SOURCE_LABELS: Record<string, string> = {
  amplitude: 'Amplitude',
  baremetrics: 'Baremetrics',
  chargebee: 'Chargebee',
  hubspot: 'HubSpot',
  intercom: 'Intercom',
  mixpanel: 'Mixpanel',
  posthog: 'PostHog',
  salesforce: 'Salesforce',
  stripe: 'Stripe',
  zendesk: 'Zendesk',
};

/** Sources whose names are words, worded by the UI (`mapping.source.<id>`). */
export type WordedSource = 'generic' | 'kpi-workbench-sample';
const WORDED: readonly string[] = ['generic', 'kpi-workbench-sample'] satisfies WordedSource[];

/** The display name of a source id: a brand, a worded source through `word`, else the id itself. */
export function sourceLabel(id: string, word: (id: WordedSource) => string = (w) => w): string {
  if (WORDED.includes(id)) return word(id as WordedSource);
  return SOURCE_LABELS[id] ?? id;
}

/** One row of a table's field list. */
export interface FieldRow {
  /** Mapping field name (customer_id, amount, …). */
  name: string;
  kind: FieldKind;
  required: boolean;
  /** Source header in use (null = not mapped). */
  source: string | null;
  /** What detection proposed for this field, when it ran for the role in use. */
  detected: ColumnDetection | null;
  /** The header in use differs from detection's proposal. */
  edited: boolean;
  /** Sample values of the header in use (may be empty). */
  samples: string[];
  /** The field is in an "at least one of" group none of whose fields is mapped. */
  missingAnyOf: boolean;
}

/** The field list of a table for the role in use (empty when not used). */
export function fieldRows(tm: TableModel): FieldRow[] {
  const m = tm.mapping;
  if (!m) return [];
  const def = ROLE_FIELDS[m.role];
  const sameRole = tm.detection.role === m.role;
  const mapped = (f: string): boolean => !!m.columns[f];
  const unmetGroups = def.anyOf.filter((g) => !g.some(mapped));
  return def.fields.map((f) => {
    const source = m.columns[f.name] ?? null;
    const detected = sameRole ? (tm.detection.columns[f.name] ?? null) : null;
    return {
      name: f.name,
      kind: f.kind,
      required: !!f.required,
      source,
      detected,
      edited: detected ? detected.source !== source : false,
      samples: source ? (tm.samples?.[source] ?? []) : [],
      missingAnyOf: unmetGroups.some((g) => g.includes(f.name)),
    };
  });
}

/** The headers a field can take: the table's headers. */
export function headerOptions(tm: TableModel, fallback: readonly string[] = []): string[] {
  return tm.headers.length ? tm.headers : [...fallback];
}

/** Normalisation choices the screen edits. */
export type NormalisationControl = 'amountUnit' | 'dayFirst' | 'reportingCurrency' | 'endDateRule' | 'scoreScale';

const REVENUE: readonly Role[] = ['subscriptions', 'invoices', 'mrr_snapshots'];

/** The normalisation choices that matter for a role, in display order. */
export function normalisationControls(role: Role): NormalisationControl[] {
  const out: NormalisationControl[] = [];
  if (REVENUE.includes(role)) out.push('amountUnit', 'reportingCurrency');
  if (role === 'subscriptions') out.push('endDateRule');
  if (role === 'responses') out.push('scoreScale');
  out.push('dayFirst');
  return out;
}

/**
 * A currency code typed by the user: `''` → null (no filter), three letters → upper
 * case, anything else → undefined (invalid).
 */
export function parseCurrency(text: string): string | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  return /^[A-Za-z]{3}$/.test(s) ? s.toUpperCase() : undefined;
}

/** The normalisation edit for one control's new value (undefined: invalid input). */
export function normalisationEdit(
  control: NormalisationControl,
  value: string | boolean,
): Partial<Normalisation> | undefined {
  switch (control) {
    case 'amountUnit':
      return value === 'cents' || value === 'units' ? { amountUnit: value } : undefined;
    case 'dayFirst':
      return { dayFirst: value === true || value === 'true' };
    case 'endDateRule':
      return value === 'period_end_first' || value === 'canceled_at_first' ? { endDateRule: value } : undefined;
    case 'scoreScale':
      return value === 'nps' || value === 'csat'
        ? { scoreScale: value }
        : value === '' || value === 'auto'
          ? { scoreScale: null }
          : undefined;
    case 'reportingCurrency': {
      const c = parseCurrency(String(value));
      return c === undefined ? undefined : { reportingCurrency: c };
    }
  }
}

/** Whether "not used" can be chosen: only when resetting gives it (detection found no role). */
export function canChooseNotUsed(tm: TableModel): boolean {
  return tm.detection.role === 'unknown';
}

/** What the role picker shows for a table. */
export function pickerValue(tm: TableModel): DetectedRole {
  return tm.mapping?.role ?? 'unknown';
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The findings of a validation run (checks with count > 0), sorted as {@link sortResults}. */
export function findings<
  T extends { severity: keyof typeof SEVERITY_ORDER; file: string; column?: string; count: number },
>(results: readonly T[]): T[] {
  return sortResults(results.filter((r) => r.count > 0));
}

/** Validation results, errors first, then by file and column. */
export function sortResults<T extends { severity: keyof typeof SEVERITY_ORDER; file: string; column?: string }>(
  results: readonly T[],
): T[] {
  return [...results].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.file.localeCompare(b.file) ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
}
