import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the production build served under a sub-path, in Debian's Chromium,
 * with every request to another origin aborted and counted (see test/e2e/fixtures.ts).
 */
/** Port of the test server; E2E_PORT lets several checkouts run their e2e tests at once. */
const port = Number(process.env.E2E_PORT ?? 4178);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${port}/team/kpi/`,
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx tsx test/e2e/server.ts dist-e2e ${port}`,
    url: `http://127.0.0.1:${port}/team/kpi/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
