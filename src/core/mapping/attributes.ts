/**
 * Customer attributes: every column of a customers table that is not a mapped field is
 * passed through as VARCHAR, under a canonical name when the dictionary knows it
 * (`業種` → `industry`), without Stripe's ` (metadata)` suffix, else under its header.
 */
import type { RoleDictionary } from './dictionary.js';
import { headerKey } from './headerKey.js';
import type { AttributeColumn, LoadedColumn } from './types.js';

/** Column names of the `customers` view that attributes may not take. */
export const RESERVED_CUSTOMER_COLUMNS: readonly string[] = [
  'customer_id',
  'name',
  'signup_date',
  'trial_start',
  'trial_end',
  'segment',
];

/** Attribute columns of a customers table, given the headers already mapped to fields. */
export function customerAttributes(
  dict: RoleDictionary,
  columns: readonly LoadedColumn[],
  mapped: ReadonlySet<string>,
): AttributeColumn[] {
  const byKey = new Map<string, string>();
  for (const [name, synonyms] of Object.entries(dict.attributes ?? {})) {
    for (const s of synonyms) if (!byKey.has(headerKey(s))) byKey.set(headerKey(s), name);
  }
  const suffix = dict.attributeSuffix?.trim();
  const taken = new Set(RESERVED_CUSTOMER_COLUMNS.map((n) => n.toLowerCase()));
  const out: AttributeColumn[] = [];
  for (const c of columns) {
    if (mapped.has(c.name)) continue;
    const header = c.name.trim();
    let name = byKey.get(headerKey(header));
    if (!name && suffix && header.toLowerCase().endsWith(suffix.toLowerCase()) && header.length > suffix.length) {
      name = header.slice(0, header.length - suffix.length).trim();
    }
    name ??= header || 'column';
    if (taken.has(name.toLowerCase())) name = `${name}_attr`;
    let unique = name;
    for (let i = 2; taken.has(unique.toLowerCase()); i++) unique = `${name}_${i}`;
    taken.add(unique.toLowerCase());
    out.push({ source: c.name, name: unique });
  }
  return out;
}
