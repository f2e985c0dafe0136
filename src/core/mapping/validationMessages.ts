/** English and Japanese messages of the validation report. */
import type { Message } from './types.js';

/** Identifiers of validation checks. */
export type ValidationCheckId =
  | 'missing_value'
  | 'unparseable_date'
  | 'unparseable_amount'
  | 'unparseable_interval'
  | 'duplicate_key'
  | 'end_before_start'
  | 'negative_mrr'
  | 'mixed_currencies'
  | 'missing_customer';

/** What a message may mention. */
export interface MessageParams {
  count: number;
  file: string;
  column?: string;
  currency?: string | null;
}

/** The message of a check result, in both languages. */
export function validationMessage(id: ValidationCheckId, p: MessageParams): Message {
  const col = p.column ?? '';
  switch (id) {
    case 'missing_value':
      return {
        en: `${p.file}: ${p.count} rows have no "${col}" and are left out.`,
        ja: `${p.file}: ${p.count} 行で「${col}」が空のため、集計から除外しました。`,
      };
    case 'unparseable_date':
      return {
        en: `${p.file}: ${p.count} values of "${col}" are not dates.`,
        ja: `${p.file}: 「${col}」の ${p.count} 件が日付として読めません。`,
      };
    case 'unparseable_amount':
      return {
        en: `${p.file}: ${p.count} values of "${col}" are not numbers.`,
        ja: `${p.file}: 「${col}」の ${p.count} 件が数値として読めません。`,
      };
    case 'unparseable_interval':
      return {
        en: `${p.file}: ${p.count} values of "${col}" are not billing intervals (MRR left empty).`,
        ja: `${p.file}: 「${col}」の ${p.count} 件が請求周期として読めません（MRR は空になります）。`,
      };
    case 'duplicate_key':
      return {
        en: `${p.file}: ${p.count} values of "${col}" appear more than once; one row is kept for each.`,
        ja: `${p.file}: 「${col}」の ${p.count} 個の値が重複しています。それぞれ 1 行だけを使います。`,
      };
    case 'end_before_start':
      return {
        en: `${p.file}: ${p.count} rows end before they start.`,
        ja: `${p.file}: ${p.count} 行で終了日が開始日より前です。`,
      };
    case 'negative_mrr':
      return {
        en: `${p.file}: ${p.count} rows have a negative MRR.`,
        ja: `${p.file}: ${p.count} 行の MRR がマイナスです。`,
      };
    case 'mixed_currencies':
      return {
        en: `${p.file}: ${p.count} rows are not in ${p.currency ?? 'the reporting currency'} and are excluded from revenue (never summed).`,
        ja: `${p.file}: ${p.count} 行が ${p.currency ?? '集計通貨'} 以外の通貨のため、売上から除外しました（合算しません）。`,
      };
    case 'missing_customer':
      return {
        en: `${p.count} customers in ${p.file} are not in the customers file.`,
        ja: `${p.file} の顧客のうち ${p.count} 件が顧客ファイルにありません。`,
      };
  }
}
