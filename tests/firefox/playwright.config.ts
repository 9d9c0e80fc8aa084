import { defineConfig } from '@playwright/test';

/**
 * The e2e tests in real Firefox ESR (see fixtures.ts). Their own config, so `npx playwright
 * test` (Chromium, tests/e2e) is unaffected: `npx playwright test -c tests/firefox`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Each test launches its own Firefox; two cores run one at a time best.
  workers: 1,
  // Now and then WebDriver BiDi never gives Playwright an extension page the background opened
  // (see openExtensionPage in fixtures.ts); a new browser does. A test passing on a retry counts
  // as passed and is listed as flaky in the report and in npm test's output.
  retries: 2,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../.output/firefox-results.json' }]],
  outputDir: '../../.output/firefox-test-results',
});
