/**
 * Files of the mapping e2e tests, written into test-results: a Stripe-style subscriptions
 * export with amounts in cents, and a CP932 Japanese customer list; the MRR they give,
 * worked out by hand.
 */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodeCp932 } from '../../src/core/sample/cp932.js';

export const DIR = path.resolve('test-results/fixtures-mapping');
mkdirSync(DIR, { recursive: true });

// Stripe-style export built from the API: `amount` (lower case, the API field name) is in
// cents, which detection reads from the header (src/core/mapping/amountUnit.ts: the stripe
// dictionary lists `amount` among its cents headers).
const SUBSCRIPTIONS = [
  'id,Customer ID,Status,Plan,Interval,amount,Quantity,Currency,Created (UTC),Start (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC),Cancel At Period End',
  'sub_1001,cus_A001,active,Basic monthly,month,2900,1,usd,2024-01-15 09:30,2024-01-15 09:30,2024-07-15 09:30,,,false',
  'sub_1002,cus_B002,active,Team monthly,month,4900,3,usd,2024-02-03 11:00,2024-02-03 11:00,2024-07-03 11:00,,,false',
  'sub_1003,cus_C003,active,Pro yearly,year,120000,1,usd,2024-03-10 08:15,2024-03-10 08:15,2025-03-10 08:15,,,false',
  'sub_1004,cus_D004,trialing,Pro monthly,month,9900,1,usd,2024-06-20 14:00,2024-06-20 14:00,2024-07-04 14:00,,,false',
  'sub_1005,cus_E005,canceled,Basic monthly,month,2900,2,usd,2024-01-05 10:00,2024-01-05 10:00,2024-05-05 10:00,2024-04-20 16:45,2024-04-20 16:45,false',
  'sub_1006,cus_F006,active,Team yearly,year,46800,2,usd,2024-06-12 13:20,2024-06-12 13:20,2025-06-12 13:20,,,false',
].join('\r\n');

// Latest month = June 2024: the data end is the latest start or end of a paid period,
// 2024-06-12 (sub_1006; the trialing sub_1004 is left out of the periods).
// In force at the end of 2024-06-30 (mrr = amount / 100 × quantity ÷ months per interval):
//   sub_1001  2900/100 × 1 ÷ 1   =  29
//   sub_1002  4900/100 × 3 ÷ 1   = 147
//   sub_1003 120000/100 × 1 ÷ 12 = 100
//   sub_1006 46800/100 × 2 ÷ 12  =  78
//   sub_1004 trialing: excluded; sub_1005 ended 2024-04-20: not in force.
// MRR = 29 + 147 + 100 + 78 = 354; active customers = 4 (A001, B002, C003, F006); ARPA = 88.5.
export const EXPECTED_MRR = 354;
export const EXPECTED_ACTIVE = 4;

const CUSTOMERS = [
  '顧客ID,会社名,業種,登録日',
  'cus_A001,株式会社青葉製作所,製造業,2024/01/15',
  'cus_B002,さくら商事株式会社,小売業,2024/02/03',
  'cus_C003,合同会社みなと情報,情報通信業,2024/03/10',
  'cus_D004,株式会社ひかり食品,製造業,2024/06/20',
  'cus_E005,有限会社つばさ物流,運輸業,2024/01/05',
  'cus_F006,株式会社かえでソフト,情報通信業,2024/06/12',
].join('\r\n');

export const SUBS_FILE = path.join(DIR, 'stripe_subscriptions.csv');
export const CUST_FILE = path.join(DIR, '顧客一覧.csv');
writeFileSync(SUBS_FILE, SUBSCRIPTIONS + '\r\n', 'utf8');
writeFileSync(CUST_FILE, encodeCp932(CUSTOMERS + '\r\n'));

/** Parses a formatted number ("$354.00", "354", "1,234") as a number. */
export const num = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));
