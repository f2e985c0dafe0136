/**
 * Packs Arrow results for the trip to the page: IPC stream bytes, transferred not copied.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import * as Comlink from 'comlink';
import type { QueryOutcome } from './api.js';

/** Serialises a result and marks its buffer for transfer. */
export function packResult(table: Table, elapsedMs: number, truncated = false): QueryOutcome {
  const ipc = tableToIPC(table, 'stream');
  return Comlink.transfer({ ipc, rows: table.numRows, truncated, elapsedMs }, [ipc.buffer as ArrayBuffer]);
}
