/**
 * What the background does, apart from the browser events that call it: keeps each dashboard
 * tab's reported state, draws the badge, opens private windows and relays the popup's
 * commands to the tab's content script.
 */
import { browser, type Browser } from 'wxt/browser';
import { privateWindowUrl } from '@/core/dashboard-page';
import { TITLES } from '@/core/lockout';
import type { Backup } from '@/core/backup';
import { changeBackup, getKnownTab, saveBackup, setKnownTab, type BackupPatch } from './extension-storage';
import {
  isMessageOf,
  sendToTab,
  type AnyMessage,
  type BackgroundRequests,
  type PrivateWindowOutcome,
  type Response,
  type TabState,
} from './messages';

type Sender = Browser.runtime.MessageSender;
type Request = AnyMessage<BackgroundRequests>;

const REQUEST_TYPES: (keyof BackgroundRequests)[] = [
  'report-tab-state',
  'save-backup',
  'change-backup',
  'open-private-window',
  'get-tab-state',
  'clear-device-token',
  'undo-clear',
];
const BADGE_COLOR = '#b42318';
const DEFAULT_TITLE = 'OpenClaw Token Fixer';

/** A dashboard's top frame, as the browser (not the page) reports it. */
function contentTab(sender: Sender): { tabId: number; url: string } | null {
  const tabId = sender.tab?.id;
  const url = sender.url ?? sender.tab?.url;
  if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0 || !url) return null;
  return privateWindowUrl(url) ? { tabId, url } : null;
}

/** The popup (or another page of this extension), never a web page. */
const fromExtensionPage = (sender: Sender): boolean =>
  sender.id === browser.runtime.id && (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);

/** Returns the response, or undefined for anything that is not ours to answer. */
export async function handleBackgroundMessage(message: unknown, sender: Sender): Promise<unknown> {
  if (!isMessageOf<BackgroundRequests>(message, REQUEST_TYPES)) return undefined;
  const request = message as Request;
  if ('tabId' in request && typeof request.tabId === 'number') {
    if (!fromExtensionPage(sender)) return undefined;
    return handlePopupRequest(request, request.tabId);
  }
  const tab = contentTab(sender);
  if (!tab) return undefined;
  switch (request.type) {
    case 'report-tab-state':
      return reportTabState(tab.tabId, tab.url, request.state);
    case 'open-private-window':
      return openPrivateWindow(tab.url);
    // A tab keeps and changes backups of its own origin only, whatever the message says.
    case 'save-backup':
      if (!isBackup(request.backup) || request.backup.origin !== new URL(tab.url).origin) throw new Error('Not a backup of this page.');
      return saveBackup(request.backup);
    case 'change-backup':
      return changeBackup(String(request.id), new URL(tab.url).origin, backupPatch(request.patch));
    default:
      return undefined;
  }
}

/** Only the two marks a tab may set; `null` deletes. */
function backupPatch(patch: unknown): BackupPatch | null {
  if (patch === null || typeof patch !== 'object') return null;
  const { undoneAt, announced } = patch as BackupPatch;
  return { ...(typeof undoneAt === 'number' && { undoneAt }), ...(announced === true && { announced }) };
}

function isBackup(value: unknown): value is Backup {
  const backup = value as Backup;
  return (
    typeof backup === 'object' && backup !== null && typeof backup.id === 'string' && typeof backup.origin === 'string' &&
    typeof backup.createdAt === 'number' && (backup.trigger === 'auto' || backup.trigger === 'manual') &&
    Array.isArray(backup.changes) && backup.changes.every((c) => typeof c?.key === 'string' && typeof c.before === 'string')
  );
}

async function handlePopupRequest(request: Request, tabId: number): Promise<unknown> {
  switch (request.type) {
    case 'get-tab-state':
      return getKnownTab(tabId);
    case 'open-private-window': {
      const known = await getKnownTab(tabId);
      return openPrivateWindow(known?.url ?? null);
    }
    case 'clear-device-token':
      return sendToTab(tabId, 'clear-device-token', {}).catch(
        (): Response<BackgroundRequests, 'clear-device-token'> => ({ status: 'failed', message: NO_CONTENT_SCRIPT }),
      );
    case 'undo-clear':
      return sendToTab(tabId, 'undo-clear', { overwriteNewer: request.overwriteNewer === true }).catch(
        (): Response<BackgroundRequests, 'undo-clear'> => ({ status: 'failed', message: NO_CONTENT_SCRIPT }),
      );
    default:
      return undefined;
  }
}

const NO_CONTENT_SCRIPT = 'The dashboard tab did not answer. Reload it and try again.';

async function reportTabState(tabId: number, url: string, state: TabState | null): Promise<void> {
  // Only the origin and path are kept: a `#token=` in the address never reaches extension storage.
  await setKnownTab(tabId, state ? { ...state, url: privateWindowUrl(url)! } : null);
  await drawBadge(tabId, state);
}

async function drawBadge(tabId: number, state: TabState | null): Promise<void> {
  const names = state?.lockouts.map((lockout) => TITLES[lockout.kind]) ?? [];
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: names.length ? '!' : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }),
    browser.action.setTitle({ tabId, title: names.length ? `${DEFAULT_TITLE}: ${names.join(', ')}` : DEFAULT_TITLE }),
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
  if (!url) return { status: 'failed', message: 'This tab is not a dashboard the extension can reopen.', url: null };
  const since = now - lastPrivateWindowAt;
  if (since >= 0 && since < PRIVATE_WINDOW_INTERVAL_MS) return { status: 'failed', message: 'A private window was opened a moment ago.', url };
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
