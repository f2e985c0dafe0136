/**
 * An engine whose every statement is a background request of a {@link QueryQueue}: long
 * reports (the validation report) then run between the user's requests instead of ahead
 * of them. Each statement waits until nothing else is waiting; the work of the report as
 * a whole is superseded when a newer report of the same `view` starts.
 */
import type { Table } from 'apache-arrow';
import type { QueryQueue } from './queryQueue.js';
import type { SqlEngine, SqlValue } from './types.js';

/** Wraps `engine` so that each call goes through `queue` as a background request of `view`. */
export function backgroundEngine(engine: SqlEngine, queue: QueryQueue, view: string): SqlEngine {
  const bg = <T>(run: () => Promise<T>): Promise<T> => queue.submit(view, run, 'background');
  return {
    query: (sql: string, params?: readonly SqlValue[]): Promise<Table> => bg(() => engine.query(sql, params)),
    exec: (sql: string): Promise<void> => bg(() => engine.exec(sql)),
    registerText: (name: string, text: string): Promise<void> => bg(() => engine.registerText(name, text)),
    registerBytes: (name: string, bytes: Uint8Array): Promise<void> => bg(() => engine.registerBytes(name, bytes)),
    dropFile: (name: string): Promise<void> => bg(() => engine.dropFile(name)),
  };
}
