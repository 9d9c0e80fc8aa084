import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'OpenClaw Token Fixer',
    description: 'Fixes “device token mismatch” and explains “gateway token mismatch” on your OpenClaw dashboard.',
    // "storage" keeps settings and backups. Nothing else: the content script reads the
    // dashboard's own storage, tab URLs come from the browser's message sender, and
    // windows.create / action badge need no permission.
    permissions: ['storage'],
  },
});
