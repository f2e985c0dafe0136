/**
 * Source-specific normalisation on the fixture exports, checked against values read off
 * the files by hand; and monthly exports of one role UNION ALL'ed, the latest file
 * winning where they overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import {
  buildCanonicalSql,
  confirmDetection,
  detectMapping,
  type ConfirmedMapping,
} from '../../src/core/mapping/index.js';
import { applyStatements, createTable, loadFixture, rows } from './mappingFixtures.js';

describe('fixture exports through the canonical views', () => {
  let engine: NodeEngine;
  let n = 0;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  });
  afterAll(() => engine.close());

  async function build(
    files: readonly string[],
    options: Parameters<typeof buildCanonicalSql>[1] = {},
  ): Promise<ReturnType<typeof buildCanonicalSql>> {
    const ms: ConfirmedMapping[] = [];
    for (const f of files) {
      const t = await loadFixture(engine, f, `s_${n++}`);
      ms.push(confirmDetection(t, detectMapping(t)));
    }
    const sql = buildCanonicalSql(ms, options);
    await applyStatements(engine, sql.statements);
    return sql;
  }

  it('Zendesk: first reply = created + minutes; Good/Bad kept, Offered/Unoffered dropped', async () => {
    await build(['zendesk/tickets.csv']);
    expect(
      await rows(
        engine,
        "SELECT * FROM tickets WHERE ticket_id IN ('1000', '1001', '1002', '1003') ORDER BY ticket_id",
      ),
    ).toEqual([
      {
        ticket_id: '1000',
        created_at: '2024-03-01 09:15:00',
        customer_id: 'Acme Corp',
        first_response_at: '2024-03-01 09:27:00',
        resolved_at: '2024-03-01 13:15:00',
        status: 'solved',
        channel: 'web form',
        replies: 1,
        satisfaction: 'good',
      },
      {
        ticket_id: '1001',
        created_at: '2024-03-02 10:15:00',
        customer_id: 'Globex',
        first_response_at: '2024-03-02 11:00:00',
        resolved_at: '2024-03-02 17:15:00',
        status: 'solved',
        channel: 'email',
        replies: 3,
        satisfaction: 'bad',
      },
      {
        ticket_id: '1002',
        created_at: '2024-03-03 11:15:00',
        customer_id: 'Initech',
        first_response_at: null,
        resolved_at: null,
        status: 'open',
        channel: 'chat',
        replies: 0,
        satisfaction: null,
      },
      {
        ticket_id: '1003',
        created_at: '2024-03-04 12:15:00',
        customer_id: 'Umbrella',
        first_response_at: '2024-03-04 14:25:00',
        resolved_at: '2024-03-05 01:15:00',
        status: 'solved',
        channel: 'api',
        replies: 2,
        satisfaction: null,
      },
    ]);
  });

  it('Intercom: ratings 1–5 become satisfaction text', async () => {
    await build(['intercom/conversations.csv']);
    expect(
      await rows(
        engine,
        "SELECT ticket_id, first_response_at, satisfaction, channel FROM tickets WHERE ticket_id IN ('180000000000', '180000000002') ORDER BY 1",
      ),
    ).toEqual([
      { ticket_id: '180000000000', first_response_at: '2024-04-02 10:03:00', satisfaction: '5', channel: 'chat' },
      { ticket_id: '180000000002', first_response_at: '2024-04-04 12:17:00', satisfaction: null, channel: 'chat' },
    ]);
  });

  it('Mixpanel epoch seconds and PostHog UTC text become plain timestamps', async () => {
    await build(['mixpanel/events.csv', 'posthog/events.csv'], { utcOffsetMinutes: 540 });
    expect(
      await rows(
        engine,
        "SELECT user_id, event_time, event_name FROM events WHERE user_id IN ('dist_0', 'user_0') ORDER BY event_time LIMIT 3",
      ),
    ).toEqual([
      // 1709427600 = 2024-03-03 01:00 UTC = 10:00 in Japan
      { user_id: 'user_0', event_time: '2024-03-01 18:15:22', event_name: '$pageview' },
      { user_id: 'user_0', event_time: '2024-03-01 21:20:22.185', event_name: '$pageleave' },
      { user_id: 'user_0', event_time: '2024-03-02 00:25:22.370', event_name: 'report_created' },
    ]);
    expect(await rows(engine, "SELECT min(event_time) AS t FROM events WHERE user_id = 'dist_0'")).toEqual([
      { t: '2024-03-03 10:00:00' },
    ]);
  });

  it('HubSpot (Japanese) deals: only won deals, yearly amounts, 12-month contracts', async () => {
    await build(['hubspot/deals_ja.csv']);
    expect(
      await rows(
        engine,
        'SELECT customer_id, start_date, end_date, mrr FROM subscription_periods ORDER BY start_date LIMIT 2',
      ),
    ).toEqual([
      { customer_id: '1234500', start_date: '2024-01-01', end_date: '2025-01-01', mrr: 100000 },
      { customer_id: '1234506', start_date: '2024-01-13', end_date: '2025-01-13', mrr: 80000 },
    ]);
    expect(await rows(engine, 'SELECT count(*) AS n FROM subscription_periods')).toEqual([{ n: 5 }]);
  });

  it('Japanese contract lists: inclusive month-end ends, ￥ amounts, 年額 ÷ 12, 年月日 dates', async () => {
    await build(['generic_ja/契約一覧.csv', 'generic_ja/年間契約.csv']);
    expect(
      await rows(
        engine,
        "SELECT customer_id, start_date, end_date, mrr, plan FROM subscription_periods WHERE customer_id IN ('CUST-0004', 'CUST-0008') ORDER BY start_date",
      ),
    ).toEqual([
      // 契約一覧: 2023/04/01 – 2023/10/31 (inclusive), ￥12,000 a month; 解約日 does not override 契約終了日
      { customer_id: 'CUST-0004', start_date: '2023-04-01', end_date: '2023-11-01', mrr: 12000, plan: 'ベーシック' },
      // 年間契約: 2023年05月01日, 600,000円 a year
      { customer_id: 'CUST-0008', start_date: '2023-05-01', end_date: null, mrr: 50000, plan: '年間保守' },
      { customer_id: 'CUST-0004', start_date: '2023-07-01', end_date: null, mrr: 100000, plan: '年間保守' },
      // 契約一覧: 2023/08/01 – 2024/02/29 (leap day, inclusive)
      { customer_id: 'CUST-0008', start_date: '2023-08-01', end_date: '2024-03-01', mrr: 30000, plan: 'プロ' },
    ]);
  });

  it("Sample (Japanese): MRR from 金額 × 数量 ÷ 請求周期 equals the export's own 月額", async () => {
    const sql = await build(['sample/ja/subscriptions.csv']);
    expect(sql.reportingCurrency).toBe('JPY');
    const [src] = await rows(engine, `SELECT round(sum("月額"), 2) AS total FROM s_${n - 1}`);
    expect(await rows(engine, 'SELECT round(sum(mrr), 2) AS total FROM subscription_periods')).toEqual([src]);
  });

  it('Chargebee: a cancelled subscription keeps its historical MRR (not the current 0)', async () => {
    await build(['chargebee/subscriptions.csv']);
    expect(
      await rows(
        engine,
        "SELECT customer_id, start_date, end_date, mrr FROM subscription_periods WHERE customer_id = 'cb_cust_03'",
      ),
    ).toEqual([{ customer_id: 'cb_cust_03', start_date: '2023-08-06', end_date: '2024-02-03', mrr: 49 }]);
  });

  it('MRR snapshots: months from YYYY-MM, other currencies excluded', async () => {
    await build(['generic_en/mrr_by_month.csv']);
    expect(
      await rows(engine, "SELECT month, mrr FROM mrr_monthly_source WHERE customer_id = 'acct_003' ORDER BY month"),
    ).toEqual([
      { month: '2024-01-01', mrr: 80 },
      { month: '2024-02-01', mrr: 80 },
      { month: '2024-03-01', mrr: 160 },
    ]);
    expect(await rows(engine, "SELECT count(*) AS n FROM mrr_monthly_source WHERE customer_id = 'acct_008'")).toEqual([
      { n: 0 },
    ]);
  });

  it('invoices alone become periods of amount ÷ months covered; beside subscriptions they are ignored', async () => {
    await build(['generic_en/invoices.csv']);
    expect(
      await rows(
        engine,
        "SELECT customer_id, start_date, end_date, mrr FROM subscription_periods WHERE customer_id IN ('acct_001', 'acct_002', 'acct_003') ORDER BY customer_id, mrr",
      ),
    ).toEqual([
      // INV-1000: 1,200 for a year; INV-1006 is void
      { customer_id: 'acct_001', start_date: '2024-01-01', end_date: '2025-01-01', mrr: 100 },
      // INV-1007 and INV-1001: one month each
      { customer_id: 'acct_002', start_date: '2024-02-01', end_date: '2024-03-01', mrr: 99 },
      { customer_id: 'acct_002', start_date: '2024-02-01', end_date: '2024-03-01', mrr: 100 },
      // INV-1008: 1,200 for a year; INV-1002 is void
      { customer_id: 'acct_003', start_date: '2024-03-01', end_date: '2025-03-01', mrr: 100 },
    ]);
    const both = await build(['stripe/subscriptions.csv', 'stripe/invoices.csv']);
    expect(both.warnings.map((w) => w.code)).toContain('invoices_ignored');
  });

  it('monthly exports of one role are stacked; where they overlap the latest file wins', async () => {
    const cols = [
      'id:VARCHAR',
      'Customer ID:VARCHAR',
      'Status:VARCHAR',
      'Amount:DOUBLE',
      'Interval:VARCHAR',
      'Start Date (UTC):TIMESTAMP',
      'Ended At (UTC):TIMESTAMP',
    ].map((c) => {
      const [name, type] = c.split(':') as [string, string];
      return { name, type };
    });
    const jan = await createTable(engine, 'm_jan', cols, [
      ['sub_1', 'cus_1', 'active', 29, 'month', '2024-01-05 00:00:00', null],
      ['sub_2', 'cus_2', 'active', 99, 'month', '2024-01-10 00:00:00', null],
    ]);
    const feb = await createTable(engine, 'm_feb', cols, [
      ['sub_2', 'cus_2', 'canceled', 99, 'month', '2024-01-10 00:00:00', '2024-02-10 00:00:00'],
      ['sub_3', 'cus_3', 'active', 49, 'month', '2024-02-01 00:00:00', null],
    ]);
    const sql = buildCanonicalSql([jan, feb].map((t) => confirmDetection(t, detectMapping(t))));
    await applyStatements(engine, sql.statements);
    expect(
      await rows(
        engine,
        'SELECT customer_id, start_date, end_date, mrr FROM subscription_periods ORDER BY customer_id',
      ),
    ).toEqual([
      { customer_id: 'cus_1', start_date: '2024-01-05', end_date: null, mrr: 29 },
      { customer_id: 'cus_2', start_date: '2024-01-10', end_date: '2024-02-10', mrr: 99 },
      { customer_id: 'cus_3', start_date: '2024-02-01', end_date: null, mrr: 49 },
    ]);

    const ccols = [
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'industry', type: 'VARCHAR' },
    ];
    const c1 = await createTable(engine, 'c_old', ccols, [
      ['cus_1', 'Old name', 'Retail'],
      ['cus_2', 'Two', 'SaaS'],
    ]);
    const c2 = await createTable(
      engine,
      'c_new',
      [...ccols, { name: 'owner', type: 'VARCHAR' }],
      [['cus_1', 'New name', 'Retail', 'Ann']],
    );
    const cs = buildCanonicalSql(
      [c1, c2].map((t) => confirmDetection(t, detectMapping(t))),
      { segmentAttribute: 'owner' },
    );
    expect(cs.customerAttributes).toEqual(['industry', 'owner']);
    await applyStatements(engine, cs.statements);
    expect(await rows(engine, 'SELECT * FROM customers ORDER BY customer_id')).toEqual([
      {
        customer_id: 'cus_1',
        name: 'New name',
        signup_date: null,
        trial_start: null,
        trial_end: null,
        segment: 'Ann',
        industry: 'Retail',
        owner: 'Ann',
      },
      {
        customer_id: 'cus_2',
        name: 'Two',
        signup_date: null,
        trial_start: null,
        trial_end: null,
        segment: '(unknown)',
        industry: 'SaaS',
        owner: null,
      },
    ]);
  });
});
