/**
 * Detection latency: error A's text inserted into a connected dashboard → the banner visible.
 *
 * Method, all inside the page, on the page's own clock (`performance.now()`): the page script
 * takes t0, inserts the error element, and a MutationObserver on `<body>` (where the extension
 * prepends its `openclaw-token-fixer` host) checks on every change whether the host's open
 * shadow root holds `section.banner` with a non-empty box (what Playwright calls visible). The
 * extension renders the banner synchronously after prepending its host, and mutation observers
 * are called only once the running script (the extension's) is done, so the check sees the
 * finished banner. A poll every few ms backs the observer up (it would catch a banner that is
 * shown by un-hiding rather than inserting). The latency covers the extension's own observer, its
 * classification and its round trip to the background (the autofix decision reads the backups
 * there) before the first render. "Fix automatically" is off for these runs so the banner stays
 * (with it on, the same first render happens, then the clear and a reload end the page).
 *
 * Every insertion is "late": the page finished loading long before. Between runs the error is
 * removed and the bench waits for the banner to go, so each run starts from a page with none.
 */
import { percentile, median } from '../lib/stats.mjs';

/** Error A as 2026.2–2026.4 releases word it. */
export const ERROR_A = 'unauthorized: device token mismatch (rotate/reissue device token)';
/** Where a release shows it: a callout in the light DOM, an open shadow root, or a collapsed `<details>`. */
export const PLACEMENTS = ['light', 'shadow', 'details'];

/**
 * In the page: inserts the error at `placement`, resolves with the ms until the banner is visible
 * (or `null` after `timeoutMs`), then removes the error and waits for the banner to go.
 */
function insertAndTime({ placement, text, timeoutMs }) {
  const bannerVisible = () => {
    const section = document.querySelector('openclaw-token-fixer')?.shadowRoot?.querySelector('section.banner');
    return !!section && section.getBoundingClientRect().height > 0;
  };
  const makeError = () => {
    const callout = document.createElement('div');
    callout.className = 'callout danger';
    callout.textContent = text;
    if (placement === 'light') return callout;
    if (placement === 'details') {
      const details = document.createElement('details');
      details.className = 'login-gate__failure-detail';
      details.innerHTML = '<summary>Details</summary>';
      callout.className = 'login-gate__failure-raw';
      details.append(callout);
      return details;
    }
    const host = document.createElement('bench-error-panel'); // an undefined custom element, like a Lit component's host
    host.attachShadow({ mode: 'open' }).append(callout);
    return host;
  };
  const until = (done, ms) =>
    new Promise((resolve) => {
      const stop = (value) => {
        observer.disconnect();
        clearInterval(poll);
        clearTimeout(timer);
        resolve(value);
      };
      const check = () => done() && stop(performance.now());
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true });
      const poll = setInterval(check, 2);
      const timer = setTimeout(() => stop(null), ms);
    });

  const error = makeError();
  const t0 = performance.now();
  document.querySelector('.errors').append(error);
  return until(bannerVisible, timeoutMs).then(async (shownAt) => {
    error.remove();
    await until(() => !document.querySelector('openclaw-token-fixer'), timeoutMs);
    return shownAt === null ? null : shownAt - t0;
  });
}

/**
 * `runs` detections per placement on `${origin}/dashboard` in the `with` browser. Returns, per
 * placement, `{ p50, p95, max, misses, samples }` in ms (`misses`: runs with no banner in 2 s).
 */
export async function measureDetection({ withExt, origin, runs = 50 }) {
  await withExt.worker.evaluate(() => chrome.storage.local.set({ settings: { autoFix: false, showBanner: true } }));
  const page = await withExt.context.newPage();
  try {
    await page.goto(`${origin}/dashboard`, { waitUntil: 'load' });
    await page.waitForTimeout(1_000); // the content script starts at document_idle
    const results = {};
    for (const placement of PLACEMENTS) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        samples.push(await page.evaluate(insertAndTime, { placement, text: ERROR_A, timeoutMs: 2_000 }));
        await page.waitForTimeout(20 + (i % 5) * 7); // vary the gap so runs do not line up with a timer
      }
      const ms = samples.map((s) => (s === null ? Infinity : s));
      results[placement] = { p50: median(ms), p95: percentile(ms, 95), max: Math.max(...ms), misses: samples.filter((s) => s === null).length, samples: samples.map((s) => (s === null ? null : Number(s.toFixed(2)))) };
    }
    return results;
  } finally {
    await page.close();
  }
}
