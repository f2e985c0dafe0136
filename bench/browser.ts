/**
 * The browser path: the production build in headless Debian Chromium, driven like a
 * user (drop files on the data page, open the dashboard, open heavy views), timing each
 * step and sampling the renderer processes' memory.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { serve } from '../test/e2e/server.js';
import { HEAVY_VIEWS, viewLabel } from './steps.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const STEP_TIMEOUT = 20 * 60_000;

export interface StepResult {
  step: string;
  seconds: number;
  /** Largest renderer RSS sampled during the step. */
  rendererRssBytes: number;
  longTasks: number;
  longestTaskMs: number;
  outcome?: string;
}

export interface BrowserRun {
  firstLoad: StepResult;
  ingest: StepResult;
  /** Sum of the files' own load times as the table cards state them (reading, parsing, converting; no model). */
  fileLoadSeconds?: number;
  dashboard: StepResult;
  views: StepResult[];
  /** Max VmHWM over the renderer processes (the worker's wasm heap lives there too). */
  rendererPeakBytes: number;
  chromiumVersion: string;
}

export function buildApp(outDir: string): void {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}

/** Descendant processes of `root` whose command line says `--type=renderer`. */
function rendererPids(root: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], {
    encoding: 'utf8',
  });
  const children = new Map<number, { pid: number; args: string }[]>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const ppid = Number(m[2]);
    const list = children.get(ppid) ?? [];
    list.push({ pid: Number(m[1]), args: m[3] as string });
    children.set(ppid, list);
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    for (const c of children.get(p) ?? []) {
      if (c.args.includes('--type=renderer')) found.push(c.pid);
      stack.push(c.pid);
    }
  }
  return found;
}

function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the renderers' VmHWM and VmRSS every 200 ms (the worker's wasm heap lives in a renderer too). */
export class MemorySampler {
  peakHwm = 0;
  stepRss = 0;
  private timer: NodeJS.Timeout | undefined;
  private pids: number[] = [];
  private ticks = 0;

  constructor(private readonly browserPid: number) {}

  private sample(): void {
    if (this.ticks++ % 10 === 0 || this.pids.length === 0) this.pids = rendererPids(this.browserPid);
    for (const pid of this.pids) {
      this.peakHwm = Math.max(this.peakHwm, statusKb(pid, 'VmHWM'));
      this.stepRss = Math.max(this.stepRss, statusKb(pid, 'VmRSS'));
    }
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  /** Largest renderer RSS since the last call. */
  takeStep(): number {
    this.sample();
    const r = this.stepRss;
    this.stepRss = 0;
    return r;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}

declare global {
  interface Window {
    __benchLongTasks: number[];
  }
}

async function takeLongTasks(page: Page): Promise<{ count: number; longest: number }> {
  const tasks = await page.evaluate(() => window.__benchLongTasks.splice(0));
  return {
    count: tasks.length,
    longest: tasks.reduce((a, b) => Math.max(a, b), 0),
  };
}

async function setHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** Waits until no tile is loading and at least one has a value (before data arrives, tiles say "missing"). */
async function waitTilesSettled(page: Page): Promise<string> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="tile"][data-status="ok"]').length > 0 &&
      document.querySelectorAll('[data-testid="tile"][data-status="loading"]').length === 0,
    undefined,
    { timeout: STEP_TIMEOUT, polling: 100 },
  );
  return page.evaluate(() => {
    const n: Record<string, number> = {};
    for (const t of document.querySelectorAll('[data-testid="tile"]')) {
      const s = t.getAttribute('data-status') ?? '?';
      n[s] = (n[s] ?? 0) + 1;
    }
    return Object.entries(n)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
  });
}

/** One full run in a fresh browser. */
export async function browserRun(appRoot: string, files: string[], log: (s: string) => void): Promise<BrowserRun> {
  const server = await serve(appRoot);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  // Renderers are descendants of this process (playwright-core launches Chromium as a child).
  const mem = new MemorySampler(process.pid);
  mem.start();
  try {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
    });
    await context.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const now = (): number => performance.now() / 1000;
    const step = async (name: string, t0: number, outcome?: string): Promise<StepResult> => {
      const seconds = now() - t0;
      const lt = await takeLongTasks(page);
      const r: StepResult = {
        step: name,
        seconds,
        rendererRssBytes: mem.takeStep(),
        longTasks: lt.count,
        longestTaskMs: lt.longest,
        ...(outcome ? { outcome } : {}),
      };
      log(
        `  ${name.padEnd(32)} ${seconds.toFixed(2).padStart(8)} s  rss ${(r.rendererRssBytes / 2 ** 20).toFixed(0)} MiB  long tasks ${lt.count} (max ${lt.longest.toFixed(0)} ms)${outcome ? `  ${outcome}` : ''}`,
      );
      return r;
    };

    // First load: the dashboard drawn from the built-in sample.
    let t0 = now();
    await page.goto(`${server.url}#/dashboard`);
    const firstOutcome = await waitTilesSettled(page);
    const firstLoad = await step('first load (sample dashboard)', t0, firstOutcome);

    // Data page with the sample in, then the drop replaces it.
    await setHash(page, '#/data');
    await page.getByTestId('sample-banner').waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="table-card"]').length > 0 &&
        document.querySelectorAll('[data-testid="ingest-card"].loading').length === 0,
      undefined,
      { timeout: STEP_TIMEOUT, polling: 100 },
    );
    await takeLongTasks(page);
    mem.takeStep();
    t0 = now();
    await page.getByTestId('file-input').setInputFiles(files);
    await page.waitForFunction(
      (n) => {
        const failed = document.querySelector('[data-testid="ingest-card"].failed');
        if (failed) return `failed: ${failed.textContent ?? ''}`;
        return (
          document.querySelectorAll('[data-testid="sample-banner"]').length === 0 &&
          document.querySelectorAll('[data-testid="table-card"]').length === n &&
          document.querySelectorAll('[data-testid="ingest-card"].loading').length === 0
        );
      },
      files.length,
      { timeout: STEP_TIMEOUT, polling: 100 },
    );
    const failed = await page.locator('[data-testid="ingest-card"].failed').count();
    if (failed > 0)
      throw new Error(
        `ingest failed in the page: ${await page.locator('[data-testid="ingest-card"].failed').first().innerText()}`,
      );
    const ingest = await step('ingest (drop → all table cards)', t0);
    const loadTimes = await page
      .locator('[data-testid="table-card"] [data-testid="load-time"]')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seconds)));
    const fileLoadSeconds = loadTimes.length === files.length ? loadTimes.reduce((a, b) => a + b, 0) : NaN;
    log(`  file loads (table cards, no model) ${fileLoadSeconds.toFixed(2)} s`);

    t0 = now();
    await setHash(page, '#/dashboard');
    const dashOutcome = await waitTilesSettled(page);
    const dashboard = await step('dashboard', t0, dashOutcome);

    const views: StepResult[] = [];
    for (const v of HEAVY_VIEWS) {
      await page.evaluate(() => {
        for (const e of document.querySelectorAll(
          '[data-testid="kpi-table"], [data-testid="kpi-view"] [role="alert"], [data-testid="kpi-missing"]',
        ))
          e.setAttribute('data-bench-stale', '1');
      });
      t0 = now();
      await setHash(page, `#/kpi/${v.id}${v.query ? `?${v.query}` : ''}`);
      // No named inner functions here: tsx would wrap them in `__name(...)`, unknown in the page
      // (and the page's CSP forbids string predicates).
      const handle = await page.waitForFunction(
        (id) => {
          const view = document.querySelector(`[data-testid="kpi-view"][data-kpi="${id}"]`);
          if (!view) return false;
          const kinds = [
            ['[data-testid="kpi-table"]', 'table'],
            ['[role="alert"]', 'alert'],
            ['[data-testid="kpi-missing"]', 'missing'],
          ];
          for (const [sel, kind] of kinds) {
            const list = view.querySelectorAll(sel as string);
            for (let i = 0; i < list.length; i++) {
              const el = list[i] as Element;
              if (el.hasAttribute('data-bench-stale')) continue;
              return kind === 'table'
                ? `table, ${el.getAttribute('data-rows') ?? el.querySelectorAll('tbody tr').length} rows`
                : `${kind}: ${(el.textContent ?? '').trim().slice(0, 120)}`;
            }
          }
          return false;
        },
        v.id,
        { timeout: STEP_TIMEOUT, polling: 50 },
      );
      views.push(await step(viewLabel(v), t0, String(await handle.jsonValue())));
    }
    if (errors.length > 0) log(`  page errors: ${errors.join(' | ')}`);
    mem.stop();
    return {
      firstLoad,
      ingest,
      fileLoadSeconds,
      dashboard,
      views,
      rendererPeakBytes: mem.peakHwm,
      chromiumVersion: browser.version(),
    };
  } finally {
    mem.stop();
    await browser.close();
    server.close();
  }
}
