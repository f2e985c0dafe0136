/**
 * The user's loaded tables: what DuckDB holds, plus where each came from. Canonical
 * views and derived tables are not listed (they belong to the model, not the user).
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';

export interface LoadedTableInfo {
  name: string;
  file: string | null;
  rows: number;
  columns: { name: string; type: string }[];
  encoding: string | null;
  skippedRows: number;
  /** Size of the source file in bytes, when it came from one. */
  bytes?: number | null;
  /** Seconds the load of the file took (reading, parsing, converting; not the model). */
  loadSeconds?: number | null;
  /** `direct`: DuckDB read the file in one statement; `sliced`: slice by slice (with why, if direct failed). */
  loadPath?: string | null;
}

/** Where a table came from (kept beside DuckDB, which does not know). */
export interface TableOrigin {
  file: string | null;
  encoding: string | null;
  skippedRows: number;
  bytes?: number | null;
  loadSeconds?: number | null;
  loadPath?: string | null;
}

/** Quotes an identifier for DuckDB (double quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Registry of user tables and their origins. */
export class TableRegistry {
  private readonly origins = new Map<string, TableOrigin>();
  /** A number per load: a table loaded again under the same name gets a new one. */
  private readonly loads = new Map<string, number>();
  private loadCount = 0;

  constructor(private readonly engine: SqlEngine) {}

  /** Records a newly loaded table. */
  add(name: string, origin: TableOrigin): void {
    this.origins.set(name, origin);
    this.loads.set(name, ++this.loadCount);
  }

  /** Names of the user's tables, in load order. */
  names(): string[] {
    return [...this.origins.keys()];
  }

  /** Names, source files and load numbers, in load order. */
  entries(): { name: string; file: string | null; load: number }[] {
    return [...this.origins].map(([name, o]) => ({ name, file: o.file, load: this.loads.get(name) ?? 0 }));
  }

  /** Total size of the files the tables came from, leaving out `except` (a table about to be replaced). */
  bytesHeld(except?: string): number {
    let sum = 0;
    for (const [name, o] of this.origins) if (name !== except) sum += o.bytes ?? 0;
    return sum;
  }

  has(name: string): boolean {
    return this.origins.has(name);
  }

  /** Describes every user table (row count and column types from DuckDB). */
  async list(): Promise<LoadedTableInfo[]> {
    const out: LoadedTableInfo[] = [];
    for (const [name, origin] of this.origins) {
      const cols = tableToRows(
        await this.engine.query(
          "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'main' ORDER BY ordinal_position",
          [name],
        ),
      );
      const count = tableToRows(await this.engine.query(`SELECT count(*) AS n FROM main.${quoteIdent(name)}`));
      out.push({
        name,
        ...origin,
        rows: Number(count[0]?.n ?? 0),
        columns: cols.map((c) => ({ name: String(c.name), type: String(c.type) })),
      });
    }
    return out;
  }

  /** Drops a user table. */
  async drop(name: string): Promise<void> {
    await this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    this.origins.delete(name);
    this.loads.delete(name);
  }

  /** Renames a user table; the new name must be free. Returns the new name. */
  async rename(from: string, to: string): Promise<string> {
    const target = to.trim();
    if (!target) throw new Error('empty table name');
    if (this.origins.has(target)) throw new Error(`a table named ${target} already exists`);
    const origin = this.origins.get(from);
    if (!origin) throw new Error(`no table named ${from}`);
    await this.engine.exec(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(target)}`);
    // Keep load order.
    const entries = [...this.origins.entries()].map(([k, v]) =>
      k === from ? ([target, v] as const) : ([k, v] as const),
    );
    this.origins.clear();
    for (const [k, v] of entries) this.origins.set(k, v);
    this.loads.set(target, this.loads.get(from) ?? 0);
    this.loads.delete(from);
    return target;
  }
}
