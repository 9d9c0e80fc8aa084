/**
 * What the content script leaves running on a page, read from the instrumented copy of the
 * build (bench/instrument/leftovers.js counts in the content script's own world). The dashboard
 * page is the control: there the watcher must show up, which proves the counting works.
 */
import { sleep } from '../lib/stats.mjs';

/** How long after `load` to look: past document_idle and any short timer the script sets. */
const SETTLE_MS = 1_500;

/**
 * Loads `url` in `browser` (the instrumented build) and returns the counts from the shim, or
 * `{ injected: false }` when no content script world of the extension exists on the page.
 * Listeners are also counted from outside: `JSEventListeners` of the page (every world) is in
 * `pageListeners`, for comparison with the baseline browser on the same page.
 */
export async function leftoversOn(browser, url) {
  const page = await browser.context.newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await page.goto(url, { waitUntil: 'load' });
    await sleep(SETTLE_MS);
    await cdp.send('Runtime.enable'); // reports the contexts that exist now
    await sleep(100);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const pageListeners = metrics.find((m) => m.name === 'JSEventListeners')?.value ?? null;
    // The extension's world is an isolated context named after the extension's origin.
    const world = contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${browser.extensionId}`).at(-1);
    if (!world) return { injected: false, pageListeners };
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'globalThis.__benchLeftovers?.() ?? null', contextId: world.id, returnByValue: true });
    return { injected: true, pageListeners, ...result.value };
  } finally {
    await page.close();
  }
}

/** `JSEventListeners` of a page loaded in `browser`, `SETTLE_MS` after load: listeners from every world. */
export async function pageListenerCount(browser, url) {
  const page = await browser.context.newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await sleep(SETTLE_MS);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSEventListeners')?.value ?? null;
  } finally {
    await page.close();
  }
}
