/**
 * The one storage module: everything the extension keeps, and where.
 * `local`: settings, backups of normal windows, and the release each dashboard last showed.
 * `session`: what each open tab reported, and backups made in private windows, so a private
 * window's tokens never reach the disk and go when the browser closes.
 *
 * Backups hold token values: nothing here is ever logged or shown, only the background reads
 * them, and a content script only ever gets its own origin's metadata and restore inputs.
 *
 * Lists and maps are read, changed and written back, so two changes at once could lose one.
 * Each such change runs in turn (`inTurn`), and backups and tab reports are only ever written
 * by the background: content scripts in many tabs send it their backups instead. Every
 * page-keyed list or map is bounded (backups per origin and in time, releases per dashboard).
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { pruneBackups, withBackup, type Backup } from '@/core/backup';
import { isDeviceAuthKey, type StorageChange } from '@/core/device-auth';
import { isLockoutKind } from '@/core/lockout';
import { defaultGatewayUrl, gatewayScope } from '@/core/gateway-scope';
import { parseRunMode, type RunMode } from '@/core/run-mode';
import type { DashboardSite } from '@/core/site-address';
import type { KnownTab } from './messages';
import { t } from './i18n';

export interface Settings {
  /** Clear a stale device token as soon as error A shows, without asking. */
  autoFix: boolean;
  /** Show the banner on the dashboard; off, the badge and the popup still tell. */
  showBanner: boolean;
}

export const DEFAULT_SETTINGS: Settings = { autoFix: true, showBanner: true };

/** Dashboards whose release is remembered; the least recently seen goes first. */
export const RELEASES_KEPT = 50;
/** An origin plus a base path; anything longer is not a dashboard address worth remembering. */
const MAX_DASHBOARD_KEY_CHARS = 512;

/**
 * A write to the extension's storage failed. `message` is written for the user (the options
 * page, the popup and the background's answers show it as it is) and never holds a stored
 * value or the browser's own text, so no token can reach a screen or a log through it.
 * `full`: the browser said its quota for the extension is used up.
 */
export class StorageWriteError extends Error {
  override name = 'StorageWriteError';
  constructor(
    readonly full: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The error a failed write rejects with. Chrome says `QUOTA_BYTES quota exceeded` (local) or
 * `Session storage quota bytes exceeded` (session); Firefox names the quota too. `what` names
 * the thing that was not saved: "the backup", "the setting".
 */
function writeFailure(error: unknown, what: StoredThing): StorageWriteError {
  const full = /quota/i.test(error instanceof Error ? error.message : String(error));
  return new StorageWriteError(full, storageRefusal(full, what));
}

/** What a write saves, as the refusal names it (`storage.what.*` in the locale files). */
export type StoredThing = 'backup' | 'backupChange' | 'setting' | 'deletion' | 'tabReport' | 'release' | 'sites' | 'runMode';

/** The words for a refused write, in the UI's language: the storage is full, or the browser refused otherwise. */
export function storageRefusal(full: boolean, what: StoredThing): string {
  const thing = t(`storage.what.${what}`);
  return full ? t('storage.full', { what: thing }) : t('storage.failed', { what: thing });
}

/**
 * One stored item: WXT's item plus the shape check every read goes through.
 *
 * `version` is the version of the item's stored shape and `migrations[n]` turns version n-1
 * into n. WXT keeps the version in the `<key>$` entry (`{ v: n }`); an item without that entry is
 * version 1, which is all 0.1.0 ever wrote, as it defined no versions. Raise `version` and add a
 * migration whenever the stored shape changes. A migration never throws (WXT would log the
 * error and leave the item unmigrated) and returns anything it does not recognise as it was: a
 * migration rewrites the stored bytes, and a value it cannot read is not its to replace.
 *
 * `parse` checks what is stored, whatever its version says: a value of the wrong shape reads as
 * the fallback (an entry of a list or map that does not fit is left out), nothing is thrown, and
 * nothing is written back. The stored bytes stay as they are until the next change to that
 * item, which writes a checked value over them: a value no reader can use is not kept forever.
 */
interface ItemSpec<T> {
  version: number;
  migrations: Record<number, (stored: unknown) => unknown>;
  parse: (stored: unknown) => T;
}

interface CheckedItem<T> {
  /** The stored value if it has the item's shape, else the fallback. Rejects only if the browser's storage does. */
  read(): Promise<T>;
  /** Writes `value`; rejects with a `StorageWriteError` naming `what` was not saved. */
  write(value: T, what: StoredThing): Promise<void>;
  /** Calls back with each new value, checked as `read` checks it. */
  watch(callback: (value: T) => void): () => void;
  /** Runs the item's migrations now (WXT already ran them once, when the item was defined). */
  migrate(): Promise<void>;
}

function defineChecked<T>(key: StorageItemKey, spec: ItemSpec<T>): CheckedItem<T> {
  // A version-1 item has nothing to migrate yet, but WXT would still read it and its `<key>$` entry
  // before the first read could start: a round trip more before the popup's first answer. Its
  // missing `$` entry already means version 1, so a later version 2 migrates it all the same.
  const item = storage.defineItem<unknown>(key, spec.version > 1 ? { version: spec.version, migrations: spec.migrations } : {});
  return {
    read: async () => spec.parse(await item.getValue()),
    write: (value, what) =>
      item.setValue(value).catch((error: unknown) => {
        throw writeFailure(error, what);
      }),
    watch: (callback) => item.watch((value) => callback(spec.parse(value))),
    migrate: () => item.migrate(),
  };
}

/**
 * Defines an item on first use. WXT reads an item (and runs its migrations) as soon as it is
 * defined, and content scripts may not touch `storage.session` (Chrome without
 * `setAccessLevel`, Firefox at all): the items only the background and the popup use are
 * therefore defined only when they first call for them, never in a dashboard page.
 */
function onFirstUse<T>(define: () => T): () => T {
  let item: T | undefined;
  return () => (item ??= define());
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTexts = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

/** Settings as stored, each field checked: one that is missing or not a boolean reads as its default. */
function parseSettings(stored: unknown): Settings {
  const value = isRecord(stored) ? stored : {};
  return {
    autoFix: typeof value.autoFix === 'boolean' ? value.autoFix : DEFAULT_SETTINGS.autoFix,
    showBanner: typeof value.showBanner === 'boolean' ? value.showBanner : DEFAULT_SETTINGS.showBanner,
  };
}

/**
 * Settings, `{ autoFix, showBanner }`. Version 1 (0.1.0) held `{ autoFix }` only; version 2
 * adds `showBanner`, on as it was for everyone before. Defined at once: dashboards read it.
 */
const settingsItem = defineChecked('local:settings', {
  version: 2,
  migrations: { 2: (stored) => (isRecord(stored) ? { showBanner: DEFAULT_SETTINGS.showBanner, ...stored } : stored) },
  parse: parseSettings,
});

/** 0.1.0 stored backups without the gateway and without the pending/applied state. */
type BackupV1 = Omit<Backup, 'gateway' | 'state'>;

const isChange = (value: unknown): value is StorageChange =>
  isRecord(value) && isDeviceAuthKey(value.key) && isTextOrNull(value.before) && isTextOrNull(value.after);

/**
 * The fields 0.1.0's backups and today's share. Every change must name a device-auth key:
 * Undo writes a backup's keys back into the page, and it writes nothing else.
 */
function isBackupV1(value: unknown): value is BackupV1 {
  return (
    isRecord(value) &&
    isText(value.id) &&
    isText(value.origin) &&
    isTime(value.createdAt) &&
    (value.trigger === 'auto' || value.trigger === 'manual') &&
    Array.isArray(value.changes) &&
    value.changes.length > 0 &&
    value.changes.every(isChange) &&
    (value.undoneAt === undefined || isTime(value.undoneAt)) &&
    (value.announced === undefined || typeof value.announced === 'boolean')
  );
}

const isBackup = (value: unknown): value is Backup =>
  isBackupV1(value) && isText((value as Partial<Backup>).gateway) && ['pending', 'applied'].includes((value as Partial<Backup>).state!);

/** A stored backup with its known fields only, so nothing else ever reaches a content script's metadata. */
function pickBackup(backup: Backup): Backup {
  const { id, origin, gateway, createdAt, trigger, state, undoneAt, announced } = backup;
  const changes = backup.changes.map(({ key, before, after }) => ({ key, before, after }));
  return { id, origin, gateway, createdAt, trigger, changes, state, ...(undoneAt !== undefined && { undoneAt }), ...(announced !== undefined && { announced }) };
}

/** Backups as stored: a list, of which only the entries with a backup's shape are read. */
const parseBackups = (stored: unknown): Backup[] => (Array.isArray(stored) ? stored.filter(isBackup).map(pickBackup) : []);

/**
 * A 0.1.0 backup's gateway: the scope in its scoped key. An unscoped key (releases before 8.2
 * kept one per origin) names no gateway; those dashboards talked to the gateway that served
 * them, so the backup is filed under the origin's default gateway (`ws(s)://host:port`), where
 * Undo on that dashboard finds it, as 0.1.0's Undo found it by origin. It was saved after the
 * clear's writes succeeded (0.1.0 deleted the backup of a failed clear), so it is `applied`.
 */
function migrateBackupV1(backup: BackupV1): Backup {
  const scoped = backup.changes.map((change) => change.key).find((key) => key.includes(':'));
  const gateway = scoped ? gatewayScope(scoped.slice(scoped.indexOf(':') + 1)) : gatewayScope(defaultGatewayUrl(backup.origin) ?? '');
  return { ...backup, gateway, state: 'applied' };
}

/**
 * Both places' backups, `Backup[]` newest first. Version 2 adds `gateway` and `state` to each
 * entry of version 1 (0.1.0). Entries that already have them (written by a build between the two
 * without the version) and entries of no known shape are kept as they are.
 */
const BACKUPS = {
  version: 2,
  migrations: { 2: (stored: unknown) => (Array.isArray(stored) ? stored.map((entry) => (!isBackup(entry) && isBackupV1(entry) ? migrateBackupV1(entry) : entry)) : stored) },
  parse: parseBackups,
} satisfies ItemSpec<Backup[]>;

const backupsItem = onFirstUse(() => defineChecked('local:backups', BACKUPS));
/** Private windows' backups; they came after 0.1.0 with version 2's shape, and share the list's migrations. */
const privateBackupsItem = onFirstUse(() => defineChecked('session:privateBackups', BACKUPS));

/** A tab report as the background stored it: the fields the popup and the badge read, each checked. */
function isKnownTab(value: unknown): value is KnownTab {
  if (!isRecord(value) || !isText(value.url) || !isTextOrNull(value.gatewayUrl)) return false;
  const { page, lockouts, stored, undoable } = value;
  if (!isRecord(page) || !isText(page.brand) || !isTextOrNull(page.release) || !isText(page.basePath)) return false;
  // A kind no release has would have no title: the popup could not say what it is.
  if (!Array.isArray(lockouts) || !lockouts.every((lockout) => isRecord(lockout) && isLockoutKind(lockout.kind))) return false;
  if (!isRecord(stored) || !isTexts(stored.deviceAuthKeys) || !isTextOrNull(stored.sharedToken)) return false;
  const { deviceToken, identity } = stored;
  if (deviceToken !== null && !(isRecord(deviceToken) && isText(deviceToken.key) && isTime(deviceToken.length))) return false;
  if (!isRecord(identity) || typeof identity.present !== 'boolean' || !isTextOrNull(identity.deviceId)) return false;
  return undoable === null || (isRecord(undoable) && isTexts(undoable.keys) && isTime(undoable.createdAt));
}

/**
 * What each open tab reported, by tab id: `Record<string, KnownTab>`. Version 1 since 0.1.0:
 * the fields added since (`probed`, a lock-out's `hint`…) are optional. The browser empties
 * session storage when the extension is updated, and each tab reports again.
 */
const tabsItem = onFirstUse(() =>
  defineChecked('session:tabs', {
    version: 1,
    migrations: {},
    parse: (stored): Record<string, KnownTab> =>
      isRecord(stored) ? Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, KnownTab] => /^\d+$/.test(entry[0]) && isKnownTab(entry[1]))) : {},
  }),
);

/**
 * Dashboard addresses the user added beyond loopback, `DashboardSite[]`; each has a host
 * permission and a registered content script. Version 1: added after 0.1.0, unchanged since.
 */
const sitesItem = onFirstUse(() =>
  defineChecked('local:sites', {
    version: 1,
    migrations: {},
    parse: (stored): DashboardSite[] =>
      Array.isArray(stored)
        ? stored
            .filter((site): site is DashboardSite => isRecord(site) && isText(site.address) && isText(site.origin) && isText(site.pattern))
            .map(({ address, origin, pattern }) => ({ address, origin, pattern }))
        : [],
  }),
);
/** More sites than anyone runs dashboards on; the list stays small whatever is granted. */
export const SITES_KEPT = 100;

/**
 * The release each dashboard showed when it was last connected (before 9.x a locked-out page
 * does not say), `Record<dashboard, release>`. Version 1 since 0.1.0; 0.1.0 did not bound the
 * map, the next change keeps the last `RELEASES_KEPT`. Defined at once: dashboards read it.
 */
const releasesItem = defineChecked('local:releases', {
  version: 1,
  migrations: {},
  parse: (stored): Record<string, string> =>
    isRecord(stored) ? Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => isText(entry[1]))) : {},
});

const turns = new Map<string, Promise<unknown>>();
/** Runs read-change-write steps on one item one after another in this extension context. */
function inTurn<T>(item: string, step: () => Promise<T>): Promise<T> {
  const next = (turns.get(item) ?? Promise.resolve()).then(step);
  turns.set(item, next.catch(() => undefined));
  return next;
}

/** The settings; stored fields of the wrong type read as their defaults. */
export const getSettings = (): Promise<Settings> => settingsItem.read();

/**
 * Saves a change to the settings and resolves with what is now stored. A failed write rejects
 * with a `StorageWriteError` and leaves the stored settings as they were.
 */
export function setSettings(patch: Partial<Settings>): Promise<Settings> {
  return inTurn('settings', async () => {
    const next = parseSettings({ ...(await getSettings()), ...patch });
    await settingsItem.write(next, 'setting');
    return next;
  });
}

export const watchSettings = (callback: (settings: Settings) => void): (() => void) => settingsItem.watch(callback);

/** Where a tab's backups live: private windows keep theirs in session storage only. */
export interface BackupPlace {
  incognito: boolean;
}

const itemFor = (place: BackupPlace) => (place.incognito ? privateBackupsItem() : backupsItem());
const turnFor = (place: BackupPlace) => (place.incognito ? 'privateBackups' : 'backups');

/** Background only. The backups of one place, newest first; expired ones and entries of no backup's shape left out. */
export async function getBackups(place: BackupPlace, now = Date.now()): Promise<Backup[]> {
  return pruneBackups(await itemFor(place).read(), now);
}

/**
 * Background only (content scripts send `save-backup`). A failed write rejects with a
 * `StorageWriteError` ("…full, so the backup was not saved…") and the stored list is unchanged,
 * so the clear that asked for the backup does not go ahead.
 */
export function saveBackup(place: BackupPlace, backup: Backup, now = Date.now()): Promise<void> {
  return inTurn(turnFor(place), async () => itemFor(place).write(withBackup(await getBackups(place, now), backup, now), 'backup'));
}

/** Background only. Applies `change` to the backup `id` if it belongs to `origin`; `null` deletes it. */
export function updateBackup(place: BackupPlace, id: string, origin: string, change: ((backup: Backup) => Backup) | null): Promise<void> {
  return inTurn(turnFor(place), async () => {
    const backups = await getBackups(place);
    const mine = (backup: Backup) => backup.id === id && backup.origin === origin;
    await itemFor(place).write(
      change === null ? backups.filter((backup) => !mine(backup)) : backups.map((backup) => (mine(backup) ? change(backup) : backup)),
      'backupChange',
    );
  });
}

/**
 * "Forget backups": every backup, in both places, at once. If the browser refuses either
 * write, rejects with a `StorageWriteError` that says some backups may remain.
 */
export async function forgetBackups(): Promise<void> {
  const results = await Promise.allSettled([
    inTurn('backups', () => backupsItem().write([], 'deletion')),
    inTurn('privateBackups', () => privateBackupsItem().write([], 'deletion')),
  ]);
  if (results.some((result) => result.status === 'rejected')) {
    throw new StorageWriteError(false, t('storage.forgetRefused'));
  }
}

/** What tab `tabId` last reported, or null (also when the stored report has the wrong shape). */
export async function getKnownTab(tabId: number): Promise<KnownTab | null> {
  const tabs = await tabsItem().read();
  return Object.hasOwn(tabs, tabId) ? tabs[tabId]! : null;
}

/** Background only. A failed write rejects with a `StorageWriteError`; the stored reports are unchanged. */
export function setKnownTab(tabId: number, tab: KnownTab | null): Promise<void> {
  return inTurn('tabs', async () => {
    const tabs = await tabsItem().read();
    if (tab) tabs[tabId] = tab;
    else delete tabs[tabId];
    await tabsItem().write(tabs, 'tabReport');
  });
}

export const watchKnownTab = (tabId: number, callback: (tab: KnownTab | null) => void): (() => void) =>
  tabsItem().watch((tabs) => callback(Object.hasOwn(tabs, tabId) ? tabs[tabId]! : null));

export async function rememberedRelease(dashboard: string): Promise<string | null> {
  const releases = await releasesItem.read();
  return Object.hasOwn(releases, dashboard) ? releases[dashboard]! : null;
}

/**
 * Remembers the release a dashboard showed. The map is keyed by origin and a page-supplied
 * base path, so it keeps only the `RELEASES_KEPT` dashboards seen last.
 */
export function rememberRelease(dashboard: string, release: string): Promise<void> {
  if (dashboard.length > MAX_DASHBOARD_KEY_CHARS) return Promise.resolve();
  return inTurn('releases', async () => {
    const releases = await releasesItem.read();
    if (Object.hasOwn(releases, dashboard) && releases[dashboard] === release) return;
    // Insertion order is recency: re-add at the end, drop from the front.
    const entries = Object.entries(releases).filter(([key]) => key !== dashboard);
    entries.push([dashboard, release]);
    await releasesItem.write(Object.fromEntries(entries.slice(-RELEASES_KEPT)), 'release');
  });
}

/** The dashboard addresses added beyond loopback; entries of the wrong shape left out. */
export const getSites = (): Promise<DashboardSite[]> => sitesItem().read();

/**
 * Background only. Replaces the list (after reconciling it with the granted permissions). A
 * failed write rejects with a `StorageWriteError`; the stored list is unchanged.
 */
export function setSites(sites: readonly DashboardSite[]): Promise<void> {
  return inTurn('sites', () => sitesItem().write(sites.slice(0, SITES_KEPT), 'sites'));
}

export const watchSites = (callback: (sites: DashboardSite[]) => void): (() => void) => sitesItem().watch(callback);

/** Gateways whose "How do you run OpenClaw?" answer is remembered; the least recently set goes first. */
export const RUN_MODES_KEPT = 50;
/**
 * The answer to "How do you run OpenClaw?" per gateway, `Record<gateway, RunMode>`. Version 1:
 * added after 0.1.0, unchanged since. An answer that is no run mode is left out.
 */
const runModesItem = onFirstUse(() =>
  defineChecked('local:runModes', {
    version: 1,
    migrations: {},
    parse: (stored): Record<string, RunMode> =>
      isRecord(stored)
        ? Object.fromEntries(
            Object.entries(stored).flatMap(([gateway, mode]) => {
              const parsed = parseRunMode(mode);
              return parsed ? [[gateway, parsed] as const] : [];
            }),
          )
        : {},
  }),
);

/**
 * The user's answer to "How do you run OpenClaw?" for one gateway (its scope, or `*` for text
 * pasted without a dashboard), or null when they never said.
 */
export async function getRunMode(gateway: string): Promise<RunMode | null> {
  const modes = await runModesItem().read();
  return Object.hasOwn(modes, gateway) ? modes[gateway]! : null;
}

export function setRunMode(gateway: string, mode: RunMode): Promise<void> {
  if (gateway.length > MAX_DASHBOARD_KEY_CHARS) return Promise.resolve();
  return inTurn('runModes', async () => {
    const entries = Object.entries(await runModesItem().read()).filter(([key]) => key !== gateway);
    entries.push([gateway, mode]);
    await runModesItem().write(Object.fromEntries(entries.slice(-RUN_MODES_KEPT)), 'runMode');
  });
}

/**
 * Background only (it touches session storage). Runs every item's migrations now. WXT runs them
 * when an item is defined; an update check, or a test that installs an older version's data
 * afterwards, calls this to run them again. Never rejects: an item whose migration fails keeps
 * its stored value (reads check its shape anyway), and its key is in the list this resolves to.
 */
export async function migrateStoredData(): Promise<string[]> {
  const items = {
    settings: settingsItem,
    backups: backupsItem(),
    privateBackups: privateBackupsItem(),
    tabs: tabsItem(),
    sites: sitesItem(),
    releases: releasesItem,
    runModes: runModesItem(),
  };
  const results = await Promise.allSettled(Object.values(items).map((item) => item.migrate()));
  return Object.keys(items).filter((_key, index) => results[index]!.status === 'rejected');
}
