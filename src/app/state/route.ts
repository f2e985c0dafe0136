/**
 * Links: the URL hash holds the view and its parameters, never data, so a bookmark
 * reopens the same view once the same files are loaded.
 *
 *   #/dashboard   #/data   #/console   #/kpis   #/kpi/<id>?name=value&...
 *   #/custom/new   #/custom/new?from=<kpi id>   #/custom/<id>   (the custom-KPI editor)
 */

export type Route =
  | { view: 'dashboard' }
  | { view: 'data' }
  | { view: 'console' }
  | { view: 'kpis' }
  | { view: 'kpi'; id: string; params: Record<string, string> }
  /** The custom-KPI editor: a saved custom KPI (`id`), or a new one (from the template or a copy of `from`). */
  | { view: 'custom'; id: string | null; from?: string };

const ID = /^[a-z][a-z0-9_]*$/;

/** Parses a location hash. Unknown hashes fall back to the dashboard. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = h.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'custom' && parts[1] && ID.test(parts[1])) {
    if (parts[1] !== 'new') return { view: 'custom', id: parts[1] };
    const from = new URLSearchParams(query).get('from');
    return from && ID.test(from) ? { view: 'custom', id: null, from } : { view: 'custom', id: null };
  }
  if (parts[0] === 'kpi' && parts[1] && ID.test(parts[1])) {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(query)) params[k] = v;
    return { view: 'kpi', id: parts[1], params };
  }
  if (parts[0] === 'data' || parts[0] === 'console' || parts[0] === 'kpis' || parts[0] === 'dashboard') return { view: parts[0] };
  return { view: 'dashboard' };
}

/** Formats a route as a hash. Parameters equal to their defaults may be left out by the caller. */
export function formatHash(route: Route): string {
  if (route.view === 'custom') {
    if (route.id) return `#/custom/${encodeURIComponent(route.id)}`;
    return route.from ? `#/custom/new?from=${encodeURIComponent(route.from)}` : '#/custom/new';
  }
  if (route.view !== 'kpi') return `#/${route.view}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(route.params).sort(([a], [b]) => a.localeCompare(b))) q.set(k, v);
  const qs = q.toString();
  return `#/kpi/${encodeURIComponent(route.id)}${qs ? `?${qs}` : ''}`;
}
