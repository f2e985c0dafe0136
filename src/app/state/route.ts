/**
 * Links: the URL hash holds the view and its parameters, never data, so a bookmark
 * reopens the same view once the same files are loaded.
 *
 *   #/dashboard   #/data   #/console   #/kpis   #/kpi/<id>?name=value&...
 */

export type Route =
  | { view: 'dashboard' }
  | { view: 'data' }
  | { view: 'console' }
  | { view: 'kpis' }
  | { view: 'kpi'; id: string; params: Record<string, string> };

/** Parses a location hash. Unknown hashes fall back to the dashboard. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = h.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'kpi' && parts[1] && /^[a-z][a-z0-9_]*$/.test(parts[1])) {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(query)) params[k] = v;
    return { view: 'kpi', id: parts[1], params };
  }
  if (parts[0] === 'data' || parts[0] === 'console' || parts[0] === 'kpis' || parts[0] === 'dashboard') return { view: parts[0] };
  return { view: 'dashboard' };
}

/** Formats a route as a hash. Parameters equal to their defaults may be left out by the caller. */
export function formatHash(route: Route): string {
  if (route.view !== 'kpi') return `#/${route.view}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(route.params).sort(([a], [b]) => a.localeCompare(b))) q.set(k, v);
  const qs = q.toString();
  return `#/kpi/${encodeURIComponent(route.id)}${qs ? `?${qs}` : ''}`;
}
