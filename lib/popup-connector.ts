/**
 * The popup's one way to the rest of the extension. Components get a `PopupConnector`, so a
 * test can hand them a fake one; `browserConnector` is the real thing.
 */
import { browser } from 'wxt/browser';
import type { RunMode } from '@/core/run-mode';
import { getKnownTab, getRunMode, getSettings, setRunMode, setSettings, watchKnownTab, type Settings } from './extension-storage';
import {
  sendToBackground,
  type AddSiteOutcome,
  type ClearOutcome,
  type KnownTab,
  type PrivateWindowOutcome,
  type ProbeOutcome,
  type UndoOutcome,
} from './messages';
import { addSite, requestHostPermission } from './options-connector';

/** What the popup shows first: the tab it is about, and what that tab last reported (null: nothing yet). */
export interface FirstLook {
  tabId: number | null;
  tab: KnownTab | null;
}

export interface PopupConnector {
  /**
   * The tab the popup is about (`?tabId=` when given: tests, a popup opened as a tab; else the
   * active tab) and its last report. Asked once per popup; the same answer every time it is asked.
   */
  firstLook(): Promise<FirstLook>;
  /**
   * One read-only look at a tab the extension does not run on (through `activeTab`), for when
   * `firstLook` knows nothing: a dashboard's state with `probed`, `not-dashboard`, or `no-access`.
   */
  probeTab(tabId: number): Promise<ProbeOutcome>;
  watchTab(tabId: number, callback: (tab: KnownTab | null) => void): () => void;
  clear(tabId: number): Promise<ClearOutcome>;
  undo(tabId: number, overwriteNewer: boolean): Promise<UndoOutcome>;
  openPrivateWindow(tabId: number): Promise<PrivateWindowOutcome>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  copy(text: string): Promise<boolean>;
  /**
   * Asks the browser for one host. Call it straight from the click handler, with no `await`
   * before it: browsers only show the prompt inside the user's gesture.
   */
  requestHostPermission(pattern: string): Promise<boolean>;
  /** Adds a dashboard address (the tab's URL) once its host is granted; adds nothing otherwise. */
  addSite(address: string): Promise<AddSiteOutcome>;
  /** Reloads the tab, so a newly registered content script runs on it. */
  reload(tabId: number): Promise<void>;
  /** Opens the options page (dashboard addresses and settings) in a tab. */
  openOptions(): Promise<void>;
  /** "How do you run OpenClaw?" for one gateway (its scope, or `*`), remembered across visits. */
  getRunMode(gateway: string): Promise<RunMode | null>;
  setRunMode(gateway: string, mode: RunMode): Promise<void>;
}

/**
 * The origin of the dashboard the popup last drew, per tab. Clear and Undo carry it, so they
 * reach that page only: if the tab has navigated since, the background and the tab refuse.
 */
const shownOrigins = new Map<number, string>();
function shown(tabId: number, tab: KnownTab | null): KnownTab | null {
  if (tab) shownOrigins.set(tabId, new URL(tab.url).origin);
  else shownOrigins.delete(tabId);
  return tab;
}
const target = (tabId: number) => ({ tabId, origin: shownOrigins.get(tabId) ?? '' });

async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

let firstLook: Promise<FirstLook> | undefined;
/**
 * What the tab reported after the first look began and before the popup's own watch: the UI's
 * code is still loading then, and a report in that gap (a dashboard reloading after its clear)
 * would otherwise never be shown. Replayed to the popup's watch.
 */
let reportedMeanwhile: { tabId: number; tab: KnownTab | null } | null = null;
let stopWatchingMeanwhile = () => {};

export const browserConnector: PopupConnector = {
  // The tab's report is read where the background keeps it, as watchTab does: asking the
  // background would cost a round trip, and waking its service worker when it was stopped, before
  // the answer shows. The popup's entry starts this before its UI's code has loaded (main.tsx).
  firstLook: () =>
    (firstLook ??= targetTabId()
      .catch(() => null)
      .then(async (tabId) => {
        if (tabId === null) return { tabId, tab: null };
        // Watched before it is read: a report in between is seen by one or the other.
        stopWatchingMeanwhile = watchKnownTab(tabId, (tab) => (reportedMeanwhile = { tabId, tab }));
        return { tabId, tab: shown(tabId, await getKnownTab(tabId).catch(() => null)) };
      })),
  // The background answers nothing to a message it refuses: that is no access as well.
  probeTab: async (tabId) => (await sendToBackground('probe-tab', { tabId })) ?? { status: 'no-access' },
  watchTab: (tabId, callback) => {
    stopWatchingMeanwhile();
    const stop = watchKnownTab(tabId, (tab) => callback(shown(tabId, tab)));
    const meanwhile = reportedMeanwhile;
    reportedMeanwhile = null;
    if (meanwhile?.tabId === tabId) callback(shown(tabId, meanwhile.tab));
    return stop;
  },
  clear: (tabId) => sendToBackground('clear-device-token', target(tabId)),
  undo: (tabId, overwriteNewer) => sendToBackground('undo-clear', { ...target(tabId), overwriteNewer }),
  openPrivateWindow: (tabId) => sendToBackground('open-private-window', { tabId }),
  getSettings,
  setSettings,
  copy: (text) => navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  ),
  requestHostPermission,
  addSite,
  reload: (tabId) => browser.tabs.reload(tabId),
  openOptions: () => browser.runtime.openOptionsPage(),
  getRunMode,
  setRunMode,
};
