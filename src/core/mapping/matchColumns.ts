/**
 * Column assignment for one reading (source × role): header synonyms, scaled by how
 * well the values fit the field and the source's value hints, assigned greedily (best
 * pair first, each header used once). Required fields that no header names may be
 * filled from values alone, with low confidence.
 */
import type { RoleDictionary, ValueHint } from './dictionary.js';
import { kindFit } from './fit.js';
import { ROLE_FIELDS, type FieldDef } from './fields.js';
import { headerKey } from './headerKey.js';
import { columnReasons as R, joinReasons } from './reasons.js';
import type { ColumnDetection, LoadedColumn, Message, Role } from './types.js';
import type { ValueProfile } from './valueProfile.js';

/** A table's columns with their profiles and header keys, computed once per table. */
export interface ProfiledColumn {
  column: LoadedColumn;
  key: string;
  profile: ValueProfile;
}

/** Result of matching one role dictionary against a table. */
export interface ColumnMatch {
  columns: Record<string, ColumnDetection>;
  /** Headers explained by this reading (mapped, known, or known attributes). */
  explained: Set<string>;
  /** Mean share of samples matching the dictionary's value hints (null when no hinted field is mapped). */
  hintScore: number | null;
}

interface Candidate {
  field: FieldDef;
  col: ProfiledColumn;
  score: number;
  reason: Message;
  exact: boolean;
}

/** Share of a column's samples that match a value hint. */
export function hintShare(hint: ValueHint, p: ValueProfile): number {
  if (p.count === 0) return 0;
  const values = hint.values?.map((v) => v.toLowerCase());
  const re = hint.pattern ? new RegExp(hint.pattern, 'i') : null;
  const ok = p.raw.filter((s) => (values ? values.includes(s.toLowerCase()) : true) && (re ? re.test(s) : true));
  return ok.length / p.count;
}

function synonymCandidates(
  field: FieldDef,
  synonyms: readonly string[],
  cols: readonly ProfiledColumn[],
  hint: ValueHint | undefined,
): Candidate[] {
  const out: Candidate[] = [];
  const keys = synonyms.map(headerKey);
  for (const col of cols) {
    let match = 0;
    let why: Message | null = null;
    let exact = false;
    const i = keys.indexOf(col.key);
    if (i >= 0) {
      // Earlier synonyms win ties; the rank barely lowers confidence (long generic lists are not penalised).
      match = 1 - 0.002 * Math.min(i, 50);
      why = R.headerMatches(col.column.name, synonyms[i]!);
      exact = true;
    } else {
      const j = keys.findIndex((k) => k.length >= 5 && col.key.includes(k));
      if (j >= 0) {
        match = 0.5;
        why = R.headerContains(col.column.name, synonyms[j]!);
      }
    }
    if (match === 0 || !why) continue;
    const fit = kindFit(field.kind, col.profile);
    let score = match * fit.factor;
    const parts: Message[] = [why, fit.note];
    if (hint) {
      const share = hintShare(hint, col.profile);
      score *= 0.85 + 0.15 * share;
      if (share >= 0.8) parts.push(R.typicalValues());
    }
    if (field.required && col.profile.nullShare > 0.3) {
      score *= 1 - 0.5 * col.profile.nullShare;
      parts.push(R.empty(Math.round(col.profile.nullShare * 100)));
    }
    out.push({ field, col, score, reason: joinReasons(parts), exact });
  }
  return out;
}

/** Matches a role dictionary's synonyms against the table's columns. */
export function matchColumns(role: Role, dict: RoleDictionary, cols: readonly ProfiledColumn[]): ColumnMatch {
  const fields = ROLE_FIELDS[role].fields;
  const candidates = fields.flatMap((f) =>
    synonymCandidates(f, dict.columns[f.name] ?? [], cols, dict.valueHints?.[f.name]),
  );
  candidates.sort((a, b) => b.score - a.score || fields.indexOf(a.field) - fields.indexOf(b.field));
  const chosen = new Map<string, Candidate>();
  const used = new Set<string>();
  for (const c of candidates) {
    if (c.score < 0.2 || chosen.has(c.field.name) || used.has(c.col.column.name)) continue;
    chosen.set(c.field.name, c);
    used.add(c.col.column.name);
  }
  // Required fields no header names: take the unused column whose values fit best.
  for (const f of fields) {
    if (!f.required || chosen.has(f.name) || !['date', 'timestamp', 'month', 'score', 'money'].includes(f.kind))
      continue;
    let best: { col: ProfiledColumn; factor: number; note: Message } | null = null;
    for (const col of cols) {
      if (used.has(col.column.name)) continue;
      const fit = kindFit(f.kind, col.profile);
      if (fit.factor >= 0.95 && (!best || fit.factor > best.factor)) best = { col, ...fit };
    }
    if (best) {
      chosen.set(f.name, {
        field: f,
        col: best.col,
        score: 0.35 * best.factor,
        reason: R.valuesOnly(best.note),
        exact: false,
      });
      used.add(best.col.column.name);
    }
  }
  const columns: Record<string, ColumnDetection> = {};
  for (const f of fields) {
    const c = chosen.get(f.name);
    const others = candidates
      .filter((o) => o.field.name === f.name && o.col !== c?.col && o.score >= 0.2)
      .map((o) => o.col.column.name);
    columns[f.name] = c
      ? { source: c.col.column.name, confidence: round(c.score), reason: c.reason, candidates: [...new Set(others)] }
      : { source: null, confidence: 0, reason: R.noMatch(), candidates: [...new Set(others)] };
  }
  const explained = new Set<string>([...chosen.values()].filter((c) => c.exact).map((c) => c.col.column.name));
  const knownKeys = new Set((dict.known ?? []).map(headerKey));
  const attrKeys = new Set(
    Object.values(dict.attributes ?? {})
      .flat()
      .map(headerKey),
  );
  const suffix = dict.attributeSuffix ? headerKey(dict.attributeSuffix) : null;
  for (const col of cols) {
    if (knownKeys.has(col.key) || attrKeys.has(col.key) || (suffix && col.key.endsWith(suffix) && col.key !== suffix))
      explained.add(col.column.name);
  }
  const shares = Object.entries(dict.valueHints ?? {}).flatMap(([field, hint]) => {
    const c = chosen.get(field);
    return c ? [hintShare(hint, c.col.profile)] : [];
  });
  return { columns, explained, hintScore: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
