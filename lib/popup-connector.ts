/**
 * The popup's one way to the rest of the extension. Components get a `PopupConnector`, so a
 * test can hand them a fake one; `browserConnector` is the real thing.
 */
import { browser } from 'wxt/browser';
import { getSettings, setSettings, watchKnownTab, type Settings } from './extension-storage';
import { sendToBackground, type ClearOutcome, type KnownTab, type PrivateWindowOutcome, type UndoOutcome } from './messages';

export interface PopupConnector {
  /** The tab the popup is about: `?tabId=` when given (tests, a popup opened as a tab), else the active tab. */
  targetTabId(): Promise<number | null>;
  getTab(tabId: number): Promise<KnownTab | null>;
  watchTab(tabId: number, callback: (tab: KnownTab | null) => void): () => void;
  clear(tabId: number): Promise<ClearOutcome>;
  undo(tabId: number, overwriteNewer: boolean): Promise<UndoOutcome>;
  openPrivateWindow(tabId: number): Promise<PrivateWindowOutcome>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  copy(text: string): Promise<boolean>;
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

export const browserConnector: PopupConnector = {
  async targetTabId() {
    const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
    if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  },
  getTab: async (tabId) => shown(tabId, await sendToBackground('get-tab-state', { tabId })),
  watchTab: (tabId, callback) => watchKnownTab(tabId, (tab) => callback(shown(tabId, tab))),
  clear: (tabId) => sendToBackground('clear-device-token', target(tabId)),
  undo: (tabId, overwriteNewer) => sendToBackground('undo-clear', { ...target(tabId), overwriteNewer }),
  openPrivateWindow: (tabId) => sendToBackground('open-private-window', { tabId }),
  getSettings,
  setSettings,
  copy: (text) => navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  ),
};
