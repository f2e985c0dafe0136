/**
 * The overview dashboard's headline tiles: which KPI and column each shows. Values come
 * from the latest complete period of the KPI's result (rows with `is_complete = false`
 * are skipped), compared with the period before.
 */
import type { MessageKey } from '../i18n/en.js';

export interface TileSpec {
  id: string;
  kpi: string;
  column: string;
  /** Parameters for the KPI run (text, as in links). */
  params?: Record<string, string>;
  label: MessageKey;
  /** Higher is better (colours the change); false for churn and response times. */
  higherIsBetter: boolean;
  /** Date column of the result (first column by default). */
  period?: string;
}

export const TILES: readonly TileSpec[] = [
  { id: 'mrr', kpi: 'mrr', column: 'mrr', label: 'tile.mrr', higherIsBetter: true },
  { id: 'net_new_mrr', kpi: 'mrr_movements', column: 'net_new_mrr', label: 'tile.netNewMrr', higherIsBetter: true },
  { id: 'nrr', kpi: 'nrr', column: 'nrr', label: 'tile.nrr', higherIsBetter: true },
  { id: 'grr', kpi: 'nrr', column: 'grr', label: 'tile.grr', higherIsBetter: true },
  {
    id: 'logo_churn',
    kpi: 'churn_rates',
    column: 'customer_churn_rate',
    label: 'tile.logoChurn',
    higherIsBetter: false,
  },
  { id: 'quick_ratio', kpi: 'quick_ratio', column: 'quick_ratio', label: 'tile.quickRatio', higherIsBetter: true },
  { id: 'arpa', kpi: 'mrr', column: 'arpa', label: 'tile.arpa', higherIsBetter: true },
  { id: 'dau_mau', kpi: 'active_users_monthly', column: 'avg_dau_mau', label: 'tile.dauMau', higherIsBetter: true },
  { id: 'nps', kpi: 'nps', column: 'nps', params: { grain: 'month' }, label: 'tile.nps', higherIsBetter: true },
  { id: 'csat', kpi: 'csat', column: 'csat', params: { grain: 'month' }, label: 'tile.csat', higherIsBetter: true },
  {
    id: 'onboarding',
    kpi: 'onboarding',
    column: 'completion_rate',
    params: { grain: 'month' },
    label: 'tile.onboarding',
    higherIsBetter: true,
  },
  {
    id: 'first_response',
    kpi: 'support',
    column: 'median_first_response_minutes',
    params: { grain: 'month' },
    label: 'tile.firstResponse',
    higherIsBetter: false,
  },
];

/** The tile's value now, before, and the recent series, from KPI rows (oldest first). */
export function tileValues(
  rows: readonly Record<string, unknown>[],
  column: string,
): { value: number | null; previous: number | null; period: string | null; series: number[] } {
  const complete = rows.filter((r) => r.is_complete !== false && (r.segment === undefined || r.segment === '(all)'));
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const last = complete[complete.length - 1];
  const prev = complete[complete.length - 2];
  const firstKey = last ? Object.keys(last)[0]! : '';
  const series = complete
    .slice(-12)
    .map((r) => num(r[column]))
    .filter((v): v is number => v !== null);
  return {
    value: last ? num(last[column]) : null,
    previous: prev ? num(prev[column]) : null,
    period: last ? String(last[firstKey] ?? '') : null,
    series,
  };
}
