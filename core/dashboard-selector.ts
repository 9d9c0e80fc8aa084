/**
 * One CSS selector that matches every page `recognizeDashboard` (core/dashboard-page.ts) can
 * accept: each brand's app element, 6.x+'s mount fallback, and 9.x's `<html>` with a build id.
 * The loader on every matched page runs this one query and nothing else, so it is a literal in a
 * module without imports: the loader carries this string and no brand table.
 * `core/dashboard-page.test.ts` checks it against `BRANDS`.
 *
 * Why one query and nothing more (measured with the bench's plain page, Chromium 156,
 * 2026-11-30): the first DOM object a content script reads creates its wrapper, and its
 * interface's prototype chain, in the isolated world. Reading `document.documentElement` added
 * about 3 ms of script time to each new tab; a query on `document` that returns null, under 1 ms.
 */
export const DASHBOARD_SELECTOR =
  'openclaw-app,clawdbot-app,moltbot-app,#openclaw-mount-fallback,:root[data-openclaw-control-ui-build-id]';
