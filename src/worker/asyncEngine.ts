/**
 * Browser adapter of {@link SqlEngine}: an AsyncDuckDB whose own worker runs the wasm,
 * driven from the app worker. Statements run through the pending-query path
 * (`send`), so a running query can be cancelled; parameters are bound as session
 * variables through prepared statements (see core/engine/variables.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import type { SourceHandle, SqlEngine, SqlValue } from '../core/engine/types.js';
import { STARTUP_SQL } from '../core/engine/startup.js';
import { bindAsVariables } from '../core/engine/variables.js';
import { localBundles } from './bundles.js';

/** Thrown when a query was cancelled by the user or superseded. */
export class QueryCancelled extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelled';
  }
}

/** What went wrong inside the engine's own worker (a trap, out of memory). */
export type EngineCrashHandler = (message: string) => void;

export class AsyncEngine implements SqlEngine {
  private cancelRequested = false;
  private running = 0;

  private constructor(
    readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    readonly bundle: string,
    private readonly worker: Worker,
  ) {}

  /** Starts duckdb-wasm from the self-hosted bundles with extension loading off. */
  static async create(onCrash?: EngineCrashHandler): Promise<AsyncEngine> {
    const bundle = await duckdb.selectBundle(localBundles());
    const worker = new Worker(bundle.mainWorker!);
    worker.addEventListener('error', (e) => onCrash?.(e.message || 'engine worker error'));
    const logger = new duckdb.VoidLogger();
    const db = new duckdb.AsyncDuckDB(logger, worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({
      query: { castBigIntToDouble: false, castTimestampToDate: false, castDecimalToDouble: true },
    } as duckdb.DuckDBConfig);
    const conn = await db.connect();
    for (const s of STARTUP_SQL) await conn.query(s);
    const name = bundle.mainModule.includes('-eh') ? 'eh' : 'mvp';
    return new AsyncEngine(db, conn, name, worker);
  }

  /** Runs a statement through the cancellable path and collects its batches. */
  private async sendAll(sql: string): Promise<Table> {
    this.running++;
    try {
      const reader = await this.conn.send(sql, true);
      const batches: RecordBatch[] = [];
      if (reader) {
        for await (const b of reader) {
          if (this.cancelRequested) break;
          batches.push(b as RecordBatch);
        }
      }
      if (this.cancelRequested) throw new QueryCancelled();
      return batches.length
        ? new Table(batches)
        : new Table((reader as unknown as { schema: never })?.schema ?? undefined);
    } catch (e) {
      if (this.cancelRequested || /interrupt|cancel/i.test(String((e as Error)?.message))) throw new QueryCancelled();
      throw e;
    } finally {
      this.running--;
      if (this.running === 0) this.cancelRequested = false;
    }
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    if (params && params.length) {
      const bound = bindAsVariables(sql, params);
      for (const b of bound.bindings) {
        const stmt = await this.conn.prepare(b.sql);
        try {
          await stmt.query(b.value);
        } finally {
          await stmt.close();
        }
      }
      return this.sendAll(bound.sql);
    }
    return this.sendAll(sql);
  }

  async exec(sql: string): Promise<void> {
    await this.sendAll(sql);
  }

  /** Cancels whatever statement is running (no-op when idle). */
  async cancel(): Promise<void> {
    if (this.running === 0) return;
    this.cancelRequested = true;
    await this.conn.cancelSent().catch(() => false);
  }

  async registerText(name: string, text: string): Promise<void> {
    await this.db.registerFileText(name, text);
  }

  async registerBytes(name: string, bytes: Uint8Array): Promise<void> {
    await this.db.registerFileBuffer(name, bytes);
  }

  /** A File/Blob is read lazily by the engine's worker (FileReaderSync); bytes are transferred. */
  async registerSource(name: string, handle: SourceHandle): Promise<void> {
    if (handle.kind === 'blob')
      await this.db.registerFileHandle(name, handle.blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    else if (handle.kind === 'bytes') await this.db.registerFileBuffer(name, handle.bytes.slice());
    else throw new Error('the browser engine cannot read a path');
  }

  /**
   * Runs a statement with DuckDB's progress bar switched on for its duration; the engine's
   * worker posts the bar's percentage, which is passed on as a fraction.
   */
  async execWithProgress(sql: string, onProgress: (fraction: number) => void): Promise<void> {
    const handlers = (this.db as unknown as { _onExecutionProgress: ((p: duckdb.ProgressEntry) => void)[] })
      ._onExecutionProgress;
    const handler = (p: duckdb.ProgressEntry): void => {
      const pct = Number(p.percentage);
      if (Number.isFinite(pct)) onProgress(Math.max(0, Math.min(1, pct / 100)));
    };
    await this.conn.query('SET enable_progress_bar = true');
    await this.conn.query('SET enable_progress_bar_print = true');
    await this.conn.query('SET progress_bar_time = 0');
    handlers.push(handler);
    try {
      await this.sendAll(sql);
    } finally {
      const i = handlers.indexOf(handler);
      if (i >= 0) handlers.splice(i, 1);
      await this.conn.query('SET enable_progress_bar = false').catch(() => undefined);
    }
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  /** DuckDB's version string. */
  async version(): Promise<string> {
    return this.db.getVersion();
  }

  /** Stops the engine's worker for good. */
  async terminate(): Promise<void> {
    await this.db.terminate().catch(() => undefined);
    this.worker.terminate();
  }
}
