/**
 * A minimal static server for end-to-end tests and the bench: serves a production build
 * under a sub-path (default /team/kpi/) on loopback, like any static host would.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
};

/** Starts serving `root` under `base`; resolves with the server's URL. */
export function serve(root: string, base = '/team/kpi/', port = 0): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (!u.pathname.startsWith(base)) {
      res.writeHead(404).end('not under base');
      return;
    }
    let rel = decodeURIComponent(u.pathname.slice(base.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.(\/|\\|$))+/, ''));
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolve({ url: `http://127.0.0.1:${p}${base}`, close: () => server.close() });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist-e2e';
  const port = Number(process.argv[3] ?? 4178);
  void serve(path.resolve(root), '/team/kpi/', port).then((s) => console.log(`serving ${root} at ${s.url}`));
}
