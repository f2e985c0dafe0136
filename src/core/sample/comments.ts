/**
 * Free-text survey comments by sentiment. A few contain commas, double quotes or a
 * line break, as real survey exports do, so CSV quoting is exercised.
 */
import type { SampleLocale } from './locale.js';

/** Sentiment bucket of a score. */
export type Sentiment = 'positive' | 'neutral' | 'negative';

/** Comments per locale and sentiment. */
export const COMMENTS: Record<SampleLocale, Record<Sentiment, readonly string[]>> = {
  en: {
    positive: [
      'Love the dashboards.',
      'Saves our team hours every week.',
      'Great product, great support.',
      'The CRM integration just works.',
      'Reports are fast, clear and easy to share.',
      'Onboarding was smooth. Thanks, Priya!',
      'Our managers call it "the morning page".',
      'Exactly what we needed.',
    ],
    neutral: [
      'Good overall, but exports could be faster.',
      'Does the job.',
      'Pricing is a bit high for a small team.',
      'Would like more chart types.',
      'OK. Some settings are hard to find.',
      'Mobile view needs work.',
    ],
    negative: [
      'Too slow with large accounts.',
      'We keep hitting errors on CSV export.',
      'Missing the features we were promised.',
      'Support took days to answer, again.',
      'Hard to use; the team stopped logging in.',
      'Considering switching.\nThe integration broke twice this month.',
    ],
  },
  ja: {
    positive: [
      'ダッシュボードが見やすいです。',
      '毎週の集計作業が大幅に減りました。',
      'サポートの対応が丁寧で助かっています。',
      'CRM連携がスムーズでした。',
      'レポートの共有が簡単で、社内で好評です。',
      '導入支援が手厚く、すぐに使いこなせました。',
      '「朝会の必需品」と呼ばれています。',
    ],
    neutral: [
      '全体的には満足ですが、CSV出力が遅いです。',
      '特に不満はありません。',
      '小規模チームには少し高いと感じます。',
      'グラフの種類を増やしてほしい。',
      '設定画面が分かりにくい部分があります。',
      'スマホ表示の改善を希望します。',
    ],
    negative: [
      'データ量が多いと動作が重いです。',
      'CSV出力でエラーが頻発します。',
      '約束された機能がまだありません。',
      '問い合わせの返信に数日かかりました。',
      '使い方が難しく、社内で定着しませんでした。',
      '乗り換えを検討中です。\n今月だけで連携が2回止まりました。',
    ],
  },
};

/** Every comment of a locale (for encoding tests). */
export function allComments(locale: SampleLocale): string[] {
  const c = COMMENTS[locale];
  return [...c.positive, ...c.neutral, ...c.negative];
}
