/**
 * The SQL console's query history, kept in this browser only (localStorage), newest first.
 */
const KEY = 'kpi-workbench.sql-history';
const MAX = 50;

/** Reads the stored history. */
export function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** Adds a query to the front (deduplicated) and returns the new history. */
export function pushHistory(sql: string): string[] {
  const next = [sql, ...loadHistory().filter((q) => q !== sql)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* storage full or private mode */
  }
  return next;
}
