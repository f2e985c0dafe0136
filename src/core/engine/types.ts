/**
 * The one small interface through which the pure core talks to DuckDB.
 *
 * Two adapters implement it: the browser worker (async duckdb-wasm) and Node
 * (blocking duckdb-wasm build, used by the CLI and the tests). Results are Apache
 * Arrow tables in both, so they can cross to the page without copying.
 */
import type { Table } from 'apache-arrow';

/** A value that may be bound to a prepared-statement parameter. */
export type SqlValue = string | number | boolean | null;

export interface SqlEngine {
  /**
   * Runs one statement. With `params`, the statement is prepared and `$1`, `$2`, …
   * are bound positionally (values are never spliced into SQL text).
   */
  query(sql: string, params?: readonly SqlValue[]): Promise<Table>;
  /** Runs one or more statements for their effect (DDL, SET, …). */
  exec(sql: string): Promise<void>;
  /** Makes text available to `read_csv` under `name` (used for transcoded or small inputs). */
  registerText(name: string, text: string): Promise<void>;
  /** Makes bytes available to `read_csv` under `name`. */
  registerBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
}
