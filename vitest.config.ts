import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // duckdb-wasm instances are heavy; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
