/**
 * `npm run bench:huge`: one events export of more than 3 GB dropped on the production
 * build in headless Chromium, as a user would. It records whether the tab survives, the
 * load time and rate, the progress bar along the way, the renderer's peak memory, the
 * rows loaded, and one KPI view over them. Written to `bench/results/<date>-huge.md`.
 *
 * The file is the size-l events export repeated (header once) until it passes 3 GB, so
 * it has real shapes and values (every user-day appears several times). Options:
 * `--file <csv>` to drop another file, `--no-build` to reuse the last build, `--no-write`.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../test/e2e/server.js';
import { buildApp, CHROMIUM, CHROMIUM_ARGS, MemorySampler } from './browser.js';
import { ensureData } from './data.js';

const TARGET_BYTES = 3e9;
const TIMEOUT = 45 * 60_000;

async function hugeEvents(): Promise<string> {
  const l = ensureData('l');
  const events = l.files.find((f) => f.name === 'events.csv');
  if (!events) throw new Error('size l has no events.csv');
  const dir = path.resolve('bench/cache/huge');
  const out = path.join(dir, 'events.csv');
  const copies = Math.ceil(TARGET_BYTES / events.bytes);
  if (existsSync(out) && statSync(out).size >= TARGET_BYTES) return out;
  mkdirSync(dir, { recursive: true });
  const w = createWriteStream(out);
  for (let i = 0; i < copies; i++) {
    let first = true;
    for await (const chunk of createReadStream(events.path)) {
      let buf = chunk as Buffer;
      if (first && i > 0) buf = buf.subarray(buf.indexOf(0x0a) + 1); // the header only once
      first = false;
      if (!w.write(buf)) await once(w, 'drain');
    }
  }
  w.end();
  await once(w, 'finish');
  return out;
}

async function main(): Promise<void> {
  const given = process.argv.indexOf('--file');
  const file = given > 0 && process.argv[given + 1] ? path.resolve(process.argv[given + 1]!) : await hugeEvents();
  const bytes = statSync(file).size;
  console.log(`huge: ${(bytes / 1e9).toFixed(2)} GB in ${file}`);
  const appRoot = path.resolve('bench/cache/dist');
  // Built afresh unless told not to, as `npm run bench` does: a stale build would measure old code.
  if (!process.argv.includes('--no-build') || !existsSync(path.join(appRoot, 'index.html'))) buildApp(appRoot);
  const server = await serve(appRoot);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const mem = new MemorySampler(process.pid);
  mem.start();
  const lines: string[] = [];
  const log = (s: string): void => {
    console.log(s);
    lines.push(s);
  };
  let crashed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('crash', () => (crashed = true));
    await page.goto(`${server.url}#/data`);
    await page.getByTestId('sample-banner').waitFor({ timeout: 120_000 });
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles([file]);
    const progress: string[] = [];
    let outcome = '';
    while (Date.now() - t0 < TIMEOUT && !crashed) {
      await page.waitForTimeout(5000).catch(() => undefined);
      if (crashed) break;
      const state = await page
        .evaluate(() => {
          const failed = document.querySelector('[data-testid="ingest-card"].failed');
          if (failed) return { done: `failed: ${(failed.textContent ?? '').trim().slice(0, 300)}` };
          const bar = document.querySelector('[data-testid="ingest-card"] [role="progressbar"]');
          const cards = document.querySelectorAll('[data-testid="table-card"]');
          const loading = document.querySelectorAll('[data-testid="ingest-card"].loading').length;
          if (!bar && loading === 0 && cards.length === 1 && !document.querySelector('[data-testid="sample-banner"]'))
            return {
              done: `loaded: ${cards[0]?.querySelector('[data-testid="row-count"]')?.getAttribute('data-rows')} rows, read ${cards[0]?.querySelector('[data-testid="load-time"]')?.getAttribute('data-path') ?? '?'}`,
            };
          return {
            bar: bar?.getAttribute('aria-valuenow') ?? null,
            text: bar?.parentElement?.textContent?.trim() ?? '',
          };
        })
        .catch((e: Error) => ({ done: `page error: ${e.message.split('\n')[0]}` }));
      if ('done' in state && state.done) {
        outcome = state.done;
        break;
      }
      if ('bar' in state) progress.push(`${Math.round((Date.now() - t0) / 1000)} s: ${state.bar ?? '–'} %`);
    }
    const seconds = (Date.now() - t0) / 1000;
    log(`# Bench ${new Date().toISOString().slice(0, 10)}: a ${(bytes / 1e9).toFixed(2)} GB events export`);
    log('');
    log(
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}. One file, \`events.csv\` of size l repeated to ${(bytes / 1e9).toFixed(2)} GB, dropped on the Data page of the production build.`,
    );
    log('');
    log(`- outcome: ${crashed ? '**the tab crashed**' : outcome || `not finished after ${TIMEOUT / 60000} min`}`);
    log(`- load time: ${seconds.toFixed(1)} s (${(bytes / 1e6 / seconds).toFixed(1)} MB/s)`);
    log(`- renderer peak memory (VmHWM): ${(mem.peakHwm / 2 ** 20).toFixed(0)} MiB`);
    log(`- progress bar, every 5 s: ${progress.join(', ') || '–'}`);
    if (!crashed && outcome.startsWith('loaded')) {
      const v0 = Date.now();
      await page.evaluate(() => (location.hash = '#/kpi/active_users_monthly'));
      const view = await page
        .waitForFunction(
          () => {
            const v = document.querySelector('[data-testid="kpi-view"]');
            const t = v?.querySelector('[data-testid="kpi-table"]');
            if (t) return `table, ${t.getAttribute('data-rows')} rows`;
            const a = v?.querySelector('[role="alert"]');
            return a ? `alert: ${(a.textContent ?? '').trim().slice(0, 200)}` : false;
          },
          undefined,
          { timeout: TIMEOUT, polling: 500 },
        )
        .then((h) => h.jsonValue())
        .catch((e: Error) => `no result: ${e.message.split('\n')[0]}`);
      log(
        `- then \`active_users_monthly\` over all of it (builds user_activity_daily): ${view} in ${((Date.now() - v0) / 1000).toFixed(1)} s${crashed ? ', **the tab crashed**' : ''}`,
      );
      log(`- renderer peak memory after the view: ${(mem.peakHwm / 2 ** 20).toFixed(0)} MiB`);
    }
  } finally {
    mem.stop();
    await browser.close();
    server.close();
  }
  if (!process.argv.includes('--no-write')) {
    const out = path.resolve(`bench/results/${new Date().toISOString().slice(0, 10)}-huge.md`);
    writeFileSync(out, `${lines.join('\n')}\n`);
    console.log(`wrote ${out}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
