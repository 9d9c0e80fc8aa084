/**
 * Main-thread time from the Chrome DevTools Protocol. `Performance.getMetrics` reports, for the
 * renderer of a page, `ThreadTime` (CPU time of its main thread) and `TaskDuration` (wall time
 * of the tasks it ran), both counted from when the page's document was committed (the browser
 * starts a new count for each document). CPU time is the headline figure: it counts every world
 * on that thread, the page's own script and the extension's content script alike, and unlike
 * wall time it does not grow when other processes take the two cores from the renderer.
 */

/** Opens a CDP session on `page` with the Performance domain on; its counts follow the page across navigations. */
export async function performanceSession(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/**
 * The page's counters now: `threadMs` (main-thread CPU time, ms), `taskMs` (main-thread task
 * wall time, ms), `scriptMs`, `compileMs`, `layoutMs`, `styleMs` (ms), and the live counts
 * `listeners` (JS event listeners of the renderer, every world) and `contexts` (V8 contexts:
 * the main world plus one isolated world per extension with a content script there).
 */
export async function pageMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return {
    threadMs: m.ThreadTime * 1000,
    taskMs: m.TaskDuration * 1000,
    scriptMs: m.ScriptDuration * 1000,
    compileMs: m.V8CompileDuration * 1000,
    layoutMs: m.LayoutDuration * 1000,
    styleMs: m.RecalcStyleDuration * 1000,
    listeners: m.JSEventListeners,
    contexts: m.V8PerContextDatas,
  };
}

/** `after − before` for every time counter (ms); live counts are taken from `after`. */
export function metricsDelta(before, after) {
  const delta = {};
  for (const key of ['threadMs', 'taskMs', 'scriptMs', 'compileMs', 'layoutMs', 'styleMs']) delta[key] = after[key] - before[key];
  return { ...delta, listeners: after.listeners, contexts: after.contexts };
}
