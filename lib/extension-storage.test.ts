import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  DEFAULT_SETTINGS,
  forgetBackups,
  getBackups,
  getKnownTab,
  getRunMode,
  getSettings,
  getSites,
  migrateStoredData,
  rememberedRelease,
  rememberRelease,
  RELEASES_KEPT,
  saveBackup,
  setKnownTab,
  setRunMode,
  setSettings,
  setSites,
  StorageWriteError,
  updateBackup,
  watchSettings,
} from './extension-storage';
import type { Backup } from '@/core/backup';
import type { KnownTab } from './messages';
import { DAY_MS, LAN_ORIGIN, OLD_BACKUP_IDS, storageOf010 } from '../tests/fixtures/storage-0.1.0';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const ORIGIN = 'http://127.0.0.1:18789';
const SECRET = 'stale-secret-token-value-9f3e1c';

const backup = (id: string, createdAt = Date.now()): Backup => ({
  id,
  origin: ORIGIN,
  gateway: 'ws://127.0.0.1:18789',
  createdAt,
  trigger: 'auto',
  state: 'applied',
  changes: [{ key: 'openclaw.device.auth.v1', before: `{"tokens":{"operator":{"token":"${SECRET}"}}}`, after: '{"tokens":{}}' }],
});

const localValues = async () => (await browser.storage.local.get(null)) as Record<string, unknown>;

/** Installs a version's data as that version left it, then runs the migrations as an update would. */
async function install(local: Record<string, unknown>, session: Record<string, unknown> = {}) {
  await browser.storage.local.set(local);
  await browser.storage.session.set(session);
  expect(await migrateStoredData()).toEqual([]);
}

describe('extension storage', () => {
  it('storage filling: the page-keyed release map keeps only the dashboards seen last', async () => {
    for (let i = 0; i < RELEASES_KEPT + 30; i++) await rememberRelease(`http://127.0.0.1:${1000 + i}/base-${i}`, '2026.4.24');
    await rememberRelease('http://127.0.0.1:18789', '2026.9.6');
    const stored = (await browser.storage.local.get('releases')).releases as Record<string, string>;
    expect(Object.keys(stored)).toHaveLength(RELEASES_KEPT);
    expect(await rememberedRelease('http://127.0.0.1:18789')).toBe('2026.9.6');
    expect(await rememberedRelease('http://127.0.0.1:1000/base-0')).toBeNull();
    // Keys longer than any dashboard address are not kept at all.
    await rememberRelease(`http://127.0.0.1:1/${'x'.repeat(10_000)}`, '2026.9.6');
    expect(Object.keys((await browser.storage.local.get('releases')).releases as object)).toHaveLength(RELEASES_KEPT);
  });

  it('prototype keys: a dashboard named after an Object.prototype member is just a name', async () => {
    expect(await rememberedRelease('constructor')).toBeNull();
    expect(await rememberedRelease('__proto__')).toBeNull();
  });

  it('“Forget backups” deletes every backup at once, private ones too', async () => {
    await saveBackup({ incognito: false }, backup('a'));
    await saveBackup({ incognito: true }, backup('b'));
    await forgetBackups();
    expect(await getBackups({ incognito: false })).toEqual([]);
    expect(await getBackups({ incognito: true })).toEqual([]);
    expect((await localValues()).backups).toEqual([]);
    expect((await browser.storage.session.get('privateBackups')).privateBackups).toEqual([]);
  });

  it('every item is written with its version, so the next version knows what it reads', async () => {
    // As a new extension context defines them: WXT notes then that nothing is stored yet.
    await migrateStoredData();
    await setSettings({ autoFix: false });
    await saveBackup({ incognito: false }, backup('a'));
    await rememberRelease(ORIGIN, '2026.9.6');
    await setSites([]);
    await setRunMode('*', { kind: 'host' });
    const local = await localValues();
    expect([local['settings$'], local['backups$'], local['releases$'], local['sites$'], local['runModes$']]).toEqual([
      { v: 2 },
      { v: 2 },
      { v: 1 },
      { v: 1 },
      { v: 1 },
    ]);
  });
});

describe('upgrading 0.1.0’s stored data', () => {
  const now = Date.now();
  const old = storageOf010(ORIGIN, now);

  it('the migrations map every 0.1.0 value to the current shape, and nothing is lost', async () => {
    await install(old.local, old.session);
    const local = await localValues();

    // Settings: the user's choice kept, the setting added since at its default.
    expect(local.settings).toEqual({ autoFix: false, showBanner: true });
    expect(local['settings$']).toEqual({ v: 2 });
    expect(await getSettings()).toEqual({ autoFix: false, showBanner: true });

    // Every backup, the expired one too until the next write: every field as it was, token
    // values and keys byte for byte, plus the gateway and `applied`.
    expect(local['backups$']).toEqual({ v: 2 });
    expect(local.backups).toEqual(old.local.backups.map((entry) => ({ ...entry, gateway: old.gateways[entry.id], state: 'applied' })));
    expect((local.backups as Backup[]).map((entry) => entry.changes)).toEqual(old.local.backups.map((entry) => entry.changes));

    // The scoped key names its gateway; the unscoped key files the backup under the gateway
    // its origin serves, where Undo on that dashboard looks for it.
    const [unscoped, scoped] = await getBackups({ incognito: false });
    expect(scoped).toMatchObject({ id: OLD_BACKUP_IDS.scoped, gateway: 'ws://127.0.0.1:18789', announced: true });
    expect(unscoped).toMatchObject({ id: OLD_BACKUP_IDS.unscoped, origin: LAN_ORIGIN, gateway: 'ws://192.168.1.20:18789', undoneAt: now - 2 * DAY_MS + 60_000 });

    expect(local.releases).toEqual(old.local.releases);
    expect(await rememberedRelease(ORIGIN)).toBe('2026.3.8');
    expect(await rememberedRelease(LAN_ORIGIN)).toBe('2026.2.19');
    expect(await getKnownTab(7)).toEqual(old.session.tabs['7']);
  });

  it('backups expire after 7 days: the 8-day-old 0.1.0 backup is dropped, the 6-day-old one kept', async () => {
    await install(old.local);
    const ids = (backups: Backup[]) => backups.map((entry) => entry.id);
    expect(ids(await getBackups({ incognito: false }, now))).toEqual([OLD_BACKUP_IDS.unscoped, OLD_BACKUP_IDS.scoped]);
    // A read writes nothing; the next write stores the list without it.
    expect(ids((await localValues()).backups as Backup[])).toContain(OLD_BACKUP_IDS.expired);
    await saveBackup({ incognito: false }, backup('new', now), now);
    expect(ids((await localValues()).backups as Backup[])).toEqual(['new', OLD_BACKUP_IDS.unscoped, OLD_BACKUP_IDS.scoped]);
    // A day later the 6-day-old one is past the limit as well.
    expect(ids(await getBackups({ incognito: false }, now + DAY_MS + 1))).toEqual(['new', OLD_BACKUP_IDS.unscoped]);
  });

  it('running the migrations again changes nothing, and a value of no known shape is left as it was', async () => {
    await install({ ...old.local, releases: 'garbage' });
    const once = await localValues();
    expect(await migrateStoredData()).toEqual([]);
    expect(await localValues()).toEqual(once);
    expect(once.releases).toBe('garbage');

    fakeBrowser.reset();
    await install({ backups: 'not a list', settings: ['not', 'settings'] });
    expect(await localValues()).toMatchObject({ backups: 'not a list', settings: ['not', 'settings'] });
  });

  it('a backup written between 0.1.0 and the versioned list (gateway and state, no version) is kept as it was', async () => {
    const pending = { ...backup('between'), gateway: 'wss://home.example/openclaw', state: 'pending' as const };
    await install({ backups: [pending] });
    expect(await getBackups({ incognito: false })).toEqual([pending]);
  });
});

describe('stored values of the wrong shape', () => {
  it('backups holding a string or an object read as none, nothing is thrown, and the stored bytes stay until the next write', async () => {
    for (const wrong of ['a string', { id: 'x' }, 42]) {
      fakeBrowser.reset();
      await browser.storage.local.set({ backups: wrong, 'backups$': { v: 2 } });
      expect(await getBackups({ incognito: false })).toEqual([]);
      expect((await localValues()).backups).toEqual(wrong);
      // The next backup replaces what no reader can use.
      await saveBackup({ incognito: false }, backup('a'));
      expect(await getBackups({ incognito: false })).toEqual([backup('a')].map((entry) => ({ ...entry, createdAt: expect.any(Number) })));
    }
  });

  it('entries of a backup list that are no backup are left out, the rest read as they are', async () => {
    const good = backup('good');
    const notDeviceAuth = { ...backup('x'), changes: [{ key: 'openclaw.control.settings.v1', before: '{}', after: null }] };
    await browser.storage.local.set({
      backups: [null, 'x', { id: 1 }, { ...backup('no-changes'), changes: [] }, notDeviceAuth, { ...backup('bad-state'), state: 'done' }, { ...good, extra: 'field' }],
      'backups$': { v: 2 },
    });
    expect(await getBackups({ incognito: false })).toEqual([good]);
  });

  it('settings holding garbage read as the defaults, field by field, and a change replaces them', async () => {
    await browser.storage.local.set({ settings: 'garbage', 'settings$': { v: 2 } });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await browser.storage.local.set({ settings: { autoFix: 'no', showBanner: false, extra: 1 } });
    expect(await getSettings()).toEqual({ autoFix: true, showBanner: false });
    expect((await localValues()).settings).toEqual({ autoFix: 'no', showBanner: false, extra: 1 });
    expect(await setSettings({ autoFix: false })).toEqual({ autoFix: false, showBanner: false });
    expect((await localValues()).settings).toEqual({ autoFix: false, showBanner: false });
  });

  it('a watcher sees checked settings too', async () => {
    const seen: unknown[] = [];
    const unwatch = watchSettings((settings) => seen.push(settings));
    await browser.storage.local.set({ settings: [1, 2] });
    await vi.waitFor(() => expect(seen).toEqual([DEFAULT_SETTINGS]));
    unwatch();
  });

  it('tab reports holding an array, or a report of the wrong shape, read as none; the next report replaces them', async () => {
    const tab: KnownTab = {
      page: { brand: 'openclaw', release: null, basePath: '' },
      gatewayUrl: null,
      lockouts: [],
      stored: { deviceToken: null, deviceAuthKeys: [], identity: { present: false, deviceId: null }, sharedToken: null },
      undoable: null,
      url: `${ORIGIN}/`,
    };
    await browser.storage.session.set({ tabs: [tab, tab] });
    expect(await getKnownTab(0)).toBeNull();
    await browser.storage.session.set({ tabs: { '3': { ...tab, lockouts: 'none' }, '4': tab, x: tab } });
    expect(await getKnownTab(3)).toBeNull();
    expect(await getKnownTab(4)).toEqual(tab);
    await setKnownTab(5, tab);
    expect((await browser.storage.session.get('tabs')).tabs).toEqual({ '4': tab, '5': tab });
  });

  it('sites, releases and run modes of the wrong shape read as none', async () => {
    await browser.storage.local.set({ sites: { address: 'x' }, releases: 12, runModes: 'host' });
    expect(await getSites()).toEqual([]);
    expect(await rememberedRelease(ORIGIN)).toBeNull();
    expect(await getRunMode('*')).toBeNull();
    await browser.storage.local.set({ sites: [{ address: 1 }, { address: 'a', origin: 'b', pattern: 'c' }], releases: { [ORIGIN]: 7, b: '2026.9.6' } });
    expect(await getSites()).toEqual([{ address: 'a', origin: 'b', pattern: 'c' }]);
    expect(await rememberedRelease(ORIGIN)).toBeNull();
    expect(await rememberedRelease('b')).toBe('2026.9.6');
  });
});

describe('storage errors', () => {
  /** storage.local.set fails as Chrome's does once the extension's quota is used up. */
  const fillLocal = () => vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
  const FULL = "The browser's storage for the extension is full, so the backup was not saved and nothing was changed.";

  it('quota exceeded: saving a backup rejects with a clear message, holds no token, and the stored list is unchanged', async () => {
    await saveBackup({ incognito: false }, backup('kept'));
    const before = await localValues();
    fillLocal();
    const error = await saveBackup({ incognito: false }, backup('new')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect(error).toMatchObject({ full: true, message: FULL });
    expect(String(error)).not.toContain(SECRET);
    vi.restoreAllMocks();
    expect(await localValues()).toEqual(before);
  });

  it('quota exceeded: settings, sites, releases and run modes reject with what was not saved, and keep what they held', async () => {
    await setSettings({ autoFix: false });
    fillLocal();
    await expect(setSettings({ showBanner: false })).rejects.toThrow(
      "The browser's storage for the extension is full, so the setting was not saved and nothing was changed.",
    );
    await expect(setSites([{ address: 'a', origin: 'b', pattern: 'c' }])).rejects.toThrow('so the list of dashboard addresses was not saved');
    await expect(rememberRelease(ORIGIN, '2026.9.6')).rejects.toThrow("so the dashboard's release was not saved");
    await expect(setRunMode('*', { kind: 'host' })).rejects.toThrow('How do you run OpenClaw?');
    await expect(updateBackup({ incognito: false }, 'x', ORIGIN, null)).rejects.toThrow(StorageWriteError);
    expect(await getSettings()).toEqual({ autoFix: false, showBanner: true });
    expect(await getSites()).toEqual([]);
  });

  it('session storage full (private windows’ backups, tab reports) says so too', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('Session storage quota bytes exceeded. Values were not stored.'));
    await expect(saveBackup({ incognito: true }, backup('p'))).rejects.toThrow(FULL);
    expect(await getBackups({ incognito: true })).toEqual([]);
  });

  it('any other refusal says the browser could not save it, never the browser’s own words', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error(`IO error: ${SECRET}`));
    const error = await saveBackup({ incognito: false }, backup('new')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ full: false, message: "The browser could not save the backup in the extension's storage, so nothing was changed." });
    expect(String(error)).not.toContain(SECRET);
  });

  it('a failed “Forget backups” says some may remain', async () => {
    await saveBackup({ incognito: false }, backup('a'));
    fillLocal();
    await expect(forgetBackups()).rejects.toThrow('The browser refused to delete the backups, so some may remain. Try again.');
  });
});
