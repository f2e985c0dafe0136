/**
 * Labels for the enum values KPI parameters use (grain, mode, basis …), in both languages.
 * An unknown value is shown as it is.
 */
import type { Locale } from './index.svelte.js';

const VALUES: Record<string, { en: string; ja: string }> = {
  day: { en: 'Day', ja: '日' },
  week: { en: 'Week', ja: '週' },
  month: { en: 'Month', ja: '月' },
  quarter: { en: 'Quarter', ja: '四半期' },
  year: { en: 'Year', ja: '年' },
  monday: { en: 'Monday', ja: '月曜日' },
  sunday: { en: 'Sunday', ja: '日曜日' },
  none: { en: 'None', ja: 'なし' },
  segment: { en: 'By segment', ja: 'セグメント別' },
  on: { en: 'On the period', ja: 'その期間に利用' },
  on_or_after: { en: 'On or after', ja: 'その期間以降に利用' },
  logo: { en: 'Customers (logo)', ja: '顧客数（ロゴ）' },
  revenue: { en: 'Revenue', ja: '売上' },
  first: { en: 'First activity', ja: '初回利用' },
  recurring: { en: 'Recurring', ja: '継続利用' },
  subscriptions: { en: 'Subscriptions', ja: '契約' },
  events: { en: 'Product events', ja: 'イベント' },
};

/** The label of an enum value. */
export function valueLabel(value: string, locale: Locale): string {
  return VALUES[value]?.[locale] ?? value;
}
