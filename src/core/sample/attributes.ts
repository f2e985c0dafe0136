/**
 * Customer attribute vocabularies (industry, region, size band, CSM owner) with
 * weights, in both locales. The Japanese variant has 都道府県 where the English one
 * has a country.
 */
import type { SampleLocale } from './locale.js';

/** A vocabulary: labels per locale (same length) and weights. */
interface Vocabulary {
  en: readonly string[];
  ja: readonly string[];
  weights: readonly number[];
}

/** Industries (業種). */
export const INDUSTRIES: Vocabulary = {
  en: [
    'Software',
    'Manufacturing',
    'Retail',
    'Financial Services',
    'Healthcare',
    'Education',
    'Real Estate',
    'Professional Services',
  ],
  ja: ['情報通信業', '製造業', '小売業', '金融・保険業', '医療・福祉', '教育・学習支援', '不動産業', 'サービス業'],
  weights: [30, 15, 12, 10, 9, 7, 6, 11],
};

/** Countries (en, ISO 3166 alpha-2) and prefectures (ja, 都道府県). */
export const REGIONS: Vocabulary = {
  en: ['US', 'GB', 'CA', 'DE', 'AU', 'FR', 'NL', 'JP', 'SG', 'IN', 'BR', 'SE'],
  ja: [
    '東京都',
    '大阪府',
    '神奈川県',
    '愛知県',
    '福岡県',
    '北海道',
    '京都府',
    '兵庫県',
    '埼玉県',
    '千葉県',
    '宮城県',
    '広島県',
  ],
  weights: [45, 10, 8, 7, 5, 4, 4, 3, 3, 4, 4, 3],
};

/** Company size bands by employees (従業員規模). Index matters: larger plans favour larger bands. */
export const SIZE_BANDS: Vocabulary = {
  en: ['1-10', '11-50', '51-200', '201-1000', '1001+'],
  ja: ['1-10名', '11-50名', '51-200名', '201-1000名', '1001名以上'],
  weights: [25, 35, 22, 12, 6],
};

/** Customer success managers (担当者). */
export const OWNERS: Vocabulary = {
  en: ['Alex Kim', 'Priya Patel', 'Jordan Lee', 'Maria Garcia', 'Sam Taylor', 'Chris Novak'],
  ja: ['佐藤 美咲', '髙橋 大輔', '山﨑 翔太', '伊藤 さくら', '渡辺 健一', '中村 結衣'],
  weights: [1, 1, 1, 1, 1, 1],
};

/** Label of entry `index` of a vocabulary in a locale. */
export function label(v: Vocabulary, locale: SampleLocale, index: number): string {
  return v[locale][index] as string;
}
