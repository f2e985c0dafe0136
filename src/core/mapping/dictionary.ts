/**
 * Shape of a source dictionary (one JSON file per source in `sources/`): for each role
 * the source exports, header synonyms per mapping field, value hints and normalisation
 * defaults. Adding a source = adding a JSON file and listing it in `sources/index.ts`.
 */
import type { Normalisation, Role } from './types.js';

/** Values a field typically holds in this source. */
export interface ValueHint {
  /** Typical values (compared case-insensitively). */
  values?: string[];
  /** Regular expression the values typically match (e.g. `^cus_`). */
  pattern?: string;
}

/** How one source exports one role. */
export interface RoleDictionary {
  /** Human label of the export, e.g. "Stripe subscriptions export". */
  label: string;
  /** Headers that only this source's export has; they make the source certain. */
  distinctive?: string[];
  /** Mapping field → header synonyms, best first (matched case/space/punctuation-insensitively). */
  columns: Record<string, string[]>;
  /** Customers: canonical attribute name → header synonyms. */
  attributes?: Record<string, string[]>;
  /** Customers: headers ending with this suffix are attributes named by the rest (Stripe `(metadata)`). */
  attributeSuffix?: string;
  /** Headers recognised but not used (they count as explained, and are not passed through). */
  known?: string[];
  /** Value hints per mapping field. */
  valueHints?: Record<string, ValueHint>;
  /** Normalisation defaults for this export. `amountUnit: "detect"` decides from headers and values. */
  normalisation?: Partial<Omit<Normalisation, 'amountUnit'>> & { amountUnit?: Normalisation['amountUnit'] | 'detect' };
  /** Exact (case-sensitive) headers whose money values are in cents, e.g. API field names. */
  centsHeaders?: string[];
}

/** One source (billing tool, CRM, analytics tool, help desk, or a generic layout). */
export interface SourceDictionary {
  id: string;
  label: string;
  /** Tie-breaker between equally good readings: higher wins (specific tools over generic headers). */
  priority: number;
  roles: Partial<Record<Role, RoleDictionary>>;
}
