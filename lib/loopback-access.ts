/**
 * Host access to the loopback addresses, where the loader runs and the dashboard script is
 * injected. Both browsers grant the manifest's `host_permissions` at install, but Firefox
 * (MV3) treats them as the user's to withdraw at any time (the add-ons manager's Permissions tab,
 * the extensions menu), as Chrome's "Site access" does; the extension then sees no loopback
 * dashboard at all. So
 * the popup and the options page check, and offer the grant back from a click.
 */
import { browser } from 'wxt/browser';
import { LOOPBACK_MATCHES } from '@/core/site-address';

export interface LoopbackAccess {
  /** Whether the browser lets the extension run on every loopback address. */
  granted(): Promise<boolean>;
  /**
   * Asks the browser for it. Call it straight from the click handler, with no `await` before
   * it: Firefox only asks inside the user's gesture.
   */
  request(): Promise<boolean>;
}

/** The real browser's answer; where the browser cannot say (no `permissions` API), access counts as granted. */
export const browserLoopbackAccess: LoopbackAccess = {
  granted: () =>
    Promise.resolve()
      .then(() => browser.permissions.contains({ origins: LOOPBACK_MATCHES }))
      .catch(() => true),
  request: () =>
    Promise.resolve()
      .then(() => browser.permissions.request({ origins: LOOPBACK_MATCHES }))
      .catch(() => false),
};
