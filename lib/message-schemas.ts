/**
 * Runtime shapes of every request the background answers (the types are in `messages.ts`).
 * A content script relays what a page wrote, and any page on a matched origin can be hostile,
 * so every field is checked for type and size before it reaches storage, a command or the UI;
 * a request that does not fit is refused as a whole. Valibot (about 2 KB here, background only)
 * does the checking; the limits are ours and say what real dashboards produce.
 */
import * as v from 'valibot';
import { isDeviceAuthKey, MAX_BACKUP_CHANGES, MAX_BACKUP_VALUE_CHARS } from '@/core/device-auth';
import { isOrigin, redactUrl } from '@/core/command-values';
import { TITLES, type Lockout, type LockoutKind } from '@/core/lockout';
import type { BackgroundRequests, Message, TabState } from './messages';

/** A storage key the extension reports: device-auth keys are `<base>:<ws url>`, far below this. */
const KEY_CHARS = 512;
const URL_CHARS = 2048;
const ID_CHARS = 128;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const key = text(KEY_CHARS);
const id = text(ID_CHARS);
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const tabId = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** An http(s) origin as `URL.origin` writes it; never a page-supplied path or query. */
const origin = v.pipe(text(URL_CHARS), v.check((value: string) => isOrigin(value)));

const lockoutKind = v.picklist(Object.keys(TITLES) as LockoutKind[]);
const lockout = v.object({
  kind: lockoutKind,
  requestId: v.optional(v.pipe(id, v.regex(/^[A-Za-z0-9_-]+$/))),
  reportedAs: v.optional(lockoutKind),
  clientClosed: v.optional(v.literal(true)),
  hint: v.optional(v.picklist(['control-ui', 'cli-remote', 'cli-local', 'client'])),
  client: v.optional(v.picklist(['browser', 'cli'])),
  uncertain: v.optional(v.literal(true)),
  otherReading: v.optional(lockoutKind),
  shownIn: v.optional(v.literal('login-gate')),
}) satisfies v.GenericSchema<unknown, Lockout>;

/** A tab's report: what its content script (or a probe) read from the page. */
export const tabState = v.object({
  page: v.object({
    brand: v.picklist(['openclaw', 'clawdbot', 'moltbot']),
    release: v.nullable(text(32)),
    basePath: text(256),
  }),
  // User names, passwords and token parameters are credentials: never kept, never shown.
  gatewayUrl: v.pipe(v.nullable(text(URL_CHARS)), v.transform((url) => (url === null ? null : redactUrl(url)))),
  lockouts: v.pipe(v.array(lockout), v.maxLength(Object.keys(TITLES).length)),
  stored: v.object({
    deviceToken: v.nullable(v.object({ key, length: v.pipe(v.number(), v.safeInteger(), v.minValue(0)), updatedAtMs: v.nullable(time) })),
    deviceAuthKeys: v.pipe(v.array(key), v.maxLength(16)),
    identity: v.object({ present: v.boolean(), deviceId: v.nullable(id) }),
    sharedToken: v.nullable(v.picklist(['tab-session', 'settings'])),
  }),
  undoable: v.nullable(v.object({ keys: v.pipe(v.array(key), v.maxLength(MAX_BACKUP_CHANGES)), createdAt: time })),
}) satisfies v.GenericSchema<unknown, TabState>;

const storedValue = v.nullable(text(MAX_BACKUP_VALUE_CHARS));
const newBackup = v.object({
  id,
  gateway: text(URL_CHARS),
  trigger: v.picklist(['auto', 'manual']),
  // Only device-auth keys: a backup is what Undo writes back, and Undo writes nothing else.
  changes: v.pipe(
    v.array(v.object({ key: v.pipe(key, v.check((name: string) => isDeviceAuthKey(name))), before: storedValue, after: storedValue })),
    v.minLength(1),
    v.maxLength(MAX_BACKUP_CHANGES),
  ),
});

const empty = v.object({});

/** One schema per request type; `satisfies` makes a missing or mistyped one a type error. */
export const REQUEST_SCHEMAS = {
  'start-dashboard': empty,
  'report-tab-state': v.object({ state: v.nullable(tabState) }),
  'save-backup': v.object({ backup: newBackup }),
  'mark-backup': v.object({ id, mark: v.picklist(['applied', 'announced', 'undone']) }),
  'discard-backup': v.object({ id }),
  'list-backups': empty,
  'restore-inputs': v.object({ id }),
  'open-private-window': v.object({ tabId: v.optional(tabId) }),
  'get-tab-state': v.object({ tabId }),
  'clear-device-token': v.object({ tabId, origin }),
  'undo-clear': v.object({ tabId, origin, overwriteNewer: v.boolean() }),
  'probe-tab': v.object({ tabId }),
  'list-sites': empty,
  'add-site': v.object({ address: text(URL_CHARS) }),
  'remove-site': v.object({ pattern: text(URL_CHARS) }),
  'forget-backups': empty,
} satisfies { [K in keyof BackgroundRequests]: v.GenericSchema<unknown, Omit<Message<BackgroundRequests, K>, 'type'>> };

export type CheckedRequest = { [K in keyof BackgroundRequests]: { type: K } & v.InferOutput<(typeof REQUEST_SCHEMAS)[K]> }[keyof BackgroundRequests];

/** The request if it is one of ours and every field fits its schema; otherwise null. */
export function checkRequest(message: unknown): CheckedRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(REQUEST_SCHEMAS, type)) return null;
  // Stop at the first misfit: a page could send 100,000 bad items, and one is enough to refuse.
  const result = v.safeParse(REQUEST_SCHEMAS[type as keyof BackgroundRequests], message, { abortEarly: true });
  return result.success ? ({ type, ...result.output } as CheckedRequest) : null;
}
