import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the built extension: `*.chromium.spec.ts` drive Debian's Chromium through
 * Playwright, `*.firefox.spec.ts` drive Firefox ESR through puppeteer-core over WebDriver BiDi.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e-results.json' }]],
  outputDir: 'artifacts/e2e-output',
  projects: [
    { name: 'chromium', testMatch: /\.chromium\.spec\.ts$/ },
    { name: 'firefox', testMatch: /\.firefox\.spec\.ts$/ },
  ],
});
