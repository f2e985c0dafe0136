/**
 * A Stripe-style subscriptions export (amounts in cents, monthly, yearly, quarterly and
 * weekly plans, a trial, a cancellation at period end, a discount, another currency)
 * becomes exactly the hand-computed subscription_periods and customers rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { buildCanonicalSql, confirmDetection, detectMapping, type LoadedTable } from '../../src/core/mapping/index.js';
import { applyStatements, createTable, rows, type Cell } from './mappingFixtures.js';

const r9 = (x: number): number => Math.round(x * 1e9) / 1e9;

const COLUMNS = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'customer', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'amount', type: 'BIGINT' },
  { name: 'currency', type: 'VARCHAR' },
  { name: 'interval', type: 'VARCHAR' },
  { name: 'interval_count', type: 'BIGINT' },
  { name: 'quantity', type: 'BIGINT' },
  { name: 'percent_off', type: 'DOUBLE' },
  { name: 'start_date', type: 'TIMESTAMP' },
  { name: 'current_period_end', type: 'TIMESTAMP' },
  { name: 'cancel_at_period_end', type: 'BOOLEAN' },
  { name: 'canceled_at', type: 'TIMESTAMP' },
  { name: 'ended_at', type: 'TIMESTAMP' },
  { name: 'trial_start', type: 'TIMESTAMP' },
  { name: 'trial_end', type: 'TIMESTAMP' },
];

// id, customer, status, amount (cents), currency, interval, count, qty, % off, start, period end, cancel@end, canceled, ended, trial start, trial end
const DATA: Cell[][] = [
  [
    'sub_A',
    'cus_A',
    'active',
    2900,
    'usd',
    'month',
    1,
    2,
    null,
    '2024-01-10 09:00:00',
    '2024-06-10 09:00:00',
    false,
    null,
    null,
    null,
    null,
  ],
  [
    'sub_B',
    'cus_B',
    'active',
    30000,
    'usd',
    'year',
    1,
    1,
    null,
    '2024-02-01 00:00:00',
    '2025-02-01 00:00:00',
    false,
    null,
    null,
    null,
    null,
  ],
  [
    'sub_C',
    'cus_C',
    'trialing',
    4900,
    'usd',
    'month',
    1,
    1,
    null,
    '2024-05-20 08:00:00',
    '2024-06-03 08:00:00',
    false,
    null,
    null,
    '2024-05-20 08:00:00',
    '2024-06-03 08:00:00',
  ],
  // Cancellation requested on 2024-06-20; the subscription runs to the end of its period.
  [
    'sub_D',
    'cus_D',
    'active',
    9900,
    'usd',
    'month',
    1,
    3,
    null,
    '2024-01-05 00:00:00',
    '2024-07-05 00:00:00',
    true,
    '2024-06-20 15:00:00',
    null,
    null,
    null,
  ],
  [
    'sub_E',
    'cus_E',
    'canceled',
    2900,
    'usd',
    'month',
    3,
    1,
    null,
    '2023-06-01 00:00:00',
    '2023-12-01 00:00:00',
    false,
    '2023-11-15 10:00:00',
    '2023-12-01 00:00:00',
    null,
    null,
  ],
  [
    'sub_F',
    'cus_F',
    'active',
    120000,
    'jpy',
    'month',
    1,
    1,
    null,
    '2024-03-01 00:00:00',
    '2024-07-01 00:00:00',
    false,
    null,
    null,
    null,
    null,
  ],
  // A converted trial with a 20 % coupon: revenue starts when the trial ends.
  [
    'sub_G',
    'cus_G',
    'active',
    10000,
    'usd',
    'month',
    1,
    1,
    20,
    '2024-02-15 00:00:00',
    '2024-07-01 00:00:00',
    false,
    null,
    null,
    '2024-02-15 00:00:00',
    '2024-03-01 00:00:00',
  ],
  [
    'sub_H',
    'cus_H',
    'incomplete_expired',
    2900,
    'usd',
    'month',
    1,
    1,
    null,
    '2024-04-01 00:00:00',
    '2024-04-02 00:00:00',
    false,
    null,
    '2024-04-02 00:00:00',
    null,
    null,
  ],
  [
    'sub_I',
    'cus_A',
    'past_due',
    500,
    'usd',
    'week',
    1,
    1,
    null,
    '2024-04-01 00:00:00',
    '2024-04-08 00:00:00',
    false,
    null,
    null,
    null,
    null,
  ],
];

describe('Stripe-style subscriptions export (cents)', () => {
  let engine: NodeEngine;
  let table: LoadedTable;
  beforeAll(async () => {
    engine = await NodeEngine.create();
    table = await createTable(engine, 'src_stripe_subs', COLUMNS, DATA, 'subscriptions.csv');
  });
  afterAll(() => engine.close());

  it('is detected as Stripe subscriptions in cents, reported in USD', () => {
    const d = detectMapping(table);
    expect(d).toMatchObject({ role: 'subscriptions', source: 'stripe' });
    expect(d.normalisation).toMatchObject({
      amountUnit: 'cents',
      reportingCurrency: 'USD',
      endDateRule: 'period_end_first',
    });
    expect(d.columns.discount_percent?.source).toBe('percent_off');
  });

  it('gives the hand-computed subscription periods', async () => {
    const sql = buildCanonicalSql([confirmDetection(table, detectMapping(table))]);
    await applyStatements(engine, sql.statements);
    // MRR compared to 9 decimals: the SQL divides by months per interval, the comments multiply.
    expect(
      await rows(
        engine,
        'SELECT * REPLACE (round(mrr, 9) AS mrr) FROM subscription_periods ORDER BY customer_id, start_date',
      ),
    ).toEqual([
      // 29.00 × 2 seats, monthly
      {
        customer_id: 'cus_A',
        start_date: '2024-01-10',
        end_date: null,
        mrr: 58,
        plan: null,
        quantity: 2,
        currency: 'USD',
      },
      // 5.00 weekly = 5 × 52 / 12
      {
        customer_id: 'cus_A',
        start_date: '2024-04-01',
        end_date: null,
        mrr: r9((5 * 52) / 12),
        plan: null,
        quantity: 1,
        currency: 'USD',
      },
      // 300.00 yearly = 25 / month
      {
        customer_id: 'cus_B',
        start_date: '2024-02-01',
        end_date: null,
        mrr: 25,
        plan: null,
        quantity: 1,
        currency: 'USD',
      },
      // cancel at period end: ends at the period end, not at the request
      {
        customer_id: 'cus_D',
        start_date: '2024-01-05',
        end_date: '2024-07-05',
        mrr: 297,
        plan: null,
        quantity: 3,
        currency: 'USD',
      },
      // 29.00 every 3 months
      {
        customer_id: 'cus_E',
        start_date: '2023-06-01',
        end_date: '2023-12-01',
        mrr: r9(29 / 3),
        plan: null,
        quantity: 1,
        currency: 'USD',
      },
      // 100.00 − 20 %, from the trial end
      {
        customer_id: 'cus_G',
        start_date: '2024-03-01',
        end_date: null,
        mrr: 80,
        plan: null,
        quantity: 1,
        currency: 'USD',
      },
    ]);
    expect(sql.warnings.map((w) => w.code)).toEqual(['currency_filter', 'customers_synthesised']);
  });

  it('feeds trials to customers (synthesised: signup = first start)', async () => {
    expect(
      await rows(
        engine,
        "SELECT customer_id, signup_date, trial_start, trial_end, segment FROM customers WHERE customer_id IN ('cus_A', 'cus_C', 'cus_G') ORDER BY 1",
      ),
    ).toEqual([
      { customer_id: 'cus_A', signup_date: '2024-01-10', trial_start: null, trial_end: null, segment: '(all)' },
      {
        customer_id: 'cus_C',
        signup_date: '2024-05-20',
        trial_start: '2024-05-20',
        trial_end: '2024-06-03',
        segment: '(all)',
      },
      {
        customer_id: 'cus_G',
        signup_date: '2024-02-15',
        trial_start: '2024-02-15',
        trial_end: '2024-03-01',
        segment: '(all)',
      },
    ]);
    expect(await rows(engine, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 8 }]);
  });

  it('never divides a zero-decimal currency by 100', async () => {
    const sql = buildCanonicalSql([confirmDetection(table, detectMapping(table))], { reportingCurrency: 'JPY' });
    await applyStatements(engine, sql.statements);
    expect(await rows(engine, 'SELECT customer_id, mrr, currency FROM subscription_periods')).toEqual([
      { customer_id: 'cus_F', mrr: 120000, currency: 'JPY' },
    ]);
  });

  it('reads the same export with epoch-second timestamps identically', async () => {
    const epochCols = COLUMNS.map((c) => (c.type === 'TIMESTAMP' ? { ...c, type: 'BIGINT' } : c));
    const epochData = DATA.map((r) =>
      r.map((v, j) =>
        COLUMNS[j]?.type === 'TIMESTAMP' && typeof v === 'string' ? Date.parse(`${v.replace(' ', 'T')}Z`) / 1000 : v,
      ),
    );
    const t = await createTable(engine, 'src_stripe_epoch', epochCols, epochData);
    const d = detectMapping(t);
    expect(d.normalisation.epochUnit).toBe('s');
    await applyStatements(engine, buildCanonicalSql([confirmDetection(t, d)]).statements);
    const viaEpoch = await rows(engine, 'SELECT * FROM subscription_periods ORDER BY customer_id, start_date');
    await applyStatements(engine, buildCanonicalSql([confirmDetection(table, detectMapping(table))]).statements);
    expect(viaEpoch).toEqual(await rows(engine, 'SELECT * FROM subscription_periods ORDER BY customer_id, start_date'));
  });

  it('applies the literal rule (canceled_at first) when chosen', async () => {
    const m = confirmDetection(table, detectMapping(table), { normalisation: { endDateRule: 'canceled_at_first' } });
    await applyStatements(engine, buildCanonicalSql([m]).statements);
    expect(await rows(engine, "SELECT end_date FROM subscription_periods WHERE customer_id = 'cus_D'")).toEqual([
      { end_date: '2024-06-20' },
    ]);
  });
});
