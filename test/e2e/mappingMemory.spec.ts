/**
 * Mappings remembered per header signature: a mapping edit (amounts read as currency
 * units instead of cents) and the segment choice survive a page reload — dropping the
 * same files again applies them and says so, in English and Japanese — and "forget"
 * brings detection back; a remembered mapping that no longer fits the file is not applied
 * and the screen says why. After an engine crash the edits are still in effect.
 * MRR by hand (mappingFixtures.ts): 354 with amounts in cents, 100 × 354 = 35 400 when the
 * same amounts are read as currency units.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';
import { CUST_FILE, EXPECTED_MRR, num, SUBS_FILE } from './mappingFixtures.js';

mkdirSync(SCREENSHOTS, { recursive: true });

const MRR_AS_UNITS = EXPECTED_MRR * 100;

/** Drops the two files on the Data page (replacing the sample) and waits for their mapping. */
async function dropFiles(page: Page): Promise<void> {
  await page.goto('./#/data');
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('file-input').setInputFiles([SUBS_FILE, CUST_FILE]);
  await expect(page.getByTestId('mapping-panel').getByTestId('mapping-table')).toHaveCount(2, { timeout: 90_000 });
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
}

function subscriptions(page: Page): Locator {
  return page.getByTestId('mapping-panel').locator('[data-testid="mapping-table"][data-detected-role="subscriptions"]');
}

/** Opens a table's column detail (if closed) and returns its amount-unit picker. */
async function amountUnit(table: Locator): Promise<Locator> {
  const toggle = table.getByRole('button', { name: /Columns and value reading|列と値の読み方/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return table.locator('[data-control="amountUnit"] select');
}

/** The latest month's MRR on the MRR KPI page (English UI). */
async function expectMrr(page: Page, value: number): Promise<void> {
  await page.goto('./#/kpi/mrr');
  const table = page.locator('[data-testid="kpi-view"][data-kpi="mrr"] [data-testid="kpi-table"]');
  await expect(table).toBeVisible({ timeout: 90_000 });
  const iMrr = (await table.locator('thead th').allInnerTexts()).indexOf('MRR');
  expect(iMrr).toBeGreaterThanOrEqual(0);
  await expect
    .poll(async () => num(await table.locator('tbody tr').first().locator('td').nth(iMrr).innerText()), {
      timeout: 60_000,
    })
    .toBeCloseTo(value, 6);
}

test('a mapping edit is remembered: after a reload the same file maps itself, and the screen says so', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(360_000);
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await dropFiles(page);
  const subs = subscriptions(page);
  const panel = page.getByTestId('mapping-panel');
  await expect(await amountUnit(subs)).toHaveValue('cents');
  await expect(subs.getByTestId('mapping-remembered')).toHaveCount(0);

  // Edit: amounts are currency units; segment by industry (業種 in the customer list).
  await (await amountUnit(subs)).selectOption('units');
  await expect(subs.getByTestId('mapping-saved')).toContainText('remembered for files with these columns');
  await panel.getByTestId('segment-picker').selectOption('industry');
  await expect(panel.getByTestId('segment-current')).toHaveText('KPIs are broken down by industry.');
  const stored = await page.evaluate(
    () => Object.keys(localStorage).filter((k) => k.startsWith('kpi-workbench.mapping.')).length,
  );
  expect(stored).toBe(2);

  // A new page (the same browser profile): the sample loads, then the same files again.
  await page.reload();
  await dropFiles(page);
  const notice = subs.getByTestId('mapping-remembered');
  await expect(notice).toContainText('Mapping remembered from');
  await expect(notice).toContainText(String(new Date().getFullYear()));
  await expect(subs.getByText('edited', { exact: true })).toHaveCount(0);
  await expect(await amountUnit(subs)).toHaveValue('units');
  // Detection alone would say cents; the reason shown is still detection's, now in words.
  await expect(subs.locator('[data-control="amountUnit"] .why')).toContainText('API field name');
  await expect(panel.getByTestId('segment-picker')).toHaveValue('industry');
  await expect(panel.getByTestId('segment-current')).toContainText('broken down by industry (remembered');
  const customers = panel.locator('[data-testid="mapping-table"][data-detected-role="customers"]');
  await expect(customers.getByTestId('mapping-remembered')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-remembered-en.png'), fullPage: true });

  // The same screen in Japanese.
  await page.getByTestId('lang').selectOption('ja');
  await expect(notice).toContainText('保存した対応付けを使っています');
  await expect(notice.getByRole('button', { name: /保存した対応付けを消して検出し直す/ })).toBeVisible();
  await expect(subs.locator('[data-control="amountUnit"] .why')).toContainText('API の項目名');
  await expect(panel.getByTestId('segment-current')).toContainText('顧客ファイルと一緒に保存した選択');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-remembered-ja.png'), fullPage: true });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'mapping-remembered-ja-dark.png'),
    fullPage: false,
    animations: 'disabled',
  });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await page.getByTestId('lang').selectOption('en');

  // The KPI uses the remembered reading.
  await expectMrr(page, MRR_AS_UNITS);

  // "Forget it and detect again": cents come back, and nothing is remembered for the file.
  await page.goto('./#/data');
  await subs.getByTestId('mapping-forget').click();
  await expect(subs.getByTestId('mapping-remembered')).toHaveCount(0);
  await expect(await amountUnit(subs)).toHaveValue('cents');
  await expectMrr(page, EXPECTED_MRR);
  const left = await page.evaluate(
    () => Object.keys(localStorage).filter((k) => k.startsWith('kpi-workbench.mapping.')).length,
  );
  expect(left).toBe(1);
  expect(consoleErrors).toEqual([]);
});

test('a remembered mapping that no longer fits the file is not applied, and the screen says why', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(360_000);
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await dropFiles(page);
  const subs = subscriptions(page);
  await (await amountUnit(subs)).selectOption('units');
  await expect(subs.getByTestId('mapping-saved')).toBeVisible();
  // The remembered entry now maps `plan` to a column the file does not have.
  const changed = await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) {
      if (!k.startsWith('kpi-workbench.mapping.')) continue;
      const e = JSON.parse(localStorage.getItem(k)!) as { mapping: { role: string; columns: Record<string, string> } };
      if (e.mapping.role !== 'subscriptions') continue;
      e.mapping.columns.plan = 'Plan Name';
      localStorage.setItem(k, JSON.stringify(e));
      return true;
    }
    return false;
  });
  expect(changed).toBe(true);

  await page.reload();
  await dropFiles(page);
  const notice = subs.getByTestId('mapping-remembered-unusable');
  await expect(notice).toContainText('no longer fits stripe_subscriptions.csv');
  await expect(notice).toContainText('“Plan Name”');
  await expect(subs.getByTestId('mapping-remembered')).toHaveCount(0);
  await expect(await amountUnit(subs)).toHaveValue('cents');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-remembered-unusable-en.png'), fullPage: false });
  await page.getByTestId('lang').selectOption('ja');
  await expect(notice).toContainText('合わなくなったため');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-remembered-unusable-ja.png'), fullPage: false });
  await page.getByTestId('lang').selectOption('en');
  await expectMrr(page, EXPECTED_MRR);
  // Forgetting the broken entry removes the notice.
  await page.goto('./#/data');
  await notice.getByTestId('mapping-forget').click();
  await expect(notice).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('after an engine crash the edited mapping and the segment are still in effect', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(360_000);
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await dropFiles(page);
  const subs = subscriptions(page);
  const panel = page.getByTestId('mapping-panel');
  await (await amountUnit(subs)).selectOption('units');
  await expect(subs.getByText('edited', { exact: true })).toBeVisible();
  await panel.getByTestId('segment-picker').selectOption('industry');
  await expect(panel.getByTestId('segment-current')).toHaveText('KPIs are broken down by industry.');
  await expectMrr(page, MRR_AS_UNITS);

  await page.evaluate(() => (window as unknown as { __kpiCrash: () => void }).__kpiCrash());
  await expect(page.locator('.notice').filter({ hasText: 'restarted' })).toBeVisible({ timeout: 90_000 });
  await expectMrr(page, MRR_AS_UNITS);

  // The new engine has the session's edit (not merely a remembered mapping) and the segment.
  await page.goto('./#/data');
  await expect(subs.getByText('edited', { exact: true })).toBeVisible();
  await expect(subs.getByTestId('mapping-remembered')).toHaveCount(0);
  await expect(await amountUnit(subs)).toHaveValue('units');
  await expect(panel.getByTestId('segment-current')).toHaveText('KPIs are broken down by industry.');
  expect(consoleErrors).toEqual([]);
});
