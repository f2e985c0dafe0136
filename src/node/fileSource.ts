/**
 * An {@link IngestSource} over a file on disk, for the CLI and the tests. Each read opens
 * the file, reads one byte range and closes it again, so nothing stays open between
 * slices and the file is never read whole.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestSource } from '../core/ingest/source.js';

/** Opens `filePath` as an ingest source; `name` defaults to the file's base name. */
export async function fileSource(filePath: string, name: string = path.basename(filePath)): Promise<IngestSource> {
  const { size } = await stat(filePath);
  return {
    name,
    size,
    handle: { kind: 'path', path: path.resolve(filePath) },
    async read(start: number, end: number): Promise<Uint8Array> {
      const from = Math.max(0, Math.min(start, size));
      const length = Math.max(0, Math.min(end, size) - from);
      const buffer = new Uint8Array(length);
      if (length === 0) return buffer;
      const handle = await open(filePath, 'r');
      try {
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, from + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? buffer : buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}
