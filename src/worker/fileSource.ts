/**
 * An ingest source over a browser File: reads byte ranges lazily with `File.slice`, so a
 * gigabyte export is never held in memory whole.
 */
import type { IngestSource } from '../core/ingest/source.js';

/** Wraps a File (or Blob with a name) as an {@link IngestSource}. */
export function browserFileSource(file: File): IngestSource {
  return {
    name: file.name,
    size: file.size,
    handle: { kind: 'blob', blob: file },
    async read(start: number, end: number): Promise<Uint8Array> {
      return new Uint8Array(await file.slice(start, end).arrayBuffer());
    },
  };
}
