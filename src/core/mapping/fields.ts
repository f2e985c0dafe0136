/**
 * Mapping fields: the source-side columns each role can use. They are richer than the
 * canonical views (e.g. a subscription's MRR is computed from amount, quantity, interval,
 * discounts), and the view builders turn them into the canonical columns.
 */
import type { Role } from './types.js';

/** What values a field expects; drives value checks and SQL parsing. */
export type FieldKind =
  | 'id'
  | 'text'
  | 'date'
  | 'timestamp'
  | 'month'
  | 'money'
  | 'number'
  | 'integer'
  | 'percent'
  | 'minutes'
  | 'seconds'
  | 'boolean'
  | 'currency'
  | 'interval'
  | 'status'
  | 'score'
  | 'satisfaction'
  | 'survey'
  | 'id_list';

/** One mapping field of a role. */
export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** The role cannot be built without it. */
  required?: boolean;
}

/** A role's fields, and groups of which at least one field must be mapped. */
export interface RoleFields {
  fields: readonly FieldDef[];
  /** Each group needs at least one mapped field (e.g. amount or mrr). */
  anyOf: readonly (readonly string[])[];
}

const f = (name: string, kind: FieldKind, required = false): FieldDef =>
  required ? { name, kind, required } : { name, kind };

/** Fields of every role. */
export const ROLE_FIELDS: Record<Role, RoleFields> = {
  customers: {
    fields: [
      f('customer_id', 'id', true),
      f('name', 'text'),
      f('signup_date', 'date'),
      f('trial_start', 'date'),
      f('trial_end', 'date'),
    ],
    anyOf: [],
  },
  subscriptions: {
    fields: [
      f('customer_id', 'id_list', true),
      f('subscription_id', 'id'),
      f('start_date', 'date', true),
      f('end_date', 'date'),
      f('cancel_at', 'date'),
      f('canceled_at', 'date'),
      f('current_period_end', 'date'),
      f('cancel_at_period_end', 'boolean'),
      f('status', 'status'),
      f('won', 'boolean'),
      f('plan', 'text'),
      f('amount', 'money'),
      f('mrr', 'money'),
      f('arr', 'money'),
      f('quantity', 'number'),
      f('interval', 'interval'),
      f('interval_count', 'integer'),
      f('currency', 'currency'),
      f('discount_percent', 'percent'),
      f('discount_amount', 'money'),
      f('trial_start', 'date'),
      f('trial_end', 'date'),
    ],
    anyOf: [['amount', 'mrr', 'arr']],
  },
  invoices: {
    fields: [
      f('customer_id', 'id', true),
      f('invoice_id', 'id'),
      f('period_start', 'date', true),
      f('period_end', 'date', true),
      f('amount', 'money', true),
      f('currency', 'currency'),
      f('status', 'status'),
      f('plan', 'text'),
      f('quantity', 'number'),
    ],
    anyOf: [],
  },
  mrr_snapshots: {
    fields: [
      f('customer_id', 'id', true),
      f('month', 'month', true),
      f('mrr', 'money', true),
      f('currency', 'currency'),
      f('plan', 'text'),
    ],
    anyOf: [],
  },
  events: {
    fields: [
      f('user_id', 'id', true),
      f('event_time', 'timestamp', true),
      f('event_name', 'text', true),
      f('customer_id', 'id'),
      f('session_id', 'id'),
      f('event_id', 'id'),
    ],
    anyOf: [],
  },
  responses: {
    fields: [
      f('responded_at', 'timestamp', true),
      f('score', 'score', true),
      f('customer_id', 'id'),
      f('user_id', 'id'),
      f('survey', 'survey'),
      f('comment', 'text'),
      f('response_id', 'id'),
    ],
    anyOf: [],
  },
  tickets: {
    fields: [
      f('ticket_id', 'id', true),
      f('created_at', 'timestamp', true),
      f('customer_id', 'id'),
      f('first_response_at', 'timestamp'),
      f('first_response_minutes', 'minutes'),
      f('first_response_seconds', 'seconds'),
      f('resolved_at', 'timestamp'),
      f('resolution_minutes', 'minutes'),
      f('status', 'status'),
      f('channel', 'text'),
      f('replies', 'integer'),
      f('satisfaction', 'satisfaction'),
    ],
    anyOf: [],
  },
};

/** The field definition of `name` in `role`, if any. */
export function fieldDef(role: Role, name: string): FieldDef | undefined {
  return ROLE_FIELDS[role].fields.find((d) => d.name === name);
}

/** Customer attributes with a canonical name (the dictionaries give their header synonyms). */
export const KNOWN_ATTRIBUTES = ['plan', 'industry', 'country', 'region', 'size', 'owner', 'email'] as const;
