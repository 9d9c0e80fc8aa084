/**
 * One look at a page the extension does not run on, for the popup (through `activeTab`): is it
 * a Control UI, and what does it show and store? Reads only; it changes nothing, leaves no
 * observer or timer behind, and returns plain data the background checks like any tab report.
 */
import { recognizeDashboard } from '@/core/dashboard-page';
import { currentGatewayUrl } from '@/core/gateway-scope';
import { diagnose } from '@/core/lockout';
import { parseRelease } from '@/core/release';
import { addressCarriesSharedToken, summarizeStoredAuth } from '@/core/stored-auth';
import type { ReadableStorage } from '@/core/web-storage';
import { watchLockouts } from './lockout-watcher';
import type { TabState } from './messages';

/** What a probe found: a dashboard's state, or that the page is not one. */
export type ProbeResult = { dashboard: true; state: TabState } | { dashboard: false };

/** Web Storage may throw (sandboxed frames, blocked cookies): such a page reads as storing nothing. */
function storageOf(get: () => Storage): ReadableStorage | null {
  try {
    return get();
  } catch {
    return null;
  }
}

const EMPTY: ReadableStorage = { length: 0, key: () => null, getItem: () => null };

export function probePage(doc: Document, pageUrl: string): ProbeResult {
  const page = recognizeDashboard(doc);
  if (!page) return { dashboard: false };
  const local = storageOf(() => localStorage) ?? EMPTY;
  const session = storageOf(() => sessionStorage);
  const gatewayUrl = currentGatewayUrl(local, pageUrl, page.basePath);
  const stored = summarizeStoredAuth(local, session, gatewayUrl, page.brand);
  // One pass over the page, then stop: the watcher's first scan is synchronous.
  const watcher = watchLockouts(doc, () => undefined);
  const shown = watcher.current();
  watcher.stop();
  const [navigation] = performance.getEntriesByType('navigation');
  const sharedTokenHeld = stored.sharedToken !== null || addressCarriesSharedToken(navigation?.name || pageUrl);
  const lockouts = diagnose(shown, { deviceTokenStored: stored.deviceToken !== null, sharedTokenHeld }, parseRelease(page.release));
  return { dashboard: true, state: { page, gatewayUrl, lockouts, stored, undoable: null } };
}
