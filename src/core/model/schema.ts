/**
 * The canonical model's fixed shape (KPI_SPEC section 2, docs/architecture.md): view
 * names, their columns and DuckDB types. KPI SQL relies on exactly these names.
 */

export type CanonicalView =
  'customers' | 'subscription_periods' | 'mrr_monthly_source' | 'events' | 'responses' | 'tickets';

/** Column name and DuckDB type, in view order. */
export const CANONICAL_SCHEMA: Record<CanonicalView, ReadonlyArray<readonly [string, string]>> = {
  customers: [
    ['customer_id', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['signup_date', 'DATE'],
    ['trial_start', 'DATE'],
    ['trial_end', 'DATE'],
    ['segment', 'VARCHAR'],
  ],
  subscription_periods: [
    ['customer_id', 'VARCHAR'],
    ['start_date', 'DATE'],
    ['end_date', 'DATE'],
    ['mrr', 'DOUBLE'],
    ['plan', 'VARCHAR'],
    ['quantity', 'DOUBLE'],
    ['currency', 'VARCHAR'],
  ],
  mrr_monthly_source: [
    ['customer_id', 'VARCHAR'],
    ['month', 'DATE'],
    ['mrr', 'DOUBLE'],
  ],
  events: [
    ['user_id', 'VARCHAR'],
    ['event_time', 'TIMESTAMP'],
    ['event_name', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['session_id', 'VARCHAR'],
  ],
  responses: [
    ['responded_at', 'TIMESTAMP'],
    ['score', 'DOUBLE'],
    ['customer_id', 'VARCHAR'],
    ['user_id', 'VARCHAR'],
    ['survey', 'VARCHAR'],
    ['comment', 'VARCHAR'],
  ],
  tickets: [
    ['ticket_id', 'VARCHAR'],
    ['created_at', 'TIMESTAMP'],
    ['customer_id', 'VARCHAR'],
    ['first_response_at', 'TIMESTAMP'],
    ['resolved_at', 'TIMESTAMP'],
    ['status', 'VARCHAR'],
    ['channel', 'VARCHAR'],
    ['replies', 'INTEGER'],
    ['satisfaction', 'VARCHAR'],
  ],
};

/** All canonical view names. */
export const CANONICAL_VIEWS = Object.keys(CANONICAL_SCHEMA) as CanonicalView[];
