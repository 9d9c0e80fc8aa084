// Code passed to `background.evaluate` runs in the extension's service worker, where the
// promise-based `chrome` API has the same shape as the polyfill's `browser`.
declare const chrome: import('webextension-polyfill').Browser;
