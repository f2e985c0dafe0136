/** The source dictionaries are well-formed data: known roles and fields, valid normalisation, no ambiguous synonyms. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NORMALISATION,
  headerKey,
  KNOWN_ATTRIBUTES,
  ROLE_FIELDS,
  ROLES,
  SOURCES,
  sourceById,
  type Role,
} from '../../../src/core/mapping/index.js';

const SOURCES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/core/mapping/sources');

describe('source dictionaries', () => {
  it('are all listed in the index, with unique ids', () => {
    const files = readdirSync(SOURCES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(SOURCES.length).toBe(files.length);
    expect(new Set(SOURCES.map((s) => s.id)).size).toBe(SOURCES.length);
    for (const s of SOURCES) expect(sourceById(s.id)).toBe(s);
  });

  it('cover the required sources', () => {
    const ids = SOURCES.map((s) => s.id);
    for (const id of [
      'stripe',
      'chargebee',
      'baremetrics',
      'hubspot',
      'salesforce',
      'zendesk',
      'intercom',
      'posthog',
      'amplitude',
      'mixpanel',
      'kpi-workbench-sample',
      'generic',
    ]) {
      expect(ids).toContain(id);
    }
  });

  for (const source of SOURCES) {
    describe(source.id, () => {
      const roles = Object.entries(source.roles) as [Role, NonNullable<(typeof source.roles)[Role]>][];

      it('uses known roles and fields, and names every required field', () => {
        expect(roles.length).toBeGreaterThan(0);
        for (const [role, dict] of roles) {
          expect(ROLES).toContain(role);
          const fields = new Set(ROLE_FIELDS[role].fields.map((f) => f.name));
          for (const field of Object.keys(dict.columns)) expect(fields, `${role}.${field}`).toContain(field);
          for (const f of ROLE_FIELDS[role].fields)
            if (f.required) expect(dict.columns[f.name]?.length, `${role}.${f.name}`).toBeGreaterThan(0);
          for (const field of Object.keys(dict.valueHints ?? {})) expect(fields).toContain(field);
        }
      });

      it('names attributes only with the canonical attribute names', () => {
        for (const [, dict] of roles)
          for (const name of Object.keys(dict.attributes ?? {})) expect(KNOWN_ATTRIBUTES).toContain(name);
      });

      it('has valid normalisation defaults', () => {
        for (const [, dict] of roles) {
          for (const [k, v] of Object.entries(dict.normalisation ?? {})) {
            expect(Object.keys(DEFAULT_NORMALISATION), k).toContain(k);
            if (k === 'amountUnit') expect(['units', 'cents', 'detect']).toContain(v);
          }
          for (const p of Object.values(dict.valueHints ?? {}))
            if (p.pattern) expect(() => new RegExp(p.pattern as string)).not.toThrow();
        }
      });

      it('never gives one header to two fields of a role', () => {
        for (const [role, dict] of roles) {
          const owner = new Map<string, string>();
          for (const [field, synonyms] of Object.entries(dict.columns)) {
            for (const s of synonyms) {
              const k = headerKey(s);
              const prev = owner.get(k);
              expect(prev === undefined || prev === field, `${role}: "${s}" in ${prev} and ${field}`).toBe(true);
              owner.set(k, field);
            }
          }
        }
      });
    });
  }
});
