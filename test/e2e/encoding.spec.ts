/**
 * The encoding picker with its live preview, and European numbers, in the browser:
 * - a Shift_JIS export read as UTF-8 shows mojibake in the preview (invalid bytes marked);
 *   picking Shift_JIS shows the right Japanese text; reloading replaces the table;
 * - a semicolon export with decimal commas loads with the right sums, and a column that
 *   reads two ways says which way it was read and can be reloaded the other way.
 */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.js';
import { encodeCp932 } from '../../src/core/sample/cp932.js';

const DIR = path.resolve('test-results/fixtures-encoding');
mkdirSync(DIR, { recursive: true });
mkdirSync(SCREENSHOTS, { recursive: true });

/** Writes a fixture and returns its path. */
function fixture(name: string, bytes: Uint8Array | string): string {
  const p = path.join(DIR, name);
  writeFileSync(p, bytes);
  return p;
}

const SJIS = fixture(
  'invoices_sjis.csv',
  encodeCp932(
    '顧客名,プラン,金額\r\n株式会社髙橋商事,スタンダード,"￥12,000"\r\n①合同会社テスト,ライト,"￥8,500"\r\n㈱サンプル～,プロ,"￥30,000"\r\n',
  ),
);
/** A German export: 1.200 in Menge is 1200 because Preis and Summe use decimal commas. */
const GERMAN = fixture(
  'bestellung_eu.csv',
  'Artikel;Menge;Preis;Summe\r\nA;1.200;12,50;15.000,00\r\nB;3;1.234,50;3.703,50\r\nC;2.500;0,99;2.475,00\r\n',
);
/** Nothing in this file shows its decimal mark: 1.200 is read as 1.2, and the card says so. */
const PLANS = fixture('plans_eu.csv', 'plan;price\nStarter;1.200\nGrowth;4.800\n');

async function open(page: Page, lang: 'en' | 'ja', theme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.addInitScript(
    ([l, th]) => {
      localStorage.setItem('kpi-workbench.locale', l);
      localStorage.setItem('kpi-workbench.theme', th);
    },
    [lang, theme] as const,
  );
  await page.goto('./#/data');
  await expect(page.getByTestId('sample-banner')).toBeVisible({ timeout: 60_000 });
}

const tableCard = (page: Page, table: string) => page.locator(`[data-testid="table-card"][data-table="${table}"]`);
const ingestCard = (page: Page, file: string) => page.locator(`[data-testid="ingest-card"][data-file="${file}"]`);

/** Runs SQL in the console and returns to the data view; `expected` is the single cell it must show. */
async function expectSql(page: Page, sql: string, expected: string, lang: 'en' | 'ja' = 'en'): Promise<void> {
  await page.getByRole('button', { name: lang === 'en' ? 'SQL console' : 'SQL コンソール' }).click();
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('cell', { name: expected, exact: true })).toBeVisible();
  await page.getByRole('button', { name: lang === 'en' ? 'Data' : 'データ' }).click();
}

test('a Shift_JIS file read as UTF-8 shows mojibake in the preview; Shift_JIS shows the right text and reloads the table', async ({
  page,
}) => {
  await open(page, 'en');
  await page.getByTestId('file-input').setInputFiles([SJIS]);
  const card = tableCard(page, 'invoices_sjis');
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '3');
  await expect(card).toContainText('株式会社髙橋商事');
  await expect(card.getByTestId('encoding-select')).toHaveValue('shift_jis');

  // UTF-8: the preview shows the damage, counted and marked.
  await card.getByTestId('encoding-select').selectOption('utf-8');
  const preview = card.getByTestId('encoding-preview');
  const status = preview.getByTestId('encoding-status');
  await expect(status).toContainText('not valid UTF-8');
  await expect(status).toContainText('line 1');
  expect(Number(await status.getAttribute('data-replacements'))).toBeGreaterThan(20);
  expect(await preview.locator('mark.bad-char').count()).toBeGreaterThan(20);
  await expect(preview).not.toContainText('髙橋');
  await expect(preview).toContainText('Reloading replaces the table invoices_sjis');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'encoding-preview-en.png'), fullPage: true });
  await preview.screenshot({ path: path.join(SCREENSHOTS, 'encoding-preview-detail-en.png') });

  // Reloading with UTF-8 fails (invalid bytes); the table is left as it was.
  await preview.getByTestId('encoding-reload').click();
  const failed = ingestCard(page, 'invoices_sjis.csv');
  await expect(failed).toContainText('invoices_sjis.csv could not be loaded.');
  await expect(failed).toContainText('not valid UTF-8');
  await expect(failed).toContainText('The table invoices_sjis was left as it was.');
  await expect(card).toContainText('株式会社髙橋商事');
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '3');

  // Loading it anyway replaces the table with the UTF-8 reading: garbled names, no readable rows.
  await failed.getByRole('button', { name: 'Load anyway, skipping bad rows' }).click();
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '0');
  await expect(card.locator('.cols')).toContainText('\uFFFD');
  await expect(card.getByTestId('encoding-select')).toHaveValue('utf-8');

  // Shift_JIS on the table card: the preview reads right before anything is reloaded.
  await card.getByTestId('encoding-select').selectOption('shift_jis');
  await expect(preview.getByTestId('encoding-status')).toHaveAttribute('data-replacements', '0');
  for (const text of ['顧客名', '株式会社髙橋商事', '①合同会社テスト', '㈱サンプル～', '￥12,000'])
    await expect(preview).toContainText(text);
  await expect(preview.locator('mark.bad-char')).toHaveCount(0);
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '0');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'encoding-preview-right-en.png'), fullPage: true });

  await preview.getByTestId('encoding-reload').click();
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '3');
  await expect(card.getByTestId('encoding-preview')).toHaveCount(0);
  await expect(card.getByTestId('encoding-select')).toHaveValue('shift_jis');
  for (const text of ['顧客名', '金額', '株式会社髙橋商事', '①合同会社テスト', '㈱サンプル～'])
    await expect(card).toContainText(text);
  await expect(ingestCard(page, 'invoices_sjis.csv')).toHaveCount(0);
  await expect(page.getByTestId('table-card').filter({ hasText: 'invoices_sjis' })).toHaveCount(1);
  await expectSql(
    page,
    `SELECT printf('%s|%.2f', string_agg("顧客名", '/' ORDER BY "金額"), sum("金額")) AS s FROM invoices_sjis`,
    '①合同会社テスト/株式会社髙橋商事/㈱サンプル～|50500.00',
  );
});

test('Cancel closes the preview and changes nothing; the Japanese UI, dark theme', async ({ page }) => {
  await open(page, 'ja', 'dark');
  await page.getByTestId('file-input').setInputFiles([SJIS]);
  const card = tableCard(page, 'invoices_sjis');
  await expect(card.getByTestId('row-count')).toHaveAttribute('data-rows', '3');
  await card.getByTestId('encoding-select').selectOption('utf-8');
  const preview = card.getByTestId('encoding-preview');
  await expect(preview.getByTestId('encoding-status')).toContainText('UTF-8 として正しくない文字');
  await expect(preview.getByTestId('encoding-reload')).toHaveText('UTF-8 で読み込み直す');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'encoding-preview-ja.png'), fullPage: true });
  await card.getByTestId('encoding-select').selectOption('euc-jp');
  await expect(preview).toHaveAttribute('data-encoding', 'euc-jp');
  await expect(preview.getByTestId('encoding-status')).toContainText('EUC-JP');
  await preview.getByTestId('encoding-cancel').click();
  await expect(card.getByTestId('encoding-preview')).toHaveCount(0);
  await expect(card.getByTestId('encoding-select')).toHaveValue('shift_jis');
  await expect(card).toContainText('株式会社髙橋商事');
});

for (const lang of ['en', 'ja'] as const) {
  test(`European numbers: a ; export with decimal commas loads with the right sums; an ambiguous column says how it was read (${lang})`, async ({
    page,
  }) => {
    await open(page, lang);
    await page.getByTestId('file-input').setInputFiles([GERMAN, PLANS]);
    await expect(tableCard(page, 'bestellung_eu').getByTestId('row-count')).toHaveAttribute('data-rows', '3');
    await expect(tableCard(page, 'plans_eu').getByTestId('row-count')).toHaveAttribute('data-rows', '2');

    const german = ingestCard(page, 'bestellung_eu.csv').locator('[data-kind="ambiguous-number"]');
    const plans = ingestCard(page, 'plans_eu.csv').locator('[data-kind="ambiguous-number"]');
    if (lang === 'en') {
      await expect(german).toContainText('"." was read as the thousands separator (1.200 = 1200)');
      await expect(german).toContainText('decimal comma');
      await expect(plans).toContainText('"." was read as the decimal mark (1.200 = 1.2)');
      await expect(plans).toContainText('If 1.200 means 1200, load the file again with "," as the decimal mark.');
    } else {
      await expect(german).toContainText('「.」を桁区切りとして読みました（1.200 = 1200）');
      await expect(plans).toContainText('「.」を小数点として読みました（1.200 = 1.2）');
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `eu-numbers-${lang}.png`), fullPage: true });
    await expectSql(
      page,
      `SELECT printf('%.2f|%.2f|%.2f', sum(Menge), sum(Preis), sum(Summe)) AS s FROM bestellung_eu`,
      '3703.00|1247.99|21178.50',
      lang,
    );
    await expectSql(page, `SELECT printf('%.2f', sum(price)) AS s FROM plans_eu`, '6.00', lang);

    // The other reading, one click away: the same table, now 1200 + 4800.
    const button = ingestCard(page, 'plans_eu.csv').getByTestId('decimal-mark-reload');
    await expect(button).toHaveText(
      lang === 'en' ? 'Reload with "," as the decimal mark' : '小数点を「,」として読み込み直す',
    );
    await button.click();
    await expect(ingestCard(page, 'plans_eu.csv').locator('[data-kind="ambiguous-number"]')).toContainText(
      lang === 'en' ? 'as chosen when loading' : '読み込み時の指定どおり',
    );
    await expect(ingestCard(page, 'plans_eu.csv').getByTestId('decimal-mark-reload')).toHaveText(
      lang === 'en' ? 'Reload with "." as the decimal mark' : '小数点を「.」として読み込み直す',
    );
    await expect(page.getByTestId('table-card')).toHaveCount(2);
    await expectSql(page, `SELECT printf('%.2f', sum(price)) AS s FROM plans_eu`, '6000.00', lang);
  });
}
