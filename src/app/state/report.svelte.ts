/**
 * The views chosen for the report (KPI id + parameters, never data). The report page's
 * URL hash is the source of truth when it is open; between visits the choice is kept
 * here and remembered in this browser (localStorage), so "Add to report" on a KPI view
 * and the Report tab agree.
 */
import { formatItem, parseItem, type ReportItem } from './route.js';
import { addItem, uniqueItems } from '../report/items.js';

const KEY = 'kpi-workbench.report';

function stored(): ReportItem[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return uniqueItems(
      raw.map((x) => (typeof x === 'string' ? parseItem(x) : null)).filter((x): x is ReportItem => x !== null),
    );
  } catch {
    return [];
  }
}

export const report = $state({ items: stored() });

function remember(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(report.items.map(formatItem)));
  } catch {
    /* not remembered */
  }
}

/** Replaces the report's views (from its URL, or after a removal or a move). */
export function setReportItems(items: readonly ReportItem[]): void {
  const next = uniqueItems(items);
  if (next.map(formatItem).join('\n') === report.items.map(formatItem).join('\n')) return;
  report.items = next;
  remember();
}

/** Adds a KPI view with its parameters (once). */
export function addToReport(item: ReportItem): void {
  report.items = addItem(report.items, item);
  remember();
}
