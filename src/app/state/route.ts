/**
 * Links: the URL hash holds the view and its parameters, never data, so a bookmark
 * reopens the same view once the same files are loaded.
 *
 *   #/dashboard   #/data   #/console   #/kpis   #/kpi/<id>?name=value&...
 *   #/custom/new   #/custom/new?from=<kpi id>   #/custom/<id>   (the custom-KPI editor)
 *   #/report?v=<id>&v=<id>%3Fname%3Dvalue...   (the report's views in order, each as `id?params`)
 */

/** A KPI view in the report: which KPI and its parameters (text, as in links). */
export interface ReportItem {
  id: string;
  params: Record<string, string>;
}

export type Route =
  | { view: 'dashboard' }
  | { view: 'data' }
  | { view: 'console' }
  | { view: 'kpis' }
  | { view: 'kpi'; id: string; params: Record<string, string> }
  /** The custom-KPI editor: a saved custom KPI (`id`), or a new one (from the template or a copy of `from`). */
  | { view: 'custom'; id: string | null; from?: string }
  | { view: 'report'; items: ReportItem[] };

const ID = /^[a-z][a-z0-9_]*$/;

function readParams(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  return params;
}

function writeParams(params: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params).sort(([a], [b]) => a.localeCompare(b))) q.set(k, v);
  return q.toString();
}

/** A report item as `id` or `id?name=value&...` (parameters sorted by name). */
export function formatItem(item: ReportItem): string {
  const qs = writeParams(item.params);
  return qs ? `${item.id}?${qs}` : item.id;
}

/** Reads a report item written by {@link formatItem}; null when the id is not a KPI id. */
export function parseItem(text: string): ReportItem | null {
  const i = text.indexOf('?');
  const id = i < 0 ? text : text.slice(0, i);
  if (!ID.test(id)) return null;
  return { id, params: i < 0 ? {} : readParams(text.slice(i + 1)) };
}

/** Parses a location hash. Unknown hashes fall back to the dashboard. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const pathPart = q < 0 ? h : h.slice(0, q);
  const query = q < 0 ? '' : h.slice(q + 1);
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'custom' && parts[1] && ID.test(parts[1])) {
    if (parts[1] !== 'new') return { view: 'custom', id: parts[1] };
    const from = new URLSearchParams(query).get('from');
    return from && ID.test(from) ? { view: 'custom', id: null, from } : { view: 'custom', id: null };
  }
  if (parts[0] === 'kpi' && parts[1] && ID.test(parts[1]))
    return { view: 'kpi', id: parts[1], params: readParams(query) };
  if (parts[0] === 'report') {
    const items = new URLSearchParams(query)
      .getAll('v')
      .map(parseItem)
      .filter((x): x is ReportItem => x !== null);
    return { view: 'report', items };
  }
  if (parts[0] === 'data' || parts[0] === 'console' || parts[0] === 'kpis' || parts[0] === 'dashboard')
    return { view: parts[0] };
  return { view: 'dashboard' };
}

/** Formats a route as a hash. Parameters equal to their defaults may be left out by the caller. */
export function formatHash(route: Route): string {
  if (route.view === 'custom') {
    if (route.id) return `#/custom/${encodeURIComponent(route.id)}`;
    return route.from ? `#/custom/new?from=${encodeURIComponent(route.from)}` : '#/custom/new';
  }
  if (route.view === 'report') {
    const q = new URLSearchParams();
    for (const item of route.items) q.append('v', formatItem(item));
    const qs = q.toString();
    return `#/report${qs ? `?${qs}` : ''}`;
  }
  if (route.view !== 'kpi') return `#/${route.view}`;
  const qs = writeParams(route.params);
  return `#/kpi/${encodeURIComponent(route.id)}${qs ? `?${qs}` : ''}`;
}
