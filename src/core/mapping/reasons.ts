/**
 * Wording of detection's reasons (why a column fits a field, why values are read in
 * some unit), in English and Japanese, like the validation messages. Detection builds
 * reasons only through these functions, so the mapping screen has every reason in
 * both languages.
 */
import type { Message } from './types.js';

const m = (en: string, ja: string): Message => ({ en, ja });

/** One reason made of several parts ("header matches; DATE column; 40% empty"). */
export function joinReasons(parts: readonly Message[]): Message {
  return { en: parts.map((p) => p.en).join('; '), ja: parts.map((p) => p.ja).join('、') };
}

/** Human names of what a field holds, used in fit reasons. */
export const KIND_WORDS = {
  amounts: m('amounts', '金額'),
  counts: m('counts', '個数'),
  durations: m('durations', '時間'),
  percentages: m('percentages', '割合（%）'),
  scores: m('scores 0–10', '0〜10 のスコア'),
  booleans: m('yes/no values', 'はい/いいえの値'),
  currencies: m('currency codes', '通貨コード'),
  intervals: m('billing intervals', '請求周期'),
  satisfaction: m('satisfaction ratings', '満足度の評価'),
} as const;

export type KindWord = keyof typeof KIND_WORDS;

const INTERVAL_WORDS: Record<string, Message> = {
  day: m('daily', '日額'),
  week: m('weekly', '週額'),
  month: m('monthly', '月額'),
  quarter: m('quarterly', '四半期額'),
  half_year: m('half-yearly', '半期額'),
  year: m('yearly', '年額'),
};

const EPOCH_WORDS: Record<string, Message> = {
  s: m('seconds', '秒'),
  ms: m('milliseconds', 'ミリ秒'),
  us: m('microseconds', 'マイクロ秒'),
};

/** Reasons of column choices (matchColumns.ts) and value fit (fit.ts). */
export const columnReasons = {
  headerMatches: (header: string, synonym: string): Message =>
    m(`header "${header}" matches "${synonym}"`, `列名「${header}」が「${synonym}」と一致`),
  headerContains: (header: string, synonym: string): Message =>
    m(`header "${header}" contains "${synonym}"`, `列名「${header}」に「${synonym}」を含む`),
  typicalValues: (): Message => m('typical values', 'よくある値'),
  empty: (percent: number): Message => m(`${percent}% empty`, `${percent}% が空`),
  valuesOnly: (fit: Message): Message =>
    m(`no header names it; values fit (${fit.en})`, `該当する列名はないが、値が合う（${fit.ja}）`),
  noMatch: (): Message => m('no matching column', '該当する列がない'),
  noSamples: (): Message => m('no sample values', '値の例がない'),
  typedColumn: (type: string): Message => m(`${type} column`, `${type} 型の列`),
  epochDates: (unit: string): Message =>
    m(`numeric dates (epoch ${unit})`, `数値の日時（エポック${EPOCH_WORDS[unit]?.ja ?? unit}）`),
  numbersNotDates: (): Message => m('numbers that are not dates', '日付ではない数値'),
  dateText: (): Message => m('date-like text', '日付らしい文字列'),
  notDates: (): Message => m('values are not dates', '値が日付ではない'),
  notNumbers: (): Message => m('values are not numbers', '値が数値ではない'),
  outOfRange: (what: KindWord): Message =>
    m(
      `numbers outside the expected range for ${KIND_WORDS[what].en}`,
      `${KIND_WORDS[what].ja}として想定外の範囲の数値`,
    ),
  kind: (what: KindWord): Message => KIND_WORDS[what],
  fewLookLike: (what: KindWord): Message =>
    m(`few values look like ${KIND_WORDS[what].en}`, `${KIND_WORDS[what].ja}らしい値が少ない`),
  text: (): Message => m('text', '文字列'),
  looksLikeDates: (): Message => m('values look like dates', '値が日付のように見える'),
  emails: (): Message => m('e-mail addresses used as ids', 'ID として使われたメールアドレス'),
  identifiers: (): Message => m('identifiers', '識別子'),
};

/** Reasons of normalisation choices (detectNormalisation.ts, amountUnit.ts). */
export const normalisationReasons = {
  dayFirst: (dayFirst: boolean): Message =>
    dayFirst
      ? m('slash dates with a first part above 12', '「/」区切りの日付で先頭の数が 12 を超える（日/月の順）')
      : m('slash dates with a second part above 12', '「/」区切りの日付で 2 番目の数が 12 を超える（月/日の順）'),
  epochMixed: (): Message => m('mixed magnitudes: decided per value', '桁数が混在しているため値ごとに判断'),
  epochUnit: (unit: string): Message =>
    m(`numeric dates of epoch-${unit} magnitude`, `数値の日時がエポック${EPOCH_WORDS[unit]?.ja ?? unit}の桁数`),
  oneCurrency: (code: string): Message => m(`all rows in ${code}`, `すべての行が ${code}`),
  mostlyCurrency: (code: string, others: readonly string[]): Message =>
    m(
      `most rows in ${code}; also ${others.join(', ')} (excluded)`,
      `ほとんどの行が ${code}。ほかに ${others.join(', ')}（除外）`,
    ),
  noSampleAmounts: (): Message => m('no sample amounts; source default', '金額の例がないため、出力元の既定値'),
  decimals: (): Message => m('amounts have decimals', '金額に小数がある'),
  zeroDecimal: (codes: readonly string[]): Message =>
    m(`${codes.join(', ')} has no minor unit`, `${codes.join(', ')} には補助単位（セント相当）がない`),
  displayFormat: (): Message =>
    m('amounts are formatted for display (symbols or separators)', '金額が表示用の書式（通貨記号や桁区切り）'),
  sourceCents: (): Message => m('the source documents amounts in cents', '出力元の仕様で金額はセント単位'),
  sourceUnits: (): Message => m('the source exports amounts in currency units', '出力元は金額を通貨単位で出力'),
  apiField: (header: string): Message =>
    m(
      `"${header}" is an API field name; API amounts are in the smallest currency unit`,
      `「${header}」は API の項目名で、API の金額は最小通貨単位（セントなど）`,
    ),
  japaneseHeader: (): Message => m('Japanese exports give amounts in currency units', '日本語の出力では金額は通貨単位'),
  looksLikeCents: (median: number): Message =>
    m(
      `whole numbers with median ${median}, mostly ending in 00 or 99: looks like cents`,
      `中央値 ${median} の整数で、多くが 00 か 99 で終わる: セント単位とみられる`,
    ),
  plausibleUnits: (median: number): Message =>
    m(
      `whole numbers with median ${median}: plausible prices in currency units`,
      `中央値 ${median} の整数: 通貨単位の価格として妥当`,
    ),
  mrrFromAmount: (mrrHeader: string | null): Message =>
    m(
      `MRR = amount × quantity ÷ months per interval, after discounts${mrrHeader ? ` (the "${mrrHeader}" column is the current MRR only)` : ''}`,
      `MRR = 金額 × 数量 ÷ 請求周期の月数（割引後）${mrrHeader ? `（「${mrrHeader}」列は現在の MRR のみ）` : ''}`,
    ),
  mrrColumn: (mrrHeader: string): Message =>
    m(`the export has an MRR column ("${mrrHeader}")`, `MRR の列（「${mrrHeader}」）がある`),
  defaultInterval: (interval: string): Message =>
    m(
      `no interval column: amounts are read as ${INTERVAL_WORDS[interval]?.en ?? interval}`,
      `請求周期の列がないため、金額を${INTERVAL_WORDS[interval]?.ja ?? interval}として読む`,
    ),
  wonDeals: (): Message => m('deals: only won deals are revenue', '商談: 受注した商談だけを売上とする'),
  termMonths: (months: number): Message =>
    m(
      `no contract end column: each won deal is read as a ${months}-month contract`,
      `契約終了日の列がないため、受注した商談をそれぞれ ${months} か月の契約とみなす`,
    ),
  inclusiveEnd: (inclusive: boolean): Message =>
    inclusive
      ? m(
          'end dates fall on the last day of a month: read as inclusive (one day added)',
          '終了日が月末: その日を含む（1 日加える）',
        )
      : m('end dates are not month-ends: read as exclusive', '終了日が月末ではない: その日を含まない'),
  npsScale: (min: number, max: number): Message =>
    m(`scores from ${min} to ${max}: 0–10 scale (NPS)`, `スコアが ${min}〜${max}: 0〜10 の尺度（NPS）`),
  csatScale: (min: number, max: number): Message =>
    m(`scores from ${min} to ${max}: 1–5 scale (CSAT)`, `スコアが ${min}〜${max}: 1〜5 の尺度（CSAT）`),
};
