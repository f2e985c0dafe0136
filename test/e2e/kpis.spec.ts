import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { test, expect, SCREENSHOTS } from './fixtures.js';

mkdirSync(SCREENSHOTS, { recursive: true });

test('every KPI view renders a chart or a table on the sample company', async ({ page }) => {
  test.setTimeout(600_000);
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await page.goto('./#/kpis');
  const links = page.getByTestId('kpi-link');
  await expect(links.first()).toBeVisible({ timeout: 60_000 });
  const ids = await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')!));
  expect(ids.length).toBeGreaterThanOrEqual(15);
  // Wait for the sample to be in before visiting views.
  await page.goto('./#/data');
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 60_000 });
  const problems: string[] = [];
  for (const id of ids) {
    await page.goto(`./#/kpi/${id}`);
    const view = page.locator(`[data-testid="kpi-view"][data-kpi="${id}"]`);
    await expect(view).toBeVisible();
    const table = view.getByTestId('kpi-table');
    const failed = view.locator('[role="alert"], [data-testid="kpi-missing"]');
    await expect(table.or(failed)).toBeVisible({ timeout: 90_000 });
    if (await failed.count()) problems.push(`${id}: ${await failed.innerText()}`);
    else if ((await table.locator('tbody tr').count()) === 0) problems.push(`${id}: empty table`);
  }
  expect(problems).toEqual([]);
});

test('changing a parameter changes the chart, and the link keeps it', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await page.goto('./#/kpi/cohort_retention');
  const chart = page.getByTestId('kpi-chart');
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 90_000 });
  const before = await chart.innerHTML();
  await page.locator('#param-mode').selectOption('on_or_after');
  await expect.poll(async () => chart.innerHTML(), { timeout: 60_000 }).not.toBe(before);
  expect(page.url()).toContain('mode=on_or_after');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kpi-cohort-en.png'), fullPage: true });
  await page.reload();
  await expect(page.locator('#param-mode')).toHaveValue('on_or_after');
});

for (const lang of ['en', 'ja'] as const) {
  test(`screenshots of the main views (${lang})`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.addInitScript((l) => localStorage.setItem('kpi-workbench.locale', l), lang);
    await page.goto('./');
    await expect(page.locator('[data-testid="tile"][data-status="ok"]').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('[data-testid="tile"][data-status="loading"]')).toHaveCount(0, { timeout: 120_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${lang}.png`), fullPage: true });
    await page.goto('./#/kpis');
    await expect(page.getByTestId('kpi-link').first()).toBeVisible();
    const known = await page.getByTestId('kpi-link').evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')));
    for (const id of [
      'mrr_movements',
      'nrr',
      'cohort_retention',
      'active_users',
      'nps',
      'support',
      'health_score',
    ].filter((k) => known.includes(k))) {
      await page.goto(`./#/kpi/${id}`);
      const view = page.locator(`[data-testid="kpi-view"][data-kpi="${id}"]`);
      await expect(
        view.getByTestId('kpi-table').or(view.locator('[data-testid="kpi-missing"], [role="alert"]')),
      ).toBeVisible({ timeout: 90_000 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `kpi-${id}-${lang}.png`), fullPage: true });
    }
  });
}

test('exports download a CSV that opens, and chart files', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await page.goto('./#/kpi/mrr_movements');
  await expect(page.getByTestId('kpi-table')).toBeVisible({ timeout: 90_000 });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = (await (await import('node:fs/promises')).readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]!.split(',').slice(0, 3)).toEqual(['month', 'starting_mrr', 'new_mrr']);
  // The table draws only the rows in view; it states how many it holds.
  const tableRows = Number(await page.getByTestId('kpi-table').getAttribute('data-rows'));
  expect(lines.length - 1).toBe(tableRows);
  expect(await page.getByTestId('kpi-table').locator('tbody tr:not(.spacer)').count()).toBeLessThanOrEqual(tableRows);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svgText = await (await import('node:fs/promises')).readFile((await svg.path())!, 'utf8');
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const bytes = await (await import('node:fs/promises')).readFile((await png.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});
