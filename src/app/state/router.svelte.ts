/**
 * The current route, kept in step with the URL hash (see route.ts).
 */
import { formatHash, parseHash, type Route } from './route.js';

export const router = $state({ route: parseHash(globalThis.location?.hash ?? '') as Route });

globalThis.addEventListener?.('hashchange', () => {
  router.route = parseHash(location.hash);
});

/** Goes to a route (pushes a history entry, so Back works). */
export function navigate(route: Route): void {
  const hash = formatHash(route);
  if (location.hash !== hash) location.hash = hash;
  router.route = route;
}

/** Replaces the current route's parameters without a new history entry. */
export function replaceParams(id: string, params: Record<string, string>): void {
  const route: Route = { view: 'kpi', id, params };
  history.replaceState(null, '', formatHash(route));
  router.route = route;
}

/** Replaces the current route without a new history entry (e.g. the report's list after an edit). */
export function replaceRoute(route: Route): void {
  history.replaceState(null, '', formatHash(route));
  router.route = route;
}
