/**
 * Company names. English names combine a word, a business noun and a legal suffix
 * (some carry a comma, so the name must be quoted in CSV). Japanese names put a
 * legal form before or after a family name or katakana word plus a business noun,
 * and a few fixed names use characters that exist only in CP932 (髙, 﨑, ①, ㈱, Ⅱ),
 * so the Shift_JIS files exercise the encoding.
 */
import type { Rng } from './prng.js';
import type { SampleLocale } from './locale.js';

const EN_WORDS = [
  'Acme',
  'Northwind',
  'Blue Harbor',
  'Summit',
  'Redwood',
  'Ironclad',
  'Bright Path',
  'Silverline',
  'Pioneer',
  'Granite',
  'Lumen',
  'Cobalt',
  'Evergreen',
  'Keystone',
  'Orbit',
  'Maple',
  'Harbor Point',
  'Atlas',
  'Beacon',
  'Cedar',
  'Falcon',
  'Juniper',
  'Meridian',
  'Nimbus',
  'Quarry',
  'Riverbend',
  'Sierra',
  'Tidewater',
  'Vantage',
  'Willow',
  'Zephyr',
  'Crescent',
  'Driftwood',
  'Foxglove',
  'Highland',
  'Lakeside',
];
const EN_NOUNS = [
  'Analytics',
  'Logistics',
  'Labs',
  'Health',
  'Foods',
  'Capital',
  'Robotics',
  'Media',
  'Systems',
  'Realty',
  'Learning',
  'Energy',
  'Outfitters',
  'Software',
  'Consulting',
  'Manufacturing',
  'Retail',
  'Partners',
  'Studios',
  'Networks',
  'Dental',
  'Legal',
  'Freight',
  'Design',
];
const EN_SUFFIXES = ['Inc.', 'LLC', 'Ltd.', 'Co.', 'Corp.', 'Group', 'GmbH', 'Pty Ltd'];
const EN_SPECIAL = ['Smith, Jones & Co.', 'Baker "Bakes" LLC', 'Müller & Söhne GmbH', 'Café Olé, Inc.'];

const JA_FAMILIES = [
  '佐藤',
  '鈴木',
  '髙橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '山﨑',
  '松本',
  '井上',
  '木村',
  '林',
  '斎藤',
  '清水',
  '森',
  '池田',
  '橋本',
  '石川',
];
const JA_TRADES = [
  '商事',
  '工業',
  '製作所',
  '物流',
  'システム',
  '不動産',
  '建設',
  '食品',
  '電機',
  '印刷',
  '薬品',
  '技研',
  '産業',
  '精機',
  '化学',
  '運輸',
  '設計',
  '商会',
];
const JA_KATAKANA = [
  'サクラ',
  'ミライ',
  'アオゾラ',
  'ヒカリ',
  'ツバサ',
  'ネクスト',
  'グローバル',
  'スマート',
  'クラウド',
  'アスカ',
  'ハヤテ',
  'ソラ',
];
const JA_KATAKANA_TRADES = [
  'テック',
  'ソリューションズ',
  'ラボ',
  'デザイン',
  'ネットワークス',
  'データ',
  'ワークス',
  'パートナーズ',
  'リンク',
];
const JA_FORMS = ['株式会社', '株式会社', '株式会社', '合同会社', '有限会社'];
const JA_SPECIAL = [
  '株式会社髙橋商事',
  '合同会社①テック',
  '㈱ミライ物流',
  '有限会社山﨑製作所',
  'ＡＢＣシステムⅡ株式会社',
  '㈲ヒカリ印刷',
];

/** Every fixed name the Japanese variant may use (for encoding tests). */
export const JA_NAME_PARTS: readonly string[] = [
  ...JA_FAMILIES,
  ...JA_TRADES,
  ...JA_KATAKANA,
  ...JA_KATAKANA_TRADES,
  ...JA_FORMS,
  ...JA_SPECIAL,
];

/** Every fixed English name part (for tests). */
export const EN_NAME_PARTS: readonly string[] = [...EN_WORDS, ...EN_NOUNS, ...EN_SUFFIXES, ...EN_SPECIAL];

/**
 * A company name for customer number `index` (0-based). Every 37th customer, from the
 * 5th on, gets one of the special names, so even a small sample contains them.
 */
export function companyName(locale: SampleLocale, index: number, rng: Rng): string {
  const special = index % 37 === 4;
  if (locale === 'en') {
    if (special) return EN_SPECIAL[Math.floor(index / 37) % EN_SPECIAL.length] as string;
    return `${rng.pick(EN_WORDS)} ${rng.pick(EN_NOUNS)} ${rng.pick(EN_SUFFIXES)}`;
  }
  if (special) return JA_SPECIAL[Math.floor(index / 37) % JA_SPECIAL.length] as string;
  const core = rng.chance(0.6)
    ? `${rng.pick(JA_FAMILIES)}${rng.pick(JA_TRADES)}`
    : `${rng.pick(JA_KATAKANA)}${rng.pick(JA_KATAKANA_TRADES)}`;
  const form = rng.pick(JA_FORMS);
  return rng.chance(0.7) ? `${form}${core}` : `${core}${form}`;
}
