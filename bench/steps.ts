/** What the bench measures, shared by the browser and the native paths. */

/** Heavy KPI views, visited one by one after the dashboard (hash route `#/kpi/<id>?<query>`). */
export const HEAVY_VIEWS: readonly { id: string; query: string }[] = [
  { id: 'cohort_retention', query: 'source=events' },
  { id: 'cohort_retention', query: '' },
  { id: 'active_users', query: '' },
  { id: 'stickiness', query: '' },
  { id: 'lifecycle', query: '' },
  { id: 'mrr_movements', query: '' },
  { id: 'nrr', query: '' },
];

export function viewLabel(v: { id: string; query: string }): string {
  return v.query ? `${v.id}?${v.query}` : v.id;
}

export function queryParams(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}

/** The CSV files of a bench data set, in load order. */
export const FILES = ['customers.csv', 'subscriptions.csv', 'events.csv', 'responses.csv', 'tickets.csv'] as const;
