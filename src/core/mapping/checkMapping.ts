/** Completeness checks of a mapping against its role and its table. */
import { ROLE_FIELDS } from './fields.js';
import type { ConfirmedMapping, MappingSpec, Message } from './types.js';

/**
 * Problems that make a mapping unusable (empty when it is complete), in English and
 * Japanese. With `headers`, mapped headers missing from the table are problems too.
 */
export function mappingIssues(m: MappingSpec, headers?: readonly string[]): Message[] {
  const spec = ROLE_FIELDS[m.role];
  if (!spec) return [{ en: `unknown role "${String(m.role)}"`, ja: `不明な役割「${String(m.role)}」` }];
  const problems: Message[] = [];
  const known = new Set(spec.fields.map((f) => f.name));
  for (const field of Object.keys(m.columns)) {
    if (!known.has(field))
      problems.push({
        en: `"${field}" is not a field of ${m.role}`,
        ja: `「${field}」は ${m.role} の項目ではありません`,
      });
  }
  for (const f of spec.fields) {
    if (f.required && !m.columns[f.name])
      problems.push({
        en: `required field "${f.name}" is not mapped`,
        ja: `必須項目「${f.name}」に列が割り当てられていません`,
      });
  }
  for (const group of spec.anyOf) {
    if (!group.some((f) => m.columns[f])) {
      problems.push({
        en: `one of ${group.map((g) => `"${g}"`).join(', ')} must be mapped`,
        ja: `${group.map((g) => `「${g}」`).join('、')}のいずれかに列を割り当ててください`,
      });
    }
  }
  if (headers) {
    const present = new Set(headers);
    for (const [field, header] of Object.entries(m.columns)) {
      if (header && !present.has(header))
        problems.push({
          en: `column "${header}" (for ${field}) is not in the file`,
          ja: `列「${header}」（${field} 用）がファイルにありません`,
        });
    }
    for (const a of m.attributes) {
      if (!present.has(a.source))
        problems.push({
          en: `column "${a.source}" (attribute ${a.name}) is not in the file`,
          ja: `列「${a.source}」（属性 ${a.name}）がファイルにありません`,
        });
    }
  }
  return problems;
}

/** Problems that make a mapping unusable (empty when it is complete), in English. */
export function mappingProblems(m: MappingSpec, headers?: readonly string[]): string[] {
  return mappingIssues(m, headers).map((p) => p.en);
}

/** Problems of a confirmed mapping, including headers missing from its table. */
export function confirmedMappingIssues(m: ConfirmedMapping): Message[] {
  return mappingIssues(
    m,
    m.table.columns.map((c) => c.name),
  );
}

/** Problems of a confirmed mapping in English, including headers missing from its table. */
export function confirmedMappingProblems(m: ConfirmedMapping): string[] {
  return confirmedMappingIssues(m).map((p) => p.en);
}
