import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Banner } from '@/components/Banner';
import bannerCss from '@/components/banner.css?inline';
import { recognizeDashboard } from '@/core/dashboard-page';
import { LOOPBACK_MATCHES } from '@/core/site-address';
import { startDashboardSession } from '@/lib/dashboard-session';

/**
 * Detection, the banner, clear and Undo on a dashboard. Not declared in the manifest: the
 * background injects it into a tab whose loader (entrypoints/dashboard-loader.ts) found the
 * Control UI fingerprint. `registration: 'runtime'` makes WXT declare the loopback `matches` as
 * host permissions, which that injection needs; they cover the same hosts the loader runs on.
 */
export default defineContentScript({
  matches: LOOPBACK_MATCHES,
  registration: 'runtime',
  main(ctx) {
    // Checked again: the injection may land after the tab moved on to another page.
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
