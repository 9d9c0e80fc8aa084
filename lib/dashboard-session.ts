/**
 * The content script's work on a recognised dashboard: watch for lock-outs, clear a stale
 * device token (backup first, one reload, never a loop), Undo, and keep the banner and the
 * background informed. The decisions are in `core/`; this module wires them to the page.
 */
import { browser } from 'wxt/browser';
import { decideAutoFix, ANNOUNCE_WINDOW_MS, type Backup } from '@/core/backup';
import type { DashboardPage } from '@/core/dashboard-page';
import { applyChanges, planDeviceTokenClear, planRestore } from '@/core/device-auth';
import { currentGatewayUrl } from '@/core/gateway-scope';
import { formatRelease, parseRelease } from '@/core/release';
import { diagnose, type Lockout } from '@/core/lockout';
import { summarizeStoredAuth } from '@/core/stored-auth';
import { initialBannerModel, type BannerActions, type BannerModel } from './banner-model';
import { getBackups, getSettings, latestBackup, rememberedRelease, rememberRelease, watchSettings, type BackupPatch } from './extension-storage';
import { watchLockouts } from './lockout-watcher';
import { outcomeText } from './outcome-text';
import {
  isMessageOf,
  sendToBackground,
  type AnyMessage,
  type ClearOutcome,
  type ContentRequests,
  type TabState,
  type UndoOutcome,
} from './messages';

/** What the session needs from its surroundings; the content script passes the real page. */
export interface SessionHost {
  page: DashboardPage;
  /** Shows or updates the banner; `null` hides it. */
  render(model: BannerModel | null, actions: BannerActions): void;
  /** Nodes the watcher must skip: the banner itself. */
  isOwnNode(node: Node): boolean;
  reload(): void;
  onInvalidated(callback: () => void): void;
}

const CONTENT_REQUESTS: (keyof ContentRequests)[] = ['clear-device-token', 'undo-clear', 'report-now'];
/** Time for the banner and the popup to show the outcome before the page goes. */
const RELOAD_DELAY_MS = 400;

export async function startDashboardSession(host: SessionHost): Promise<void> {
  const origin = location.origin;
  const dashboard = `${origin}${host.page.basePath}`;
  // 9.x names its release in the page; older ones only show it once connected, so remember it.
  const page: DashboardPage = { ...host.page, release: host.page.release ?? (await rememberedRelease(dashboard)) };
  let settings = await getSettings();
  let lockouts: Lockout[] = [];
  /** The lock-outs the user dismissed the banner for; a different set shows it again. */
  let dismissedFor: string | null = null;
  /** The user dismissed the news of a clear or restore; a new one shows again. */
  let newsDismissed = false;
  let reloading = false;
  const model = initialBannerModel(page.release);

  const changeBackup = (id: string, patch: BackupPatch | null) => sendToBackground('change-backup', { id, patch });
  const gatewayUrl = () => currentGatewayUrl(localStorage, location.href, page.basePath);
  const stored = () => summarizeStoredAuth(localStorage, sessionStorage, gatewayUrl(), page.brand);

  // The page that loads after our clear-and-reload says what was done, once.
  const latest = await latestBackup(origin, stored().deviceAuthKeys);
  if (latest && !latest.undoneAt && !latest.announced && Date.now() - latest.createdAt < ANNOUNCE_WINDOW_MS) {
    model.deviceToken = 'cleared';
    model.clearedKeys = latest.changes.map((change) => change.key);
    model.clearedAutomatically = latest.trigger === 'auto';
    model.undo = 'available';
    await changeBackup(latest.id, { announced: true });
  }

  async function tabState(): Promise<TabState> {
    const summary = stored();
    const backup = await latestBackup(origin, summary.deviceAuthKeys);
    return {
      page,
      gatewayUrl: gatewayUrl(),
      lockouts,
      stored: summary,
      undoable: backup && !backup.undoneAt ? { keys: backup.changes.map((c) => c.key), createdAt: backup.createdAt } : null,
    };
  }

  function report() {
    void tabState()
      .then((state) => sendToBackground('report-tab-state', { state }))
      .catch(() => undefined); // the background may be restarting; the next change reports again
  }

  const lockoutsKey = () => lockouts.map((l) => l.kind).join();
  function render() {
    const hasNews = (model.deviceToken === 'cleared' || model.undo === 'restored') && !newsDismissed;
    const visible = (lockouts.length > 0 && dismissedFor !== lockoutsKey()) || (hasNews && lockouts.length === 0);
    const summary = stored();
    model.lockouts = lockouts;
    model.sharedTokenInTab = summary.sharedToken !== null;
    if (model.deviceToken !== 'cleared') model.deviceToken = summary.deviceToken ? 'stored' : 'none';
    host.render(visible ? { ...model } : null, actions);
  }

  async function clear(trigger: Backup['trigger']): Promise<ClearOutcome> {
    const changes = planDeviceTokenClear(localStorage, gatewayUrl(), page.brand);
    if (changes.length === 0) return { status: 'nothing-stored' };
    const backup: Backup = { id: crypto.randomUUID(), origin, createdAt: Date.now(), trigger, changes };
    try {
      await sendToBackground('save-backup', { backup });
    } catch {
      return { status: 'failed', message: 'The backup could not be saved, so nothing was changed.' };
    }
    const result = applyChanges(localStorage, changes, 'forward');
    if (result.failed.length) {
      applyChanges(localStorage, result.applied, 'undo');
      await changeBackup(backup.id, null); // nothing changed, so there is nothing to undo
      const why = result.failed[0]!.error === 'ChangedMeanwhile' ? 'the dashboard stored a new value meanwhile' : result.failed[0]!.error;
      return { status: 'failed', message: `The device token was not cleared (${why}); nothing was changed.` };
    }
    const keys = changes.map((change) => change.key);
    Object.assign(model, { deviceToken: 'cleared', clearedKeys: keys, clearedAutomatically: trigger === 'auto', undo: 'available' });
    // Reload once so the app drops the token it holds in memory; the cooldown in
    // decideAutoFix keeps the next page from clearing again.
    reloading = true;
    setTimeout(() => host.reload(), RELOAD_DELAY_MS);
    return { status: 'cleared', keys };
  }

  async function undo(overwriteNewer: boolean): Promise<UndoOutcome> {
    const backup = await latestBackup(origin, stored().deviceAuthKeys);
    if (!backup || backup.undoneAt) return { status: 'nothing-to-undo' };
    const plan = planRestore(localStorage, backup.changes);
    if (plan.newer.length && !overwriteNewer) return { status: 'needs-confirmation', keys: plan.newer.map((c) => c.key) };
    if (plan.newer.length) {
      // The newer values are backed up too, so replacing them can itself be undone.
      const newer = plan.newer.map((change) => ({ key: change.key, before: localStorage.getItem(change.key) ?? '', after: change.before }));
      const backup: Backup = { id: crypto.randomUUID(), origin, createdAt: Date.now(), trigger: 'manual', changes: newer, announced: true };
      await sendToBackground('save-backup', { backup });
    }
    const result = applyChanges(localStorage, [...plan.safe, ...plan.newer], 'undo');
    if (result.failed.length) return { status: 'failed', message: `The page’s storage refused the restore (${result.failed[0]!.error}).` };
    await changeBackup(backup.id, { undoneAt: Date.now() });
    return { status: 'restored', keys: backup.changes.map((c) => c.key) };
  }

  /** One change to the page's storage at a time, in order: two clears must not both back up the same token. */
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Runs an action from the banner or the popup and shows its outcome in the banner. */
  function act<T extends ClearOutcome | UndoOutcome>(run: () => Promise<T>): Promise<T> {
    return serial(() => runAction(run));
  }

  async function runAction<T extends ClearOutcome | UndoOutcome>(run: () => Promise<T>): Promise<T> {
    model.busy = true;
    render();
    const outcome = await run().catch((error: unknown): T => ({ status: 'failed', message: String(error) }) as T);
    model.busy = false;
    applyOutcome(outcome);
    render();
    report();
    return outcome;
  }

  function applyOutcome(outcome: ClearOutcome | UndoOutcome) {
    model.status = outcomeText(outcome);
    if (outcome.status === 'cleared' || outcome.status === 'restored') newsDismissed = false;
    if (outcome.status === 'needs-confirmation') model.undo = 'confirm-overwrite';
    if (outcome.status === 'restored') Object.assign(model, { undo: 'restored', deviceToken: 'stored', clearedKeys: [] });
    if (outcome.status === 'nothing-to-undo') model.undo = null;
  }

  const actions: BannerActions = {
    clear: () => void act(() => clear('manual')),
    undo: (overwriteNewer) => void act(() => undo(overwriteNewer)),
    keepNewer() {
      model.undo = null;
      model.status = 'Kept the newer device token. The backup stays in the extension.';
      render();
    },
    openPrivateWindow() {
      void sendToBackground('open-private-window', {})
        .catch((error: unknown) => ({ status: 'failed' as const, message: String(error), url: null }))
        .then((outcome) => {
          model.privateWindow = outcome;
          render();
        });
    },
    copyLink(url) {
      void navigator.clipboard.writeText(url).then(
        () => ((model.status = 'Link copied.'), render()),
        () => ((model.status = `Copy this link: ${url}`), render()),
      );
    },
    dismiss() {
      dismissedFor = lockoutsKey();
      newsDismissed = true;
      render();
    },
  };

  /** 4.24 to 6.11 show `v<release>` in the sidebar once connected. */
  function spotRelease() {
    const release = parseRelease(document.querySelector('.sidebar-version[title]')?.getAttribute('title'));
    if (!release || formatRelease(release) === page.release) return;
    page.release = model.release = formatRelease(release);
    void rememberRelease(dashboard, page.release).catch(() => undefined);
    report();
  }

  async function onLockouts(shown: Lockout[]) {
    if (shown.length === 0) {
      spotRelease();
      setTimeout(spotRelease, 3_000); // the sidebar renders after the connect
    }
    const summary = stored();
    const facts = { deviceTokenStored: summary.deviceToken !== null, sharedTokenHeld: summary.sharedToken !== null };
    const next = diagnose(shown, facts, parseRelease(page.release));
    lockouts = next;
    if (dismissedFor !== null && dismissedFor !== lockoutsKey()) dismissedFor = null;
    const hasA = next.some((lockout) => lockout.kind === 'device-token-mismatch');
    if (hasA && !reloading && summary.deviceToken) {
      // A token refused now is not the one cleared before: that news is out of date.
      model.deviceToken = 'stored';
      const decision = decideAutoFix(settings.autoFix, origin, await getBackups(), Date.now());
      if (decision === 'fix') await runAction(() => clear('auto'));
      else if (decision === 'cooling-down') model.status = 'The token was cleared a moment ago and the error came back, so it was not cleared again.';
    }
    render();
    report();
  }

  const listener = (message: unknown) => {
    if (!isMessageOf<ContentRequests>(message, CONTENT_REQUESTS)) return undefined;
    const request = message as AnyMessage<ContentRequests>;
    if (request.type === 'clear-device-token') return act(() => clear('manual'));
    if (request.type === 'undo-clear') return act(() => undo(request.overwriteNewer === true));
    report();
    return Promise.resolve();
  };
  browser.runtime.onMessage.addListener(listener);
  const unwatchSettings = watchSettings((next) => (settings = next));
  // A failure here must never reach the page; the next change tries again.
  const watcher = watchLockouts(document, (next) => void serial(() => onLockouts(next)).catch(() => undefined), { ignore: host.isOwnNode });

  host.onInvalidated(() => {
    watcher.stop();
    unwatchSettings();
    browser.runtime.onMessage.removeListener(listener);
  });
}
