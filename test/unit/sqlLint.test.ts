/**
 * Lint over sql/**: every header parses, no engine-hostile SQL (TIMESTAMPTZ, extension-only
 * or clock-dependent functions), every parameter used is declared and every declared
 * parameter is used, every KPI takes as_of, derived files create their own table.
 */
import { describe, expect, it } from 'vitest';
import { readSqlFiles } from '../../src/node/sqlFiles.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { undeclaredParams } from '../../src/core/kpi/params.js';
import { findParamRefs } from '../../src/core/kpi/sqlScan.js';
import { checkSingleQuery, codeOnly, SQL_RULES } from '../../src/core/kpi/sqlRules.js';

const files = readSqlFiles();
const catalogue = loadCatalogue(files);

describe('sql/** lint', () => {
  it('finds the KPI files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('every header parses and every id is unique', () => {
    expect(catalogue.errors.map((e) => e.message)).toEqual([]);
  });

  for (const f of files) {
    describe(f.path, () => {
      it('uses no engine-hostile SQL', () => {
        const code = codeOnly(f.text.replace(/^\/\*---[\s\S]*?---\*\//, ''));
        for (const r of SQL_RULES) expect(r.pattern.test(code), `${f.path}: ${r.why.en} (${r.pattern})`).toBe(false);
      });
    });
  }

  for (const def of catalogue.kpis) {
    describe(def.id, () => {
      it('declares every parameter it uses, and uses every one it declares', () => {
        expect(undeclaredParams(def)).toEqual([]);
        const used = new Set(findParamRefs(def.sql).map((r) => r.name));
        expect(def.params.map((p) => p.name).filter((n) => !used.has(n))).toEqual([]);
      });
      it('is one query', () => {
        expect(checkSingleQuery(def.sql)).toBeNull();
      });
      it('takes as_of and has bilingual texts', () => {
        expect(def.params.find((p) => p.name === 'as_of')?.type).toBe('date');
        expect(def.title.ja).not.toBe(def.title.en);
        expect(def.description.ja.length).toBeGreaterThan(10);
        for (const p of def.params) expect(p.label.ja, `${def.id}.${p.name} label`).toBeTruthy();
      });
    });
  }

  for (const d of catalogue.derived.values()) {
    it(`derived ${d.name} creates table ${d.name}`, () => {
      expect(d.sql).toMatch(new RegExp(`create\\s+(or\\s+replace\\s+)?table\\s+"?${d.name}"?\\b`, 'i'));
      expect(findParamRefs(d.sql)).toEqual([]);
    });
  }
});
