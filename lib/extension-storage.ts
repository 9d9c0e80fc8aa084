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
import { storage } from 'wxt/utils/storage';
import { pruneBackups, withBackup, type Backup } from '@/core/backup';
import { gatewayScope } from '@/core/gateway-scope';
import { parseRunMode, type RunMode } from '@/core/run-mode';
import type { DashboardSite } from '@/core/site-address';
import type { KnownTab } from './messages';

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

const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** 0.1.0 stored backups without the gateway and without the pending/applied state. */
type BackupV1 = Omit<Backup, 'gateway' | 'state'>;
const DEVICE_AUTH_KEY = /^(?:openclaw|clawdbot|moltbot)\.device\.auth\.v1:/;

/** A 0.1.0 backup's gateway from its scoped key; an unscoped key of that time names none (''). */
function migrateBackupV1(backup: BackupV1): Backup {
  const scoped = backup.changes.map((change) => change.key).find((key) => DEVICE_AUTH_KEY.test(key));
  const gateway = scoped ? gatewayScope(scoped.slice(scoped.indexOf(':') + 1)) : '';
  return { ...backup, gateway, state: 'applied' };
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

const backupsItem = onFirstUse(() =>
  storage.defineItem<Backup[]>('local:backups', {
    fallback: [],
    version: 2,
    migrations: { 2: (backups: BackupV1[]) => (Array.isArray(backups) ? backups.map(migrateBackupV1) : []) },
  }),
);
const privateBackupsItem = onFirstUse(() => storage.defineItem<Backup[]>('session:privateBackups', { fallback: [] }));
const tabsItem = onFirstUse(() => storage.defineItem<Record<string, KnownTab>>('session:tabs', { fallback: {} }));
/** Dashboard addresses the user added beyond loopback; each has a host permission and a registered content script. */
const sitesItem = onFirstUse(() => storage.defineItem<DashboardSite[]>('local:sites', { fallback: [] }));
/** More sites than anyone runs dashboards on; the list stays small whatever is granted. */
export const SITES_KEPT = 100;
/** The release each dashboard showed when it was last connected (before 9.x a locked-out page does not say). */
const releasesItem = storage.defineItem<Record<string, string>>('local:releases', { fallback: {} });

const turns = new Map<string, Promise<unknown>>();
/** Runs read-change-write steps on one item one after another in this extension context. */
function inTurn<T>(item: string, step: () => Promise<T>): Promise<T> {
  const next = (turns.get(item) ?? Promise.resolve()).then(step);
  turns.set(item, next.catch(() => undefined));
  return next;
}

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export function setSettings(patch: Partial<Settings>): Promise<Settings> {
  return inTurn('settings', async () => {
    const next = { ...(await getSettings()), ...patch };
    await settingsItem.setValue(next);
    return next;
  });
}

export const watchSettings = (callback: (settings: Settings) => void): (() => void) =>
  settingsItem.watch((value) => callback({ ...DEFAULT_SETTINGS, ...value }));

/** Where a tab's backups live: private windows keep theirs in session storage only. */
export interface BackupPlace {
  incognito: boolean;
}

const itemFor = (place: BackupPlace) => (place.incognito ? privateBackupsItem() : backupsItem());
const turnFor = (place: BackupPlace) => (place.incognito ? 'privateBackups' : 'backups');

/** Background only. The backups of one place, newest first, expired ones left out. */
export async function getBackups(place: BackupPlace, now = Date.now()): Promise<Backup[]> {
  const backups = await itemFor(place).getValue();
  return pruneBackups(Array.isArray(backups) ? backups : [], now);
}

/** Background only (content scripts send `save-backup`). */
export function saveBackup(place: BackupPlace, backup: Backup, now = Date.now()): Promise<void> {
  return inTurn(turnFor(place), async () => itemFor(place).setValue(withBackup(await getBackups(place, now), backup, now)));
}

/** Background only. Applies `change` to the backup `id` if it belongs to `origin`; `null` deletes it. */
export function updateBackup(place: BackupPlace, id: string, origin: string, change: ((backup: Backup) => Backup) | null): Promise<void> {
  return inTurn(turnFor(place), async () => {
    const backups = await getBackups(place);
    const mine = (backup: Backup) => backup.id === id && backup.origin === origin;
    await itemFor(place).setValue(
      change === null ? backups.filter((backup) => !mine(backup)) : backups.map((backup) => (mine(backup) ? change(backup) : backup)),
    );
  });
}

/** "Forget backups": every backup, in both places, at once. */
export async function forgetBackups(): Promise<void> {
  await Promise.all([inTurn('backups', () => backupsItem().setValue([])), inTurn('privateBackups', () => privateBackupsItem().setValue([]))]);
}

export async function getKnownTab(tabId: number): Promise<KnownTab | null> {
  const tabs = await tabsItem().getValue();
  return Object.hasOwn(tabs, tabId) ? tabs[tabId]! : null;
}

/** Background only. */
export function setKnownTab(tabId: number, tab: KnownTab | null): Promise<void> {
  return inTurn('tabs', async () => {
    const tabs = { ...(await tabsItem().getValue()) };
    if (tab) tabs[tabId] = tab;
    else delete tabs[tabId];
    await tabsItem().setValue(tabs);
  });
}

export const watchKnownTab = (tabId: number, callback: (tab: KnownTab | null) => void): (() => void) =>
  tabsItem().watch((tabs) => callback(tabs && Object.hasOwn(tabs, tabId) ? tabs[tabId]! : null));

export async function rememberedRelease(dashboard: string): Promise<string | null> {
  const releases = await releasesItem.getValue();
  return Object.hasOwn(releases, dashboard) ? releases[dashboard]! : null;
}

/**
 * Remembers the release a dashboard showed. The map is keyed by origin and a page-supplied
 * base path, so it keeps only the `RELEASES_KEPT` dashboards seen last.
 */
export function rememberRelease(dashboard: string, release: string): Promise<void> {
  if (dashboard.length > MAX_DASHBOARD_KEY_CHARS) return Promise.resolve();
  return inTurn('releases', async () => {
    const releases = await releasesItem.getValue();
    if (Object.hasOwn(releases, dashboard) && releases[dashboard] === release) return;
    // Insertion order is recency: re-add at the end, drop from the front.
    const entries = Object.entries(releases).filter(([key]) => key !== dashboard);
    entries.push([dashboard, release]);
    await releasesItem.setValue(Object.fromEntries(entries.slice(-RELEASES_KEPT)));
  });
}

export async function getSites(): Promise<DashboardSite[]> {
  const sites = await sitesItem().getValue();
  return Array.isArray(sites) ? sites : [];
}

/** Background only. Replaces the list (after reconciling it with the granted permissions). */
export function setSites(sites: readonly DashboardSite[]): Promise<void> {
  return inTurn('sites', () => sitesItem().setValue(sites.slice(0, SITES_KEPT)));
}

export const watchSites = (callback: (sites: DashboardSite[]) => void): (() => void) =>
  sitesItem().watch((sites) => callback(Array.isArray(sites) ? sites : []));

/**
 * Runs the stored items' migrations now. WXT starts them when an item is defined; a test that
 * installs an older version's data afterwards, or an update check, calls this to run them again.
 */
export async function migrateStoredData(): Promise<void> {
  await backupsItem().migrate();
}

/** Gateways whose "How do you run OpenClaw?" answer is remembered; the least recently set goes first. */
export const RUN_MODES_KEPT = 50;
const runModesItem = onFirstUse(() => storage.defineItem<Record<string, RunMode>>('local:runModes', { fallback: {} }));

/**
 * The user's answer to "How do you run OpenClaw?" for one gateway (its scope, or `*` for text
 * pasted without a dashboard), or null when they never said.
 */
export async function getRunMode(gateway: string): Promise<RunMode | null> {
  const modes = await runModesItem().getValue();
  return Object.hasOwn(modes, gateway) ? parseRunMode(modes[gateway]) : null;
}

export function setRunMode(gateway: string, mode: RunMode): Promise<void> {
  if (gateway.length > MAX_DASHBOARD_KEY_CHARS) return Promise.resolve();
  return inTurn('runModes', async () => {
    const entries = Object.entries(await runModesItem().getValue()).filter(([key]) => key !== gateway);
    entries.push([gateway, mode]);
    await runModesItem().setValue(Object.fromEntries(entries.slice(-RUN_MODES_KEPT)));
  });
}
