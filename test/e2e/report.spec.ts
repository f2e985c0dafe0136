import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';
import { TILES } from '../../src/app/dashboard/tiles.js';

mkdirSync(SCREENSHOTS, { recursive: true });

/** Opens a KPI view and waits for its table. */
async function openKpi(page: Page, hash: string, id: string): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.locator(`[data-testid="kpi-view"][data-kpi="${id}"]`).getByTestId('kpi-table')).toBeVisible({
    timeout: 120_000,
  });
}

/** Pages of a PDF file (page objects, not the page tree's /Pages nodes). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

const TEXT = {
  en: { report: 'Report', onOrAfter: 'On or after', mode: 'Retention mode' },
  ja: {
    report: 'レポート',
    onOrAfter: 'その期間以降に利用',
    mode: '継続の数え方',
  },
} as const;

for (const [lang, dark] of [
  ['en', false],
  ['ja', true],
] as const) {
  test(`a report built from KPI views prints as A4 pages (${lang}, ${dark ? 'dark' : 'light'} theme)`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.addInitScript(
      ({ l, theme }) => {
        localStorage.setItem('kpi-workbench.locale', l);
        localStorage.setItem('kpi-workbench.theme', theme);
      },
      { l: lang, theme: dark ? 'dark' : 'light' },
    );

    // Two views into the report from their KPI views, the second with a changed parameter.
    await openKpi(page, '#/kpi/mrr_movements', 'mrr_movements');
    await page.getByTestId('add-to-report').click();
    await expect(page.getByTestId('in-report')).toBeVisible();
    await openKpi(page, '#/kpi/cohort_retention', 'cohort_retention');
    await page.locator('#param-mode').selectOption('on_or_after');
    await expect(page).toHaveURL(/mode=on_or_after/);
    await page.getByTestId('add-to-report').click();
    await expect(page.getByTestId('open-report')).toContainText('2');

    // The Report tab opens the report; its link holds the views and parameters.
    await page.getByRole('navigation').getByRole('button', { name: TEXT[lang].report }).click();
    await expect(page).toHaveURL(/#\/report\?v=mrr_movements&v=cohort_retention%3Fmode%3Don_or_after$/);
    const report = page.getByTestId('report');
    await expect(report.getByTestId('tile')).toHaveCount(TILES.length);
    await expect(report.locator('[data-testid="tile"][data-status="loading"]')).toHaveCount(0, { timeout: 120_000 });
    await expect(report.locator('[data-testid="tile"][data-status="ok"]')).toHaveCount(TILES.length);
    const views = report.getByTestId('report-view');
    await expect(views).toHaveCount(2);
    expect(await views.evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')))).toEqual([
      'mrr_movements',
      'cohort_retention',
    ]);
    for (const v of await views.all()) {
      await expect(v.getByTestId('kpi-table')).toBeVisible({
        timeout: 120_000,
      });
      await expect(v.getByTestId('kpi-chart').locator('svg').first()).toBeVisible();
    }
    await expect(views.nth(1).locator('dd[data-param="mode"]')).toHaveText(TEXT[lang].onOrAfter);
    // Title block: a data period and a report date (not the placeholder).
    await expect(report.getByTestId('report-period')).not.toHaveText('–');
    await expect(report.getByTestId('report-as-of')).toContainText(/\d/);
    await expect(report.getByTestId('report-generated')).toContainText(String(new Date().getFullYear()));

    // Reorder, and the link follows; a bookmark (reload) reopens the same report.
    await views.nth(0).getByTestId('report-down').click();
    await expect(page).toHaveURL(/#\/report\?v=cohort_retention%3Fmode%3Don_or_after&v=mrr_movements$/);
    await page.reload();
    await expect(views).toHaveCount(2);
    expect(await views.evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')))).toEqual([
      'cohort_retention',
      'mrr_movements',
    ]);
    await expect(views.nth(0).locator('dd[data-param="mode"]')).toHaveText(TEXT[lang].onOrAfter);
    for (const v of await views.all())
      await expect(v.getByTestId('kpi-table')).toBeVisible({
        timeout: 120_000,
      });
    await expect(report.locator('[data-testid="tile"][data-status="ok"]')).toHaveCount(TILES.length, {
      timeout: 120_000,
    });

    // The print button prints, with charts in light colours even in the dark theme.
    await page.evaluate(() => {
      const w = window as unknown as { __printed: string[] };
      w.__printed = [];
      window.print = () => {
        for (const el of document.querySelectorAll('[data-testid="kpi-chart"] > .kpi-chart'))
          w.__printed.push(getComputedStyle(el).backgroundColor);
      };
    });
    await page.getByTestId('report-print').click();
    const printed = await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed);
    expect(printed.length).toBe(2);
    expect(new Set(printed)).toEqual(new Set(['rgb(255, 255, 255)']));
    if (dark) {
      // Back on screen, the charts are dark again.
      await expect(page.locator('[data-testid="kpi-chart"] > .kpi-chart').first()).not.toHaveCSS(
        'background-color',
        'rgb(255, 255, 255)',
      );
    }

    // Print media on an A4-wide page: no navigation or controls, light colours, nothing clipped.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('body > #app > header')).toBeHidden();
    await expect(page.getByTestId('report-print')).toBeHidden();
    await expect(page.getByTestId('report-remove').first()).toBeHidden();
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await expect(page.locator('[data-testid="kpi-chart"] > .kpi-chart').first()).toHaveCSS(
      'background-color',
      'rgb(255, 255, 255)',
    );
    const clipped = await page.evaluate(() => {
      const out: string[] = [];
      const page = document.querySelector('[data-testid="report"]')!.getBoundingClientRect();
      for (const el of document.querySelectorAll('[data-testid="report"] table, [data-testid="report"] svg')) {
        const r = el.getBoundingClientRect();
        // Tables are scaled to the page width by CSS zoom; the box reported is the scaled one.
        if (r.right > page.right + 1)
          out.push(`${el.tagName} ends at ${Math.round(r.right)} > ${Math.round(page.right)}`);
      }
      return out;
    });
    expect(clipped).toEqual([]);
    await page.screenshot({
      path: path.join(SCREENSHOTS, `report-print-${lang}.png`),
      fullPage: true,
    });

    const pdf = await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Title and dashboard, then each view on a page of its own (at least).
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(3);
    expect(pdf.length).toBeGreaterThan(30_000);
    writeFileSync(path.join(SCREENSHOTS, `report-${lang}.pdf`), pdf);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.screenshot({
      path: path.join(SCREENSHOTS, `report-${lang}.png`),
      fullPage: true,
    });

    // Removing a view leaves the other; the KPI view offers "Add to report" again.
    await views.nth(0).getByTestId('report-remove').click();
    await expect(views).toHaveCount(1);
    await expect(page).toHaveURL(/#\/report\?v=mrr_movements$/);
    await openKpi(page, '#/kpi/cohort_retention?mode=on_or_after', 'cohort_retention');
    await expect(page.getByTestId('add-to-report')).toBeVisible();
  });
}

test('an empty report shows the dashboard and says how to add views', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await page.goto('./#/report');
  await expect(page.getByTestId('report').getByTestId('tile')).toHaveCount(TILES.length);
  await expect(page.getByTestId('report-empty')).toContainText('Add to report');
  await expect(page.getByTestId('report-view')).toHaveCount(0);
});
