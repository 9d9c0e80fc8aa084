import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser, type Browser } from 'wxt/browser';
import { handleBackgroundMessage, openPrivateWindow } from './background-service';
import { getBackups } from './extension-storage';
import { clearDeviceToken } from './device-token-actions';
import { MemoryStorage } from '@/core/test-storage';
import type { TabState } from './messages';

const PAGE = 'http://127.0.0.1:18789/chat?session=main#token=secret';
const ORIGIN = 'http://127.0.0.1:18789';
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
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent());
    expect(await handleBackgroundMessage({ type: 'clear-device-token', tabId: 7, origin: ORIGIN }, fromPopup)).toMatchObject({ status: 'failed', message: expect.stringMatching(/did not answer/) });
  });

  it('forwards Undo with the user’s answer', async () => {
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent());
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ status: 'restored', keys: ['k'] } as never);
    expect(await handleBackgroundMessage({ type: 'undo-clear', tabId: 7, origin: ORIGIN, overwriteNewer: true }, fromPopup)).toEqual({ status: 'restored', keys: ['k'] });
    expect(send).toHaveBeenCalledWith(7, { type: 'undo-clear', origin: ORIGIN, overwriteNewer: true }, { frameId: 0 });
  });

  it('popup actions never reach a page the tab opened since the popup drew it', async () => {
    await handleBackgroundMessage({ type: 'report-tab-state', state: STATE }, fromContent('http://127.0.0.1:5173/'));
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    expect(await handleBackgroundMessage({ type: 'clear-device-token', tabId: 7, origin: ORIGIN }, fromPopup)).toMatchObject({ status: 'failed' });
    expect(await handleBackgroundMessage({ type: 'undo-clear', tabId: 7, origin: ORIGIN, overwriteNewer: true }, fromPopup)).toMatchObject({ status: 'failed' });
    expect(send).not.toHaveBeenCalled();
  });
});

describe('hostile tabs and malformed messages', () => {
  const NORMAL = { incognito: false };
  const change = { key: 'openclaw.device.auth.v1:ws://127.0.0.1:18789', before: 'stale', after: 'cleared' };
  const newBackup = (id: string) => ({ id, gateway: 'ws://127.0.0.1:18789', trigger: 'auto', changes: [change] });

  it('malformed message: a patch that is not an explicit mark never deletes the backup', async () => {
    await handleBackgroundMessage({ type: 'save-backup', backup: newBackup('b1') }, fromContent());
    for (const message of [
      { type: 'mark-backup', id: 'b1' },
      { type: 'mark-backup', id: 'b1', mark: 'deleted' },
      { type: 'mark-backup', id: 'b1', mark: null },
      { type: 'change-backup', id: 'b1', patch: 'x' },
      { type: 'discard-backup' },
      { type: 'discard-backup', id: 42 },
    ]) {
      expect(await handleBackgroundMessage(message, fromContent())).toBeUndefined();
    }
    expect((await getBackups(NORMAL)).map((b) => b.id)).toEqual(['b1']);
  });

  it('malformed message: every request type is checked in full, report-tab-state included', async () => {
    const bad = [
      { type: 'report-tab-state', state: { ...STATE, lockouts: [{ kind: 'constructor' }] } },
      { type: 'report-tab-state', state: { ...STATE, page: { ...STATE.page, brand: '__proto__' } } },
      { type: 'report-tab-state', state: { ...STATE, lockouts: 'x' } },
      { type: 'report-tab-state', state: { ...STATE, stored: null } },
      { type: 'save-backup', backup: { ...newBackup('b2'), changes: [] } },
      { type: 'save-backup', backup: { ...newBackup('b2'), trigger: 'sometimes' } },
      { type: 'restore-inputs' },
      { type: 'undo-clear', tabId: 7, origin: ORIGIN },
      { type: 'clear-device-token', tabId: 7, origin: 'javascript:alert(1)' },
      { type: 'open-private-window', tabId: 'seven' },
    ];
    for (const message of bad) expect(await handleBackgroundMessage(message, fromContent()), JSON.stringify(message)).toBeUndefined();
    expect(await getBackups(NORMAL)).toEqual([]);
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('');
  });

  it('storage filling: tab reports carry bounded page strings only', async () => {
    const long = 'x'.repeat(100_000);
    for (const state of [
      { ...STATE, gatewayUrl: `ws://${long}` },
      { ...STATE, page: { ...STATE.page, basePath: `/${long}` } },
      { ...STATE, stored: { ...STATE.stored, deviceAuthKeys: [long] } },
      { ...STATE, lockouts: [{ kind: 'pairing-required', requestId: long }] },
    ]) {
      expect(await handleBackgroundMessage({ type: 'report-tab-state', state }, fromContent())).toBeUndefined();
    }
    expect(await handleBackgroundMessage({ type: 'get-tab-state', tabId: 7 }, fromPopup)).toBeNull();
  });

  it('storage filling: a value far larger than a real device-auth value is never backed up', async () => {
    const huge = { ...change, before: 'x'.repeat(3_000_000) };
    expect(await handleBackgroundMessage({ type: 'save-backup', backup: { ...newBackup('big'), changes: [huge] } }, fromContent())).toBeUndefined();
    expect(await getBackups(NORMAL)).toEqual([]);
  });

  it('gateway URLs with credentials are kept redacted', async () => {
    await handleBackgroundMessage({ type: 'report-tab-state', state: { ...STATE, gatewayUrl: 'wss://user:hunter2@gw.example/openclaw' } }, fromContent());
    const known = (await handleBackgroundMessage({ type: 'get-tab-state', tabId: 7 }, fromPopup)) as { gatewayUrl: string };
    expect(known.gatewayUrl).toBe('wss://***@gw.example/openclaw');
  });

  it('backup values stay in the background: a tab lists its own origin’s metadata and restores its own backups only', async () => {
    await handleBackgroundMessage({ type: 'save-backup', backup: newBackup('mine') }, fromContent());
    await handleBackgroundMessage({ type: 'save-backup', backup: newBackup('theirs') }, fromContent('http://127.0.0.1:5173/'));
    const listed = await handleBackgroundMessage({ type: 'list-backups' }, fromContent());
    expect(listed).toEqual([expect.objectContaining({ id: 'mine', keys: [change.key], state: 'pending' })]);
    expect(JSON.stringify(listed)).not.toContain('stale');
    expect(await handleBackgroundMessage({ type: 'restore-inputs', id: 'theirs' }, fromContent())).toBeNull();
    expect(await handleBackgroundMessage({ type: 'restore-inputs', id: 'mine' }, fromContent())).toEqual([change]);
    // …and a tab cannot mark or discard another origin's backup.
    await handleBackgroundMessage({ type: 'discard-backup', id: 'theirs' }, fromContent());
    expect((await getBackups(NORMAL)).map((b) => b.id).sort()).toEqual(['mine', 'theirs']);
  });

  it('private windows: their backups stay in session storage, never on disk', async () => {
    const incognito = { ...fromContent(), tab: { id: 9, incognito: true } as Browser.tabs.Tab };
    await handleBackgroundMessage({ type: 'save-backup', backup: newBackup('private') }, incognito);
    expect(await getBackups(NORMAL)).toEqual([]);
    expect((await getBackups({ incognito: true })).map((b) => b.id)).toEqual(['private']);
    expect(await browser.storage.local.get(null)).not.toHaveProperty('backups');
    // A normal tab of the same origin does not see the private window's backup.
    expect(await handleBackgroundMessage({ type: 'list-backups' }, fromContent())).toEqual([]);
  });
});

describe('readings the popup must see', () => {
  it('an uncertain reading and whose hint it carries survive the tab report', async () => {
    const lockouts = [{ kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch', hint: 'control-ui', client: 'browser', shownIn: 'login-gate' }];
    await handleBackgroundMessage({ type: 'report-tab-state', state: { ...STATE, lockouts } }, fromContent());
    expect(((await handleBackgroundMessage({ type: 'get-tab-state', tabId: 7 }, fromPopup)) as { lockouts: unknown }).lockouts).toEqual(lockouts);
  });
});

describe('Forget backups', () => {
  it('deletes every backup, private ones too, only when an extension page asks', async () => {
    const change = { key: 'openclaw.device.auth.v1', before: 'stale', after: 'cleared' };
    await handleBackgroundMessage({ type: 'save-backup', backup: { id: 'a', gateway: 'ws://127.0.0.1:18789', trigger: 'auto', changes: [change] } }, fromContent());
    expect(await handleBackgroundMessage({ type: 'forget-backups' }, fromContent())).toBeUndefined();
    expect(await getBackups({ incognito: false })).toHaveLength(1);
    await handleBackgroundMessage({ type: 'forget-backups' }, fromPopup);
    expect(await getBackups({ incognito: false })).toEqual([]);
  });
});

describe('storage errors', () => {
  const SECRET = 'stale-secret-token-value-9f3e1c';
  const GATEWAY = 'ws://127.0.0.1:18789';
  const KEY = `openclaw.device.auth.v1:${GATEWAY}`;
  const deviceAuth = JSON.stringify({ version: 1, deviceId: 'd', tokens: { operator: { token: SECRET, role: 'operator', scopes: [] } } });
  const FULL = "The browser's storage for the extension is full, so the backup was not saved and nothing was changed.";
  /** storage.local.set fails as Chrome's does once the extension's quota is used up. */
  const fillLocal = () => vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));

  it('quota exceeded: save-backup rejects with a clear reason that holds no token, and nothing is stored', async () => {
    fillLocal();
    const error = await Promise.resolve(
      handleBackgroundMessage({ type: 'save-backup', backup: { id: 'b', gateway: GATEWAY, trigger: 'auto', changes: [{ key: KEY, before: deviceAuth, after: null }] } }, fromContent()),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: FULL });
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRET);
    vi.restoreAllMocks();
    expect(await getBackups({ incognito: false })).toEqual([]);
  });

  it('a storage that cannot even be read: save-backup still rejects with words of its own', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error(`corrupt: ${SECRET}`));
    const error = await Promise.resolve(
      handleBackgroundMessage({ type: 'save-backup', backup: { id: 'b', gateway: GATEWAY, trigger: 'auto', changes: [{ key: KEY, before: deviceAuth, after: null }] } }, fromContent()),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'The extension could not read its storage, so the backup was not saved and nothing was changed.' });
    expect(String(error)).not.toContain(SECRET);
  });

  it('quota exceeded: a clear through the background changes nothing in the page', async () => {
    const page = new MemoryStorage({ [KEY]: deviceAuth });
    const ctx = {
      storage: page,
      origin: ORIGIN,
      brand: 'openclaw' as const,
      gatewayUrl: () => GATEWAY,
      // What the content script's messages do: the background answers, or its rejection reaches the tab.
      send: ((type: string, request: object) => handleBackgroundMessage({ type, ...request }, fromContent())) as never,
    };
    fillLocal();
    const outcome = await clearDeviceToken(ctx, 'auto');
    // The tab is told why: the storage is full (words of the extension's own, never a stored value).
    expect(outcome).toEqual({ status: 'failed', message: "The browser's storage for the extension is full, so the backup was not saved and nothing was changed." });
    expect(page.snapshot()).toEqual({ [KEY]: deviceAuth });
    vi.restoreAllMocks();
    expect(await getBackups({ incognito: false })).toEqual([]);
  });

  it('quota exceeded: adding a dashboard address answers with the reason, as a refusal', async () => {
    Object.assign(fakeBrowser, { permissions: { contains: vi.fn(async () => true) } });
    fillLocal();
    expect(await handleBackgroundMessage({ type: 'add-site', address: 'http://192.168.1.20:18789/' }, fromPopup)).toEqual({
      ok: false,
      message: "The browser's storage for the extension is full, so the list of dashboard addresses was not saved and nothing was changed.",
    });
  });
});
