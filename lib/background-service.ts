/**
 * What the background does, apart from the browser events that call it: keeps each dashboard
 * tab's reported state, draws the badge, opens private windows and relays the popup's
 * commands to the tab's content script.
 */
import { browser, type Browser } from 'wxt/browser';
import { privateWindowUrl } from '@/core/dashboard-page';
import { lockoutTitle } from '@/core/lockout';
import { backupMeta } from '@/core/backup';
import * as v from 'valibot';
import {
  forgetBackups,
  getBackups,
  getSites,
  getKnownTab,
  saveBackup,
  setKnownTab,
  StorageWriteError,
  updateBackup,
  type BackupPlace,
} from './extension-storage';
import { checkRequest, tabState, type CheckedRequest } from './message-schemas';
import type { ProbeResult } from './page-probe';
import { addSite, removeSite } from './site-registrations';
import {
  sendToTab,
  type BackgroundRequests,
  type ClearOutcome,
  type PrivateWindowOutcome,
  type ProbeOutcome,
  type Response,
  type TabState,
  type UndoOutcome,
} from './messages';
import { t } from './i18n';

type Sender = Browser.runtime.MessageSender;

const BADGE_COLOR = '#b42318';

/** A dashboard's top frame, as the browser (not the page) reports it. */
interface ContentTab {
  tabId: number;
  url: string;
  origin: string;
  /** A private window's backups stay in session storage. */
  place: BackupPlace;
}

function contentTab(sender: Sender): ContentTab | null {
  const tabId = sender.tab?.id;
  const url = sender.url ?? sender.tab?.url;
  if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0 || !url) return null;
  const pageUrl = privateWindowUrl(url);
  return pageUrl ? { tabId, url, origin: new URL(pageUrl).origin, place: { incognito: sender.tab?.incognito === true } } : null;
}

/** The popup (or another page of this extension), never a web page. */
const fromExtensionPage = (sender: Sender): boolean =>
  sender.id === browser.runtime.id && (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);

type Handler<K extends keyof BackgroundRequests> = (
  request: Extract<CheckedRequest, { type: K }>,
  sender: Sender,
) => Promise<Response<BackgroundRequests, K> | undefined>;

/** Runs `handle` for a dashboard's content script only; the tab's origin is the browser's word. */
const forContent =
  <K extends keyof BackgroundRequests>(handle: (request: Extract<CheckedRequest, { type: K }>, tab: ContentTab) => Promise<Response<BackgroundRequests, K>>): Handler<K> =>
  async (request, sender) => {
    const tab = contentTab(sender);
    return tab ? handle(request, tab) : undefined;
  };

/** Runs `handle` for the popup or another extension page only. */
const forExtensionPage =
  <K extends keyof BackgroundRequests>(handle: (request: Extract<CheckedRequest, { type: K }>) => Promise<Response<BackgroundRequests, K>>): Handler<K> =>
  async (request, sender) => (fromExtensionPage(sender) ? handle(request) : undefined);

/** Every request's handler; `satisfies` makes a missing one a type error. */
const HANDLERS = {
  'start-dashboard': forContent((_request, tab) => startDashboard(tab.tabId)),
  'report-tab-state': forContent(({ state }, tab) => reportTabState(tab.tabId, tab.url, state)),
  // A tab keeps and changes backups of its own origin only, whatever the message says. A
  // failed save rejects, so the tab's clear stops before it writes anything.
  'save-backup': forContent(({ backup }, tab) =>
    saveBackup(tab.place, { ...backup, origin: tab.origin, createdAt: Date.now(), state: 'pending' }).catch(refuseWith(t('storage.unreadable'))),
  ),
  'mark-backup': forContent(({ id, mark }, tab) =>
    updateBackup(tab.place, id, tab.origin, (backup) =>
      mark === 'applied' ? { ...backup, state: 'applied' } : mark === 'announced' ? { ...backup, announced: true } : { ...backup, undoneAt: Date.now() },
    ),
  ),
  'discard-backup': forContent(({ id }, tab) => updateBackup(tab.place, id, tab.origin, null)),
  'list-backups': forContent(async (_request, tab) =>
    (await getBackups(tab.place)).filter((backup) => backup.origin === tab.origin).map(backupMeta),
  ),
  'restore-inputs': forContent(async ({ id }, tab) =>
    (await getBackups(tab.place)).find((backup) => backup.id === id && backup.origin === tab.origin)?.changes ?? null,
  ),
  'open-private-window': async (request, sender) => {
    if (request.tabId !== undefined) return fromExtensionPage(sender) ? openPrivateWindow((await getKnownTab(request.tabId))?.url ?? null) : undefined;
    const tab = contentTab(sender);
    return tab ? openPrivateWindow(tab.url) : undefined;
  },
  'get-tab-state': forExtensionPage(({ tabId }) => getKnownTab(tabId)),
  'clear-device-token': forExtensionPage(async ({ tabId, origin }) =>
    (await tabShows(tabId, origin))
      ? sendToTab(tabId, 'clear-device-token', { origin }).catch((): ClearOutcome => ({ status: 'failed', message: t('outcome.noContentScript') }))
      : { status: 'failed', message: t('outcome.tabChanged') },
  ),
  'undo-clear': forExtensionPage(async ({ tabId, origin, overwriteNewer }) =>
    (await tabShows(tabId, origin))
      ? sendToTab(tabId, 'undo-clear', { origin, overwriteNewer }).catch((): UndoOutcome => ({ status: 'failed', message: t('outcome.noContentScript') }))
      : { status: 'failed', message: t('outcome.tabChanged') },
  ),
  'probe-tab': forExtensionPage(({ tabId }) => probeTab(tabId)),
  'list-sites': forExtensionPage(() => getSites()),
  // A full storage is an answer the page shows like any refusal, not an error it cannot read.
  'add-site': forExtensionPage(({ address }) =>
    addSite(address).catch((error: unknown) => {
      if (error instanceof StorageWriteError) return { ok: false as const, message: error.message };
      throw error;
    }),
  ),
  'remove-site': forExtensionPage(({ pattern }) => removeSite(pattern)),
  'forget-backups': forExtensionPage(() => forgetBackups()),
} satisfies { [K in keyof BackgroundRequests]: Handler<K> };

/** The detection and banner code; the loader asks for it on a page with the dashboard's fingerprint. */
export const DASHBOARD_SCRIPT = '/content-scripts/dashboard.js';

/**
 * Injects the dashboard script into the top frame of the tab whose loader asked. The tab is the
 * browser's word (the sender), and the browser injects only where the extension holds the host
 * permission: loopback, or an address the user added. Never throws.
 */
async function startDashboard(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [DASHBOARD_SCRIPT] }).catch(() => undefined);
}

/**
 * Looks at a tab once, read-only, for the popup: the probe script is injected with the access
 * `activeTab` gives when the user opens the popup. Its result is checked like any tab report.
 */
async function probeTab(tabId: number): Promise<ProbeOutcome> {
  let url: string | null = null;
  try {
    url = privateWindowUrl((await browser.tabs.get(tabId)).url) ?? null;
    const [injection] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/probe.js'] });
    const result = injection?.result as ProbeResult | undefined;
    if (!result?.dashboard) return { status: 'not-dashboard', url };
    const state = v.safeParse(tabState, result.state);
    if (!state.success || !url) return { status: 'not-dashboard', url };
    return { status: 'dashboard', tab: { ...state.output, url, probed: true } };
  } catch {
    // No access: a browser page, the store, or the popup was opened without a click on the toolbar.
    return { status: 'no-access' };
  }
}

/** Returns the response, or undefined for anything that is not ours to answer or does not fit its schema. */
export async function handleBackgroundMessage(message: unknown, sender: Sender): Promise<unknown> {
  const request = checkRequest(message);
  if (!request) return undefined;
  return (HANDLERS[request.type] as Handler<typeof request.type>)(request as never, sender);
}

/** Whether the tab still shows the origin the popup was drawn for. */
async function tabShows(tabId: number, origin: string): Promise<boolean> {
  const known = await getKnownTab(tabId);
  return known !== null && new URL(known.url).origin === origin;
}


/**
 * Rejects with a message the sender can show: a `StorageWriteError`'s own ("…full, so the backup
 * was not saved…"), or `fallback` for anything else, whose text (the browser's) is not passed
 * on, so no stored value can reach the tab through it.
 */
const refuseWith =
  (fallback: string) =>
  (error: unknown): never => {
    throw error instanceof StorageWriteError ? error : new StorageWriteError(false, fallback);
  };


async function reportTabState(tabId: number, url: string, state: TabState | null): Promise<void> {
  // Only the origin and path are kept: a `#token=` in the address never reaches extension storage.
  await setKnownTab(tabId, state ? { ...state, url: privateWindowUrl(url)! } : null);
  await drawBadge(tabId, state);
}

async function drawBadge(tabId: number, state: TabState | null): Promise<void> {
  const names = state?.lockouts.map((lockout) => lockoutTitle(lockout.kind, t)) ?? [];
  const name = t('extName');
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: names.length ? '!' : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }),
    browser.action.setTitle({ tabId, title: names.length ? t('badge.title', { name, lockouts: names.join(t('list.separator')) }) : name }),
  ]);
}

/** A tab that starts loading forgets what its old page reported; a new dashboard page reports again. */
export async function forgetTab(tabId: number): Promise<void> {
  await setKnownTab(tabId, null);
  await drawBadge(tabId, null).catch(() => undefined); // the tab may be gone already
}

/**
 * Opens the dashboard (origin and path only) in a private window. Chrome opens it even when
 * the extension is not allowed in incognito, and then resolves null: that is still success.
 * Firefox rejects until "Run in Private Windows" is allowed.
 */
let lastPrivateWindowAt = 0;
/** One private window per click: never a burst, whatever asks. */
const PRIVATE_WINDOW_INTERVAL_MS = 2_000;

export async function openPrivateWindow(pageUrl: string | null, now = Date.now()): Promise<PrivateWindowOutcome> {
  const url = privateWindowUrl(pageUrl ?? undefined);
  if (!url) return { status: 'failed', message: t('failure.notReopenable'), url: null };
  const since = now - lastPrivateWindowAt;
  if (since >= 0 && since < PRIVATE_WINDOW_INTERVAL_MS) return { status: 'failed', message: t('failure.privateWindowRecent'), url };
  lastPrivateWindowAt = now;
  try {
    await browser.windows.create({ url, incognito: true });
    return { status: 'opened' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/permission for incognito/i.test(message)) return { status: 'not-allowed', url };
    return { status: 'failed', message, url };
  }
}
