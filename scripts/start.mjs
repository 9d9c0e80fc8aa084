/**
 * `npm start`: builds the extension and opens Chromium with it on the built-in demo dashboard,
 * which reproduces error A (switch to B or both from the demo bar). Without a display it runs
 * the same flow headless and saves a screenshot of the banner to .output/demo.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startDemoServer, GOOD_SHARED_TOKEN } from '../tests/fixtures/demo-dashboard.ts';
import { ensureBrowser } from './ensure-browser.mjs';

const headless = process.argv.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const executablePath = ensureBrowser();

if (spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const extension = path.resolve('.output/chrome-mv3');

const server = await startDemoServer();
const profile = mkdtempSync(path.join(tmpdir(), 'octf-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless,
  viewport: headless ? { width: 1100, height: 620 } : null,
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
});
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await context.close().catch(() => {});
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${server.origin}/?scenario=a`);
console.log(`\nDemo dashboard: ${server.origin}/ (error A; switch to B or both from the demo bar).`);
console.log(`Its gateway token, for the login form: ${GOOD_SHARED_TOKEN}`);

if (headless) {
  try {
    // The page after the extension's clear-and-reload, connected again, with the banner saying what was done.
    await page.locator('openclaw-token-fixer h2', { hasText: 'Stale device token cleared' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: '.output/demo.png' });
    console.log('No display found, so the demo ran headless: the extension cleared the stale device token and showed its banner.');
    console.log(`Screenshot: ${path.resolve('.output/demo.png')}`);
    await stop(0);
  } catch (error) {
    console.error(`The banner did not appear: ${error instanceof Error ? error.message : error}`);
    await stop(1);
  }
} else {
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  context.on('close', () => void stop());
}
