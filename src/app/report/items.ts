/**
 * The report's list of KPI views, as pure operations on arrays (the page keeps the list
 * in the URL hash and in report.svelte.ts). Two items are the same when their KPI and
 * parameters are: the report holds each view once.
 */
import { formatItem, type ReportItem } from '../state/route.js';

/** Whether two items are the same KPI with the same parameters. */
export function sameItem(a: ReportItem, b: ReportItem): boolean {
  return formatItem(a) === formatItem(b);
}

/** The items without repeats (the first of each stays). */
export function uniqueItems(items: readonly ReportItem[]): ReportItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = formatItem(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The items with `item` appended, unless it is already there. */
export function addItem(items: readonly ReportItem[], item: ReportItem): ReportItem[] {
  return uniqueItems([...items, { id: item.id, params: { ...item.params } }]);
}

/** The items without the one at `index`. */
export function removeItem(items: readonly ReportItem[], index: number): ReportItem[] {
  return items.filter((_, i) => i !== index);
}

/** The items with the one at `index` moved by `delta` places (clamped to the ends). */
export function moveItem(items: readonly ReportItem[], index: number, delta: number): ReportItem[] {
  const out = [...items];
  if (index < 0 || index >= out.length) return out;
  const to = Math.max(0, Math.min(out.length - 1, index + delta));
  const [moved] = out.splice(index, 1);
  out.splice(to, 0, moved!);
  return out;
}
