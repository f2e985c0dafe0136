/**
 * Arrow IPC bytes from the worker → an Arrow `Table` on the page. apache-arrow's reader
 * is about 40 % of the page's script, and nothing needs it before the first result, so it
 * is loaded on its own (a chunk fetched and compiled in a task of its own while the engine
 * starts) instead of with the page's first script, whose evaluation was the first load's
 * one long main-thread task.
 */
import type { Table } from 'apache-arrow';

let loading: Promise<typeof import('apache-arrow')> | null = null;

/** The reader module; a failed load (a network hiccup on a hosted copy) is tried again next time. */
function arrow(): Promise<typeof import('apache-arrow')> {
  return (loading ??= import('apache-arrow').catch((err: unknown) => {
    loading = null;
    throw err;
  }));
}

/** Starts loading the Arrow reader (once), so that the first result need not wait for it. */
export function preloadArrow(): void {
  arrow().catch(() => undefined); // the result that needs it reports the failure
}

/** Decodes an Arrow IPC stream (loads the reader on first use). */
export async function tableFromIpc(ipc: Uint8Array): Promise<Table> {
  const { tableFromIPC } = await arrow();
  return tableFromIPC(ipc);
}
