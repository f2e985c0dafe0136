/**
 * Playwright fixture: every page aborts requests to any origin but the app's own, and
 * the test fails if there was any. Also collects console errors.
 */
import { test as base, expect } from '@playwright/test';
import path from 'node:path';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export const test = base.extend<{ outside: string[]; consoleErrors: string[] }>({
  outside: async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    // Workers' requests go through the context too; count those that bypass routing.
    context.on('request', (req) => {
      const url = req.url();
      if (
        !url.startsWith('data:') &&
        !url.startsWith('blob:') &&
        new URL(url).origin !== origin &&
        !outside.includes(url)
      )
        outside.push(url);
    });
    await use(outside);
    expect(outside, 'requests to other origins').toEqual([]);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(errors);
  },
});

export { expect };
