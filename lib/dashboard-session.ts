/**
 * The content script's work on a recognised dashboard: watch for lock-outs, clear a stale
 * device token (backup first, one reload, never a loop), Undo, and keep the banner and the
 * background informed. The decisions are in `core/`; this module wires them to the page.
 */
import { browser } from 'wxt/browser';
import { decideAutoFix, shouldAnnounce } from '@/core/backup';
import type { DashboardPage } from '@/core/dashboard-page';
import { deviceAuthSnapshot } from '@/core/device-auth';
import { currentGatewayUrl } from '@/core/gateway-scope';
import { formatRelease, parseRelease } from '@/core/release';
import { diagnose, type Lockout } from '@/core/lockout';
import { addressCarriesSharedToken, summarizeStoredAuth } from '@/core/stored-auth';
import { initialBannerModel, type BannerActions, type BannerModel } from './banner-model';
import { coalesce } from './coalesce';
import { clearDeviceToken, latestBackup, undoClear, type TokenActionsContext } from './device-token-actions';
import { getSettings, rememberedRelease, rememberRelease, watchSettings } from './extension-storage';
import { watchLockouts } from './lockout-watcher';
import { outcomeText } from './outcome-text';
import { sendToBackground, type ClearOutcome, type TabState, type UndoOutcome } from './messages';

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

/** Time for the banner and the popup to show the outcome before the page goes. */
const RELOAD_DELAY_MS = 400;
/** State reports wait for the page to be quiet this long (and never longer than the max). */
const REPORT_QUIET_MS = 250;
const REPORT_MAX_WAIT_MS = 1_000;
const TAB_CHANGED = 'The tab shows another page now. Nothing was changed; open the popup again on the dashboard.';

/** The address this document was loaded from; the navigation entry keeps it when the page rewrites its own. */
function openedAt(): string {
  const [entry] = performance.getEntriesByType('navigation');
  return entry?.name || location.href;
}

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

  const gatewayUrl = () => currentGatewayUrl(localStorage, location.href, page.basePath);
  // The address the tab was opened with, before the page stripped its `#token=`.
  const openedWithSharedToken = addressCarriesSharedToken(openedAt());
  const stored = () => summarizeStoredAuth(localStorage, sessionStorage, gatewayUrl(), page.brand);
  const tokens: TokenActionsContext = { storage: localStorage, origin, brand: page.brand, gatewayUrl };

  // The page that loads after our clear-and-reload says what was done, once.
  const latest = await latestBackup(tokens).catch(() => null);
  if (latest && shouldAnnounce(latest, Date.now())) {
    model.deviceToken = 'cleared';
    model.clearedKeys = latest.keys;
    model.clearedAutomatically = latest.trigger === 'auto';
    model.undo = 'available';
    await sendToBackground('mark-backup', { id: latest.id, mark: 'announced' }).catch(() => undefined);
  }

  async function tabState(): Promise<TabState> {
    const backup = await latestBackup(tokens).catch(() => null);
    return {
      page,
      gatewayUrl: gatewayUrl(),
      lockouts,
      stored: stored(),
      undoable: backup && backup.state === 'applied' && !backup.undoneAt ? { keys: backup.keys, createdAt: backup.createdAt } : null,
    };
  }

  // Pages can change their text hundreds of times a second: one report per quiet period.
  const report = coalesce(
    () =>
      void tabState()
        .then((state) => sendToBackground('report-tab-state', { state }))
        .catch(() => undefined), // the background may be restarting; the next change reports again
    REPORT_QUIET_MS,
    REPORT_MAX_WAIT_MS,
  );

  const lockoutsKey = () => lockouts.map((l) => l.kind).join();
  function render() {
    const hasNews = (model.deviceToken === 'cleared' || model.undo === 'restored') && !newsDismissed;
    const visible = (lockouts.length > 0 && dismissedFor !== lockoutsKey()) || (hasNews && lockouts.length === 0);
    const summary = stored();
    model.lockouts = lockouts;
    model.sharedTokenInTab = summary.sharedToken !== null;
    if (model.deviceToken !== 'cleared') model.deviceToken = summary.deviceToken ? 'stored' : 'none';
    host.render(visible && settings.showBanner ? { ...model } : null, actions);
  }

  async function clear(trigger: 'auto' | 'manual', seen?: ReadonlyMap<string, string | null>): Promise<ClearOutcome> {
    const outcome = await clearDeviceToken(tokens, trigger, seen);
    if (outcome.status !== 'cleared') return outcome;
    Object.assign(model, { deviceToken: 'cleared', clearedKeys: outcome.keys, clearedAutomatically: trigger === 'auto', undo: 'available' });
    // Reload once so the app drops the token it holds in memory; the cooldown in
    // decideAutoFix keeps the next page from clearing again.
    reloading = true;
    setTimeout(() => host.reload(), RELOAD_DELAY_MS);
    return outcome;
  }

  const undo = (overwriteNewer: boolean): Promise<UndoOutcome> => undoClear(tokens, overwriteNewer);

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
    const facts = { deviceTokenStored: summary.deviceToken !== null, sharedTokenHeld: summary.sharedToken !== null || openedWithSharedToken };
    const next = diagnose(shown, facts, parseRelease(page.release));
    lockouts = next;
    if (dismissedFor !== null && dismissedFor !== lockoutsKey()) dismissedFor = null;
    // An uncertain reading (both A and B possible) is explained, never cleared automatically: one click still can.
    const hasA = next.some((lockout) => lockout.kind === 'device-token-mismatch' && !lockout.uncertain);
    if (hasA && !reloading && summary.deviceToken) {
      // A token refused now is not the one cleared before: that news is out of date.
      model.deviceToken = 'stored';
      // The token the gateway refused is the one stored now, before any await below.
      const seen = deviceAuthSnapshot(localStorage, gatewayUrl(), page.brand);
      const backups = await sendToBackground('list-backups', {}).catch(() => null);
      // Without the background's word on earlier clears, never clear: that could start a loop.
      const decision = backups ? decideAutoFix(settings.autoFix, origin, backups, Date.now()) : 'cooling-down';
      if (decision === 'fix') await runAction(() => clear('auto', seen));
      else if (decision === 'cooling-down') model.status = 'The token was cleared a moment ago and the error came back, so it was not cleared again.';
    }
    render();
    report();
  }

  /** The popup's commands, relayed by the background; each names the origin the popup showed. */
  const listener = (message: unknown) => {
    const request = contentRequest(message);
    if (!request) return undefined;
    if (request.type === 'report-now') {
      report();
      return Promise.resolve();
    }
    if (request.origin !== origin) return Promise.resolve({ status: 'failed', message: TAB_CHANGED });
    if (request.type === 'clear-device-token') return act(() => clear('manual'));
    return act(() => undo(request.overwriteNewer));
  };
  browser.runtime.onMessage.addListener(listener);
  const unwatchSettings = watchSettings((next) => {
    settings = next;
    render();
  });
  // A failure here must never reach the page; the next change tries again.
  const watcher = watchLockouts(document, (next) => void serial(() => onLockouts(next)).catch(() => undefined), { ignore: host.isOwnNode });

  host.onInvalidated(() => {
    watcher.stop();
    report.cancel();
    unwatchSettings();
    browser.runtime.onMessage.removeListener(listener);
  });
}

type ContentRequest = { type: 'report-now' } | { type: 'clear-device-token'; origin: string } | { type: 'undo-clear'; origin: string; overwriteNewer: boolean };

/** The request if it is one of ours in full shape; only the background can send here, but check anyway. */
function contentRequest(message: unknown): ContentRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, origin, overwriteNewer } = message as Record<string, unknown>;
  if (type === 'report-now') return { type };
  if (typeof origin !== 'string') return null;
  if (type === 'clear-device-token') return { type, origin };
  if (type === 'undo-clear' && typeof overwriteNewer === 'boolean') return { type, origin, overwriteNewer };
  return null;
}
