import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forgetTab, handleBackgroundMessage } from '@/lib/background-service';
import { sendToTab } from '@/lib/messages';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => handleBackgroundMessage(message, sender));

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // Without the "tabs" permission the event still says when a tab starts loading. A new
  // page reports for itself; a dashboard that only changed its route is asked to report again.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void forgetTab(tabId).then(() => sendToTab(tabId, 'report-now', {}).catch(() => undefined));
  });
});
