/**
 * The decisions a dashboard's content script makes, as pure functions: when to clear a stale
 * device token by itself, when to announce an earlier clear, and what the banner shows after
 * each event. `lib/dashboard-session.ts` wires them to the page; nothing here touches a browser
 * API or the page, so each rule has a table test (dashboard-decisions.test.ts).
 */
import { decideAutoFix, shouldAnnounce, type AutoFixDecision, type Backup, type BackupMeta } from './backup';
import type { BannerFacts } from './banner-text';
import type { Translate } from './i18n';
import type { Lockout } from './lockout';
import { outcomeText, type ClearOutcome, type UndoOutcome } from './token-outcome';

/** The banner's state: the facts its words come from, and what the user sees of an action. */
export interface BannerState extends BannerFacts {
  /** An action is running: the buttons wait for it. */
  busy: boolean;
  /** The outcome of the last action, in words (plain text; page strings in it are bounded). */
  status: string | null;
}

/** The banner before anything happened on the page. */
export const initialBannerState = (release: string | null): BannerState => ({
  lockouts: [],
  release,
  deviceToken: 'none',
  clearedKeys: [],
  clearedAutomatically: false,
  undo: null,
  sharedTokenInTab: false,
  busy: false,
  status: null,
});

/**
 * What the user closed the banner for: `lockouts`, the set shown then (`lockoutsKey`), so a
 * different set shows it again; `news`, the news of a clear or a restore, until the next one.
 */
export interface Dismissal {
  lockouts: string | null;
  news: boolean;
}

export const NOT_DISMISSED: Dismissal = { lockouts: null, news: false };

/** A set of lock-outs as one comparable string: their kinds, in the order shown. */
export const lockoutsKey = (lockouts: readonly Pick<Lockout, 'kind'>[]): string => lockouts.map((lockout) => lockout.kind).join();

/** The user closed the banner: for these lock-outs, and for the news it gave. */
export const dismissed = (lockouts: readonly Pick<Lockout, 'kind'>[]): Dismissal => ({ lockouts: lockoutsKey(lockouts), news: true });

/** A dismissal still stands only for the set it was made for: another set of lock-outs shows the banner again. */
export const dismissalAfter = (dismissal: Dismissal, lockouts: readonly Pick<Lockout, 'kind'>[]): Dismissal =>
  dismissal.lockouts !== null && dismissal.lockouts !== lockoutsKey(lockouts) ? { ...dismissal, lockouts: null } : dismissal;

/**
 * Whether the banner shows: for lock-outs the user has not dismissed; or, with no lock-out on
 * the page, for the news of a clear or a restore the user has not dismissed. Never with
 * "Show the banner" off (the badge and the popup still tell).
 */
export function bannerShown(state: Pick<BannerState, 'lockouts' | 'deviceToken' | 'undo'>, dismissal: Dismissal, showBanner: boolean): boolean {
  if (!showBanner) return false;
  if (state.lockouts.length > 0) return dismissal.lockouts !== lockoutsKey(state.lockouts);
  return (state.deviceToken === 'cleared' || state.undo === 'restored') && !dismissal.news;
}

/** What the page's storage holds for its gateway now (`StoredAuthSummary` in lib terms, values never needed). */
export interface StoredFacts {
  deviceToken: unknown;
  sharedToken: unknown;
}

/**
 * The banner after the page showed `lockouts` and its storage was read again: the device token
 * is the one stored now, except after our clear, whose "cleared" stays the news until a
 * lock-out refuses a stored token again (a token refused now is not the one cleared before).
 */
export function withPageFacts(state: BannerState, lockouts: Lockout[], stored: StoredFacts, reloading: boolean): BannerState {
  const deviceTokenStored = Boolean(stored.deviceToken);
  const refusedNow = refusesStoredDeviceToken(lockouts, { deviceTokenStored, reloading });
  const deviceToken = state.deviceToken === 'cleared' && !refusedNow ? 'cleared' : deviceTokenStored ? 'stored' : 'none';
  return { ...state, lockouts, sharedTokenInTab: stored.sharedToken !== null, deviceToken };
}

/**
 * Whether the page shows error A for a device token it holds, which the extension may clear by
 * itself: A read for certain (an uncertain reading, A or B, is explained and left to a click),
 * a device token stored for the page's gateway, and the page not already reloading after a
 * clear (its app still holds the old token in memory until it reloads).
 */
export function refusesStoredDeviceToken(lockouts: readonly Lockout[], page: { deviceTokenStored: boolean; reloading: boolean }): boolean {
  if (page.reloading || !page.deviceTokenStored) return false;
  return lockouts.some((lockout) => lockout.kind === 'device-token-mismatch' && !lockout.uncertain);
}

/**
 * Whether to clear now (see `decideAutoFix`: the setting, the cooldown after an automatic
 * clear, the hour after an Undo). `backups` is the background's list of this extension's clears;
 * without it (`null`: the background did not answer) the answer is never `fix`, since a clear
 * that cannot see the earlier ones could start a clear-reload loop.
 */
export function autoClearDecision(
  autoFix: boolean,
  origin: string,
  backups: readonly Pick<Backup, 'origin' | 'state' | 'trigger' | 'createdAt' | 'undoneAt'>[] | null,
  now: number,
): AutoFixDecision {
  if (!autoFix) return 'disabled';
  return backups ? decideAutoFix(autoFix, origin, backups, now) : 'cooling-down';
}

/** The banner's words when the extension saw A and decided not to clear; `null`: nothing to say beyond the guide. */
export function decisionStatus(decision: AutoFixDecision, t: Translate): string | null {
  return decision === 'cooling-down' ? t('outcome.coolingDown') : null;
}

/**
 * The banner of a page that loads after a clear and its reload: the clear, once (`shouldAnnounce`:
 * applied, not undone, not announced yet, and recent). `null` when there is nothing to announce.
 */
export function announcedClear(state: BannerState, latest: BackupMeta | null, now: number): BannerState | null {
  if (!latest || !shouldAnnounce(latest, now)) return null;
  return { ...state, deviceToken: 'cleared', clearedKeys: latest.keys, clearedAutomatically: latest.trigger === 'auto', undo: 'available' };
}

/** The banner while an action runs. */
export const whileBusy = (state: BannerState): BannerState => ({ ...state, busy: true });

/**
 * The banner and the dismissal after a clear or an Undo came to `outcome`. A clear or a restore
 * is news again even if the user closed the last one; `automatic` tells a clear the extension
 * made by itself from one the user asked for.
 */
export function afterOutcome(
  state: BannerState,
  dismissal: Dismissal,
  outcome: ClearOutcome | UndoOutcome,
  automatic: boolean,
  t: Translate,
): { state: BannerState; dismissal: Dismissal } {
  const next: BannerState = { ...state, busy: false, status: outcomeText(outcome, t) };
  switch (outcome.status) {
    case 'cleared':
      Object.assign(next, { deviceToken: 'cleared', clearedKeys: outcome.keys, clearedAutomatically: automatic, undo: 'available' });
      break;
    case 'restored':
      Object.assign(next, { undo: 'restored', deviceToken: 'stored', clearedKeys: [] });
      break;
    case 'needs-confirmation':
      next.undo = 'confirm-overwrite';
      break;
    case 'nothing-to-undo':
      next.undo = null;
      break;
  }
  const news = outcome.status === 'cleared' || outcome.status === 'restored';
  return { state: next, dismissal: news ? { ...dismissal, news: false } : dismissal };
}

/** The banner after the user chose to keep the newer token over the backup. */
export const keptNewer = (state: BannerState, t: Translate): BannerState => ({
  ...state,
  undo: null,
  status: t('outcome.keptNewer'),
});
