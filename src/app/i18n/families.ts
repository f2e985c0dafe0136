/** Message keys of the KPI families. */
import type { MessageKey } from './en.js';

const KEYS: Record<string, MessageKey> = {
  revenue: 'family.revenue',
  customers: 'family.customers',
  product: 'family.product',
  support: 'family.support',
  costs: 'family.costs',
  custom: 'family.custom',
};

/** The message key naming a family (custom KPIs and unknown families share one). */
export function familyKey(family: string): MessageKey {
  return KEYS[family] ?? 'family.custom';
}
