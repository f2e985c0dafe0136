import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';
import { EXPECT, makeFixtures } from './makeFixtures.js';

const files = makeFixtures(path.resolve('test-results/fixtures'));
mkdirSync(SCREENSHOTS, { recursive: true });

async function open(page: Page, lang: 'en' | 'ja' = 'en'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('kpi-workbench.locale', l), lang);
  await page.goto('./#/data');
}

function card(page: Page, table: string) {
  return page.locator(`[data-testid="table-card"][data-table="${table}"]`);
}

async function waitForSample(page: Page): Promise<void> {
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('table-card').first()).toBeVisible();
}

test('first visit shows the sample company, loaded from the same origin only', async ({ page, outside }) => {
  await open(page, 'en');
  await waitForSample(page);
  const counts = await page
    .getByTestId('row-count')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rows'))));
  expect(counts.length).toBeGreaterThanOrEqual(5);
  expect(counts.every((n) => n > 0)).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'data-sample-en.png'), fullPage: false });
  expect(outside).toEqual([]);
});

test('dropping UTF-8, UTF-8-BOM, UTF-16 and Shift_JIS files loads them with the right rows and text; a broken file says why', async ({
  page,
}) => {
  await open(page, 'en');
  await waitForSample(page);
  await page.getByTestId('file-input').setInputFiles([files.utf8, files.bom, files.utf16, files.sjis, files.broken]);
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
  await expect(card(page, 'accounts_utf8').getByTestId('row-count')).toHaveAttribute(
    'data-rows',
    String(EXPECT.utf8.rows),
  );
  await expect(card(page, 'plans_bom').getByTestId('row-count')).toHaveAttribute('data-rows', String(EXPECT.bom.rows));
  await expect(card(page, 'events_utf16').getByTestId('row-count')).toHaveAttribute(
    'data-rows',
    String(EXPECT.utf16.rows),
  );
  const sjis = page.locator('[data-testid="table-card"]').filter({ hasText: '顧客一覧' });
  await expect(sjis.getByTestId('row-count')).toHaveAttribute('data-rows', String(EXPECT.sjis.rows));
  // CP932-only characters decoded, not mojibake.
  await expect(sjis).toContainText('株式会社髙橋商事');
  await expect(sjis).toContainText('①合同会社テスト');
  await expect(sjis).toContainText('㈱サンプル～');
  // ISO "Z" timestamps converted to the browser's offset (Asia/Tokyo, +09:00).
  await expect(sjis).toContainText('2024-01-06 00:30:00');
  await expect(card(page, 'accounts_utf8')).toContainText('2024-01-06 00:30:00');
  await expect(card(page, 'events_utf16')).toContainText('ログイン');
  // The broken file names itself and the line; the others loaded anyway.
  const broken = page.locator(`[data-testid="ingest-card"][data-file="${EXPECT.broken.file}"]`);
  await expect(broken).toContainText(EXPECT.broken.file);
  await expect(broken.getByTestId('problem').first()).toContainText(/line \d+/i);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'data-dropped-en.png'), fullPage: true });
});

test('the SQL console runs a query on loaded tables', async ({ page }) => {
  await open(page, 'en');
  await waitForSample(page);
  await page.getByRole('button', { name: 'SQL console' }).click();
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('SELECT 6 * 7 AS answer UNION ALL SELECT 1');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-rows', '2');
  await expect(page.getByRole('cell', { name: '42' })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'console-en.png') });
});

test('switching between Japanese and English', async ({ page }) => {
  await open(page, 'ja');
  await waitForSample(page);
  await expect(page.getByRole('button', { name: 'SQL コンソール' })).toBeVisible();
  await expect(page.getByTestId('sample-banner')).toContainText('サンプル企業');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'data-sample-ja.png') });
  await page.getByTestId('lang').selectOption('en');
  await expect(page.getByRole('button', { name: 'SQL console' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a crashed engine is restarted, the user is told, and the files come back', async ({ page }) => {
  await open(page, 'en');
  await waitForSample(page);
  const before = await page.getByTestId('table-card').count();
  await page.evaluate(() => (window as unknown as { __kpiCrash: () => void }).__kpiCrash());
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'stopped unexpectedly' })
      .or(page.locator('.notice').filter({ hasText: 'stopped unexpectedly' })),
  ).toBeVisible();
  await expect(page.locator('.notice').filter({ hasText: 'restarted' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('table-card')).toHaveCount(before);
});
