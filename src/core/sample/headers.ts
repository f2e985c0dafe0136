/**
 * Header rows of the five files. English headers are the canonical names (so the
 * mapping is trivial); Japanese headers are what a Japanese company's billing, CRM,
 * analytics and help-desk exports typically call them.
 */
import type { SampleLocale } from './locale.js';

/** The five tables the generator writes, as their CLI roles. */
export type SampleTable = 'customers' | 'subscriptions' | 'events' | 'responses' | 'tickets';

/** All tables, in writing order. */
export const SAMPLE_TABLES: readonly SampleTable[] = ['customers', 'subscriptions', 'events', 'responses', 'tickets'];

/** Column headers of each table in each locale (same order in both). */
export const HEADERS: Record<SampleTable, Record<SampleLocale, readonly string[]>> = {
  customers: {
    en: [
      'customer_id',
      'name',
      'signup_date',
      'trial_start',
      'trial_end',
      'plan',
      'industry',
      'country',
      'size',
      'owner',
    ],
    ja: [
      '顧客ID',
      '会社名',
      '登録日',
      'トライアル開始日',
      'トライアル終了日',
      'プラン',
      '業種',
      '都道府県',
      '従業員規模',
      '担当者',
    ],
  },
  subscriptions: {
    en: [
      'subscription_id',
      'customer_id',
      'plan',
      'billing_interval',
      'amount',
      'quantity',
      'currency',
      'start_date',
      'end_date',
      'mrr',
    ],
    ja: ['契約ID', '顧客ID', 'プラン', '請求周期', '金額', '数量', '通貨', '契約開始日', '契約終了日', '月額'],
  },
  events: {
    en: ['user_id', 'customer_id', 'event_name', 'event_time', 'session_id'],
    ja: ['ユーザーID', '顧客ID', 'イベント名', '発生日時', 'セッションID'],
  },
  responses: {
    en: ['response_id', 'customer_id', 'user_id', 'survey', 'score', 'responded_at', 'comment'],
    ja: ['回答ID', '顧客ID', 'ユーザーID', 'アンケート種別', 'スコア', '回答日', 'コメント'],
  },
  tickets: {
    en: [
      'ticket_id',
      'customer_id',
      'created_at',
      'first_response_at',
      'resolved_at',
      'status',
      'channel',
      'replies',
      'satisfaction',
    ],
    ja: ['チケットID', '顧客ID', '作成日時', '初回応答日時', '解決日時', 'ステータス', 'チャネル', '返信数', '満足度'],
  },
};

/** File name of a table (same in both locales). */
export function fileNameOf(table: SampleTable): string {
  return `${table}.csv`;
}
