/**
 * Accessibility: axe-core (injected from node_modules, nothing fetched) on every screen, in
 * English and Japanese, light and dark. Any violation of impact "serious" or "critical"
 * fails, listed readably. Each screen is also saved as a screenshot for the theme review.
 */
import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';

mkdirSync(SCREENSHOTS, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe on the page; returns the serious and critical violations as readable lines. */
async function axe(page: Page, screen: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
    };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}\n      ${n.html.slice(0, 160)}`,
        )
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `${screen}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} elements)\n${nodes}${more}`;
    });
}

/** Screens to check: how to reach each and what says it is ready. */
const SCREENS: ReadonlyArray<{ name: string; hash: string; ready: (page: Page) => Promise<void> }> = [
  {
    name: 'dashboard',
    hash: '#/dashboard',
    ready: async (page) => {
      await expect(page.locator('[data-testid="tile"][data-status="ok"]').first()).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('[data-testid="tile"][data-status="loading"]')).toHaveCount(0, { timeout: 120_000 });
    },
  },
  { name: 'kpis', hash: '#/kpis', ready: async (page) => expect(page.getByTestId('kpi-link').first()).toBeVisible() },
  {
    name: 'kpi-mrr_movements',
    hash: '#/kpi/mrr_movements',
    ready: async (page) =>
      expect(page.getByTestId('kpi-view').getByTestId('kpi-table')).toBeVisible({ timeout: 120_000 }),
  },
  {
    name: 'kpi-cohort_retention',
    hash: '#/kpi/cohort_retention',
    ready: async (page) =>
      expect(page.getByTestId('kpi-view').getByTestId('kpi-table')).toBeVisible({ timeout: 120_000 }),
  },
  {
    name: 'data',
    hash: '#/data',
    ready: async (page) => {
      await expect(page.getByTestId('table-card').first()).toBeVisible();
      await expect(page.getByTestId('validation-ok').or(page.getByTestId('validation-result').first())).toBeVisible({
        timeout: 60_000,
      });
      // Open the first table's columns and value reading, so they are checked too.
      const toggle = page.getByTestId('mapping-table').first().locator('button.toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    },
  },
  {
    name: 'console',
    hash: '#/console',
    ready: async (page) => {
      await page.getByTestId('run-sql').click();
      await expect(page.getByTestId('result-count')).toBeVisible({ timeout: 60_000 });
    },
  },
  {
    name: 'report',
    hash: `#/report?v=mrr_movements&v=${encodeURIComponent('cohort_retention?mode=on_or_after')}`,
    ready: async (page) => {
      await expect(page.getByTestId('report-view')).toHaveCount(2);
      for (const v of await page.getByTestId('report-view').all())
        await expect(v.getByTestId('kpi-table')).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('[data-testid="tile"][data-status="loading"]')).toHaveCount(0, { timeout: 120_000 });
    },
  },
];

for (const theme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ja'] as const) {
    test(`no serious or critical axe violations on any screen (${lang}, ${theme})`, async ({ page }) => {
      test.setTimeout(600_000);
      await page.addInitScript(
        ({ l, t }) => {
          localStorage.setItem('kpi-workbench.locale', l);
          localStorage.setItem('kpi-workbench.theme', t);
        },
        { l: lang, t: theme },
      );
      await page.goto('./#/data');
      await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 90_000 });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const problems: string[] = [];
      for (const s of SCREENS) {
        await page.goto(`./${s.hash}`);
        await s.ready(page);
        problems.push(...(await axe(page, s.name)));
        await page.screenshot({
          path: path.join(SCREENSHOTS, `screen-${s.name}-${theme}-${lang}.png`),
          fullPage: true,
        });
      }
      expect(problems, `axe violations (${lang}, ${theme}):\n${problems.join('\n')}`).toEqual([]);
    });
  }
}
