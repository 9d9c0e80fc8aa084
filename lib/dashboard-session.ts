/**
 * The content script's work on a recognised dashboard, wired to the page: the watcher's
 * lock-outs go through the decisions in `core/dashboard-decisions.ts`, a stale device token is
 * cleared and put back by `./device-token-actions.ts` (backup first, one reload, never a loop),
 * and the banner and the background hear of every change. This module decides nothing itself.
 */
import { browser } from 'wxt/browser';
import {
  afterOutcome,
  announcedClear,
  autoClearDecision,
  bannerShown,
  decisionStatus,
  dismissalAfter,
  dismissed,
  keptNewer,
  lockoutsKey,
  NOT_DISMISSED,
  refusesStoredDeviceToken,
  whileBusy,
  withPageFacts,
  type BannerState,
} from '@/core/dashboard-decisions';
import type { DashboardPage } from '@/core/dashboard-page';
import { deviceAuthSnapshot } from '@/core/device-auth';
import { currentGatewayUrl } from '@/core/gateway-scope';
import { formatRelease, parseRelease } from '@/core/release';
import { diagnose, type Lockout } from '@/core/lockout';
import { addressCarriesSharedToken, summarizeStoredAuth } from '@/core/stored-auth';
import type { ClearOutcome, UndoOutcome } from '@/core/token-outcome';
import { t } from './i18n';
import { initialBannerModel, type BannerActions, type BannerModel } from './banner-model';
import { coalesce } from './coalesce';
import { clearDeviceToken, latestBackup, undoClear, type TokenActionsContext } from './device-token-actions';
import { getSettings, rememberedRelease, rememberRelease, watchSettings } from './extension-storage';
import { watchLockouts } from './lockout-watcher';
import { contentRequestOf, sendToBackground, type ContentHandlers, type TabState } from './messages';

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
/**
 * State reports wait for the page to be quiet this long (and never longer than the max); news
 * the popup and the badge wait for (other lock-outs, an action's outcome) goes at once.
 */
const REPORT_QUIET_MS = 250;
const REPORT_MAX_WAIT_MS = 1_000;

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
  let model: BannerModel = initialBannerModel(page.release);
  let dismissal = NOT_DISMISSED;
  /** A clear is done and the page reloads: nothing more is cleared on this page. */
  let reloading = false;
  const update = (state: BannerState) => (model = { ...model, ...state });

  const gatewayUrl = () => currentGatewayUrl(localStorage, location.href, page.basePath);
  // The address the tab was opened with, before the page stripped its `#token=`.
  const openedWithSharedToken = addressCarriesSharedToken(openedAt());
  const stored = () => summarizeStoredAuth(localStorage, sessionStorage, gatewayUrl(), page.brand);
  const tokens: TokenActionsContext = { storage: localStorage, origin, brand: page.brand, gatewayUrl };

  // The page that loads after our clear-and-reload says what was done, once.
  const latest = await latestBackup(tokens).catch(() => null);
  const announced = announcedClear(model, latest, Date.now());
  if (announced && latest) {
    update(announced);
    await sendToBackground('mark-backup', { id: latest.id, mark: 'announced' }).catch(() => undefined);
  }

  async function tabState(): Promise<TabState> {
    const backup = await latestBackup(tokens).catch(() => null);
    return {
      page,
      gatewayUrl: gatewayUrl(),
      lockouts: model.lockouts,
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

  function show() {
    update(withPageFacts(model, model.lockouts, stored(), reloading));
    host.render(bannerShown(model, dismissal, settings.showBanner) ? model : null, actions);
  }

  async function clear(trigger: 'auto' | 'manual', seen?: ReadonlyMap<string, string | null>): Promise<ClearOutcome> {
    const outcome = await clearDeviceToken(tokens, trigger, seen);
    if (outcome.status === 'cleared') {
      // Reload once so the app drops the token it holds in memory; the cooldown in
      // decideAutoFix keeps the next page from clearing again.
      reloading = true;
      setTimeout(() => host.reload(), RELOAD_DELAY_MS);
    }
    return outcome;
  }

  /** One change to the page's storage at a time, in order: two clears must not both back up the same token. */
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Runs a clear or an Undo, shows its outcome in the banner and tells the background at once. */
  async function runAction<T extends ClearOutcome | UndoOutcome>(run: () => Promise<T>, automatic = false): Promise<T> {
    update(whileBusy(model));
    show();
    const outcome = await run().catch((error: unknown): T => ({ status: 'failed', message: String(error) }) as T);
    const next = afterOutcome(model, dismissal, outcome, automatic, t);
    update(next.state);
    dismissal = next.dismissal;
    show();
    report.urgent();
    return outcome;
  }
  const act = <T extends ClearOutcome | UndoOutcome>(run: () => Promise<T>) => serial(() => runAction(run));

  const actions: BannerActions = {
    clear: () => void act(() => clear('manual')),
    undo: (overwriteNewer) => void act(() => undoClear(tokens, overwriteNewer)),
    keepNewer() {
      update(keptNewer(model, t));
      show();
    },
    openPrivateWindow() {
      void sendToBackground('open-private-window', {})
        .catch((error: unknown) => ({ status: 'failed' as const, message: String(error), url: null }))
        .then((outcome) => {
          model = { ...model, privateWindow: outcome };
          show();
        });
    },
    copyLink(url) {
      const status = (text: string) => (update({ ...model, status: text }), show());
      void navigator.clipboard.writeText(url).then(
        () => status('Link copied.'),
        () => status(`Copy this link: ${url}`),
      );
    },
    dismiss() {
      dismissal = dismissed(model.lockouts);
      show();
    },
  };

  /** 4.24 to 6.11 show `v<release>` in the sidebar once connected. */
  function spotRelease() {
    const release = parseRelease(document.querySelector('.sidebar-version[title]')?.getAttribute('title'));
    if (!release || formatRelease(release) === page.release) return;
    page.release = formatRelease(release);
    update({ ...model, release: page.release });
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
    const lockouts = diagnose(shown, facts, parseRelease(page.release));
    const news = lockoutsKey(lockouts) !== lockoutsKey(model.lockouts);
    dismissal = dismissalAfter(dismissal, lockouts);
    update(withPageFacts(model, lockouts, summary, reloading));
    if (refusesStoredDeviceToken(lockouts, { deviceTokenStored: facts.deviceTokenStored, reloading })) {
      // The token the gateway refused is the one stored now, before any await below.
      const seen = deviceAuthSnapshot(localStorage, gatewayUrl(), page.brand);
      const backups = await sendToBackground('list-backups', {}).catch(() => null);
      const decision = autoClearDecision(settings.autoFix, origin, backups, Date.now());
      if (decision === 'fix') await runAction(() => clear('auto', seen), true);
      else update({ ...model, status: decisionStatus(decision, t) ?? model.status });
    }
    show();
    // Other lock-outs are news for the badge and the popup; other changes can wait for a quiet moment.
    if (news) report.urgent();
    else report();
  }

  /** The popup's commands, relayed by the background; each names the origin the popup showed. */
  const handlers: ContentHandlers = {
    'report-now': async () => report.urgent(),
    'clear-device-token': async (request) => (request.origin === origin ? act(() => clear('manual')) : { status: 'failed', message: t('outcome.tabChanged') }),
    'undo-clear': async (request) =>
      request.origin === origin ? act(() => undoClear(tokens, request.overwriteNewer)) : { status: 'failed', message: t('outcome.tabChanged') },
  };
  const listener = (message: unknown) => {
    const request = contentRequestOf(message);
    // Each handler gets the request of its own type; the map's type makes a missing one an error.
    return request ? (handlers[request.type] as (request: unknown) => Promise<unknown>)(request) : undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  const unwatchSettings = watchSettings((next) => {
    settings = next;
    show();
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
