/**
 * The mapping screen on the Data page: two of the user's own files (a Stripe-style
 * subscriptions export with amounts in cents, a CP932 Japanese customer list) are
 * detected as subscriptions and customers; MRR computed from them matches a hand
 * calculation; screenshots in English and Japanese.
 */
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';
import { CUST_FILE, DIR, EXPECTED_ACTIVE, EXPECTED_MRR, num, SUBS_FILE } from './mappingFixtures.js';

mkdirSync(SCREENSHOTS, { recursive: true });

async function loadFixtures(page: Page, lang: 'en' | 'ja'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('kpi-workbench.locale', l), lang);
  await page.goto('./#/data');
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('file-input').setInputFiles([SUBS_FILE, CUST_FILE]);
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByTestId('mapping-table')).toHaveCount(2, { timeout: 90_000 });
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
}

test('mapping screen detects the roles and MRR matches a hand calculation', async ({ page, consoleErrors }) => {
  test.setTimeout(240_000);
  await loadFixtures(page, 'en');
  const panel = page.getByTestId('mapping-panel');
  const subs = panel.locator('[data-testid="mapping-table"][data-detected-role="subscriptions"]');
  const cust = panel.locator('[data-testid="mapping-table"][data-detected-role="customers"]');
  await expect(subs).toHaveCount(1);
  await expect(cust).toHaveCount(1);
  await expect(subs).toHaveAttribute('data-role', 'subscriptions');
  await expect(cust).toHaveAttribute('data-role', 'customers');
  await expect(subs.getByTestId('role-badge')).toContainText('Subscriptions · Stripe');
  await expect(subs.getByTestId('role-badge')).toContainText('%');
  await expect(cust.getByTestId('role-badge')).toContainText('Customers');

  // Detail: amounts detected in cents, samples shown, the amount column is `amount`.
  await subs.getByRole('button', { name: /Columns and value reading/ }).click();
  await expect(subs.locator('[data-control="amountUnit"] select')).toHaveValue('cents');
  await expect(subs.locator('[data-control="reportingCurrency"] input')).toHaveValue('USD');
  const amountRow = subs.locator('tr[data-field="amount"]');
  await expect(amountRow.locator('select')).toHaveValue('amount');
  await expect(amountRow.locator('code').first()).toBeVisible();

  // The validation report ran (results or "no problems").
  const report = page.getByTestId('validation-report');
  await expect(report.getByTestId('validation-result').first().or(report.getByTestId('validation-ok'))).toBeVisible({
    timeout: 60_000,
  });

  // Segment candidates include the industry column (業種) of the customer list.
  const segOptions = await panel.getByTestId('segment-picker').locator('option').allInnerTexts();
  expect(segOptions.length).toBeGreaterThan(1);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-en.png'), fullPage: true });

  // Unmapped optional fields are folded away until asked for.
  await expect(subs.locator('tr[data-field="discount_percent"]')).toHaveCount(0);
  await subs.getByTestId('show-unmapped').click();
  await expect(subs.locator('tr[data-field="discount_percent"] select')).toHaveValue('');

  // Export: a JSON file of both mappings; import it back: both tables match.
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('mapping-export').click()]);
  expect(download.suggestedFilename()).toBe('kpi-workbench-mappings.json');
  const saved = path.join(DIR, 'kpi-workbench-mappings.json');
  await download.saveAs(saved);
  const json = JSON.parse(readFileSync(saved, 'utf8')) as unknown;
  expect(JSON.stringify(json)).toContain('subscriptions');
  expect(JSON.stringify(json)).toContain('customers');
  await panel.getByTestId('mapping-import').setInputFiles(saved);
  await expect(panel.getByTestId('mapping-notice')).toContainText('mappings applied to 2 tables');

  // KPI: the latest month's MRR and active customers.
  await page.goto('./#/kpi/mrr');
  const table = page.locator('[data-testid="kpi-view"][data-kpi="mrr"] [data-testid="kpi-table"]');
  await expect(table).toBeVisible({ timeout: 90_000 });
  const headers = await table.locator('thead th').allInnerTexts();
  const iMonth = headers.indexOf('Month');
  const iMrr = headers.indexOf('MRR');
  const iActive = headers.indexOf('Active customers');
  expect(iMrr).toBeGreaterThanOrEqual(0);
  expect(iActive).toBeGreaterThanOrEqual(0);
  const first = table.locator('tbody tr').first();
  await expect(first.locator('td').nth(iMonth)).toContainText('2024');
  await expect(first.locator('td').nth(iMonth)).toContainText('Jun');
  expect(num(await first.locator('td').nth(iMrr).innerText())).toBeCloseTo(EXPECTED_MRR, 6);
  expect(num(await first.locator('td').nth(iActive).innerText())).toBe(EXPECTED_ACTIVE);

  // Editing a normalisation choice recomputes the KPI: amounts read as units → × 100.
  await page.goto('./#/data');
  const toggle = subs.getByRole('button', { name: /Columns and value reading/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const unit = subs.locator('[data-control="amountUnit"] select');
  await unit.selectOption('units');
  await expect(subs.getByText('edited').first()).toBeVisible();
  await page.goto('./#/kpi/mrr');
  await expect
    .poll(async () => num(await table.locator('tbody tr').first().locator('td').nth(iMrr).innerText()), {
      timeout: 60_000,
    })
    .toBeCloseTo(EXPECTED_MRR * 100, 6);
  // Reset to detected brings cents back.
  await page.goto('./#/data');
  await subs.getByRole('button', { name: /^Reset .* to the detected mapping$/ }).click();
  await expect(subs.getByText('edited')).toHaveCount(0);
  await page.goto('./#/kpi/mrr');
  await expect
    .poll(async () => num(await table.locator('tbody tr').first().locator('td').nth(iMrr).innerText()), {
      timeout: 60_000,
    })
    .toBeCloseTo(EXPECTED_MRR, 6);

  // Segment: choose the customer list's industry (業種); the choice is shown and survives.
  await page.goto('./#/data');
  const seg = panel.getByTestId('segment-picker');
  const values = await seg.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values).toContain('industry');
  await seg.selectOption('industry');
  await expect(panel.getByTestId('segment-current')).toContainText('broken down by industry');
  await expect(seg).toHaveValue('industry');
  await seg.selectOption('');
  await expect(panel.getByTestId('segment-current')).toContainText('not broken down');
  expect(consoleErrors).toEqual([]);
});

test('mapping screen in Japanese', async ({ page }) => {
  test.setTimeout(240_000);
  await loadFixtures(page, 'ja');
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByRole('heading', { name: '標準モデルへの対応付け' })).toBeVisible();
  const subs = panel.locator('[data-testid="mapping-table"][data-detected-role="subscriptions"]');
  await expect(subs.getByTestId('role-badge')).toContainText('サブスクリプション');
  await subs.getByRole('button', { name: /列と値の読み方/ }).click();
  const report = page.getByTestId('validation-report');
  await expect(report.getByTestId('validation-result').first().or(report.getByTestId('validation-ok'))).toBeVisible({
    timeout: 60_000,
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-ja.png'), fullPage: true });
  // The same screen in the dark theme (a contrast check by eye).
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'mapping-ja-dark.png'), fullPage: false });
  // A mappings file of a newer version: the problem is explained in Japanese.
  const bad = path.join(DIR, 'mappings-v9.json');
  writeFileSync(bad, JSON.stringify({ format: 'kpi-workbench/mappings', version: 9, mappings: [] }));
  await panel.getByTestId('mapping-import').setInputFiles(bad);
  const notice = panel.getByTestId('mapping-notice');
  await expect(notice).toContainText('mappings-v9.json を読み込めませんでした');
  await expect(notice).toContainText('対応していないバージョン 9');
  await expect(notice).not.toContainText('unsupported');
});

test('a file detection cannot place: "not used", a role chosen by hand, and back', async ({ page }) => {
  test.setTimeout(240_000);
  const notes = path.join(DIR, 'notes.csv');
  writeFileSync(notes, 'foo,bar\r\nx,1\r\ny,2\r\n', 'utf8');
  await page.addInitScript(() => localStorage.setItem('kpi-workbench.locale', 'en'));
  await page.goto('./#/data');
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('file-input').setInputFiles([SUBS_FILE, notes]);
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByTestId('mapping-table')).toHaveCount(2, { timeout: 90_000 });
  const row = panel.locator('[data-testid="mapping-table"][data-table="notes"]');
  await expect(row).toHaveAttribute('data-role', 'unknown');
  await expect(row.getByTestId('role-badge')).toContainText('not used');
  const picker = row.getByRole('combobox', { name: 'Role of notes' });
  await expect(picker).toHaveValue('unknown');
  // A role by hand: the mapping is incomplete (no user, time or event columns), which the model reports.
  await picker.selectOption('events');
  await expect(row).toHaveAttribute('data-role', 'events');
  await expect(row.getByText('edited')).toBeVisible();
  await expect(panel.getByTestId('mapping-warnings')).toContainText('notes');
  // "not used" returns it to detection, which leaves it unused.
  await picker.selectOption('unknown');
  await expect(row).toHaveAttribute('data-role', 'unknown');
  await expect(row.getByText('edited')).toHaveCount(0);
  // A detected file cannot be set to "not used".
  const subsPicker = panel
    .locator('[data-testid="mapping-table"][data-role="subscriptions"]')
    .getByTestId('role-picker');
  await expect(subsPicker.locator('option[value="unknown"]')).toBeDisabled();
});
