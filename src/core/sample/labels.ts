/**
 * Cell values that are words rather than numbers, per locale. Event names stay English
 * in both (they are identifiers in the product's tracking plan).
 */
import type { SampleLocale } from './locale.js';
import type { BillingInterval, PlanKey } from './plans.js';

/** Plan names. */
export const PLAN_LABELS: Record<SampleLocale, Record<PlanKey, string>> = {
  en: { starter: 'Starter', growth: 'Growth', enterprise: 'Enterprise' },
  ja: { starter: 'スターター', growth: 'グロース', enterprise: 'エンタープライズ' },
};

/** Billing interval values. */
export const INTERVAL_LABELS: Record<SampleLocale, Record<BillingInterval, string>> = {
  en: { month: 'month', year: 'year' },
  ja: { month: '月次', year: '年次' },
};

/** Survey kinds. */
export type SurveyKind = 'nps' | 'csat';

/** Survey kind values. */
export const SURVEY_LABELS: Record<SampleLocale, Record<SurveyKind, string>> = {
  en: { nps: 'nps', csat: 'csat' },
  ja: { nps: 'NPS', csat: 'CSAT' },
};

/** Help-desk ticket status (Zendesk's set). */
export type TicketStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed';

/** Ticket status values. */
export const STATUS_LABELS: Record<SampleLocale, Record<TicketStatus, string>> = {
  en: { new: 'new', open: 'open', pending: 'pending', solved: 'solved', closed: 'closed' },
  ja: { new: '新規', open: '対応中', pending: '保留中', solved: '解決済み', closed: '完了' },
};

/** Support channels. */
export type Channel = 'email' | 'chat' | 'phone';

/** Channel values. */
export const CHANNEL_LABELS: Record<SampleLocale, Record<Channel, string>> = {
  en: { email: 'email', chat: 'chat', phone: 'phone' },
  ja: { email: 'メール', chat: 'チャット', phone: '電話' },
};

/** Ticket satisfaction rating values (an unrated ticket has an empty cell). */
export const SATISFACTION_LABELS: Record<SampleLocale, Record<'good' | 'bad', string>> = {
  en: { good: 'good', bad: 'bad' },
  ja: { good: '良い', bad: '悪い' },
};
