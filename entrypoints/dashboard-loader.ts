import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DASHBOARD_SELECTOR } from '@/core/dashboard-selector';
import type { BackgroundRequests } from '@/lib/messages';

/**
 * The only script on every matched page (loopback, and the addresses the user added): it checks
 * the Control UI fingerprint with one query and, on a page that may be a dashboard, asks the
 * background to inject the detection and banner code into this tab (`content-scripts/dashboard.js`,
 * which reads the page fully with `recognizeDashboard`). On any other page it stops at once and
 * leaves nothing behind: no observer, timer or listener, and no Preact, polyfill or storage code
 * is loaded. It reads nothing of the page but `document.querySelector` (see `DASHBOARD_SELECTOR`
 * for what each further DOM read would cost). It is declared as a content script in wxt.config.ts.
 *
 * Why injection by the background rather than a dynamic `import()`: an imported chunk must be
 * web-accessible, which lets any page load it and tell the extension is installed; injection
 * needs the host permission the extension already has for these pages.
 */
export default defineUnlistedScript(() => {
  if (!document.querySelector(DASHBOARD_SELECTOR)) return;
  const start = { type: 'start-dashboard' } satisfies { type: keyof BackgroundRequests };
  // The browser's own API, not the polyfill: it would be most of this script's size.
  const runtime = (globalThis as { browser?: typeof chrome }).browser?.runtime ?? chrome.runtime;
  // A background that is updating or gone is not the page's problem.
  void Promise.resolve(runtime.sendMessage(start)).catch(() => undefined);
});
