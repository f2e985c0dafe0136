/**
 * The canonical views have exactly the architecture's columns and types, whatever is
 * loaded (empty views when a role has no file), never a TIMESTAMP WITH TIME ZONE; every
 * fixture group builds and runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS } from '../../src/core/model/schema.js';
import {
  availableRoles,
  buildCanonicalSql,
  confirmDetection,
  detectMapping,
  runValidation,
  type ConfirmedMapping,
} from '../../src/core/mapping/index.js';
import { applyStatements, createTable, loadFixture, rows } from './mappingFixtures.js';

const GROUPS: Record<string, string[]> = {
  stripe: ['stripe/customers.csv', 'stripe/subscriptions.csv', 'stripe/invoices.csv', 'stripe/subscriptions_api.csv'],
  chargebee: ['chargebee/customers.csv', 'chargebee/subscriptions.csv'],
  baremetrics: ['baremetrics/import_template.csv'],
  hubspot: ['hubspot/companies.csv', 'hubspot/deals.csv', 'hubspot/companies_ja.csv', 'hubspot/deals_ja.csv'],
  salesforce: ['salesforce/accounts.csv', 'salesforce/opportunities_api.csv'],
  support: ['zendesk/tickets.csv', 'intercom/conversations.csv'],
  product: ['posthog/events.csv', 'amplitude/events.csv', 'mixpanel/events.csv'],
  sample_en: [
    'sample/en/customers.csv',
    'sample/en/subscriptions.csv',
    'sample/en/events.csv',
    'sample/en/responses.csv',
    'sample/en/tickets.csv',
  ],
  sample_ja: [
    'sample/ja/customers.csv',
    'sample/ja/subscriptions.csv',
    'sample/ja/events.csv',
    'sample/ja/responses.csv',
    'sample/ja/tickets.csv',
  ],
  generic_ja: [
    'generic_ja/顧客一覧.csv',
    'generic_ja/契約一覧.csv',
    'generic_ja/年間契約.csv',
    'generic_ja/利用ログ.csv',
    'generic_ja/NPS回答.csv',
    'generic_ja/問い合わせ.csv',
  ],
  generic_en: ['generic_en/mrr_by_month.csv', 'generic_en/invoices.csv'],
};

describe('canonical views', () => {
  let engine: NodeEngine;
  let n = 0;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  });
  afterAll(() => engine.close());

  async function mapAll(files: readonly string[]): Promise<ConfirmedMapping[]> {
    const out: ConfirmedMapping[] = [];
    for (const f of files) {
      const t = await loadFixture(engine, f, `src_${n++}`);
      out.push(confirmDetection(t, detectMapping(t)));
    }
    return out;
  }

  async function describeView(view: string): Promise<[string, string][]> {
    return (await rows(engine, `DESCRIBE ${view}`)).map((r) => [String(r.column_name), String(r.column_type)]);
  }

  async function expectCanonicalShapes(extraCustomerColumns: readonly string[]): Promise<void> {
    for (const view of CANONICAL_VIEWS) {
      const want = CANONICAL_SCHEMA[view].map(([c, t]) => [c, t]);
      if (view === 'customers') for (const c of extraCustomerColumns) want.push([c, 'VARCHAR']);
      expect(await describeView(view), view).toEqual(want);
    }
    const types = await rows(
      engine,
      `SELECT DISTINCT data_type FROM information_schema.columns WHERE table_name IN (${CANONICAL_VIEWS.map((v) => `'${v}'`).join(', ')})`,
    );
    for (const t of types) expect(String(t.data_type)).not.toMatch(/TIME ZONE|TIMESTAMPTZ/i);
  }

  it('exist and are empty, with the exact shape, when nothing is loaded', async () => {
    const sql = buildCanonicalSql([]);
    expect(sql.available).toEqual([]);
    await applyStatements(engine, sql.statements);
    await expectCanonicalShapes([]);
    for (const view of CANONICAL_VIEWS)
      expect(await rows(engine, `SELECT count(*) AS n FROM ${view}`)).toEqual([{ n: 0 }]);
  });

  for (const [group, files] of Object.entries(GROUPS)) {
    it(`have the exact shape for the ${group} exports, and hold their rows`, async () => {
      const mappings = await mapAll(files);
      const sql = buildCanonicalSql(mappings);
      for (const s of sql.statements) expect(s).not.toMatch(/TIMESTAMPTZ|WITH TIME ZONE|to_timestamp|timezone\(/i);
      await applyStatements(engine, sql.statements);
      await expectCanonicalShapes(sql.customerAttributes);
      for (const view of sql.available) {
        const [{ n: count }] = (await rows(engine, `SELECT count(*) AS n FROM ${view}`)) as [{ n: number }];
        expect(count, view).toBeGreaterThan(0);
      }
      expect(new Set(availableRoles(mappings))).toEqual(new Set(mappings.map((m) => m.role)));
      const report = await runValidation(engine, mappings);
      expect(report.every((r) => r.message.en !== '' && r.message.ja !== '')).toBe(true);
    });
  }

  it('build the segment column from the chosen attribute, and bands numeric sizes', async () => {
    const [companies] = await mapAll(['hubspot/companies.csv']);
    await applyStatements(engine, buildCanonicalSql([companies!], { segmentAttribute: 'size' }).statements);
    expect(await rows(engine, 'SELECT size, segment FROM customers ORDER BY CAST(size AS INTEGER)')).toEqual(
      [
        ['8', '1-10'],
        ['12', '11-50'],
        ['15', '11-50'],
        ['20', '11-50'],
        ['45', '11-50'],
        ['60', '51-200'],
        ['75', '51-200'],
        ['230', '201-1000'],
        ['1200', '1001+'],
        ['3000', '1001+'],
      ].map(([size, segment]) => ({ size, segment })),
    );
    const [ja] = await mapAll(['sample/ja/customers.csv']);
    await applyStatements(engine, buildCanonicalSql([ja!], { segmentAttribute: 'industry' }).statements);
    expect(await rows(engine, "SELECT DISTINCT segment FROM customers WHERE industry = '情報通信業'")).toEqual([
      { segment: '情報通信業' },
    ]);
    const unknown = buildCanonicalSql([ja!], { segmentAttribute: 'colour' });
    expect(unknown.warnings.map((w) => w.code)).toContain('unknown_segment');
  });

  it('can live in their own schema, reading user tables named like them', async () => {
    const cols = [
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'industry', type: 'VARCHAR' },
    ];
    await engine.exec('DROP VIEW IF EXISTS main.customers'); // left by the tests above
    const t = await createTable(engine, 'customers', cols, [['c1', 'Acme', 'Retail']], 'customers.csv');
    await engine.exec('CREATE SCHEMA IF NOT EXISTS kpi');
    await engine.exec("SET search_path = 'kpi,main'");
    try {
      const sql = buildCanonicalSql([confirmDetection(t, detectMapping(t))], { schema: 'kpi' });
      await applyStatements(engine, sql.statements);
      // Built twice: the second time kpi.customers exists and must not shadow main.customers.
      await applyStatements(engine, sql.statements);
      expect(await rows(engine, 'SELECT customer_id, name, segment, industry FROM kpi.customers')).toEqual([
        { customer_id: 'c1', name: 'Acme', segment: '(all)', industry: 'Retail' },
      ]);
      expect(await rows(engine, 'SELECT count(*) AS n FROM main.customers')).toEqual([{ n: 1 }]);
    } finally {
      await engine.exec("SET search_path = 'main'");
    }
  });
});
