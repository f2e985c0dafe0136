/** The validation report: counts and examples of every kind of problem, in English and Japanese. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import {
  buildCanonicalSql,
  DEFAULT_NORMALISATION,
  runValidation,
  type ConfirmedMapping,
  type LoadedTable,
  type Role,
  type ValidationResult,
} from '../../src/core/mapping/index.js';
import { applyStatements, createTable, rows } from './mappingFixtures.js';

function spec(name: string): { name: string; type: string }[] {
  return name.split(',').map((c) => {
    const [n, t] = c.split(':') as [string, string];
    return { name: n, type: t };
  });
}

function m(table: LoadedTable, role: Role, columns: Record<string, string>): ConfirmedMapping {
  return {
    table,
    role,
    source: 'generic',
    columns,
    attributes: [],
    normalisation: {
      ...DEFAULT_NORMALISATION,
      excludedStatuses: [],
      includedStatuses: [],
      reportingCurrency: 'JPY',
      mrrFrom: 'amount',
    },
  };
}

describe('runValidation', () => {
  let engine: NodeEngine;
  let mappings: ConfirmedMapping[];
  let report: ValidationResult[];
  const find = (id: string, file: string, column?: string): ValidationResult | undefined =>
    report.find((r) => r.id === id && r.file === file && (column === undefined || r.column === column));

  beforeAll(async () => {
    engine = await NodeEngine.create();
    const customers = await createTable(
      engine,
      'v_customers',
      spec('顧客ID:VARCHAR,会社名:VARCHAR,登録日:VARCHAR'),
      [
        ['c1', 'A社', '2024/01/05'],
        ['c1', 'A社（重複）', '2024/01/06'],
        ['c2', 'B社', '2024-13-45'],
        ['c3', 'C社', '2024年2月1日'],
        [null, 'D社', '2024/03/01'],
      ],
      '顧客一覧.csv',
    );
    const subs = await createTable(
      engine,
      'v_subs',
      spec('顧客ID:VARCHAR,開始日:VARCHAR,終了日:DATE,金額:VARCHAR,通貨:VARCHAR,周期:VARCHAR'),
      [
        ['c1', '2024/02/01', null, '￥1,000', 'JPY', '月次'],
        ['c2', 'bad date', null, '2000', 'JPY', 'month'],
        ['c3', '2024/03/01', '2024-02-01', '3000', 'JPY', 'month'],
        ['c9', '2024/03/01', null, 'abc', 'JPY', 'month'],
        ['c3', '2024/04/01', null, '-500', 'JPY', 'month'],
        ['c1', '2024/04/01', null, '100', 'USD', 'month'],
        ['c2', '2024/04/01', null, '200', 'USD', 'fortnightly'],
        ['c8', '2024/04/01', null, '300', 'EUR', 'month'],
      ],
      '契約.csv',
    );
    const tickets = await createTable(
      engine,
      'v_tickets',
      spec('チケットID:VARCHAR,作成日時:VARCHAR'),
      [
        ['T1', '2024/05/01 10:00'],
        ['T1', '2024/05/01 10:00'],
        ['T2', 'yesterday'],
      ],
      '問い合わせ.csv',
    );
    mappings = [
      m(customers, 'customers', { customer_id: '顧客ID', name: '会社名', signup_date: '登録日' }),
      m(subs, 'subscriptions', {
        customer_id: '顧客ID',
        start_date: '開始日',
        end_date: '終了日',
        amount: '金額',
        currency: '通貨',
        interval: '周期',
      }),
      m(tickets, 'tickets', { ticket_id: 'チケットID', created_at: '作成日時' }),
    ];
    report = await runValidation(engine, mappings);
  });
  afterAll(() => engine.close());

  it('counts unparseable dates and amounts, with examples naming the row', () => {
    expect(find('unparseable_date', '顧客一覧.csv', '登録日')).toMatchObject({
      count: 1,
      examples: ['c2: 2024-13-45'],
      severity: 'warning',
    });
    expect(find('unparseable_date', '契約.csv', '開始日')).toMatchObject({
      count: 1,
      examples: ['c2: bad date'],
      severity: 'error',
    });
    expect(find('unparseable_amount', '契約.csv', '金額')).toMatchObject({ count: 1, examples: ['c9: abc'] });
    expect(find('unparseable_interval', '契約.csv', '周期')).toMatchObject({ count: 1, examples: ['c2: fortnightly'] });
    expect(find('unparseable_date', '問い合わせ.csv', '作成日時')).toMatchObject({
      count: 1,
      examples: ['T2: yesterday'],
    });
  });

  it('counts missing required values', () => {
    expect(find('missing_value', '顧客一覧.csv', '顧客ID')).toMatchObject({ count: 1, examples: ['(empty)'] });
    expect(find('missing_value', '契約.csv', '顧客ID')?.count).toBe(0);
  });

  it('counts duplicate keys', () => {
    expect(find('duplicate_key', '顧客一覧.csv', '顧客ID')).toMatchObject({ count: 1, examples: ['c1 ×2'] });
    expect(find('duplicate_key', '問い合わせ.csv', 'チケットID')).toMatchObject({ count: 1, examples: ['T1 ×2'] });
  });

  it('counts periods ending before they start, and negative MRR', () => {
    expect(find('end_before_start', '契約.csv')).toMatchObject({ count: 1, examples: ['c3: 2024-03-01 → 2024-02-01'] });
    expect(find('negative_mrr', '契約.csv')).toMatchObject({ count: 1, examples: ['c3: -500.0'] });
  });

  it('counts rows in other currencies, never summed', async () => {
    const r = find('mixed_currencies', '契約.csv');
    expect(r).toMatchObject({ count: 3, examples: ['USD ×2', 'EUR ×1'] });
    expect(r?.message.en).toBe('契約.csv: 3 rows are not in JPY and are excluded from revenue (never summed).');
    expect(r?.message.ja).toBe('契約.csv: 3 行が JPY 以外の通貨のため、売上から除外しました（合算しません）。');
    await applyStatements(engine, buildCanonicalSql(mappings).statements);
    expect(await rows(engine, "SELECT count(*) AS n FROM subscription_periods WHERE currency <> 'JPY'")).toEqual([
      { n: 0 },
    ]);
  });

  it('lists customers of the revenue file missing from the customers file', () => {
    expect(find('missing_customer', '契約.csv')).toMatchObject({ count: 2, examples: ['c8', 'c9'] });
  });

  it('reports errors first, and every message in both languages', () => {
    const ranks = report.map((r) => ['error', 'warning', 'info'].indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const r of report) {
      expect(r.message.en).toContain(r.file);
      expect(r.message.ja).toContain(r.file);
      expect(r.examples.length).toBeLessThanOrEqual(5);
    }
  });

  it('keeps the canonical views clean of what it reports', async () => {
    await applyStatements(engine, buildCanonicalSql(mappings).statements);
    expect(await rows(engine, 'SELECT customer_id, name, signup_date FROM customers ORDER BY 1')).toEqual([
      { customer_id: 'c1', name: 'A社', signup_date: '2024-01-05' },
      { customer_id: 'c2', name: 'B社', signup_date: null },
      { customer_id: 'c3', name: 'C社', signup_date: '2024-02-01' },
    ]);
    expect(await rows(engine, 'SELECT ticket_id FROM tickets ORDER BY 1')).toEqual([{ ticket_id: 'T1' }]);
  });
});

describe('runValidation: missing values of typed and padded columns', () => {
  let engine: NodeEngine;
  afterAll(() => engine.close());

  it('a NULL timestamp, an empty or all-space id (ASCII, no-break and ideographic spaces) count as missing', async () => {
    engine = await NodeEngine.create();
    const events = await createTable(
      engine,
      'v_events',
      spec('user_id:VARCHAR,event_name:VARCHAR,event_time:TIMESTAMP'),
      [
        ['u1', 'login', '2024-01-05 10:00:00'],
        ['  ', 'login', '2024-01-05 11:00:00'],
        ['\u3000', 'login', '2024-01-05 12:00:00'],
        ['\u00a0 ', 'login', null],
        ['', 'login', '2024-01-05 13:00:00'],
        [' u2 ', 'ｲﾍﾞﾝﾄ', '2024-01-05 14:00:00'],
        ['u3', '\u3000x', null],
      ],
      'events.csv',
    );
    const report = await runValidation(engine, [
      m(events, 'events', { user_id: 'user_id', event_name: 'event_name', event_time: 'event_time' }),
    ]);
    const count = (column: string): number | undefined =>
      report.find((r) => r.id === 'missing_value' && r.column === column)?.count;
    expect(count('user_id')).toBe(4);
    expect(count('event_time')).toBe(2);
    expect(count('event_name')).toBe(0);
  });
});
