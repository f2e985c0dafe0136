/**
 * Where file bytes come from. The ingest loop reads lazily through this interface, a
 * slice at a time, so a file is never held in memory whole.
 */

import type { SourceHandle } from '../engine/types.js';

/** A random-access byte source: a browser `File`, a Node file, a buffer in tests. */
export interface IngestSource {
  /** File name as the user knows it (used for table names and in messages). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /**
   * Reads bytes `[start, end)`. `end` is clamped to `size` by the caller; an
   * implementation may return fewer bytes only at the end of the file.
   */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The whole input, for engines that can read it themselves (see `SqlEngine.registerSource`). */
  readonly handle?: SourceHandle | undefined;
}

/**
 * An {@link IngestSource} over bytes already in memory (tests, small pasted files).
 * Reads return views, not copies.
 */
export function bufferSource(name: string, bytes: Uint8Array): IngestSource {
  return {
    name,
    size: bytes.length,
    handle: { kind: 'bytes', bytes },
    read(start: number, end: number): Promise<Uint8Array> {
      const s = Math.max(0, Math.min(start, bytes.length));
      const e = Math.max(s, Math.min(end, bytes.length));
      return Promise.resolve(bytes.subarray(s, e));
    },
  };
}
