/**
 * Reads the KPI and derived-table SQL files from the repository's `sql/` folder (Node only).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlFile } from '../core/kpi/catalogue.js';

/** The repository's `sql/` folder. */
export const SQL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sql');

/** All `.sql` files under `dir`, with paths like `sql/revenue/mrr.sql`. */
export function readSqlFiles(dir = SQL_DIR): SqlFile[] {
  const out: SqlFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.sql')) {
        out.push({
          path: path.posix.join('sql', path.relative(dir, full).split(path.sep).join('/')),
          text: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(dir);
  return out;
}
