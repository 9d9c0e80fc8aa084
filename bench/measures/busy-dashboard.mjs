/**
 * Busy dashboard: the main-thread time of a connected dashboard while it receives 10,000
 * chat-like DOM changes, with the extension ÷ with the baseline (empty content script).
 *
 * The workload imitates how the Control UI streams a reply (read in the 2026.4.29 bundle: the
 * streaming message is `<div class="chat-text">${unsafeHTML(markdown(text))}</div>`, so each
 * update replaces the message's nodes), plus the other kinds of change the issue names. Of every
 * 10 changes: 5 text appends to the message's last text node (characterData); 3 node changes
 * (mostly the markdown re-render of the whole message; every 6th a new paragraph; every 50th a
 * new message, the oldest trimmed); 2 attribute changes (`data-tokens`, `aria-busy`). Changes
 * arrive 5 per task, as gateway frames do, so every mutation observer runs once per frame.
 * Counters are read before the stream and after it plus a quiet 1.2 s (the extension's
 * coalesced reports land in it), so the delta is what the stream cost the page's main thread.
 */
import { metricsDelta, pageMetrics, performanceSession } from '../lib/cdp.mjs';
import { median, medianInterval, sleep } from '../lib/stats.mjs';

export const CHANGES = 10_000;
/** 5 changes per gateway frame, 20 frames per animation frame: 100 rendered frames in all. */
export const STREAM_OPTIONS = { changes: CHANGES, perDelta: 5, deltasPerFrame: 20 };
const QUIET_MS = 1_200;

/**
 * In the page: applies `changes` DOM changes, `perDelta` per task and `deltasPerFrame` tasks per
 * animation frame; resolves with `{ changes, frames, wallMs }` once the last one is applied.
 */
export function streamChat({ changes, perDelta, deltasPerFrame }) {
  const words = ('I ran the tests again and two of them failed because the fixture was missing a field so I updated the ' +
    'helper and restarted the dev server on localhost the build is green now here is the diff for the parser').split(' ');
  const thread = document.querySelector('.chat-thread');
  const keep = thread.children.length + 40;
  const kinds = ['text', 'text', 'nodes', 'attr', 'text', 'nodes', 'text', 'attr', 'text', 'nodes'];
  let bubble, textDiv, paragraphs, tail;
  let word = 0;
  let nodeChanges = 0;
  let attrChanges = 0;

  function startMessage() {
    const group = document.createElement('div');
    group.className = 'chat-group assistant';
    group.innerHTML = '<div class="chat-bubble streaming"><div class="chat-text"><p></p></div></div>';
    thread.append(group);
    if (thread.children.length > keep) thread.firstElementChild.remove();
    bubble = group.firstElementChild;
    textDiv = bubble.firstElementChild;
    paragraphs = [''];
    tail = textDiv.firstElementChild.appendChild(document.createTextNode(''));
  }
  function appendText() {
    const next = ' ' + words[word++ % words.length];
    paragraphs[paragraphs.length - 1] += next;
    tail.appendData(next);
  }
  function changeNodes() {
    nodeChanges++;
    if (nodeChanges % 50 === 0) {
      bubble.classList.remove('streaming'); // the reply is done
      return startMessage();
    }
    if (nodeChanges % 6 === 0) {
      paragraphs.push('');
      tail = textDiv.appendChild(document.createElement('p')).appendChild(document.createTextNode(''));
      return;
    }
    // The markdown re-render: every paragraph replaced, with inline code as a release renders it.
    textDiv.innerHTML = paragraphs.map((p) => '<p>' + p.replace(/npm|tests/g, '<code>$&</code>') + '</p>').join('');
    const last = textDiv.lastElementChild;
    tail = last.appendChild(document.createTextNode(''));
  }
  function changeAttribute() {
    attrChanges++;
    if (attrChanges % 3 === 0) thread.setAttribute('aria-busy', String(attrChanges % 2 === 0));
    else bubble.setAttribute('data-tokens', String(word));
  }

  startMessage();
  const started = performance.now();
  let done = 0;
  let frames = 0;
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    // One task per gateway frame (a delta of `perDelta` changes), `deltasPerFrame` of them per
    // animation frame: the pace of a reply arriving, and a fixed number of rendered frames
    // whatever the machine's speed, so rendering work does not grow with a slower stream.
    channel.port1.onmessage = () => {
      for (let i = 0; i < perDelta && done < changes; i++, done++) {
        const kind = kinds[done % kinds.length];
        if (kind === 'text') appendText();
        else if (kind === 'nodes') changeNodes();
        else changeAttribute();
      }
      if (done === changes) resolve({ changes: done, frames, wallMs: performance.now() - started });
    };
    const frame = () => {
      if (done >= changes) return;
      frames++;
      for (let i = 0; i < deltasPerFrame; i++) channel.port2.postMessage(0);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Loads a fresh dashboard in `page`, streams, and returns the stream's main-thread counters (ms). */
async function oneRun(page, cdp, url) {
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1_000); // document_idle injection and the watcher's first full pass are not the stream's cost
  const before = await pageMetrics(cdp);
  const stream = await page.evaluate(streamChat, STREAM_OPTIONS);
  await sleep(QUIET_MS);
  return { ...metricsDelta(before, await pageMetrics(cdp)), wallMs: stream.wallMs };
}

/**
 * `runs` streams per browser, alternating with and without, each on a fresh load of
 * `${origin}/dashboard`. Returns medians `{ with, without }` of `threadMs` (main-thread CPU),
 * `taskMs` (main-thread task wall time) and `scriptMs` with the per-run samples, and `pairs`:
 * the median, lowest and highest with ÷ without ratio of back-to-back runs (main-thread CPU),
 * and the median ratio of script time.
 */
export async function measureBusyDashboard({ withExt, withoutExt, origin, runs = 5 }) {
  const sides = {};
  for (const [side, browser] of [['with', withExt], ['without', withoutExt]]) {
    const page = await browser.context.newPage();
    sides[side] = { page, cdp: await performanceSession(page), samples: [] };
  }
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
      for (const side of order) sides[side].samples.push(await oneRun(sides[side].page, sides[side].cdp, `${origin}/dashboard?run=${i}`));
    }
  } finally {
    for (const { page } of Object.values(sides)) await page.close();
  }
  const summary = (samples) => ({
    threadMs: median(samples.map((s) => s.threadMs)),
    taskMs: median(samples.map((s) => s.taskMs)),
    scriptMs: median(samples.map((s) => s.scriptMs)),
    streamWallMs: median(samples.map((s) => s.wallMs)),
    samples: samples.map((s) => ({ threadMs: s.threadMs, scriptMs: s.scriptMs, layoutMs: s.layoutMs, styleMs: s.styleMs, wallMs: s.wallMs })),
  });
  // Each with run and the without run next to it saw the same moment of the machine: their
  // ratio cancels most of the load the machine's other work puts on both.
  const ratios = sides.with.samples.map((w, i) => w.threadMs / sides.without.samples[i].threadMs);
  const scriptRatios = sides.with.samples.map((w, i) => w.scriptMs / sides.without.samples[i].scriptMs);
  return {
    with: summary(sides.with.samples),
    without: summary(sides.without.samples),
    pairs: { ratio: median(ratios), interval: medianInterval(ratios), min: Math.min(...ratios), max: Math.max(...ratios), scriptRatio: median(scriptRatios) },
  };
}
