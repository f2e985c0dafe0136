/**
 * Every explanation the mapping screen shows that comes from the core — detection's
 * column and normalisation reasons, model warnings — exists in English and Japanese.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCanonicalSql,
  columnReasons,
  confirmDetection,
  detectAs,
  detectMapping,
  KIND_WORDS,
  mappingIssues,
  normalisationReasons,
  ROLES,
  type KindWord,
  type Message,
} from '../../../src/core/mapping/index.js';
import { EXPORTS_DIR, fixtureTable } from './fixtures.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Japanese words outside the quoted headers in Japanese, none in English (headers aside); neither empty. */
function expectBilingual(m: Message, where: string): void {
  expect(m.en.trim(), where).not.toBe('');
  expect(m.ja.replace(/「[^」]*」/g, ''), where).toMatch(JAPANESE);
  expect(m.en.replace(/"[^"]*"/g, ''), where).not.toMatch(JAPANESE);
}

/** Every fixture export, as paths relative to the exports folder. */
function fixtures(): string[] {
  return readdirSync(EXPORTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.split(path.sep).join('/'));
}

describe('reason wording', () => {
  it('has both languages for every reason, whatever its arguments', () => {
    const kinds = Object.keys(KIND_WORDS) as KindWord[];
    const all: [string, Message][] = [];
    for (const [name, f] of Object.entries(columnReasons)) {
      const fn = f as (...a: unknown[]) => Message;
      if (name === 'outOfRange' || name === 'kind' || name === 'fewLookLike')
        for (const k of kinds) all.push([`${name}(${k})`, fn(k)]);
      else if (name === 'valuesOnly') all.push([name, fn(columnReasons.dateText())]);
      else if (name === 'epochDates') for (const u of ['s', 'ms', 'us']) all.push([`${name}(${u})`, fn(u)]);
      else if (name === 'typedColumn') all.push([name, fn('DATE')]);
      else all.push([name, fn('Header', 'synonym')]);
    }
    for (const [name, f] of Object.entries(normalisationReasons)) {
      const fn = f as (...a: unknown[]) => Message;
      if (name === 'dayFirst' || name === 'inclusiveEnd')
        for (const b of [true, false]) all.push([`${name}(${b})`, fn(b)]);
      else if (name === 'epochUnit') for (const u of ['s', 'ms', 'us']) all.push([`${name}(${u})`, fn(u)]);
      else if (name === 'defaultInterval')
        for (const i of ['day', 'week', 'month', 'quarter', 'half_year', 'year']) all.push([`${name}(${i})`, fn(i)]);
      else if (name === 'mostlyCurrency' || name === 'zeroDecimal')
        all.push([name, name === 'zeroDecimal' ? fn(['JPY']) : fn('USD', ['EUR'])]);
      else if (name === 'mrrFromAmount') for (const h of ['MRR', null]) all.push([`${name}(${h})`, fn(h)]);
      else all.push([name, fn(name.endsWith('Scale') ? 1 : 'amount', 10)]);
    }
    expect(all.length).toBeGreaterThan(50);
    for (const [name, m] of all) expectBilingual(m, name);
    // Interval and epoch words are translated, not passed through.
    expect(normalisationReasons.defaultInterval('half_year').ja).not.toContain('half_year');
    expect(normalisationReasons.defaultInterval('month').en).toContain('monthly');
    expect(normalisationReasons.epochUnit('ms').ja).toContain('ミリ秒');
  });

  it('explains every detected choice of every fixture export in both languages', () => {
    let checked = 0;
    for (const file of fixtures()) {
      const t = fixtureTable(file);
      for (const d of [detectMapping(t), ...ROLES.map((r) => detectAs(t, r))]) {
        for (const [field, c] of Object.entries(d.columns)) {
          expectBilingual(c.reason, `${file} ${d.role}.${field}`);
          checked++;
        }
        for (const [k, c] of Object.entries(d.normalisationReasons)) {
          expectBilingual(c.reason, `${file} ${d.role} ${k}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('words incomplete mappings in Japanese in the Japanese warning', () => {
    const t = fixtureTable('stripe/subscriptions.csv');
    const m = confirmDetection(t, detectMapping(t), {
      columns: { customer_id: null, amount: null, mrr: null, arr: null, plan: 'No Such Column' },
    });
    const issues = mappingIssues(
      m,
      t.columns.map((c) => c.name),
    );
    expect(issues.map((i) => i.en)).toEqual([
      'required field "customer_id" is not mapped',
      'one of "amount", "mrr", "arr" must be mapped',
      'column "No Such Column" (for plan) is not in the file',
    ]);
    for (const i of issues) expectBilingual(i, i.en);
    const w = buildCanonicalSql([m]).warnings.find((x) => x.code === 'incomplete_mapping');
    expect(w?.message.en).toContain('is not mapped');
    expect(w?.message.ja).toContain('必須項目「customer_id」');
    expect(w?.message.ja).not.toMatch(/is not mapped|must be mapped|is not in the file/);
  });
});
