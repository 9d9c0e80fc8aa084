import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Banner } from '@/components/Banner';
import bannerCss from '@/components/banner.css?inline';
import { recognizeDashboard } from '@/core/dashboard-page';
import { startDashboardSession } from '@/lib/dashboard-session';

/**
 * Runs on loopback pages on any port, where a local gateway serves its dashboard. It stops at
 * once, leaving nothing running, unless the page carries a Control UI fingerprint.
 */
export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'https://127.0.0.1/*', 'http://localhost/*', 'https://localhost/*', 'http://[::1]/*', 'https://[::1]/*'],
  runAt: 'document_idle',
  main(ctx) {
    const page = recognizeDashboard(document);
    if (!page) return;

    let host: HTMLElement | null = null;
    let shadow: ShadowRoot | null = null;
    // When the extension is updated or reloaded this script is orphaned: take the banner along.
    ctx.onInvalidated(() => {
      if (shadow) render(null, shadow);
      host?.remove();
    });
    void startDashboardSession({
      page,
      render(model, actions) {
        if (!model) {
          if (shadow) render(null, shadow);
          host?.remove();
          host = shadow = null;
          return;
        }
        if (!host || !shadow) {
          host = document.createElement('openclaw-token-fixer');
          shadow = host.attachShadow({ mode: 'open' });
          const style = document.createElement('style');
          style.textContent = bannerCss;
          shadow.append(style);
        }
        // In the page's flow above the app, never over it: the login form stays reachable.
        if (!host.isConnected) document.body.prepend(host);
        render(<Banner model={model} actions={actions} />, shadow);
      },
      isOwnNode: (node) => host !== null && (node === host || host.contains(node)),
      reload: () => location.reload(),
      onInvalidated: (callback) => ctx.onInvalidated(callback),
    }).catch(() => undefined); // the extension's own trouble never becomes the page's
  },
});
