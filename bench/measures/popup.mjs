/**
 * Popup: opening `popup.html` → its first render, over `runs` opens, each in a new tab like a
 * popup opens a new view each time. First render is the page's first contentful paint (from the
 * Paint Timing API, on the page's clock from navigation start): the popup's HTML has an empty
 * `#app`, so nothing paints before Preact renders. "Facts shown" is when the popup has read the
 * dashboard tab's state from the background and shows it (`dl.facts`), found by a
 * MutationObserver installed before the page's scripts run. The baseline's popup is a static
 * page with the same first heading: the cost of opening any extension page.
 */
import { percentile, median } from '../lib/stats.mjs';

/** Installed in the popup before its scripts: when the tab's facts first appear, on the page's clock. */
function watchFacts() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('dl.facts')) {
      globalThis.__benchFactsAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the popup: `{ fcp, facts }` in ms from navigation start, waiting up to 3 s for each. */
function readTimes() {
  const deadline = performance.now() + 3_000;
  return new Promise((resolve) => {
    const check = () => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const facts = globalThis.__benchFactsAt ?? null;
      if ((fcp !== null && (facts !== null || !document.querySelector('#tab-heading'))) || performance.now() > deadline) resolve({ fcp, facts });
      else setTimeout(check, 10);
    };
    check();
  });
}

/** Opens `url` in a new tab `runs` times; returns the samples `{ fcp, facts }` (ms, null when never seen). */
async function openRepeatedly(context, url, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    try {
      await page.addInitScript(watchFacts);
      await page.goto(url, { waitUntil: 'load' });
      samples.push(await page.evaluate(readTimes));
    } finally {
      await page.close();
    }
  }
  return samples;
}

/**
 * The id of the tab the content script reported for `url` (the extension has no "tabs"
 * permission to look it up; reports keep the address without its query). The newest wins.
 */
async function reportedTabId(worker, url) {
  for (let tries = 0; tries < 50; tries++) {
    const id = await worker.evaluate(async (prefix) => {
      const tabs = (await chrome.storage.session.get('tabs')).tabs ?? {};
      return Object.entries(tabs).findLast(([, tab]) => tab.url?.startsWith(prefix))?.[0] ?? null;
    }, url);
    if (id !== null) return Number(id);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

const summarize = (values) => {
  const ms = values.map((v) => (v === null ? Infinity : v));
  return { p50: median(ms), p95: percentile(ms, 95), misses: values.filter((v) => v === null).length, samples: values.map((v) => (v === null ? null : Number(v.toFixed(1)))) };
};

/**
 * `runs` popup opens in each browser, alternating in blocks of one. The real popup is opened
 * with `?tabId=` of a loaded dashboard tab, so it has a tab to describe. Returns
 * `{ with: { fcp, facts }, without: { fcp } }` summaries (p50, p95 in ms).
 */
export async function measurePopup({ withExt, withoutExt, origin, runs = 30 }) {
  const dashboard = await withExt.context.newPage();
  try {
    await dashboard.goto(`${origin}/dashboard?for=popup`, { waitUntil: 'load' });
    const tabId = await reportedTabId(withExt.worker, `${origin}/dashboard`);
    const withUrl = `chrome-extension://${withExt.extensionId}/popup.html${tabId === null ? '' : `?tabId=${tabId}`}`;
    const withoutUrl = `chrome-extension://${withoutExt.extensionId}/popup.html`;
    await openRepeatedly(withExt.context, withUrl, 1); // warm-up: the first open also starts the extension's process
    await openRepeatedly(withoutExt.context, withoutUrl, 1);
    const samples = { with: [], without: [] };
    for (let i = 0; i < runs; i++) {
      samples.with.push(...(await openRepeatedly(withExt.context, withUrl, 1)));
      samples.without.push(...(await openRepeatedly(withoutExt.context, withoutUrl, 1)));
    }
    return {
      tabId,
      with: { fcp: summarize(samples.with.map((s) => s.fcp)), facts: summarize(samples.with.map((s) => s.facts)) },
      without: { fcp: summarize(samples.without.map((s) => s.fcp)) },
    };
  } finally {
    await dashboard.close();
  }
}
