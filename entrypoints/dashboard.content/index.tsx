import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Banner } from '@/components/Banner';
import bannerCss from '@/components/banner.css?inline';
import { BRANDS } from '@/core/brands';
import { recognizeDashboard } from '@/core/dashboard-page';
import { LOOPBACK_MATCHES } from '@/core/site-address';
import { placeBanner } from '@/lib/banner-layout';
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
  async main(ctx) {
    // Checked again: the injection may land after the tab moved on to another page.
    const page = recognizeDashboard(document);
    if (!page) return;

    // WXT's shadow-root UI: the page's styles stay out, and WXT removes it when the extension
    // is updated or reloaded (the orphaned script takes its banner along). The CSS is passed
    // inline, not fetched: a fetch would need it listed as a web-accessible resource.
    const ui = await createShadowRootUi<HTMLElement>(ctx, {
      name: 'openclaw-token-fixer',
      position: 'inline',
      // In the page's flow above the app, never over it: the login form stays reachable.
      anchor: 'body',
      append: 'first',
      css: bannerCss,
      // banner.css resets the host itself (`all: initial`, then its own display and stacking);
      // WXT's reset is `!important` and would undo those.
      inheritStyles: true,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    /** What the banner changed in the page's layout while it shows (lib/banner-layout.ts). */
    let layout: { stop(): void } | null = null;
    await startDashboardSession({
      page,
      render(model, actions) {
        if (!model) {
          layout?.stop();
          layout = null;
          if (ui.mounted) ui.remove();
          return;
        }
        // The app may have re-rendered the body without us: mount again.
        if (!ui.mounted || !ui.shadowHost.isConnected) {
          ui.mount();
          layout?.stop();
          layout = placeBanner(ui.shadowHost, document.querySelector<HTMLElement>(BRANDS[page.brand].appElement));
        }
        render(<Banner model={model} actions={actions} />, ui.mounted!);
      },
      isOwnNode: (node) => node === ui.shadowHost || ui.shadowHost.contains(node),
      reload: () => location.reload(),
      onInvalidated: (callback) => ctx.onInvalidated(callback),
    }).catch(() => undefined); // the extension's own trouble never becomes the page's
  },
});
