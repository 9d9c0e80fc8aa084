/**
 * Where the extension's main-thread time goes on the busy dashboard: one stream of the same
 * workload under the V8 sampling profiler (100 µs), in Chromium with the unminified build, so
 * the functions keep their source names. Not a timed figure: the profiler slows everything down.
 */
import path from 'node:path';
import { readBundle, summarizeProfile } from '../lib/profile.mjs';
import { sleep } from '../lib/stats.mjs';
import { CHANGES, streamChat, STREAM_OPTIONS } from './busy-dashboard.mjs';

/**
 * Streams once on `${origin}/dashboard` in `browser` (launched with `extensionDir`, the
 * unminified build) while profiling. Returns the profile summary with the top `top` functions.
 */
export async function profileBusyDashboard({ browser, extensionDir, origin, top = 12 }) {
  const page = await browser.context.newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${origin}/dashboard?run=profile`, { waitUntil: 'load' });
    await sleep(1_000);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.evaluate(streamChat, STREAM_OPTIONS);
    await sleep(1_200);
    const { profile } = await cdp.send('Profiler.stop');
    const bundles = new Map();
    const bundleFor = (url) => {
      const file = path.join(extensionDir, new URL(url).pathname);
      if (!bundles.has(file)) bundles.set(file, readBundle(file));
      return bundles.get(file);
    };
    const summary = summarizeProfile(profile, `chrome-extension://${browser.extensionId}/`, bundleFor);
    return { changes: CHANGES, ...summary, functions: summary.functions.slice(0, top) };
  } finally {
    await page.close();
  }
}
