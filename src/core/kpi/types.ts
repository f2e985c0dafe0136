/**
 * Types of the KPI catalogue: what a KPI file's header declares.
 *
 * A KPI is one `.sql` file under `sql/<family>/<id>.sql`: a leading block comment
 * `/*--- … ---*\/` holding YAML (this header), then one SELECT over the canonical views.
 * The app, the CLI and the docs all read the header; nothing about a KPI is declared twice.
 */

/** Text in both UI languages. */
export interface Bilingual {
  en: string;
  ja: string;
}

export type ParamType = 'date' | 'integer' | 'number' | 'boolean' | 'enum' | 'string' | 'string_list';

/** One declared parameter. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Default value; `null` means "none" (for `as_of`: the latest date in the data). */
  default: unknown;
  /** Allowed values, for `enum` (and optionally `string`). */
  values?: string[];
  min?: number;
  max?: number;
  label: Bilingual;
  help?: Bilingual;
}

export type OutputUnit =
  'currency' | 'ratio' | 'count' | 'days' | 'hours' | 'minutes' | 'score' | 'percent' | 'multiple' | 'text' | 'date';
// `multiple`: a ratio read as "N times" (quick ratio, LTV ÷ CRC), never shown as a percentage.

/** One declared output column. */
export interface OutputSpec {
  name: string;
  type: 'date' | 'integer' | 'number' | 'string' | 'boolean';
  unit?: OutputUnit;
  label?: Bilingual;
  /**
   * `segment` only: the column is present only when the KPI runs with
   * `breakdown = segment`. The SQL always produces it (`'(all)'` otherwise) and the runner
   * removes it, so the default output has exactly the columns KPI_SPEC names.
   */
  optional?: boolean;
}

/** The canonical views a KPI reads (view name -> required columns). */
export type Requirements = Record<string, string[]>;

/** Parameter values to match: parameter name -> accepted values (as text). */
export type ParamMatch = Record<string, string[]>;

/**
 * A rule between parameters (header `constraints`): when every parameter in `when` has
 * one of its listed values, every parameter in `require` must have one of its values;
 * otherwise the run is refused with `message` (a parameter problem, never a silent result).
 */
export interface ParamConstraint {
  when: ParamMatch;
  require: ParamMatch;
  message: Bilingual;
}

/**
 * Data needed only for some parameter values (header `requires_when`), e.g. events only
 * when `source = events`. Added to `requires` when `when` matches.
 */
export interface ConditionalRequirement {
  when: ParamMatch;
  requires: Requirements;
}

/** KPI families; `custom` is the family of custom KPIs kept in the browser. */
export type KpiFamily = 'revenue' | 'customers' | 'product' | 'support' | 'costs' | 'custom';

/** A parsed KPI file. */
export interface KpiDefinition {
  id: string;
  /**
   * Other ids that name the same KPI (header `aliases`), e.g. `grr` for `nrr`, whose one
   * result carries both ratios. Lookups by id (runner, CLI, links) accept them.
   */
  aliases?: string[];
  family: KpiFamily;
  title: Bilingual;
  description: Bilingual;
  requires: Requirements;
  /** Data required only for some parameter values (optional). */
  requiresWhen?: ConditionalRequirement[];
  /** Rules between parameter values (optional). */
  constraints?: ParamConstraint[];
  /** Derived tables (see derived.ts) that must exist before the SQL runs. */
  derived: string[];
  params: ParamSpec[];
  outputs: OutputSpec[];
  /** Default chart: free-form object read by the UI (type plus encodings). */
  chart: Record<string, unknown> | null;
  /** The SQL body (header removed), with `$name` parameter references. */
  sql: string;
  /** Where the file came from (for messages). */
  path: string;
  /** Full original text (shown read-only in the UI). */
  source: string;
}
