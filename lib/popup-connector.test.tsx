import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it } from 'vitest';
import { Popup } from '@/components/Popup';
import { setKnownTab } from './extension-storage';
import type { KnownTab } from './messages';
import { browserConnector } from './popup-connector';

const KEY = 'openclaw.device.auth.v1:ws://127.0.0.1:18789';
const LOCKED: KnownTab = {
  url: 'http://127.0.0.1:18789/',
  page: { brand: 'openclaw', release: '2026.4.24', basePath: '' },
  gatewayUrl: 'ws://127.0.0.1:18789',
  lockouts: [{ kind: 'device-token-mismatch' }],
  stored: { deviceToken: { key: KEY, length: 43, updatedAtMs: 1 }, deviceAuthKeys: [KEY], identity: { present: true, deviceId: 'ab'.repeat(32) }, sharedToken: null },
  undoable: null,
};
/** The same tab after the extension's clear and the page's reload (2026.4.24 then asks for the gateway token). */
const CLEARED: KnownTab = { ...LOCKED, lockouts: [{ kind: 'gateway-token-missing' }], stored: { ...LOCKED.stored, deviceToken: null }, undoable: { keys: [KEY], createdAt: 1 } };

const container = document.createElement('div');
document.body.append(container);
afterEach(() => act(() => render(null, container)));

it('a report that lands after the early first look, while the UI still loads, is what the popup shows', async () => {
  window.history.replaceState({}, '', '/popup.html?tabId=7');
  await setKnownTab(7, LOCKED);
  // main.tsx: the read starts before the UI's chunk has loaded…
  expect((await browserConnector.firstLook()).tab?.lockouts).toEqual(LOCKED.lockouts);
  // …the tab reports while the chunk loads…
  await setKnownTab(7, CLEARED);
  // …and then the popup renders and starts its own watch.
  act(() => render(<Popup connector={browserConnector} />, container));
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(container.querySelector('section.answer h2')?.textContent).toBe('Stale device token cleared');
});
