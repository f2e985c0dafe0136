/**
 * Node adapter of {@link SqlEngine}: the blocking duckdb-wasm build, used by the CLI and
 * the tests. Same engine (DuckDB 1.4.3 compiled to wasm) as the browser worker.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import type { SourceHandle, SqlEngine, SqlValue } from '../core/engine/types.js';
import { STARTUP_SQL } from '../core/engine/startup.js';

const require = createRequire(import.meta.url);

function bundles(): duckdb.DuckDBBundles {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  return {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: null },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: null },
  } as unknown as duckdb.DuckDBBundles;
}

/** A {@link SqlEngine} backed by an in-process blocking duckdb-wasm instance. */
export class NodeEngine implements SqlEngine {
  private constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly conn: duckdb.DuckDBConnection,
  ) {}

  /** Starts a fresh in-memory database with extension loading disabled. */
  static async create(): Promise<NodeEngine> {
    const logger = new duckdb.VoidLogger();
    const db = await duckdb.createDuckDB(bundles(), logger, duckdb.NODE_RUNTIME);
    await db.instantiate();
    const conn = db.connect();
    for (const s of STARTUP_SQL) conn.query(s);
    return new NodeEngine(db, conn);
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    if (!params || params.length === 0) return this.conn.query(sql) as unknown as Table;
    const stmt = this.conn.prepare(sql);
    try {
      return stmt.query(...params) as unknown as Table;
    } finally {
      stmt.close();
    }
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  async registerText(name: string, text: string): Promise<void> {
    this.db.registerFileText(name, text);
  }

  async registerBytes(name: string, bytes: Uint8Array): Promise<void> {
    this.db.registerFileBuffer(name, bytes);
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(name);
  }

  /** A path is read lazily from disk (NODE_FS); bytes are registered as a buffer. */
  async registerSource(name: string, handle: SourceHandle): Promise<void> {
    if (handle.kind === 'path') this.db.registerFileURL(name, handle.path, duckdb.DuckDBDataProtocol.NODE_FS, false);
    else if (handle.kind === 'bytes') this.db.registerFileBuffer(name, handle.bytes);
    else throw new Error('the Node engine cannot read a Blob');
  }

  /** The blocking build reports no progress while it runs: only the end is reported. */
  async execWithProgress(sql: string, onProgress: (fraction: number) => void): Promise<void> {
    this.conn.query(sql);
    onProgress(1);
  }

  /** Releases the connection and the database. */
  close(): void {
    this.conn.close();
    this.db.reset();
  }
}
