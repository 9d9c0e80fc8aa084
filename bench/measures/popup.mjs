/**
 * Popup: opening `popup.html` → the popup's answer on screen, over `runs` opens, each in a new
 * tab like a popup opens a new view each time.
 *
 * What the user waits for is the answer about the tab, not the first frame: the popup's first
 * render is a "Checking…" placeholder, shown while it reads the tab's state. So the headline is
 * "answer shown": from the popup document's navigation start (the page's clock) to the tab's
 * facts (`dl.facts`) in the DOM, found by a MutationObserver installed before the page's scripts
 * run, and no earlier than the first contentful paint (Paint Timing API), since nothing is on
 * screen before it. (Until this change the headline was the first paint alone, the placeholder.)
 * Beside it, the baseline: a static page with the same first heading, whose first paint is what
 * opening any extension page costs here (navigation, commit, first frame), a floor no popup can
 * go under. Reported apart and not counted: the browser's creation of the tab before the
 * navigation (a toolbar popup creates its window there instead), and when the browser had handed
 * the popup its HTML (`responseEnd`).
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

/** In the popup: `{ fcp, facts, html }` in ms from navigation start (`html`: the document received), waiting up to 3 s for each. */
function readTimes() {
  const deadline = performance.now() + 3_000;
  return new Promise((resolve) => {
    const check = () => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const facts = globalThis.__benchFactsAt ?? null;
      const html = performance.getEntriesByType('navigation')[0]?.responseEnd ?? null;
      if ((fcp !== null && (facts !== null || !document.querySelector('#tab-heading'))) || performance.now() > deadline) resolve({ fcp, facts, html });
      else setTimeout(check, 10);
    };
    check();
  });
}

/**
 * Opens `url` in a new tab `runs` times; returns the samples `{ fcp, facts, answer, html, tabMs }`
 * (ms, null when never seen; `answer` is the facts no earlier than the first paint, `tabMs` the
 * browser's creation of the tab, on the bench's clock).
 */
async function openRepeatedly(context, url, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const created = performance.now();
    const page = await context.newPage();
    const tabMs = performance.now() - created;
    try {
      await page.addInitScript(watchFacts);
      await page.goto(url, { waitUntil: 'load' });
      const times = await page.evaluate(readTimes);
      const answer = times.facts === null || times.fcp === null ? null : Math.max(times.facts, times.fcp);
      samples.push({ ...times, answer, tabMs });
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
 * `{ with: { answer, fcp, facts, html, tabMs }, without: { fcp, html, tabMs }, minimal: { answer } }`:
 * summaries (p50, p95 in ms) and the median tab creation (ms). `minimal` is the baseline's minimal
 * popup (one script, one storage read, then the facts), opened in turn with the other two.
 */
export async function measurePopup({ withExt, withoutExt, origin, runs = 30 }) {
  const dashboard = await withExt.context.newPage();
  try {
    await dashboard.goto(`${origin}/dashboard?for=popup`, { waitUntil: 'load' });
    const tabId = await reportedTabId(withExt.worker, `${origin}/dashboard`);
    const withUrl = `chrome-extension://${withExt.extensionId}/popup.html${tabId === null ? '' : `?tabId=${tabId}`}`;
    const withoutUrl = `chrome-extension://${withoutExt.extensionId}/popup.html`;
    const minimalUrl = `chrome-extension://${withoutExt.extensionId}/popup-minimal.html`;
    await openRepeatedly(withExt.context, withUrl, 1); // warm-up: the first open also starts the extension's process
    await openRepeatedly(withoutExt.context, withoutUrl, 1);
    await openRepeatedly(withoutExt.context, minimalUrl, 1);
    const samples = { with: [], without: [], minimal: [] };
    for (let i = 0; i < runs; i++) {
      samples.with.push(...(await openRepeatedly(withExt.context, withUrl, 1)));
      samples.without.push(...(await openRepeatedly(withoutExt.context, withoutUrl, 1)));
      samples.minimal.push(...(await openRepeatedly(withoutExt.context, minimalUrl, 1)));
    }
    return {
      tabId,
      with: {
        answer: summarize(samples.with.map((s) => s.answer)),
        fcp: summarize(samples.with.map((s) => s.fcp)),
        facts: summarize(samples.with.map((s) => s.facts)),
        html: summarize(samples.with.map((s) => s.html)),
        tabMs: median(samples.with.map((s) => s.tabMs)),
      },
      without: { fcp: summarize(samples.without.map((s) => s.fcp)), html: summarize(samples.without.map((s) => s.html)), tabMs: median(samples.without.map((s) => s.tabMs)) },
      minimal: { answer: summarize(samples.minimal.map((s) => s.answer)) },
    };
  } finally {
    await dashboard.close();
  }
}
