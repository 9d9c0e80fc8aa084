import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forgetTab, handleBackgroundMessage } from '@/lib/background-service';
import { sendToTab } from '@/lib/messages';
import { reconcileSiteRegistrations } from '@/lib/site-registrations';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => handleBackgroundMessage(message, sender));

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // Without the "tabs" permission the event still says when a tab starts loading. A new
  // page reports for itself; a dashboard that only changed its route is asked to report again.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void forgetTab(tabId).then(() => sendToTab(tabId, 'report-now', {}).catch(() => undefined));
  });

  // Added sites follow the host permissions, whoever changed them: this extension, or the user
  // in the browser's settings or the add-ons menu.
  const reconcile = () => void reconcileSiteRegistrations().catch(() => undefined);
  browser.permissions.onAdded.addListener(reconcile);
  browser.permissions.onRemoved.addListener(reconcile);
  browser.runtime.onStartup.addListener(reconcile);
  browser.runtime.onInstalled.addListener(reconcile);
});
