/**
 * The KPI and derived-table SQL files, bundled at build time by Vite (no fetch at run time).
 */
import type { SqlFile } from '../core/kpi/catalogue.js';

const modules = import.meta.glob('/sql/**/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** All bundled SQL files with repository-relative paths (`sql/revenue/mrr.sql`). */
export function bundledSqlFiles(): SqlFile[] {
  return Object.entries(modules).map(([path, text]) => ({ path: path.replace(/^\//, ''), text }));
}
