/** Completeness checks of a mapping against its role and its table. */
import { ROLE_FIELDS } from './fields.js';
import type { ConfirmedMapping, MappingSpec } from './types.js';

/** Problems that make a mapping unusable (empty when it is complete). */
export function mappingProblems(m: MappingSpec, headers?: readonly string[]): string[] {
  const spec = ROLE_FIELDS[m.role];
  if (!spec) return [`unknown role "${String(m.role)}"`];
  const problems: string[] = [];
  const known = new Set(spec.fields.map((f) => f.name));
  for (const field of Object.keys(m.columns)) if (!known.has(field)) problems.push(`"${field}" is not a field of ${m.role}`);
  for (const f of spec.fields) if (f.required && !m.columns[f.name]) problems.push(`required field "${f.name}" is not mapped`);
  for (const group of spec.anyOf) if (!group.some((f) => m.columns[f])) problems.push(`one of ${group.map((g) => `"${g}"`).join(', ')} must be mapped`);
  if (headers) {
    const present = new Set(headers);
    for (const [field, header] of Object.entries(m.columns)) if (header && !present.has(header)) problems.push(`column "${header}" (for ${field}) is not in the file`);
    for (const a of m.attributes) if (!present.has(a.source)) problems.push(`column "${a.source}" (attribute ${a.name}) is not in the file`);
  }
  return problems;
}

/** Problems of a confirmed mapping, including headers missing from its table. */
export function confirmedMappingProblems(m: ConfirmedMapping): string[] {
  return mappingProblems(m, m.table.columns.map((c) => c.name));
}
