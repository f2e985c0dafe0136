/**
 * Writes the sample company's CSV files.
 *
 *   npx tsx scripts/generate-sample.ts [--size sample|s|m|l] [--out dir] [--locale en|ja|all] [--seed n]
 *
 * `--size sample` (default) writes the shipped sample, both locales, to public/sample/
 * (en/*.csv in UTF-8, ja/*.csv in Shift_JIS/CP932) with public/sample/manifest.json.
 * `s`, `m`, `l` (≈100 MB, 500 MB, 1 GB per locale) write bench inputs to
 * bench/cache/<size>/ (English only unless `--locale ja|all`). Files are streamed with
 * backpressure; no file is ever held in memory. Same arguments, same bytes.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import {
  chunkLines,
  encodeForLocale,
  isSampleSize,
  resolveParams,
  sampleFiles,
  sampleLines,
  SIZE_PRESETS,
  type SampleLocale,
  type SampleSize,
} from '../src/core/sample/index.js';

interface Args {
  size: SampleSize;
  out: string;
  locales: SampleLocale[];
  seed: number | undefined;
}

function parseArgs(argv: string[]): Args {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--(size|out|locale|seed)(?:=(.*))?$/.exec(a);
    if (!m)
      throw new Error(
        `unknown argument: ${a}\nusage: generate-sample.ts [--size sample|s|m|l] [--out dir] [--locale en|ja|all] [--seed n]`,
      );
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    opts.set(m[1] as string, value);
  }
  const size = opts.get('size') ?? 'sample';
  if (!isSampleSize(size)) throw new Error(`--size must be sample, s, m or l, got ${size}`);
  const locale = opts.get('locale') ?? (size === 'sample' ? 'all' : 'en');
  if (locale !== 'en' && locale !== 'ja' && locale !== 'all')
    throw new Error(`--locale must be en, ja or all, got ${locale}`);
  const seedText = opts.get('seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${seedText}`);
  return {
    size,
    out: opts.get('out') ?? (size === 'sample' ? 'public/sample' : path.join('bench', 'cache', size)),
    locales: locale === 'all' ? ['en', 'ja'] : [locale],
    seed,
  };
}

interface Written {
  bytes: number;
  rows: number;
  sha256: string;
}

async function writeStreamed(file: string, locale: SampleLocale, lines: Iterable<string>): Promise<Written> {
  const hash = createHash('sha256');
  const stream = createWriteStream(file);
  let bytes = 0;
  let rows = -1; // the header is not a row
  function* counted(): Generator<string> {
    for (const line of lines) {
      rows++;
      yield line;
    }
  }
  for (const chunk of chunkLines(counted())) {
    const data = encodeForLocale(locale, chunk);
    hash.update(data);
    bytes += data.length;
    if (!stream.write(data)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
  return { bytes, rows, sha256: hash.digest('hex') };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const files: Array<Record<string, string | number>> = [];
  let params: Record<string, unknown> = {};
  for (const locale of args.locales) {
    const p = resolveParams({
      ...SIZE_PRESETS[args.size],
      locale,
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    });
    params = {
      seed: p.seed,
      customers: p.customers,
      months: p.months,
      endDate: p.endDate,
      eventsPerActiveDay: p.eventsPerActiveDay,
      eventSampleRate: p.eventSampleRate,
    };
    mkdirSync(path.join(args.out, locale), { recursive: true });
    for (const f of sampleFiles(locale)) {
      const rel = `${locale}/${f.fileName}`;
      const t0 = performance.now();
      const w = await writeStreamed(path.join(args.out, rel), locale, sampleLines(f.table, p));
      console.log(
        `${rel.padEnd(22)} ${mb(w.bytes).padStart(12)} ${String(w.rows).padStart(10)} rows  ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      files.push({
        locale,
        path: rel,
        role: f.role,
        encoding: f.encoding,
        bytes: w.bytes,
        rows: w.rows,
        sha256: w.sha256,
      });
    }
  }
  const manifest = { generator: 'kpi-workbench sample generator (src/core/sample)', size: args.size, params, files };
  writeFileSync(path.join(args.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = files.reduce((s, f) => s + Number(f.bytes), 0);
  console.log(`total ${mb(total)} in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${args.out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
