/**
 * Types shared by the mapping layer: what ingest hands over (a loaded table), what
 * detection proposes, and what the user confirms.
 */

/** One column of a loaded table, as ingest typed it. */
export interface LoadedColumn {
  /** Original header, possibly Japanese. */
  name: string;
  /** DuckDB type: VARCHAR, BIGINT, DOUBLE, DATE, TIMESTAMP, BOOLEAN, … */
  type: string;
  /** Up to ~50 values as text (NULL cells as `null`). */
  samples: (string | null)[];
  /**
   * Text that needs no trimming: no value is empty or changed by `trim` (checked over
   * every row by the modeller, see `cleanText.ts`). Absent: not known, so text is trimmed.
   */
  clean?: boolean;
}

/** A table ingest created in DuckDB from one file. */
export interface LoadedTable {
  /** DuckDB table name. */
  table: string;
  /** File the table was read from. */
  file: string;
  columns: LoadedColumn[];
}

/** What a file holds. `unknown` when no role fits. */
export type Role = 'customers' | 'subscriptions' | 'mrr_snapshots' | 'invoices' | 'events' | 'responses' | 'tickets';

/** A detected role, or `unknown`. */
export type DetectedRole = Role | 'unknown';

/** All roles, in the order the UI lists them. */
export const ROLES: readonly Role[] = [
  'customers',
  'subscriptions',
  'invoices',
  'mrr_snapshots',
  'events',
  'responses',
  'tickets',
];

/** Billing interval units understood by the MRR formula. */
export type IntervalUnit = 'day' | 'week' | 'month' | 'quarter' | 'half_year' | 'year';

/**
 * Which cancellation column wins when several are filled (subscriptions).
 * - `period_end_first` (default): ended_at, else cancel_at, else current period end when
 *   cancel_at_period_end is true, else canceled_at. Stripe sets canceled_at to the time
 *   of the *request* for a cancel-at-period-end subscription, so the period end must win.
 * - `canceled_at_first`: ended_at, else canceled_at, else cancel_at, else current period
 *   end when cancel_at_period_end is true (for exports whose canceled_at is the real end).
 */
export type EndDateRule = 'period_end_first' | 'canceled_at_first';

/** Unit of numeric date columns: seconds, milliseconds, microseconds, or decided per value. */
export type EpochUnit = 's' | 'ms' | 'us' | 'auto';

/** Choices that turn source values into canonical values. Fields irrelevant to a role are ignored. */
export interface Normalisation {
  /** Money columns in currency units or in cents (÷ 100, except zero-decimal currencies such as JPY). */
  amountUnit: 'units' | 'cents';
  /** Unit of numeric (epoch) date columns. */
  epochUnit: EpochUnit;
  /** Interval assumed when the interval column is absent or empty. */
  defaultInterval: IntervalUnit;
  /** Subscriptions: take MRR from the source's MRR column, or compute it from the amount. */
  mrrFrom: 'mrr_column' | 'amount';
  /** Status values (compared case-insensitively) whose rows carry no revenue. */
  excludedStatuses: string[];
  /** When non-empty, only rows with one of these statuses carry revenue (e.g. won deals). */
  includedStatuses: string[];
  /** Which cancellation column wins. */
  endDateRule: EndDateRule;
  /** A date-only end column names the last day covered (inclusive): one day is added. */
  periodEndInclusive: boolean;
  /** Contract length given to rows without any end (deals): NULL = ongoing. */
  termMonths: number | null;
  /** Responses: survey assumed when the survey column is absent or unrecognised. */
  scoreScale: 'nps' | 'csat' | null;
  /** Currency kept in revenue views; rows in other currencies are excluded. NULL = no filter. */
  reportingCurrency: string | null;
  /** Slash dates such as 03/04/2024 are day-first (else month-first, as US exports). */
  dayFirst: boolean;
}

/** A customer attribute passed through to the `customers` view. */
export interface AttributeColumn {
  /** Source header. */
  source: string;
  /** Column name in the `customers` view. */
  name: string;
}

/** The rememberable part of a mapping: independent of the DuckDB table name. */
export interface MappingSpec {
  role: Role;
  /** Source dictionary id (`stripe`, `generic`, …). */
  source: string;
  /** Mapping field → source header (`null` = not mapped). */
  columns: Record<string, string | null>;
  /** Customers only: attribute columns. */
  attributes: AttributeColumn[];
  normalisation: Normalisation;
}

/** A mapping the user accepted for a loaded table. */
export interface ConfirmedMapping extends MappingSpec {
  table: LoadedTable;
}

/** How sure detection is about one choice, and why (in both languages, see reasons.ts). */
export interface Choice {
  confidence: number;
  reason: Message;
}

/** Detection's proposal for one mapping field. */
export interface ColumnDetection extends Choice {
  /** Source header, or null when nothing fits. */
  source: string | null;
  /** Other headers that would fit, best first. */
  candidates: string[];
}

/** Another role/source reading of the same table. */
export interface DetectionAlternative {
  role: Role;
  source: string;
  confidence: number;
}

/** Detection's full proposal for one loaded table. */
export interface Detection {
  role: DetectedRole;
  source: string;
  /** 0..1 */
  confidence: number;
  /** Every mapping field of the role. */
  columns: Record<string, ColumnDetection>;
  attributes: AttributeColumn[];
  normalisation: Normalisation;
  /** Why each normalisation choice was made (only the ones detection decided). */
  normalisationReasons: Partial<Record<keyof Normalisation, Choice>>;
  /** Other readings, best first. */
  alternatives: DetectionAlternative[];
  /** Header signature of the table (see headerSignature). */
  signature: string;
}

/** Localised text. */
export interface Message {
  en: string;
  ja: string;
}

/** A problem the mapping layer reports without failing. */
export interface MappingWarning {
  code: string;
  message: Message;
  /** File concerned, when one is. */
  file?: string;
}
