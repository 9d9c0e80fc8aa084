import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { LOOPBACK_MATCHES } from './core/site-address';

/**
 * Host names the e2e build (`wxt build --mode e2e`, written to `.output/chrome-mv3-e2e`)
 * declares, so `permissions.request` for them resolves without the prompt a headless browser
 * cannot click. The e2e suite maps them to loopback with `--host-resolver-rules`.
 */
export const E2E_HOSTS = ['openclaw.test', 'proxy.openclaw.test', 'secure.openclaw.test'];

export default defineConfig({
  // Every module imports what it uses. `imports: false` alone still left WXT 0.21's auto-import
  // plugin running, and it took a parameter named `storage` in core/ for WXT's storage module:
  // that module then ran in scripts that never touch extension storage (the loader among them).
  imports: false,
  hooks: {
    'config:resolved': (wxt) => {
      if (wxt.config.imports) Object.assign(wxt.config.imports, { imports: [], presets: [], dirs: [] });
    },
  },
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons', '@wxt-dev/i18n/module'],
  // The toolbar and store icons: one SVG source, rasterised at 16, 32, 48 and 128 px by the build.
  // Every build mode gets the real colours (WXT greys them out only in `development`).
  // The SVG itself ships too (public/), a kilobyte the options page can use at any size.
  autoIcons: { baseIconPath: resolve('public/icon.svg') },
  manifest: ({ browser, mode }) => ({
    // Both from locales/<lang>.yml (extName, extDescription), in the browser's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // "storage" keeps settings and backups. "scripting" registers the content script on the
    // dashboard addresses the user adds, and "activeTab" lets the popup look once at the tab
    // it was opened on. Hosts beyond loopback are optional: asked for one at a time, from a
    // click, so the store listing never says "read and change all your data" at install.
    permissions: ['storage', 'scripting', 'activeTab'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // The e2e build only: the suite's own host names, granted at install. The content script
    // still waits until the options page or the popup adds the site.
    ...(mode === 'e2e' && { host_permissions: E2E_HOSTS.flatMap((host) => [`http://${host}/*`, `https://${host}/*`]) }),
    // The loader (entrypoints/dashboard-loader.ts) is the only script on every loopback page; on a
    // dashboard the background injects the rest. Declared here because WXT only declares the
    // content scripts it wraps, and its wrapper would leave a listener on every page.
    content_scripts: [{ matches: LOOPBACK_MATCHES, js: ['dashboard-loader.js'], run_at: 'document_idle' }],
    action: { default_title: '__MSG_extName__' },
    // Firefox only (it would leak into the Chrome manifest otherwise): an id, and the
    // declaration that nothing is collected. That key needs Firefox 140 (Android 142).
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'openclaw-token-fixer@openclaw-token-fixer.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
