import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser, type Browser } from 'wxt/browser';
import { handleBackgroundMessage, openPrivateWindow } from './background-service';
import type { TabState } from './messages';

const PAGE = 'http://127.0.0.1:18789/chat?session=main#token=secret';
const STATE: TabState = {
  page: { brand: 'openclaw', release: '2026.9.6', basePath: '' },
  gatewayUrl: 'ws://127.0.0.1:18789',
  lockouts: [{ kind: 'device-token-mismatch' }],
  stored: { deviceToken: { key: 'k', length: 40, updatedAtMs: null }, deviceAuthKeys: ['k'], identity: { present: true, deviceId: 'd' }, sharedToken: null },
  undoable: null,
};
const fromContent = (url = PAGE, tabId = 7): Browser.runtime.MessageSender => ({ id: 'test-extension-id', tab: { id: tabId } as Browser.tabs.Tab, frameId: 0, url });
const fromPopup: Browser.runtime.MessageSender = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

/** Each test a minute after the last, so the one-window-per-click limit does not carry over. */
let clock = Date.now();
beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  clock += 60_000;
  vi.spyOn(Date, 'now').mockReturnValue(clock);
});

describe('tab state and badge', () => {
  it('keeps a reported state with the browser-given URL and shows the badge', async () => {
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent());
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('!');
    expect(await browser.action.getTitle({ tabId: 7 })).toBe('OpenClaw Token Fixer: Device token mismatch');
    // Without the query and the `#token=` the address had.
    expect(await handleBackgroundMessage({ type: 'get-tab-state', tabId: 7 }, fromPopup)).toEqual({ ...STATE, url: 'http://127.0.0.1:18789/chat' });

    await handleBackgroundMessage({ type: 'report-tab-state', state: { ...STATE, lockouts: [] } }, fromContent());
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('');
  });

  it('ignores reports from sub-frames, other extensions and non-web pages', async () => {
    for (const sender of [
      { ...fromContent(), frameId: 2 },
      { ...fromContent(), id: 'someone-else' },
      fromContent('file:///etc/passwd'),
      { id: 'test-extension-id', url: PAGE },
    ]) {
      expect(await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, sender)).toBeUndefined();
    }
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('');
  });

  it('answers popup requests only from extension pages', async () => {
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent());
    expect(await handleBackgroundMessage({ type: 'get-tab-state', tabId: 7 }, fromContent())).toBeUndefined();
  });

  it('ignores malformed messages', async () => {
    for (const message of [null, 'x', 42, {}, { type: 'nope' }, { type: 'get-tab-state', tabId: '7' }]) {
      await expect(handleBackgroundMessage(message, fromPopup)).resolves.toBeUndefined();
    }
  });
});

describe('private window', () => {
  it('opens the page’s origin and path, never its query or hash', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(await handleBackgroundMessage({ type: 'open-private-window' }, fromContent())).toEqual({ status: 'opened' });
    expect(create).toHaveBeenCalledWith({ url: 'http://127.0.0.1:18789/chat', incognito: true });
  });

  it('takes the popup’s tab URL from what the browser reported, not from the message', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent());
    await handleBackgroundMessage({ type: 'open-private-window', tabId: 7, url: 'https://evil.example/' }, fromPopup);
    expect(create).toHaveBeenCalledWith({ url: 'http://127.0.0.1:18789/chat', incognito: true });
  });

  it('treats Chrome’s null window (extension not allowed in incognito) as opened', async () => {
    vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue(null as never);
    expect(await openPrivateWindow(PAGE)).toEqual({ status: 'opened' });
  });

  it('explains Firefox’s refusal and hands back the link to copy', async () => {
    vi.spyOn(fakeBrowser.windows, 'create').mockRejectedValue(new Error('Extension does not have permission for incognito mode'));
    expect(await openPrivateWindow(PAGE)).toEqual({ status: 'not-allowed', url: 'http://127.0.0.1:18789/chat' });
  });

  it('reports other failures with their message', async () => {
    vi.spyOn(fakeBrowser.windows, 'create').mockRejectedValue(new Error('Incognito mode is disabled.'));
    expect(await openPrivateWindow(PAGE)).toEqual({ status: 'failed', message: 'Incognito mode is disabled.', url: 'http://127.0.0.1:18789/chat' });
    expect(await openPrivateWindow(null)).toMatchObject({ status: 'failed', url: null });
  });

  it('opens one window per click, never a burst', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(await openPrivateWindow(PAGE)).toEqual({ status: 'opened' });
    expect(await openPrivateWindow(PAGE, clock + 100)).toMatchObject({ status: 'failed' });
    expect(create).toHaveBeenCalledTimes(1);
  });
});

describe('relaying the popup’s commands', () => {
  it('says so when the tab has no content script to answer', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    expect(await handleBackgroundMessage({ type: 'clear-device-token', tabId: 7 }, fromPopup)).toMatchObject({ status: 'failed' });
  });

  it('forwards Undo with the user’s answer', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ status: 'restored', keys: ['k'] } as never);
    expect(await handleBackgroundMessage({ type: 'undo-clear', tabId: 7, overwriteNewer: true }, fromPopup)).toEqual({ status: 'restored', keys: ['k'] });
    expect(send).toHaveBeenCalledWith(7, { type: 'undo-clear', overwriteNewer: true });
  });
});
