/**
 * Non-dashboard page: the main-thread time the extension adds to loading a plain localhost page
 * (not a Control UI), in a new tab and on a reload, against the baseline extension whose content
 * script is empty. With and without alternate run by run, so background noise hits both alike.
 */
import { pageMetrics, performanceSession } from '../lib/cdp.mjs';
import { median, medianInterval, sleep } from '../lib/stats.mjs';

/** After `load`, how long to wait for document_idle injection and whatever the script starts then. */
const SETTLE_MS = 700;

/**
 * Loads `url` in a fresh tab and returns its main-thread counters from commit to `SETTLE_MS`
 * after `load` (ms; the browser starts counting anew for each document). A new tab means a new
 * renderer process, so nothing is cached in V8: the cost a developer pays each time they open
 * their dev server.
 */
async function loadInNewTab(context, url) {
  const page = await context.newPage();
  try {
    const cdp = await performanceSession(page);
    await page.goto(url, { waitUntil: 'load' });
    await sleep(SETTLE_MS);
    return await pageMetrics(cdp);
  } finally {
    await page.close();
  }
}

/** Reloads `page` and returns its counters from the new commit to `SETTLE_MS` after `load` (ms): the warm case, code cached. */
async function reload(page, cdp) {
  await page.reload({ waitUntil: 'load' });
  await sleep(SETTLE_MS);
  return pageMetrics(cdp);
}

const summarize = (samples) => ({
  threadMs: median(samples.map((s) => s.threadMs)),
  taskMs: median(samples.map((s) => s.taskMs)),
  scriptMs: median(samples.map((s) => s.scriptMs)),
  compileMs: median(samples.map((s) => s.compileMs)),
  samples: samples.map((s) => ({ threadMs: s.threadMs, scriptMs: s.scriptMs })),
});

/**
 * Medians per side, and the median difference of back-to-back pairs (with − without, ms): for
 * main-thread CPU, and for script time (the content script's compile and run; the page's own
 * script is the same on both sides). Script time is what the verdict uses: the page's loading
 * (parsing, style, layout, paint) varies by several ms between identical loads on a busy
 * machine, more than the 1 ms target, while the script time of the same page hardly does.
 */
function compare({ with: w, without: wo }) {
  const threadDeltas = w.map((s, i) => s.threadMs - wo[i].threadMs);
  const scriptDeltas = w.map((s, i) => s.scriptMs - wo[i].scriptMs);
  return {
    with: summarize(w),
    without: summarize(wo),
    pairs: { threadMs: median(threadDeltas), threadMin: Math.min(...threadDeltas), threadMax: Math.max(...threadDeltas), scriptMs: median(scriptDeltas), scriptInterval: medianInterval(scriptDeltas) },
  };
}

/**
 * Runs `runs` alternating new-tab loads and `runs` alternating reloads of `${origin}/plain` in
 * the `with` and `without` browsers (after one warm-up each, whose process start is not the
 * page's). Returns `{ newTab, reload }`, each `{ with, without, pairs }` as `compare` makes them.
 */
export async function measurePlainPage({ withExt, withoutExt, origin, runs = 10 }) {
  const url = (n) => `${origin}/plain?run=${n}`;
  const newTab = { with: [], without: [] };
  for (const browser of [withExt, withoutExt]) await loadInNewTab(browser.context, url('warm-up'));
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first too, so a slow moment does not always land on the same side.
    const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
    for (const side of order) newTab[side].push(await loadInNewTab((side === 'with' ? withExt : withoutExt).context, url(i)));
  }

  const reloads = { with: [], without: [] };
  const tabs = {};
  for (const [side, browser] of [['with', withExt], ['without', withoutExt]]) {
    const page = await browser.context.newPage();
    const cdp = await performanceSession(page);
    await page.goto(url('reload'), { waitUntil: 'load' });
    tabs[side] = { page, cdp };
  }
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
      for (const side of order) reloads[side].push(await reload(tabs[side].page, tabs[side].cdp));
    }
  } finally {
    for (const { page } of Object.values(tabs)) await page.close();
  }
  return { newTab: compare(newTab), reload: compare(reloads) };
}
