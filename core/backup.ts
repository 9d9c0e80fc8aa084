import type { StorageChange } from './device-auth';

/** The size limits of what a clear changes live with the device-auth values they bound. */
export { MAX_BACKUP_CHANGES, MAX_BACKUP_VALUE_CHARS } from './device-auth';

/**
 * A clear the extension made, kept so Undo can put the values back. Holds secrets: never shown
 * or logged, and never handed to a content script except its own origin's restore inputs.
 */
export interface Backup {
  id: string;
  /** The page origin whose storage was changed. */
  origin: string;
  /**
   * The gateway whose device token was cleared, as the Control UI scopes its keys
   * (`ws://127.0.0.1:18789`, `wss://host/openclaw`; `gatewayScope` in gateway-scope.ts).
   * Several gateways can share an origin, and all of them match the unscoped key of releases
   * before 8.2, so a backup belongs to a page only when both origin and gateway match.
   */
  gateway: string;
  createdAt: number;
  trigger: 'auto' | 'manual';
  changes: StorageChange[];
  /**
   * `pending` from the moment the backup is saved until the page's storage was written. A
   * pending backup never announces a clear and never starts the cool-down, but Undo still
   * finds it: the write may have happened just before the tab or the background went away.
   */
  state: 'pending' | 'applied';
  /** Set once Undo ran; an undone backup also stops automatic clears for a while. */
  undoneAt?: number;
  /** Set once the page shown after the clear's reload has told the user about it. */
  announced?: boolean;
}

/** What a content script may know of a backup: everything but the values. */
export type BackupMeta = Omit<Backup, 'changes'> & { keys: string[] };

export const backupMeta = ({ changes, ...meta }: Backup): BackupMeta => ({ ...meta, keys: changes.map((change) => change.key) });

/** Backups kept per origin, newest first: clears on other origins never push this one's out. */
export const BACKUPS_PER_ORIGIN = 5;
/** Origins with backups; the one whose newest backup is oldest goes first (see MAX_BACKUP_VALUE_CHARS). */
export const BACKUP_ORIGINS_KEPT = 20;
/** A backup older than this is dropped: a week is long enough to notice what a clear did. */
export const BACKUP_TTL_MS = 7 * 24 * 60 * 60_000;
/** An automatic clear is not repeated on the same origin within this time: one reload, never a loop. */
export const AUTO_FIX_COOLDOWN_MS = 10 * 60_000;
/** After the user undoes a clear, automatic clears on that origin pause this long. */
export const UNDO_RESPECT_MS = 60 * 60_000;
/** The page after a clear's reload announces it only if it loads this soon. */
export const ANNOUNCE_WINDOW_MS = 2 * 60_000;

/** The newest backup of one gateway of one origin, pending or applied. */
export const latestBackupFor = <B extends Pick<Backup, 'origin' | 'gateway'>>(backups: readonly B[], origin: string, gateway: string): B | null =>
  backups.find((backup) => backup.origin === origin && backup.gateway === gateway) ?? null;

/**
 * Adds a backup in front and keeps the list bounded: expired backups go, each origin keeps its
 * newest `BACKUPS_PER_ORIGIN`, and at most `BACKUP_ORIGINS_KEPT` origins are kept.
 */
export function withBackup(backups: readonly Backup[], backup: Backup, now: number): Backup[] {
  return pruneBackups([backup, ...backups.filter((other) => other.id !== backup.id)], now);
}

/** Drops expired backups and applies the per-origin and origin-count bounds; order is kept. */
export function pruneBackups(backups: readonly Backup[], now: number): Backup[] {
  const perOrigin = new Map<string, number>();
  const kept: Backup[] = [];
  for (const backup of backups) {
    if (now - backup.createdAt > BACKUP_TTL_MS) continue;
    const count = perOrigin.get(backup.origin) ?? 0;
    // A new origin beyond the limit: the list is newest first, so its newest backup is older
    // than every kept origin's newest one.
    if (count === 0 && perOrigin.size >= BACKUP_ORIGINS_KEPT) continue;
    if (count >= BACKUPS_PER_ORIGIN) continue;
    perOrigin.set(backup.origin, count + 1);
    kept.push(backup);
  }
  return kept;
}

export type AutoFixDecision = 'fix' | 'disabled' | 'cooling-down' | 'user-undid';

/**
 * Whether the extension may clear a stale device token by itself now. It never does twice in a
 * row on one origin (a second mismatch right after a clear means clearing does not help, and
 * reloading again would feed the gateway's lock-out), and it respects an Undo. Only backups
 * that were applied count: a clear that never happened must not pause anything.
 */
export function decideAutoFix(
  autoFix: boolean,
  origin: string,
  backups: readonly Pick<Backup, 'origin' | 'state' | 'trigger' | 'createdAt' | 'undoneAt'>[],
  now: number,
): AutoFixDecision {
  if (!autoFix) return 'disabled';
  for (const backup of backups) {
    if (backup.origin !== origin || backup.state !== 'applied') continue;
    if (backup.undoneAt !== undefined && now - backup.undoneAt < UNDO_RESPECT_MS) return 'user-undid';
    if (backup.trigger === 'auto' && now - backup.createdAt < AUTO_FIX_COOLDOWN_MS) return 'cooling-down';
  }
  return 'fix';
}

/** Whether the page that loads after a clear's reload should say what was done. */
export const shouldAnnounce = (backup: Pick<Backup, 'state' | 'undoneAt' | 'announced' | 'createdAt'> | null, now: number): boolean =>
  backup !== null && backup.state === 'applied' && !backup.undoneAt && !backup.announced && now - backup.createdAt < ANNOUNCE_WINDOW_MS;
