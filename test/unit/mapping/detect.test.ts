/**
 * Every fixture export maps itself: role, source and the source column of every mapped
 * field, written by hand from the export's documented columns.
 */
import { describe, expect, it } from 'vitest';
import { detectMapping, type Normalisation, type Role } from '../../../src/core/mapping/index.js';
import { fixtureTable } from './fixtures.js';

interface Expected {
  role: Role;
  source: string;
  columns: Record<string, string>;
  attributes?: Record<string, string>;
  normalisation?: Partial<Normalisation>;
}

const EXPECTED: Record<string, Expected> = {
  'stripe/subscriptions.csv': {
    role: 'subscriptions',
    source: 'stripe',
    columns: {
      subscription_id: 'id',
      customer_id: 'Customer ID',
      start_date: 'Start Date (UTC)',
      end_date: 'Ended At (UTC)',
      canceled_at: 'Canceled At (UTC)',
      current_period_end: 'Current Period End (UTC)',
      cancel_at_period_end: 'Cancel At Period End',
      status: 'Status',
      plan: 'Plan',
      amount: 'Amount',
      quantity: 'Quantity',
      interval: 'Interval',
      interval_count: 'Interval Count',
      currency: 'Currency',
      discount_percent: 'Discount',
      trial_start: 'Trial Start (UTC)',
      trial_end: 'Trial End (UTC)',
    },
    normalisation: {
      amountUnit: 'units',
      reportingCurrency: 'USD',
      mrrFrom: 'amount',
      excludedStatuses: ['trialing', 'incomplete', 'incomplete_expired', 'paused'],
    },
  },
  'stripe/subscriptions_api.csv': {
    role: 'subscriptions',
    source: 'stripe',
    columns: {
      subscription_id: 'id',
      customer_id: 'customer',
      start_date: 'start_date',
      end_date: 'ended_at',
      canceled_at: 'canceled_at',
      current_period_end: 'current_period_end',
      cancel_at_period_end: 'cancel_at_period_end',
      status: 'status',
      plan: 'plan.nickname',
      amount: 'plan.amount',
      quantity: 'quantity',
      interval: 'plan.interval',
      interval_count: 'plan.interval_count',
      currency: 'plan.currency',
      trial_start: 'trial_start',
      trial_end: 'trial_end',
    },
    normalisation: { amountUnit: 'cents', epochUnit: 's', reportingCurrency: 'USD' },
  },
  'stripe/customers.csv': {
    role: 'customers',
    source: 'stripe',
    columns: { customer_id: 'id', name: 'Name', signup_date: 'Created (UTC)' },
    attributes: {
      Description: 'Description',
      email: 'Email',
      'Card ID': 'Card ID',
      Currency: 'Currency',
      Delinquent: 'Delinquent',
      plan: 'Plan',
      industry: 'industry (metadata)',
      company_size: 'company_size (metadata)',
      csm: 'csm (metadata)',
    },
  },
  'stripe/invoices.csv': {
    role: 'invoices',
    source: 'stripe',
    columns: {
      invoice_id: 'id',
      customer_id: 'Customer',
      period_start: 'Period Start (UTC)',
      period_end: 'Period End (UTC)',
      amount: 'Subtotal',
      currency: 'Currency',
      status: 'Status',
    },
    normalisation: { amountUnit: 'units', excludedStatuses: ['draft', 'void', 'uncollectible'] },
  },
  'chargebee/subscriptions.csv': {
    role: 'subscriptions',
    source: 'chargebee',
    columns: {
      subscription_id: 'subscription[id]',
      customer_id: 'customer[id]',
      start_date: 'subscription[started_at]',
      canceled_at: 'subscription[cancelled_at]',
      current_period_end: 'subscription[current_term_end]',
      status: 'subscription[status]',
      plan: 'subscription[plan_id]',
      amount: 'subscription[plan_amount]',
      mrr: 'subscription[mrr]',
      quantity: 'subscription[plan_quantity]',
      interval: 'subscription[billing_period_unit]',
      interval_count: 'subscription[billing_period]',
      currency: 'subscription[currency_code]',
      trial_start: 'subscription[trial_start]',
      trial_end: 'subscription[trial_end]',
    },
    normalisation: { amountUnit: 'cents', mrrFrom: 'amount', endDateRule: 'canceled_at_first' },
  },
  'chargebee/customers.csv': {
    role: 'customers',
    source: 'chargebee',
    columns: { customer_id: 'customer[id]', name: 'customer[company]', signup_date: 'customer[created_at]' },
    attributes: {
      'customer[first_name]': 'customer[first_name]',
      'customer[last_name]': 'customer[last_name]',
      email: 'customer[email]',
      country: 'billing_address[country]',
      'customer[auto_collection]': 'customer[auto_collection]',
    },
  },
  'baremetrics/import_template.csv': {
    role: 'subscriptions',
    source: 'baremetrics',
    columns: {
      subscription_id: 'subscription_oid',
      customer_id: 'customer_oid',
      start_date: 'subscription_started_at',
      canceled_at: 'subscription_canceled_at',
      plan: 'plan_name',
      amount: 'plan_amount',
      quantity: 'subscription_quantity',
      interval: 'plan_interval',
      interval_count: 'plan_interval_count',
      currency: 'plan_currency',
    },
    normalisation: { amountUnit: 'cents', reportingCurrency: 'USD' },
  },
  'hubspot/companies.csv': {
    role: 'customers',
    source: 'hubspot',
    columns: { customer_id: 'Record ID', name: 'Company name', signup_date: 'Create Date' },
    attributes: {
      'Company Domain Name': 'Company Domain Name',
      industry: 'Industry',
      country: 'Country/Region',
      size: 'Number of Employees',
      owner: 'Company owner',
      'Lifecycle Stage': 'Lifecycle Stage',
      'Annual Revenue': 'Annual Revenue',
    },
  },
  'hubspot/companies_ja.csv': {
    role: 'customers',
    source: 'hubspot',
    columns: { customer_id: 'レコードID', name: '会社名', signup_date: '作成日' },
    attributes: {
      会社のドメイン名: '会社のドメイン名',
      industry: '業種',
      country: '国/地域',
      region: '都道府県/地域',
      size: '従業員数',
      owner: '会社の所有者',
      ライフサイクルステージ: 'ライフサイクルステージ',
    },
  },
  'hubspot/deals.csv': {
    role: 'subscriptions',
    source: 'hubspot',
    columns: {
      subscription_id: 'Record ID',
      customer_id: 'Associated Company IDs',
      start_date: 'Close Date',
      status: 'Deal Stage',
      amount: 'Amount',
    },
    normalisation: { defaultInterval: 'year', termMonths: 12, amountUnit: 'units' },
  },
  'hubspot/deals_ja.csv': {
    role: 'subscriptions',
    source: 'hubspot',
    columns: {
      subscription_id: 'レコードID',
      customer_id: '関連付けられた会社のID',
      start_date: '完了予定日',
      status: '取引ステージ',
      amount: '金額',
    },
    normalisation: { defaultInterval: 'year', termMonths: 12, amountUnit: 'units' },
  },
  'salesforce/accounts.csv': {
    role: 'customers',
    source: 'salesforce',
    columns: { customer_id: 'Account ID', name: 'Account Name', signup_date: 'Created Date' },
    attributes: {
      Type: 'Type',
      industry: 'Industry',
      country: 'Billing Country',
      size: 'Employees',
      owner: 'Account Owner',
    },
    normalisation: { dayFirst: false },
  },
  'salesforce/opportunities_api.csv': {
    role: 'subscriptions',
    source: 'salesforce',
    columns: {
      subscription_id: 'Id',
      customer_id: 'AccountId',
      start_date: 'CloseDate',
      status: 'StageName',
      won: 'IsWon',
      plan: 'Type',
      amount: 'Amount',
      currency: 'CurrencyIsoCode',
    },
    normalisation: { reportingCurrency: 'USD', termMonths: 12 },
  },
  'zendesk/tickets.csv': {
    role: 'tickets',
    source: 'zendesk',
    columns: {
      ticket_id: 'Id',
      created_at: 'Created at',
      customer_id: 'Organization',
      resolved_at: 'Solved at',
      first_response_minutes: 'First reply time in minutes',
      resolution_minutes: 'Full resolution time in minutes',
      status: 'Status',
      channel: 'Via',
      replies: 'Replies',
      satisfaction: 'Satisfaction Score',
    },
  },
  'intercom/conversations.csv': {
    role: 'tickets',
    source: 'intercom',
    columns: {
      ticket_id: 'Conversation ID',
      created_at: 'Created at',
      customer_id: 'Company ID',
      first_response_at: 'First response at',
      first_response_seconds: 'Time to first response',
      resolved_at: 'Closed at',
      status: 'State',
      channel: 'Source',
      satisfaction: 'Rating',
    },
  },
  'posthog/events.csv': {
    role: 'events',
    source: 'posthog',
    columns: {
      event_id: 'uuid',
      event_name: 'event',
      user_id: 'distinct_id',
      event_time: 'timestamp',
      session_id: 'properties.$session_id',
    },
  },
  'amplitude/events.csv': {
    role: 'events',
    source: 'amplitude',
    columns: {
      user_id: 'user_id',
      event_name: 'event_type',
      event_time: 'event_time',
      session_id: 'session_id',
      event_id: '$insert_id',
    },
  },
  'mixpanel/events.csv': {
    role: 'events',
    source: 'mixpanel',
    columns: { event_name: 'event', user_id: 'distinct_id', event_time: 'time', event_id: '$insert_id' },
    normalisation: { epochUnit: 's' },
  },
  'sample/en/customers.csv': {
    role: 'customers',
    source: 'kpi-workbench-sample',
    columns: {
      customer_id: 'customer_id',
      name: 'name',
      signup_date: 'signup_date',
      trial_start: 'trial_start',
      trial_end: 'trial_end',
    },
    attributes: { plan: 'plan', industry: 'industry', country: 'country', size: 'size', owner: 'owner' },
  },
  'sample/en/subscriptions.csv': {
    role: 'subscriptions',
    source: 'kpi-workbench-sample',
    columns: {
      subscription_id: 'subscription_id',
      customer_id: 'customer_id',
      plan: 'plan',
      interval: 'billing_interval',
      amount: 'amount',
      quantity: 'quantity',
      currency: 'currency',
      start_date: 'start_date',
      end_date: 'end_date',
      mrr: 'mrr',
    },
    normalisation: { amountUnit: 'units', reportingCurrency: 'USD', periodEndInclusive: false },
  },
  'sample/en/events.csv': {
    role: 'events',
    source: 'kpi-workbench-sample',
    columns: {
      user_id: 'user_id',
      customer_id: 'customer_id',
      event_name: 'event_name',
      event_time: 'event_time',
      session_id: 'session_id',
    },
  },
  'sample/en/responses.csv': {
    role: 'responses',
    source: 'kpi-workbench-sample',
    columns: {
      response_id: 'response_id',
      customer_id: 'customer_id',
      user_id: 'user_id',
      survey: 'survey',
      score: 'score',
      responded_at: 'responded_at',
      comment: 'comment',
    },
  },
  'sample/en/tickets.csv': {
    role: 'tickets',
    source: 'kpi-workbench-sample',
    columns: {
      ticket_id: 'ticket_id',
      customer_id: 'customer_id',
      created_at: 'created_at',
      first_response_at: 'first_response_at',
      resolved_at: 'resolved_at',
      status: 'status',
      channel: 'channel',
      replies: 'replies',
      satisfaction: 'satisfaction',
    },
  },
  'sample/ja/customers.csv': {
    role: 'customers',
    source: 'kpi-workbench-sample',
    columns: {
      customer_id: '顧客ID',
      name: '会社名',
      signup_date: '登録日',
      trial_start: 'トライアル開始日',
      trial_end: 'トライアル終了日',
    },
    attributes: { plan: 'プラン', industry: '業種', region: '都道府県', size: '従業員規模', owner: '担当者' },
  },
  'sample/ja/subscriptions.csv': {
    role: 'subscriptions',
    source: 'kpi-workbench-sample',
    columns: {
      subscription_id: '契約ID',
      customer_id: '顧客ID',
      plan: 'プラン',
      interval: '請求周期',
      amount: '金額',
      quantity: '数量',
      currency: '通貨',
      start_date: '契約開始日',
      end_date: '契約終了日',
      mrr: '月額',
    },
    normalisation: { amountUnit: 'units', reportingCurrency: 'JPY', periodEndInclusive: false },
  },
  'sample/ja/events.csv': {
    role: 'events',
    source: 'kpi-workbench-sample',
    columns: {
      user_id: 'ユーザーID',
      customer_id: '顧客ID',
      event_name: 'イベント名',
      event_time: '発生日時',
      session_id: 'セッションID',
    },
  },
  'sample/ja/responses.csv': {
    role: 'responses',
    source: 'kpi-workbench-sample',
    columns: {
      response_id: '回答ID',
      customer_id: '顧客ID',
      user_id: 'ユーザーID',
      survey: 'アンケート種別',
      score: 'スコア',
      responded_at: '回答日',
      comment: 'コメント',
    },
  },
  'sample/ja/tickets.csv': {
    role: 'tickets',
    source: 'kpi-workbench-sample',
    columns: {
      ticket_id: 'チケットID',
      customer_id: '顧客ID',
      created_at: '作成日時',
      first_response_at: '初回応答日時',
      resolved_at: '解決日時',
      status: 'ステータス',
      channel: 'チャネル',
      replies: '返信数',
      satisfaction: '満足度',
    },
  },
  'generic_ja/顧客一覧.csv': {
    role: 'customers',
    source: 'generic',
    columns: { customer_id: '顧客ID', name: '会社名', signup_date: '登録日' },
    attributes: { industry: '業種', region: '都道府県', size: '従業員数', owner: '担当者' },
  },
  'generic_ja/契約一覧.csv': {
    role: 'subscriptions',
    source: 'generic',
    columns: {
      customer_id: '顧客ID',
      plan: 'プラン',
      start_date: '契約開始日',
      end_date: '契約終了日',
      canceled_at: '解約日',
      mrr: '月額',
    },
    normalisation: { periodEndInclusive: true, mrrFrom: 'mrr_column', amountUnit: 'units' },
  },
  'generic_ja/年間契約.csv': {
    role: 'subscriptions',
    source: 'generic',
    columns: { customer_id: '顧客ID', start_date: '契約開始日', end_date: '契約終了日', arr: '年額', plan: 'プラン' },
    normalisation: { amountUnit: 'units' },
  },
  'generic_ja/利用ログ.csv': {
    role: 'events',
    source: 'generic',
    columns: { user_id: 'ユーザーID', customer_id: '顧客ID', event_name: 'イベント名', event_time: '作成日時' },
  },
  // Same headers as the sample company's export: read as that layout.
  'generic_ja/NPS回答.csv': {
    role: 'responses',
    source: 'kpi-workbench-sample',
    columns: { responded_at: '回答日', customer_id: '顧客ID', score: 'スコア', comment: 'コメント' },
    normalisation: { scoreScale: 'nps' },
  },
  'generic_ja/問い合わせ.csv': {
    role: 'tickets',
    source: 'kpi-workbench-sample',
    columns: {
      ticket_id: 'チケットID',
      customer_id: '顧客ID',
      created_at: '作成日時',
      first_response_at: '初回応答日時',
      resolved_at: '解決日時',
      status: 'ステータス',
      channel: 'チャネル',
    },
  },
  'generic_en/mrr_by_month.csv': {
    role: 'mrr_snapshots',
    source: 'generic',
    columns: { customer_id: 'customer_id', month: 'month', mrr: 'mrr', currency: 'currency' },
    normalisation: { reportingCurrency: 'USD' },
  },
  'generic_en/invoices.csv': {
    role: 'invoices',
    source: 'generic',
    columns: {
      invoice_id: 'invoice_number',
      customer_id: 'customer_id',
      period_start: 'service_period_start',
      period_end: 'service_period_end',
      amount: 'amount',
      currency: 'currency',
      status: 'status',
    },
  },
};

describe('detectMapping on fixture exports', () => {
  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`maps ${file}`, () => {
      const table = fixtureTable(file);
      const d = detectMapping(table);
      expect({ role: d.role, source: d.source }).toEqual({ role: want.role, source: want.source });
      const mapped = Object.fromEntries(
        Object.entries(d.columns).flatMap(([field, c]) => (c.source ? [[field, c.source]] : [])),
      );
      expect(mapped).toEqual(want.columns);
      if (want.attributes)
        expect(Object.fromEntries(d.attributes.map((a) => [a.name, a.source]))).toEqual(want.attributes);
      else expect(d.attributes).toEqual([]);
      if (want.normalisation) expect(d.normalisation).toMatchObject(want.normalisation);
      expect(d.confidence).toBeGreaterThanOrEqual(0.7);
      for (const c of Object.values(d.columns)) if (c.source) expect(c.reason.en).not.toBe('');
    });
  }

  it('reads Japanese fixtures from CP932 bytes', async () => {
    const { readFixture } = await import('./fixtures.js');
    for (const f of [
      'hubspot/companies_ja.csv',
      'hubspot/deals_ja.csv',
      'sample/ja/customers.csv',
      'generic_ja/契約一覧.csv',
    ]) {
      expect(readFixture(f).encoding).toBe('cp932');
    }
  });
});

describe('detectMapping on tables that fit no role', () => {
  it('returns unknown, with the partial readings as alternatives', () => {
    const d = detectMapping({
      table: 't',
      file: 'misc.csv',
      columns: [
        { name: 'foo', type: 'VARCHAR', samples: ['a', 'b'] },
        { name: 'bar', type: 'BIGINT', samples: ['1', '2'] },
      ],
    });
    expect(d.role).toBe('unknown');
    expect(d.confidence).toBe(0);
  });

  it('recognises an NPS score column from its values when no header names it', () => {
    const d = detectMapping({
      table: 't',
      file: 'survey.csv',
      columns: [
        { name: '回答日', type: 'DATE', samples: ['2024-01-02', '2024-01-03', '2024-01-05'] },
        { name: 'Q1', type: 'BIGINT', samples: ['9', '10', '3', '0', '7'] },
      ],
    });
    expect(d.role).toBe('responses');
    expect(d.columns.score?.source).toBe('Q1');
    expect(d.columns.score?.confidence).toBeLessThan(0.5);
    expect(d.normalisation.scoreScale).toBe('nps');
  });
});
