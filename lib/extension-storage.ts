/**
 * The one storage module: everything the extension keeps, and where.
 * `local`: settings and backups (backups hold token values, so nothing here is ever logged or shown).
 * `session`: what each open tab reported, so a restarted background still knows it.
 *
 * Lists and maps are read, changed and written back, so two changes at once could lose one.
 * Each such change runs in turn (`inTurn`), and backups and tab reports are only ever written
 * by the background: content scripts in many tabs send it their backups instead.
 */
import { storage } from 'wxt/utils/storage';
import { latestBackupFor, withBackup, type Backup } from '@/core/backup';
import type { KnownTab } from './messages';

export interface Settings {
  /** Clear a stale device token as soon as error A shows, without asking. */
  autoFix: boolean;
}

export const DEFAULT_SETTINGS: Settings = { autoFix: true };

const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });
const backupsItem = storage.defineItem<Backup[]>('local:backups', { fallback: [] });
const tabsItem = storage.defineItem<Record<string, KnownTab>>('session:tabs', { fallback: {} });
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

export const getBackups = (): Promise<Backup[]> => backupsItem.getValue();

/** Background only (content scripts send `save-backup`). */
export function saveBackup(backup: Backup): Promise<void> {
  return inTurn('backups', async () => backupsItem.setValue(withBackup(await backupsItem.getValue(), backup)));
}

export async function latestBackup(origin: string, keys: readonly string[]): Promise<Backup | null> {
  return latestBackupFor(await backupsItem.getValue(), origin, keys);
}

export type BackupPatch = Partial<Pick<Backup, 'undoneAt' | 'announced'>>;

/** Background only. Changes or (with `null`) deletes the backup `id` if it belongs to `origin`. */
export function changeBackup(id: string, origin: string, patch: BackupPatch | null): Promise<void> {
  return inTurn('backups', async () => {
    const backups = await backupsItem.getValue();
    const mine = (backup: Backup) => backup.id === id && backup.origin === origin;
    await backupsItem.setValue(
      patch === null ? backups.filter((backup) => !mine(backup)) : backups.map((backup) => (mine(backup) ? { ...backup, ...patch } : backup)),
    );
  });
}

export async function getKnownTab(tabId: number): Promise<KnownTab | null> {
  return (await tabsItem.getValue())[tabId] ?? null;
}

/** Background only. */
export function setKnownTab(tabId: number, tab: KnownTab | null): Promise<void> {
  return inTurn('tabs', async () => {
    const tabs = { ...(await tabsItem.getValue()) };
    if (tab) tabs[tabId] = tab;
    else delete tabs[tabId];
    await tabsItem.setValue(tabs);
  });
}

export const watchKnownTab = (tabId: number, callback: (tab: KnownTab | null) => void): (() => void) =>
  tabsItem.watch((tabs) => callback(tabs?.[tabId] ?? null));

export async function rememberedRelease(dashboard: string): Promise<string | null> {
  return (await releasesItem.getValue())[dashboard] ?? null;
}

export function rememberRelease(dashboard: string, release: string): Promise<void> {
  return inTurn('releases', async () => {
    const releases = await releasesItem.getValue();
    if (releases[dashboard] !== release) await releasesItem.setValue({ ...releases, [dashboard]: release });
  });
}
