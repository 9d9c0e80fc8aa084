/**
 * Clear and Undo, as a dashboard's content script runs them against the page's storage.
 * The backup goes to the background before anything is written; every write is
 * compare-and-set, re-checked after each await, so a token the dashboard stores meanwhile is
 * never lost; backup values stay in the background, which hands back this origin's only.
 */
import { latestBackupFor, type Backup, type BackupMeta } from '@/core/backup';
import { applyWrites, clearWrites, planDeviceTokenClear, planRestore, type StorageChange } from '@/core/device-auth';
import type { Brand } from '@/core/device-auth';
import { gatewayScope } from '@/core/gateway-scope';
import type { WebStorage } from '@/core/web-storage';
import { sendToBackground, type ClearOutcome, type NewBackup, type UndoOutcome } from './messages';
import { storageRefusal } from './extension-storage';
import { t } from './i18n';

/** What clear and Undo need from the page. */
export interface TokenActionsContext {
  /** The page's `localStorage`. */
  storage: WebStorage;
  origin: string;
  brand: Brand;
  /** The gateway the page talks to now (it can change while the page is open). */
  gatewayUrl(): string | null;
  /** The background; a test may pass its own. */
  send?: typeof sendToBackground;
}

/** The scope a backup is filed under: the gateway's, as the Control UI names its keys. */
export const backupGateway = (gatewayUrl: string | null): string => gatewayScope(gatewayUrl ?? '');

/** The newest backup of this page's gateway, without values. */
export async function latestBackup(ctx: TokenActionsContext): Promise<BackupMeta | null> {
  const send = ctx.send ?? sendToBackground;
  return latestBackupFor(await send('list-backups', {}), ctx.origin, backupGateway(ctx.gatewayUrl()));
}

const failed = (message: string) => ({ status: 'failed' as const, message });

/**
 * A random backup id (32 hex characters). `crypto.randomUUID` exists only in secure contexts,
 * and a dashboard on a LAN address over plain HTTP is not one; `getRandomValues` is everywhere.
 */
function newBackupId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The background's own words for a backup it could not save ("The browser's storage for the
 * extension is full, so the backup was not saved and nothing was changed."), in the UI's
 * language, which the background shares; anything else, such as the browser's text when the
 * worker is unreachable, is not shown.
 */
function backupRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return isOwnRefusal(message) ? message : t('failure.backupNotSaved');
}

const isOwnRefusal = (message: string) => [storageRefusal(true, 'backup'), storageRefusal(false, 'backup'), t('storage.unreadable')].includes(message);

/** Long enough for the browser to start a new service worker after the last one was stopped. */
const RETRY_AFTER_MS = 250;

/**
 * Saves a backup, and once more if the message never got an answer: the MV3 service worker can
 * be stopped while the message is in flight, and the next message starts a new one. Saving is
 * idempotent (a backup replaces one with its id), so a save that landed before its answer was
 * lost is not saved twice. The background's own refusal (storage full) is final.
 */
async function saveBackup(send: typeof sendToBackground, backup: NewBackup): Promise<void> {
  try {
    await send('save-backup', { backup });
  } catch (error) {
    if (isOwnRefusal(error instanceof Error ? error.message : '')) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    await send('save-backup', { backup });
  }
}

const REFUSED = { 'too-large': 'failure.tooLarge', unreadable: 'failure.unreadable' } as const;

/**
 * Removes the stale device token of the page's gateway. Order: plan, save the backup as
 * pending, write (all or nothing, only if the page has not changed the key meanwhile), then
 * mark the backup applied. A failed write discards the backup: nothing changed. With `seen`
 * (the values when the error showed), a token the dashboard stored since is left alone.
 */
export async function clearDeviceToken(
  ctx: TokenActionsContext,
  trigger: Backup['trigger'],
  seen?: ReadonlyMap<string, string | null>,
): Promise<ClearOutcome> {
  const send = ctx.send ?? sendToBackground;
  const gatewayUrl = ctx.gatewayUrl();
  const plan = planDeviceTokenClear(ctx.storage, gatewayUrl, ctx.brand);
  // `seen`: the values when the error showed. A token stored since is not the one refused.
  if (seen && plan.changes.some((change) => !seen.has(change.key) || seen.get(change.key) !== change.before)) {
    return failed(t('failure.storedSince'));
  }
  if (plan.changes.length === 0) {
    const refused = plan.refused[0];
    if (refused) return failed(t(REFUSED[refused.reason]));
    return { status: 'nothing-stored', ...(plan.otherGateways.length > 0 && { otherGateways: plan.otherGateways.length }) };
  }
  const id = newBackupId();
  try {
    await saveBackup(send, { id, gateway: backupGateway(gatewayUrl), trigger, changes: plan.changes });
  } catch (error) {
    return failed(backupRefusal(error));
  }
  const result = applyWrites(ctx.storage, clearWrites(plan.changes));
  if (!result.ok) {
    await send('discard-backup', { id }).catch(() => undefined);
    return failed(result.error === 'ChangedMeanwhile' ? t('failure.notClearedMeanwhile') : t('failure.notCleared', { error: result.error }));
  }
  // If this mark is lost, the backup stays pending: Undo still finds it, nothing announces it.
  await send('mark-backup', { id, mark: 'applied' }).catch(() => undefined);
  return { status: 'cleared', keys: plan.changes.map((change) => change.key) };
}

/**
 * Puts the last clear of this gateway back. Keys the dashboard rewrote since are only replaced
 * with `overwriteNewer`, after their current values are backed up in turn. If the page writes
 * again while that backup is saved, nothing is written and the user is asked again.
 */
export async function undoClear(ctx: TokenActionsContext, overwriteNewer: boolean): Promise<UndoOutcome> {
  const send = ctx.send ?? sendToBackground;
  const latest = await latestBackup(ctx);
  if (!latest || latest.undoneAt) return { status: 'nothing-to-undo' };
  const changes = await send('restore-inputs', { id: latest.id });
  if (!changes) return { status: 'nothing-to-undo' };
  const plan = planRestore(ctx.storage, changes);
  const keys = changes.map((change) => change.key);
  if (plan.safe.length === 0 && plan.newer.length === 0) {
    await send('mark-backup', { id: latest.id, mark: 'undone' }).catch(() => undefined);
    return { status: 'restored', keys };
  }
  if (plan.newer.length && !overwriteNewer) return { status: 'needs-confirmation', keys: plan.newer.map((write) => write.key) };

  let newerBackupId: string | null = null;
  if (plan.newer.length) {
    // The newer values are backed up too, so replacing them can itself be undone.
    const newer: StorageChange[] = plan.newer.map((write) => ({ key: write.key, before: write.current, after: write.value }));
    newerBackupId = newBackupId();
    try {
      await saveBackup(send, { id: newerBackupId, gateway: latest.gateway, trigger: 'manual', changes: newer });
    } catch {
      return failed(t('failure.newerNotBackedUp'));
    }
  }
  // The writes expect exactly what the plan saw: a token stored during the awaits above stops them.
  const result = applyWrites(ctx.storage, [...plan.safe, ...plan.newer]);
  if (!result.ok) {
    if (newerBackupId) await send('discard-backup', { id: newerBackupId }).catch(() => undefined);
    if (result.error === 'ChangedMeanwhile') return { status: 'needs-confirmation', keys: [result.key] };
    return failed(t('failure.restoreRefused', { error: result.error }));
  }
  if (newerBackupId) {
    await send('mark-backup', { id: newerBackupId, mark: 'applied' }).catch(() => undefined);
    await send('mark-backup', { id: newerBackupId, mark: 'announced' }).catch(() => undefined);
  }
  await send('mark-backup', { id: latest.id, mark: 'undone' }).catch(() => undefined);
  return { status: 'restored', keys };
}
