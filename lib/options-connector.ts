/**
 * The options page's one way to the rest of the extension, like `popup-connector.ts` for the
 * popup: the `Options` component gets an `OptionsConnector`, so a test can hand it a fake one;
 * `browserOptionsConnector` is the real thing.
 */
import { browser } from 'wxt/browser';
import type { DashboardSite } from '@/core/site-address';
import { getSettings, setSettings, watchSettings, watchSites, type Settings } from './extension-storage';
import { sendToBackground, type AddSiteOutcome } from './messages';
import { t } from './i18n';

export interface OptionsConnector {
  /** Dashboard addresses the user added beyond loopback. */
  listSites(): Promise<DashboardSite[]>;
  /** Calls back whenever the list changes (this page, the popup, or the browser's own settings). */
  watchSites(callback: (sites: DashboardSite[]) => void): () => void;
  /**
   * Asks the browser for one host. Call it straight from the click or submit handler, with no
   * `await` before it: browsers only show the prompt inside the user's gesture.
   */
  requestHostPermission(pattern: string): Promise<boolean>;
  /** Adds an address whose host the browser has granted; adds nothing otherwise. */
  addSite(address: string): Promise<AddSiteOutcome>;
  /** Removes a site by its pattern; the background gives the host permission back. */
  removeSite(pattern: string): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  watchSettings(callback: (settings: Settings) => void): () => void;
  /** Deletes every backup the extension keeps (they hold token values): Undo is then gone too. */
  forgetBackups(): Promise<void>;
}

/**
 * The real host permission request. `permissions.request` is called synchronously here, so the
 * caller's gesture still counts; a refusal or an error (a pattern the manifest does not allow)
 * reads as "not granted".
 */
export function requestHostPermission(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}

/**
 * An error's own words for the user: its message without the `Error:` prefix. The extension's
 * storage errors are full sentences ("The browser's storage for the extension is full, so …");
 * one that crossed from the background arrives as a plain `Error` with the same message.
 */
export const errorText = (error: unknown): string => (error instanceof Error && error.message ? error.message : String(error));

/** The background answers nothing to a message it does not accept; say so instead of failing silently. */

/** Sends `add-site`; shared with the popup's "Always run on …". */
export async function addSite(address: string): Promise<AddSiteOutcome> {
  try {
    return (await sendToBackground('add-site', { address })) ?? { ok: false, message: t('failure.noAnswer') };
  } catch (error) {
    return { ok: false, message: t('failure.addFailed', { error: String(error) }) };
  }
}

export const browserOptionsConnector: OptionsConnector = {
  listSites: async () => (await sendToBackground('list-sites', {})) ?? [],
  watchSites,
  requestHostPermission,
  addSite,
  removeSite: (pattern) => sendToBackground('remove-site', { pattern }),
  getSettings,
  setSettings,
  watchSettings,
  forgetBackups: () => sendToBackground('forget-backups', {}),
};
