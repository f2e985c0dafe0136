/** Mappings as versioned JSON (remembering them: store.test.ts). */
import { describe, expect, it } from 'vitest';
import {
  bindMapping,
  confirmDetection,
  detectMapping,
  headerSignature,
  MappingFormatError,
  parseMapping,
  parseMappings,
  serializeMapping,
  serializeMappings,
  type LoadedTable,
} from '../../../src/core/mapping/index.js';
import { fixtureTable } from './fixtures.js';

const stripe = fixtureTable('stripe/subscriptions.csv');
const confirmed = confirmDetection(stripe, detectMapping(stripe), {
  normalisation: { amountUnit: 'cents' },
  columns: { plan: 'Product' },
});

describe('serializeMapping / parseMapping', () => {
  it('round-trips a confirmed mapping, user edits included', () => {
    const json = serializeMapping(confirmed);
    const obj = JSON.parse(json);
    expect(obj).toMatchObject({
      format: 'kpi-workbench/mapping',
      version: 1,
      role: 'subscriptions',
      source: 'stripe',
      signature: headerSignature(stripe.columns),
    });
    const saved = parseMapping(json);
    expect(saved.columns).toEqual(confirmed.columns);
    expect(saved.normalisation).toEqual(confirmed.normalisation);
    expect(saved.normalisation.amountUnit).toBe('cents');
    expect(saved.columns.plan).toBe('Product');
    expect(bindMapping(saved, stripe)).toEqual(confirmed);
  });

  it('round-trips a set, and reads a single mapping as a set', () => {
    const hub = fixtureTable('hubspot/companies_ja.csv');
    const m2 = confirmDetection(hub, detectMapping(hub));
    const list = parseMappings(serializeMappings([confirmed, m2]));
    expect(list.map((m) => m.role)).toEqual(['subscriptions', 'customers']);
    expect(list[1]?.attributes).toEqual(m2.attributes);
    expect(parseMappings(serializeMapping(confirmed))).toHaveLength(1);
  });

  it('names every problem of invalid JSON', () => {
    const bad = (patch: Record<string, unknown>): string[] => {
      try {
        parseMapping(JSON.stringify({ ...JSON.parse(serializeMapping(confirmed)), ...patch }));
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(MappingFormatError);
        return (e as MappingFormatError).problems;
      }
    };
    expect(() => parseMapping('{nope')).toThrow(/not JSON/);
    expect(bad({ version: 2 })).toEqual([expect.stringMatching(/unsupported version 2/)]);
    expect(bad({ format: 'other' })).toEqual([expect.stringMatching(/format/)]);
    expect(bad({ role: 'orders' })).toEqual([expect.stringMatching(/role must be one of/)]);
    expect(bad({ extra: 1 })).toEqual(['unknown key "extra"']);
    expect(bad({ normalisation: { amountUnit: 'mills', foo: 1 } })).toEqual([
      'invalid normalisation amountUnit: "mills"',
      'unknown normalisation "foo"',
    ]);
    expect(bad({ columns: { customer_id: null, start_date: 'Start Date (UTC)', amount: 'Amount' } })).toEqual([
      'required field "customer_id" is not mapped',
    ]);
    expect(bad({ columns: { customer_id: 'Customer ID', start_date: 'Start Date (UTC)' } })).toEqual([
      'one of "amount", "mrr", "arr" must be mapped',
    ]);
    expect(bad({ columns: { ...confirmed.columns, colour: 'x' } })).toEqual([
      '"colour" is not a field of subscriptions',
    ]);
  });

  it('words every problem in Japanese too (the mapping screen shows them)', () => {
    const issues = (text: string) => {
      try {
        parseMappings(text);
        return [];
      } catch (e) {
        return (e as MappingFormatError).issues;
      }
    };
    const one = JSON.parse(serializeMapping(confirmed)) as Record<string, unknown>;
    const found = [
      ...issues('{nope'),
      ...issues('[]'),
      ...issues(JSON.stringify({ format: 'kpi-workbench/mappings', version: 2, mappings: {} })),
      // version, role, source, headers, signature, file, columns, extra, attributes, amountUnit, foo
      ...issues(
        JSON.stringify({
          ...one,
          version: 3,
          role: 'orders',
          source: 1,
          headers: 'x',
          signature: 2,
          file: 3,
          columns: [],
          extra: 1,
          attributes: 'a',
          normalisation: { amountUnit: 'mills', foo: 1 },
        }),
      ),
      // required customer_id, one of amount/mrr/arr, unknown field colour
      ...issues(
        JSON.stringify({ ...one, columns: { customer_id: null, start_date: 'Start Date (UTC)', colour: 'x' } }),
      ),
      ...issues(JSON.stringify({ ...one, normalisation: 'cents' })),
    ];
    // 1 (not JSON) + 1 (not an object) + 2 (version, mappings) + 11 (every key wrong) + 3 + 1 (normalisation)
    expect(found).toHaveLength(19);
    for (const i of found) {
      expect(i.en, i.en).not.toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
      expect(i.ja.replace(/「[^」]*」/g, ''), i.en).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
    }
    try {
      bindMapping(parseMapping(serializeMapping(confirmed)), fixtureTable('stripe/subscriptions_api.csv'));
    } catch (e) {
      expect((e as MappingFormatError).issues[0]?.ja).toMatch(/がファイルにありません/);
    }
  });

  it('refuses to bind to a table without the mapped headers', () => {
    const other = fixtureTable('stripe/subscriptions_api.csv');
    expect(() => bindMapping(parseMapping(serializeMapping(confirmed)), other)).toThrow(MappingFormatError);
  });
});

describe('confirmDetection', () => {
  it('needs a role when none was detected', () => {
    const t: LoadedTable = { table: 't', file: 'x.csv', columns: [{ name: 'a', type: 'VARCHAR', samples: [] }] };
    const d = detectMapping(t);
    expect(() => confirmDetection(t, d)).toThrow(/choose one/);
    expect(confirmDetection(t, d, { role: 'events', columns: { user_id: 'a' } }).role).toBe('events');
  });
});
