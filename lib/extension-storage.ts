/**
 * The one storage module: everything the extension keeps, and where.
 * `local`: settings and backups (backups hold token values, so nothing here is ever logged or shown).
 * `session`: what each open tab reported, so a restarted background still knows it.
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

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export async function setSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await settingsItem.setValue(next);
  return next;
}

export const watchSettings = (callback: (settings: Settings) => void): (() => void) =>
  settingsItem.watch((value) => callback({ ...DEFAULT_SETTINGS, ...value }));

export const getBackups = (): Promise<Backup[]> => backupsItem.getValue();

export async function saveBackup(backup: Backup): Promise<void> {
  await backupsItem.setValue(withBackup(await backupsItem.getValue(), backup));
}

export async function latestBackup(origin: string): Promise<Backup | null> {
  return latestBackupFor(await backupsItem.getValue(), origin);
}

export async function deleteBackup(id: string): Promise<void> {
  await backupsItem.setValue((await backupsItem.getValue()).filter((backup) => backup.id !== id));
}

export async function updateBackup(id: string, patch: Partial<Pick<Backup, 'undoneAt' | 'announced'>>): Promise<void> {
  const backups = await backupsItem.getValue();
  await backupsItem.setValue(backups.map((backup) => (backup.id === id ? { ...backup, ...patch } : backup)));
}

export async function getKnownTab(tabId: number): Promise<KnownTab | null> {
  return (await tabsItem.getValue())[tabId] ?? null;
}

export async function setKnownTab(tabId: number, tab: KnownTab | null): Promise<void> {
  const tabs = { ...(await tabsItem.getValue()) };
  if (tab) tabs[tabId] = tab;
  else delete tabs[tabId];
  await tabsItem.setValue(tabs);
}

export const watchKnownTab = (tabId: number, callback: (tab: KnownTab | null) => void): (() => void) =>
  tabsItem.watch((tabs) => callback(tabs?.[tabId] ?? null));

export async function rememberedRelease(dashboard: string): Promise<string | null> {
  return (await releasesItem.getValue())[dashboard] ?? null;
}

export async function rememberRelease(dashboard: string, release: string): Promise<void> {
  const releases = await releasesItem.getValue();
  if (releases[dashboard] !== release) await releasesItem.setValue({ ...releases, [dashboard]: release });
}
