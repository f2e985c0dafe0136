/**
 * The one small interface through which the pure core talks to DuckDB.
 *
 * Two adapters implement it: the browser worker (async duckdb-wasm) and Node
 * (blocking duckdb-wasm build, used by the CLI and the tests). Results are Apache
 * Arrow tables in both, so they can cross to the page without copying.
 */
import type { Table } from 'apache-arrow';

/**
 * A whole input that DuckDB can read by itself, lazily, with no copy through JavaScript:
 * a browser `File`/`Blob` (read with FileReaderSync in the engine's worker), a path on
 * disk (Node), or bytes already in memory (tests, small inputs; the adapter may copy them).
 */
export type SourceHandle =
  { kind: 'blob'; blob: Blob } | { kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

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
  /**
   * Optional: registers a whole input under `name` for DuckDB's own lazy reads. Adapters
   * that cannot read a kind of handle throw; the loader then reads slice by slice.
   */
  registerSource?(name: string, handle: SourceHandle): Promise<void>;
  /**
   * Optional: runs one statement for its effect while reporting DuckDB's own progress
   * through it (0–1, as the engine estimates it; not necessarily monotone across phases).
   */
  execWithProgress?(sql: string, onProgress: (fraction: number) => void): Promise<void>;
  /** Optional: cancels the statement that is running (no-op when idle). */
  cancel?(): Promise<void>;
}
