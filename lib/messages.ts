/**
 * The one message contract between the content script, the background and the popup.
 * Every request names its response type here, so each side is checked against the other.
 */
import { browser } from 'wxt/browser';
import type { Backup, BackupMeta } from '@/core/backup';
import type { StorageChange } from '@/core/device-auth';
import type { DashboardSite } from '@/core/site-address';
import type { DashboardPage } from '@/core/dashboard-page';
import type { Lockout } from '@/core/lockout';
import type { StoredAuthSummary } from '@/core/stored-auth';
import type { ClearOutcome, UndoOutcome } from '@/core/token-outcome';

export type { ClearOutcome, UndoOutcome };

/** What a dashboard tab's content script knows; the badge and the popup are drawn from it. */
export interface TabState {
  page: DashboardPage;
  gatewayUrl: string | null;
  lockouts: Lockout[];
  stored: StoredAuthSummary;
  /** The last clear of this gateway that Undo can still reverse (keys only, no values). */
  undoable: { keys: string[]; createdAt: number } | null;
}

/** The background adds the address the browser reports for the tab: never one the page supplied. */
export interface KnownTab extends TabState {
  url: string;
  /** Read once through `activeTab`: the extension does not run on this page (yet). */
  probed?: true;
}

export type PrivateWindowOutcome =
  | { status: 'opened' }
  /** Firefox refuses until the user allows the extension in private windows. */
  | { status: 'not-allowed'; url: string }
  | { status: 'failed'; message: string; url: string | null };

/** A clear's backup as a content script sends it; the background adds origin, time and state. */
export type NewBackup = Pick<Backup, 'id' | 'gateway' | 'trigger' | 'changes'>;

/** The popup names the origin it showed, so an action never reaches a page the tab opened since. */
interface PopupTarget {
  tabId: number;
  origin: string;
}

/**
 * Requests the background answers. Requests with a `tabId` come from the popup, the rest from
 * a dashboard's content script, which can only ever reach its own origin's backups.
 */
export interface BackgroundRequests {
  /** From the loader on a page with the Control UI fingerprint: inject the dashboard script into this tab. */
  'start-dashboard': { request: Record<string, never>; response: void };
  'report-tab-state': { request: { state: TabState | null }; response: void };
  /** Saved `pending` before the page's storage is touched; the background is the one writer of backups. */
  'save-backup': { request: { backup: NewBackup }; response: void };
  /** `applied`: the clear's writes succeeded; `announced`: the reloaded page said so; `undone`: Undo ran. */
  'mark-backup': { request: { id: string; mark: 'applied' | 'announced' | 'undone' }; response: void };
  /** A clear that changed nothing leaves nothing to undo. */
  'discard-backup': { request: { id: string }; response: void };
  /** This origin's backups without their values, newest first. */
  'list-backups': { request: Record<string, never>; response: BackupMeta[] };
  /** What Undo writes back: the values of one of this origin's backups. */
  'restore-inputs': { request: { id: string }; response: StorageChange[] | null };
  'open-private-window': { request: { tabId?: number }; response: PrivateWindowOutcome };
  'get-tab-state': { request: { tabId: number }; response: KnownTab | null };
  'clear-device-token': { request: PopupTarget; response: ClearOutcome };
  'undo-clear': { request: PopupTarget & { overwriteNewer: boolean }; response: UndoOutcome };
  /**
   * One read-only look at a tab the extension does not run on, through `activeTab`: a
   * dashboard's state (with `probed`), `not-dashboard`, or `no-access` (a browser page, or the
   * popup was not opened from the toolbar).
   */
  'probe-tab': { request: { tabId: number }; response: ProbeOutcome };
  /** Dashboard addresses added beyond loopback. */
  'list-sites': { request: Record<string, never>; response: DashboardSite[] };
  /** Sent after the page got the host permission from the user's click; adds nothing without it. */
  'add-site': { request: { address: string }; response: AddSiteOutcome };
  'remove-site': { request: { pattern: string }; response: void };
  /** "Forget backups": every backup, private windows' too, deleted at once. */
  'forget-backups': { request: Record<string, never>; response: void };
}

export type ProbeOutcome = { status: 'dashboard'; tab: KnownTab } | { status: 'not-dashboard'; url: string | null } | { status: 'no-access' };

export type AddSiteOutcome = { ok: true; site: DashboardSite } | { ok: false; message: string };

/** Requests a dashboard's content script answers, sent by the background on the popup's behalf. */
export interface ContentRequests {
  'clear-device-token': { request: { origin: string }; response: ClearOutcome };
  'undo-clear': { request: { origin: string; overwriteNewer: boolean }; response: UndoOutcome };
  'report-now': { request: Record<never, never>; response: void };
}

export type Message<Map, K extends keyof Map> = { type: K } & (Map[K] extends { request: infer R } ? R : never);
export type Response<Map, K extends keyof Map> = Map[K] extends { response: infer R } ? R : never;
export type AnyMessage<Map> = { [K in keyof Map]: Message<Map, K> }[keyof Map];

export function sendToBackground<K extends keyof BackgroundRequests>(
  type: K,
  request: BackgroundRequests[K]['request'],
): Promise<Response<BackgroundRequests, K>> {
  return browser.runtime.sendMessage({ type, ...request }) as Promise<Response<BackgroundRequests, K>>;
}

export function sendToTab<K extends keyof ContentRequests>(
  tabId: number,
  type: K,
  request: ContentRequests[K]['request'],
): Promise<Response<ContentRequests, K>> {
  return browser.tabs.sendMessage(tabId, { type, ...request }, { frameId: 0 }) as Promise<Response<ContentRequests, K>>;
}

/** Narrows an incoming value to a message of the map, by its `type` only; handlers check the rest. */
export function isMessageOf<Map>(value: unknown, types: readonly (keyof Map)[]): value is AnyMessage<Map> {
  return typeof value === 'object' && value !== null && types.includes((value as { type?: unknown }).type as keyof Map);
}

export type ContentHandlers = { [K in keyof ContentRequests]: (request: Message<ContentRequests, K>) => Promise<Response<ContentRequests, K>> };

/**
 * The message as one of `ContentRequests`, checked in full (type, and each field's type), or
 * `null`. Only the background can reach a content script's `runtime.onMessage`, but a message
 * is checked anyway; this stays valibot-free to keep the dashboard script small.
 */
export function contentRequestOf(message: unknown): AnyMessage<ContentRequests> | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, origin, overwriteNewer } = message as Record<string, unknown>;
  if (type === 'report-now') return { type };
  if (typeof origin !== 'string') return null;
  if (type === 'clear-device-token') return { type, origin };
  if (type === 'undo-clear' && typeof overwriteNewer === 'boolean') return { type, origin, overwriteNewer };
  return null;
}
