import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'OpenClaw Token Fixer',
    description: 'Fixes “device token mismatch” and explains “gateway token mismatch” on your OpenClaw dashboard.',
    // "storage" keeps settings and backups. Nothing else: the content script reads the
    // dashboard's own storage, tab URLs come from the browser's message sender, and
    // windows.create / action badge need no permission.
    permissions: ['storage'],
    action: { default_title: 'OpenClaw Token Fixer' },
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
