import type { StorageChange } from './device-auth';

/** A clear the extension made, kept so Undo can put the values back. Holds secrets: never shown or logged. */
export interface Backup {
  id: string;
  /** The page origin whose storage was changed. */
  origin: string;
  createdAt: number;
  trigger: 'auto' | 'manual';
  changes: StorageChange[];
  /** Set once Undo ran; an undone backup also stops automatic clears for a while. */
  undoneAt?: number;
  /** Set once the page shown after the clear's reload has told the user about it. */
  announced?: boolean;
}

/** How many backups are kept, newest first; older ones are dropped. */
export const BACKUPS_KEPT = 20;
/** An automatic clear is not repeated on the same origin within this time: one reload, never a loop. */
export const AUTO_FIX_COOLDOWN_MS = 10 * 60_000;
/** After the user undoes a clear, automatic clears on that origin pause this long. */
export const UNDO_RESPECT_MS = 60 * 60_000;
/** The page after a clear's reload announces it only if it loads this soon. */
export const ANNOUNCE_WINDOW_MS = 2 * 60_000;

/**
 * The newest backup of a dashboard: same origin, and one of the gateway's keys among its changes
 * (several gateways can share an origin behind base paths, each with its own device-auth key).
 */
export const latestBackupFor = (backups: readonly Backup[], origin: string, keys: readonly string[]): Backup | null =>
  backups.find((backup) => backup.origin === origin && backup.changes.some((change) => keys.includes(change.key))) ?? null;

/** Adds a backup in front and keeps the list bounded. */
export const withBackup = (backups: readonly Backup[], backup: Backup): Backup[] => [backup, ...backups].slice(0, BACKUPS_KEPT);

export type AutoFixDecision = 'fix' | 'disabled' | 'cooling-down' | 'user-undid';

/**
 * Whether the extension may clear a stale device token by itself now. It never does twice in a
 * row on one origin (a second mismatch right after a clear means clearing does not help, and
 * reloading again would feed the gateway's lock-out), and it respects an Undo.
 */
export function decideAutoFix(autoFix: boolean, origin: string, backups: readonly Backup[], now: number): AutoFixDecision {
  if (!autoFix) return 'disabled';
  for (const backup of backups) {
    if (backup.origin !== origin) continue;
    if (backup.undoneAt !== undefined && now - backup.undoneAt < UNDO_RESPECT_MS) return 'user-undid';
    if (backup.trigger === 'auto' && now - backup.createdAt < AUTO_FIX_COOLDOWN_MS) return 'cooling-down';
  }
  return 'fix';
}
