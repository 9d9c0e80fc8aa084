import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleBackgroundMessage } from './background-service';
import { getBackups, setSettings } from './extension-storage';
import type { BannerModel } from './banner-model';
import { startDashboardSession, type SessionHost } from './dashboard-session';

const A = 'unauthorized: device token mismatch (rotate/reissue device token)';
const B = 'unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)';
const KEY = `openclaw.device.auth.v1:ws://${location.host}`;
const stale = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'stale-token', role: 'operator' } } });
const NORMAL = { incognito: false };
const cleared = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: {} });

interface TestHost extends SessionHost {
  model(): BannerModel | null;
  invalidate(): void;
}

function makeHost(): TestHost {
  let model: BannerModel | null = null;
  const callbacks: (() => void)[] = [];
  return {
    page: { brand: 'openclaw', release: null, basePath: '' },
    render: (next) => (model = next),
    isOwnNode: () => false,
    reload: vi.fn(),
    onInvalidated: (callback) => callbacks.push(callback),
    model: () => model,
    invalidate: () => callbacks.forEach((callback) => callback()),
  };
}

let host: TestHost | null = null;
async function start(errorText: string | null) {
  document.body.innerHTML = `<openclaw-app>${errorText ? `<div class="callout danger">${errorText}</div>` : ''}</openclaw-app>`;
  host = makeHost();
  await startDashboardSession(host);
  return host;
}

/** Sends a message as the popup's relay would and returns the content script's answer. */
async function ask(message: unknown) {
  const results = await fakeBrowser.runtime.onMessage.trigger(message, {}, () => {});
  return results.find((result: unknown) => result !== undefined && result !== true); // `true`: the background stand-in's sendResponse
}

beforeEach(() => {
  fakeBrowser.reset();
  // The background answers the content script's messages, as the tab's top frame sent them.
  const sender = { id: 'test-extension-id', tab: { id: 1 }, frameId: 0, url: location.href };
  // fakeBrowser only hands back answers given through `sendResponse`.
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    void handleBackgroundMessage(message, sender as never).then(sendResponse, () => sendResponse(undefined));
    return true;
  });
  localStorage.clear();
  sessionStorage.clear();
  localStorage.setItem('openclaw-device-identity-v1', '{"version":1,"deviceId":"dev-1"}');
  localStorage.setItem(KEY, stale);
});
afterEach(() => {
  host?.invalidate();
  host = null;
});

describe('dashboard session', () => {
  it('error A: backs up, clears only the operator token, and reloads exactly once', async () => {
    const session = await start(A);
    await vi.waitFor(() => expect(session.reload).toHaveBeenCalledTimes(1));
    expect(localStorage.getItem(KEY)).toBe(cleared);
    expect(localStorage.getItem('openclaw-device-identity-v1')).toBe('{"version":1,"deviceId":"dev-1"}');
    const [backup] = await getBackups(NORMAL);
    expect(backup).toMatchObject({ origin: location.origin, trigger: 'auto', changes: [{ key: KEY, before: stale, after: cleared }] });
    expect(session.model()).toMatchObject({ deviceToken: 'cleared', clearedKeys: [KEY], undo: 'available' });
  });

  it('never clears twice in a row: the next page with the same error only explains', async () => {
    await start(A);
    await vi.waitFor(async () => expect(await getBackups(NORMAL)).toHaveLength(1));
    host!.invalidate();
    localStorage.setItem(KEY, stale); // the error came back right away
    const next = await start(A);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(next.reload).not.toHaveBeenCalled();
    expect(await getBackups(NORMAL)).toHaveLength(1);
    expect(next.model()?.status).toMatch(/not cleared again/);
  });

  it('with “Fix automatically” off it waits for the click, from the popup too', async () => {
    await setSettings({ autoFix: false });
    const session = await start(A);
    await vi.waitFor(() => expect(session.model()?.deviceToken).toBe('stored'));
    expect(localStorage.getItem(KEY)).toBe(stale);
    expect(await ask({ type: 'clear-device-token', origin: location.origin })).toEqual({ status: 'cleared', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(cleared);
  });

  it('Undo asks before replacing a newer token, and backs that one up too', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    await ask({ type: 'clear-device-token', origin: location.origin });
    const newer = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'new-token' } } });
    localStorage.setItem(KEY, newer);
    expect(await ask({ type: 'undo-clear', origin: location.origin, overwriteNewer: false })).toEqual({ status: 'needs-confirmation', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(newer);
    expect(await ask({ type: 'undo-clear', origin: location.origin, overwriteNewer: true })).toEqual({ status: 'restored', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(stale);
    const backups = await getBackups(NORMAL);
    expect(backups[0]!.changes).toEqual([{ key: KEY, before: newer, after: stale }]);
    expect(backups[1]!.undoneAt).toBeTypeOf('number');
  });

  it('error B: explains and changes nothing', async () => {
    sessionStorage.setItem(`openclaw.control.token.v1:ws://${location.host}`, 'wrong');
    const session = await start(B);
    await vi.waitFor(() => expect(session.model()?.lockouts.map((l) => l.kind)).toEqual(['gateway-token-mismatch']));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(session.reload).not.toHaveBeenCalled();
    expect(localStorage.getItem(KEY)).toBe(stale);
    expect(await getBackups(NORMAL)).toEqual([]);
  });

  it('the background keeps backups per origin: a tab files its backup under its own origin, whatever it says', async () => {
    const backup = { id: 'x', origin: 'http://127.0.0.1:1', gateway: 'ws://127.0.0.1:1', trigger: 'manual', changes: [{ key: 'openclaw.device.auth.v1', before: 'a', after: null }] };
    await fakeBrowser.runtime.sendMessage({ type: 'save-backup', backup });
    expect((await getBackups(NORMAL)).map((b) => b.origin)).toEqual([location.origin]);
  });

  it('Undo loses nothing: a token the page writes while the newer one is backed up stops the write, and Undo asks again', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    await ask({ type: 'clear-device-token', origin: location.origin });
    const newer = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'newer-token' } } });
    const newest = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'newest-token' } } });
    localStorage.setItem(KEY, newer);
    // The dashboard stores yet another token while the extension saves its backup of `newer`.
    fakeBrowser.runtime.onMessage.addListener((message: { type?: string }) => {
      if (message.type === 'save-backup') localStorage.setItem(KEY, newest);
      return undefined;
    });
    expect(await ask({ type: 'undo-clear', origin: location.origin, overwriteNewer: true })).toEqual({ status: 'needs-confirmation', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(newest);
    // The backup of `newer` was dropped with the write: it never reached the page either way.
    expect((await getBackups(NORMAL)).map((b) => b.changes[0]!.before)).toEqual([stale]);
  });

  it('another gateway on the same origin neither announces nor undoes this gateway’s clear', async () => {
    // Two gateways behind one origin, both on a release with the unscoped key (before 8.2).
    localStorage.clear();
    localStorage.setItem('openclaw.device.auth.v1', stale);
    localStorage.setItem('openclaw.control.settings.v1', JSON.stringify({ gatewayUrl: 'ws://gw-a.test/' }));
    const first = await start(A);
    await vi.waitFor(() => expect(first.reload).toHaveBeenCalled());
    host!.invalidate();
    // The user switches the page to gateway B, whose dashboard loads with no error.
    localStorage.setItem('openclaw.control.settings.v1', JSON.stringify({ gatewayUrl: 'ws://gw-b.test/' }));
    const second = await start(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.model()).toBeNull();
    expect(await ask({ type: 'undo-clear', origin: location.origin, overwriteNewer: true })).toEqual({ status: 'nothing-to-undo' });
    expect(localStorage.getItem('openclaw.device.auth.v1')).toBe(cleared);
  });

  it('undo edge cases: after the app deletes its own key, Undo still finds the backup and puts it back', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    await ask({ type: 'clear-device-token', origin: location.origin });
    localStorage.removeItem(KEY); // 9.6's "Forget this browser", or 8.2 moving keys
    expect(await ask({ type: 'undo-clear', origin: location.origin, overwriteNewer: false })).toEqual({ status: 'restored', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(stale);
  });

  it('a backup saved but never applied announces nothing and pauses nothing', async () => {
    await setSettings({ autoFix: false });
    const failing = await start(A);
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(await ask({ type: 'clear-device-token', origin: location.origin })).toMatchObject({ status: 'failed' });
    setItem.mockRestore();
    expect(await getBackups(NORMAL)).toEqual([]); // discarded: nothing changed
    expect(failing.reload).not.toHaveBeenCalled();
    // A pending backup left behind (the tab closed between save and write) does not count.
    await fakeBrowser.runtime.sendMessage({ type: 'save-backup', backup: { id: 'p', gateway: `ws://${location.host}`, trigger: 'auto', changes: [{ key: KEY, before: stale, after: cleared }] } });
    host!.invalidate();
    await setSettings({ autoFix: true });
    const next = await start(A);
    await vi.waitFor(() => expect(next.reload).toHaveBeenCalledTimes(1));
    expect(next.model()?.status ?? '').not.toMatch(/a moment ago/);
  });

  it('popup actions reach only the page the popup showed', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    expect(await ask({ type: 'clear-device-token', origin: 'http://127.0.0.1:5173' })).toMatchObject({ status: 'failed' });
    expect(localStorage.getItem(KEY)).toBe(stale);
  });

  it('no coalescing: 200 quick text toggles make a handful of state reports, not 201', async () => {
    await setSettings({ autoFix: false });
    let reports = 0;
    fakeBrowser.runtime.onMessage.addListener((message: { type?: string }) => {
      if (message.type === 'report-tab-state') reports++;
      return undefined;
    });
    await start(A);
    const callout = document.querySelector('.callout')!;
    for (let i = 0; i < 200; i++) {
      callout.textContent = i % 2 ? A : 'connecting…';
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reports).toBeGreaterThan(0);
    expect(reports).toBeLessThanOrEqual(5);
  });

  it('an automatic clear never removes a token the dashboard stored after the error showed', async () => {
    const fresh = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'fresh-valid-token', role: 'operator' } } });
    // The dashboard stores a fresh token while the extension asks the background about earlier clears.
    let started = false;
    fakeBrowser.runtime.onMessage.addListener((message: { type?: string }) => {
      if (started && message.type === 'list-backups') localStorage.setItem(KEY, fresh);
      return undefined;
    });
    // The page shows the error only after the session started (its first look finds nothing).
    document.body.innerHTML = '<openclaw-app></openclaw-app>';
    host = makeHost();
    await startDashboardSession(host);
    const session = host;
    started = true;
    document.querySelector('openclaw-app')!.innerHTML = `<div class="callout danger">${A}</div>`;
    await vi.waitFor(() => expect(session.model()?.status ?? '').toMatch(/stored a new device token/));
    expect(localStorage.getItem(KEY)).toBe(fresh);
    expect(session.reload).not.toHaveBeenCalled();
    expect(await getBackups(NORMAL)).toEqual([]);
  });

  it('clears on a plain-HTTP LAN page, where crypto.randomUUID does not exist (no secure context)', async () => {
    const randomUUID = vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new TypeError('crypto.randomUUID is not a function');
    });
    const session = await start(A);
    await vi.waitFor(() => expect(session.reload).toHaveBeenCalledTimes(1));
    expect(localStorage.getItem(KEY)).toBe(cleared);
    expect((await getBackups(NORMAL))[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    randomUUID.mockRestore();
  });

  it('ignores messages that are not its own', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    expect(await ask({ type: 'format-disk' })).toBeUndefined();
    expect(localStorage.getItem(KEY)).toBe(stale);
  });
});
