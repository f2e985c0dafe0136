/**
 * The performance bench (issue 6):
 *
 *   npm run bench [-- --size smoke|s|m|l] [-- --runs 3]
 *
 * Generates (or reuses) the synthetic exports, builds the app once, then per run: the
 * browser path (headless Chromium, like a user) and the native reference (@duckdb/node-api,
 * one thread and all threads, the same KPI SQL through the same core). Writes medians to
 * bench/results/<date>-<size>.md (+ .json) and a summary into README.md between the
 * bench markers. Numbers never go into tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, browserRun, CHROMIUM, type BrowserRun } from './browser.js';
import { ensureData, SIZES, type BenchSize } from './data.js';
import type { NativeResult } from './native.js';
import { renderReport, type BenchReport } from './report.js';
import { alignResultFiles, updateReadmeSummary } from './readme.js';

function parseArgs(argv: string[]): {
  size: BenchSize;
  runs: number;
  skipBrowser: boolean;
  skipNative: boolean;
  build: boolean;
  /** Measure only (CI's smoke run keeps the script working without touching bench/results). */
  write: boolean;
} {
  let size: BenchSize = 'smoke';
  let build = true;
  let runs = 3;
  let skipBrowser = false;
  let skipNative = false;
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--(size|runs)(?:=(.*))?$/.exec(a);
    if (a === '--') continue;
    if (a === '--no-browser') skipBrowser = true;
    else if (a === '--no-build') build = false;
    else if (a === '--no-native') skipNative = true;
    else if (a === '--no-write') write = false;
    else if (m) {
      const v = m[2] ?? argv[++i];
      if (m[1] === 'size') {
        if (!SIZES.includes(v as BenchSize)) throw new Error(`--size must be one of ${SIZES.join(', ')}, got ${v}`);
        size = v as BenchSize;
      } else {
        runs = Number(v);
        if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${v}`);
      }
    } else
      throw new Error(
        `unknown argument ${a}\nusage: npm run bench -- [--size smoke|s|m|l] [--runs n] [--no-browser] [--no-native] [--no-build] [--no-write]`,
      );
  }
  return { size, runs, skipBrowser, skipNative, build, write };
}

/**
 * Native DuckDB (@duckdb/node-api, same DuckDB version as the wasm build) is installed on
 * demand, not listed in package.json: the registry mirror lacks its bindings for other
 * platforms, which makes `npm ci` refuse the lock file.
 */
export const NATIVE_PACKAGE = '@duckdb/node-api@1.4.3-r.3';

function ensureNativeDuckDB(): void {
  try {
    execFileSync(process.execPath, ['-e', "require.resolve('@duckdb/node-api')"], { stdio: 'ignore' });
  } catch {
    console.error(`installing ${NATIVE_PACKAGE} for the native reference (not saved to package.json)`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', NATIVE_PACKAGE], {
      stdio: 'inherit',
    });
  }
}

function native(dir: string, threads: string): NativeResult {
  ensureNativeDuckDB();
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('bench/native.ts'), dir, threads], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as NativeResult;
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string): void => console.log(s);
  log(`bench: size ${args.size}, ${args.runs} run(s)`);
  const data = ensureData(args.size);
  log(
    `data: ${data.files.length} files, ${(data.totalBytes / 1e6).toFixed(1)} MB in ${data.dir}${data.generatedSeconds !== null ? ` (generated in ${data.generatedSeconds.toFixed(0)} s)` : ' (cached)'}`,
  );
  const appRoot = path.resolve('bench/cache/dist'); // git-ignored, so lint and prettier skip it
  if (!args.skipBrowser && (args.build || !existsSync(path.join(appRoot, 'index.html')))) {
    log('building the app…');
    buildApp(appRoot);
  }
  const loadBefore = os.loadavg()[0] ?? 0;
  const browser: BrowserRun[] = [];
  const native1: NativeResult[] = [];
  const nativeAll: NativeResult[] = [];
  const files = data.files.map((f) => f.path);
  for (let r = 1; r <= args.runs; r++) {
    if (!args.skipBrowser) {
      log(`run ${r}: Chromium`);
      browser.push(await browserRun(appRoot, files, log));
    }
    if (!args.skipNative) {
      for (const [threads, into] of [
        ['1', native1],
        ['all', nativeAll],
      ] as const) {
        log(`run ${r}: native, threads ${threads}`);
        const n = native(data.dir, threads);
        log(
          `  ingest ${n.ingestSeconds.toFixed(2)} s, model ${n.modelSeconds.toFixed(2)} s, dashboard ${n.dashboardSeconds.toFixed(2)} s, views ${n.views.map((v) => `${v.view} ${v.seconds.toFixed(2)}${v.error ? ` ERROR ${v.error}` : ''}`).join(', ')}, peak RSS ${(n.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
        );
        if (n.dashboardErrors.length > 0) log(`  dashboard errors: ${n.dashboardErrors.join(' | ')}`);
        into.push(n);
      }
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  const report: BenchReport = {
    date,
    size: args.size,
    runs: args.runs,
    data,
    revision: version('git', ['describe', '--always', '--dirty']),
    loadAverage: [loadBefore, os.loadavg()[0] ?? 0],
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryBytes: os.totalmem(),
      node: process.version,
      chromium: browser[0]?.chromiumVersion ?? version(CHROMIUM, ['--version']),
    },
    browser,
    native1,
    nativeAll,
  };
  if (!args.write) {
    log('--no-write: results not written');
    return;
  }
  mkdirSync('bench/results', { recursive: true });
  const base = path.join('bench/results', `${date}-${args.size}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderReport(report));
  alignResultFiles([`${base}.md`, `${base}.json`]);
  log(`wrote ${base}.md`);
  if (args.size !== 'smoke' && browser.length > 0 && native1.length > 0) {
    if (updateReadmeSummary(report, `${base}.md`)) log('updated the README summary');
    else log('README has no bench markers: summary not written');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
