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
  return results.find((result: unknown) => result !== undefined);
}

beforeEach(() => {
  fakeBrowser.reset();
  // The background answers the content script's messages, as the tab's top frame sent them.
  const sender = { id: 'test-extension-id', tab: { id: 1 }, frameId: 0, url: location.href };
  fakeBrowser.runtime.onMessage.addListener((message) => handleBackgroundMessage(message, sender as never));
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
    const [backup] = await getBackups();
    expect(backup).toMatchObject({ origin: location.origin, trigger: 'auto', changes: [{ key: KEY, before: stale, after: cleared }] });
    expect(session.model()).toMatchObject({ deviceToken: 'cleared', clearedKeys: [KEY], undo: 'available' });
  });

  it('never clears twice in a row: the next page with the same error only explains', async () => {
    await start(A);
    await vi.waitFor(async () => expect(await getBackups()).toHaveLength(1));
    host!.invalidate();
    localStorage.setItem(KEY, stale); // the error came back right away
    const next = await start(A);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(next.reload).not.toHaveBeenCalled();
    expect(await getBackups()).toHaveLength(1);
    expect(next.model()?.status).toMatch(/not cleared again/);
  });

  it('with “Fix automatically” off it waits for the click, from the popup too', async () => {
    await setSettings({ autoFix: false });
    const session = await start(A);
    await vi.waitFor(() => expect(session.model()?.deviceToken).toBe('stored'));
    expect(localStorage.getItem(KEY)).toBe(stale);
    expect(await ask({ type: 'clear-device-token' })).toEqual({ status: 'cleared', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(cleared);
  });

  it('Undo asks before replacing a newer token, and backs that one up too', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    await ask({ type: 'clear-device-token' });
    const newer = JSON.stringify({ version: 1, deviceId: 'dev-1', tokens: { operator: { token: 'new-token' } } });
    localStorage.setItem(KEY, newer);
    expect(await ask({ type: 'undo-clear', overwriteNewer: false })).toEqual({ status: 'needs-confirmation', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(newer);
    expect(await ask({ type: 'undo-clear', overwriteNewer: true })).toEqual({ status: 'restored', keys: [KEY] });
    expect(localStorage.getItem(KEY)).toBe(stale);
    const backups = await getBackups();
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
    expect(await getBackups()).toEqual([]);
  });

  it('the background keeps backups per origin: a tab cannot save or change another origin’s', async () => {
    const other = { id: 'x', origin: 'http://127.0.0.1:1', createdAt: 1, trigger: 'manual', changes: [] };
    await expect(fakeBrowser.runtime.sendMessage({ type: 'save-backup', backup: other })).rejects.toThrow();
    expect(await getBackups()).toEqual([]);
  });

  it('ignores messages that are not its own', async () => {
    await setSettings({ autoFix: false });
    await start(A);
    expect(await ask({ type: 'format-disk' })).toBeUndefined();
    expect(localStorage.getItem(KEY)).toBe(stale);
  });
});
