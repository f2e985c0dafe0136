/**
 * Bench inputs, cached under bench/cache/<size>/en/: s, m and l come from the sample
 * generator script; `smoke` (a tiny company, for CI) from its API directly.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chunkLines, encodeForLocale, resolveParams, sampleFiles, sampleLines } from '../src/core/sample/index.js';

export type BenchSize = 'smoke' | 's' | 'm' | 'l';
export const SIZES: readonly BenchSize[] = ['smoke', 's', 'm', 'l'];

export interface DataSet {
  size: BenchSize;
  dir: string;
  files: { name: string; path: string; bytes: number; rows: number }[];
  totalBytes: number;
  generatedSeconds: number | null;
}

interface Manifest {
  files: { locale: string; path: string; bytes: number; rows: number }[];
}

const SMOKE_PARAMS = { customers: 200, months: 6, locale: 'en' as const };

function fromManifest(size: BenchSize, root: string, generatedSeconds: number | null): DataSet | null {
  const mf = path.join(root, 'manifest.json');
  if (!existsSync(mf)) return null;
  const manifest = JSON.parse(readFileSync(mf, 'utf8')) as Manifest;
  const files = manifest.files
    .filter((f) => f.locale === 'en')
    .map((f) => ({
      name: path.basename(f.path),
      path: path.join(root, f.path),
      bytes: f.bytes,
      rows: f.rows,
    }));
  if (files.length === 0) return null;
  for (const f of files) if (!existsSync(f.path) || statSync(f.path).size !== f.bytes) return null;
  return {
    size,
    dir: path.join(root, 'en'),
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    generatedSeconds,
  };
}

function writeSmoke(root: string): void {
  const p = resolveParams(SMOKE_PARAMS);
  mkdirSync(path.join(root, 'en'), { recursive: true });
  const files: Manifest['files'] = [];
  for (const f of sampleFiles('en')) {
    const parts: Uint8Array[] = [];
    let rows = -1; // the header is not a row
    function* counted(lines: Iterable<string>): Generator<string> {
      for (const line of lines) {
        rows++;
        yield line;
      }
    }
    for (const chunk of chunkLines(counted(sampleLines(f.table, p)))) parts.push(encodeForLocale('en', chunk));
    const data = Buffer.concat(parts);
    writeFileSync(path.join(root, 'en', f.fileName), data);
    files.push({
      locale: 'en',
      path: `en/${f.fileName}`,
      bytes: data.length,
      rows,
      sha256: createHash('sha256').update(data).digest('hex'),
    } as Manifest['files'][number]);
  }
  writeFileSync(
    path.join(root, 'manifest.json'),
    `${JSON.stringify({ generator: 'bench/data.ts (smoke)', size: 'smoke', params: SMOKE_PARAMS, files }, null, 2)}\n`,
  );
}

/** The data set of `size`, generated first unless the cache already holds it. */
export function ensureData(size: BenchSize, cacheRoot = path.resolve('bench/cache')): DataSet {
  const root = path.join(cacheRoot, size);
  const cached = fromManifest(size, root, null);
  if (cached) return cached;
  const t0 = performance.now();
  if (size === 'smoke') writeSmoke(root);
  else
    execFileSync('npx', ['tsx', 'scripts/generate-sample.ts', '--size', size, '--out', root, '--locale', 'en'], {
      stdio: 'inherit',
    });
  const made = fromManifest(size, root, (performance.now() - t0) / 1000);
  if (!made) throw new Error(`generating ${size} did not produce the files its manifest lists (${root})`);
  return made;
}
