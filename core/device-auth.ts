import { brandNames, type Brand } from './brands';
import { gatewayScope } from './gateway-scope';
import { keysOf, parseObject, safeGet, type ReadableStorage, type WebStorage } from './web-storage';

export type { Brand } from './brands';
/** The only role the Control UI holds a device token for. */
const ROLE = 'operator';

/**
 * A device-auth value longer than this (in UTF-16 units) is not one the Control UI wrote (real
 * ones are under 2 KB: `{"version":1,"deviceId":…,"tokens":{"operator":{…}}}`, reference §2.1),
 * so it is neither cleared nor backed up. With `MAX_BACKUP_CHANGES` and the counts in backup.ts
 * it bounds backups to 4.8 MB of `storage.local` (10 MiB in Chrome) at worst: 2 keys × before
 * and after × 4,096 characters × 3 bytes of UTF-8 × 5 backups × 20 origins.
 */
export const MAX_BACKUP_VALUE_CHARS = 4 * 1024;
/** Keys one clear may change: a gateway's scoped key and the unscoped one of older releases. */
export const MAX_BACKUP_CHANGES = 2;

/** The device-auth keys of every brand: `<brand>.device.auth.v1`, scoped (`:<gateway>`) or not. */
const DEVICE_AUTH_KEY = /^(?:openclaw|clawdbot|moltbot)\.device\.auth\.v1(?::|$)/;

/** Whether a key is one the extension may ever write: a device-auth key, nothing else (reference §2.1, §2.4). */
export const isDeviceAuthKey = (key: unknown): key is string => typeof key === 'string' && DEVICE_AUTH_KEY.test(key);

/** What a device-auth key holds, described without its secret. */
export interface DeviceAuthEntry {
  key: string;
  /** The gateway scope after `:`, or null for the one-per-origin key of older releases. */
  scope: string | null;
  deviceId: string | null;
  hasToken: boolean;
  tokenLength: number;
  updatedAtMs: number | null;
  /** Set when the value is not the JSON the Control UI writes; such a key is never changed. */
  unreadable?: true;
}

export function deviceAuthEntries(storage: ReadableStorage, brand: Brand = 'openclaw'): DeviceAuthEntry[] {
  const base = brandNames(brand)?.deviceAuthKey;
  if (!base) return [];
  return keysOf(storage)
    .filter((key) => key === base || key.startsWith(`${base}:`))
    .map((key) => describeEntry(key, base, safeGet(storage, key)));
}

function describeEntry(key: string, base: string, raw: string | null): DeviceAuthEntry {
  const scope = key === base ? null : key.slice(base.length + 1);
  const value = parseObject(raw);
  const tokens = value && parseTokens(value.tokens);
  if (!value || tokens === undefined) {
    return { key, scope, deviceId: null, hasToken: false, tokenLength: 0, updatedAtMs: null, unreadable: true };
  }
  const operator = tokens?.[ROLE];
  const token = isRecord(operator) && typeof operator.token === 'string' ? operator.token : '';
  return {
    key,
    scope,
    deviceId: typeof value.deviceId === 'string' ? value.deviceId : null,
    hasToken: token.length > 0,
    tokenLength: token.length,
    updatedAtMs: isRecord(operator) && typeof operator.updatedAtMs === 'number' ? operator.updatedAtMs : null,
  };
}

/** `tokens` may be absent (no token yet); anything else that is not an object is unreadable. */
function parseTokens(tokens: unknown): Record<string, unknown> | null | undefined {
  if (tokens === undefined || tokens === null) return null;
  return isRecord(tokens) ? tokens : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface DeviceIdentity {
  key: string;
  deviceId: string | null;
}

/** The device's key pair. Shown as present or not, and never touched: clearing it means re-pairing. */
export function deviceIdentity(storage: ReadableStorage, brand: Brand = 'openclaw'): DeviceIdentity | null {
  const key = brandNames(brand)?.identityKey;
  if (!key) return null;
  const raw = safeGet(storage, key);
  if (raw === null) return null;
  const deviceId = parseObject(raw)?.deviceId;
  return { key, deviceId: typeof deviceId === 'string' ? deviceId : null };
}

/**
 * One key's value before and after a change: what a backup holds and what Undo puts back.
 * `null` means the key is absent, so Undo removes a key that was not there before.
 */
export interface StorageChange {
  key: string;
  before: string | null;
  after: string | null;
}

/**
 * The device-auth entries that belong to the gateway a page talks to: its scoped key
 * (`<base>:<scope>`, 8.2+), plus the unscoped key that releases before 8.2 keep for the one
 * gateway of the origin (reference §2.1). Another gateway's scoped key is never among them,
 * even when it is the only one stored: a page whose gateway matches no key has nothing to clear.
 */
export function entriesForGateway(entries: readonly DeviceAuthEntry[], gatewayUrl: string | null): DeviceAuthEntry[] {
  const scope = gatewayUrl === null ? null : gatewayScope(gatewayUrl);
  return entries.filter((entry) => entry.scope === null || entry.scope === scope);
}

/** A clear to make, and the keys of this gateway left alone, each with why. */
export interface ClearPlan {
  changes: StorageChange[];
  /** `too-large`: longer than any value the app writes; `unreadable`: not JSON the app would write back unchanged. */
  refused: { key: string; reason: 'too-large' | 'unreadable' }[];
  /** Device-auth keys of other gateways on this origin: named so the user knows they were left alone. */
  otherGateways: string[];
}

/**
 * Plans the removal of the stale device token for one gateway: only `tokens.operator` goes,
 * so the device id, the identity, settings and drafts stay. Has no changes when the app has
 * already dropped the token (releases from 2026.4.27 do so themselves).
 *
 * A value is only rewritten when it is exactly what `JSON.stringify` makes of it, as the
 * Control UI writes it: then every byte but the operator token stays as it was. Anything
 * else (large integers, odd spacing, duplicate keys, deep nesting, megabytes) is refused.
 */
export function planDeviceTokenClear(storage: ReadableStorage, gatewayUrl: string | null, brand: Brand = 'openclaw'): ClearPlan {
  const all = deviceAuthEntries(storage, brand);
  const mine = entriesForGateway(all, gatewayUrl);
  const plan: ClearPlan = { changes: [], refused: [], otherGateways: all.filter((entry) => !mine.includes(entry)).map((entry) => entry.key) };
  for (const entry of mine) {
    const before = safeGet(storage, entry.key);
    if (before === null) continue;
    if (before.length > MAX_BACKUP_VALUE_CHARS) {
      plan.refused.push({ key: entry.key, reason: 'too-large' });
      continue;
    }
    if (!entry.hasToken && !entry.unreadable) continue;
    const after = withoutOperatorToken(before);
    if (after === null) plan.refused.push({ key: entry.key, reason: 'unreadable' });
    else plan.changes.push({ key: entry.key, before, after });
  }
  plan.changes = plan.changes.slice(0, MAX_BACKUP_CHANGES);
  return plan;
}

/**
 * The raw values of a gateway's device-auth keys now, by key. Taken when an error shows, so a
 * clear planned after an await can check it removes the token that was refused, not a fresh
 * one the dashboard stored meanwhile.
 */
export function deviceAuthSnapshot(storage: ReadableStorage, gatewayUrl: string | null, brand: Brand = 'openclaw'): Map<string, string | null> {
  return new Map(entriesForGateway(deviceAuthEntries(storage, brand), gatewayUrl).map((entry) => [entry.key, safeGet(storage, entry.key)]));
}

/** The value without `tokens.operator`, or null when it can't be rewritten byte-exactly. */
function withoutOperatorToken(raw: string): string | null {
  const value = parseObject(raw, MAX_BACKUP_VALUE_CHARS);
  if (!value || !isRecord(value.tokens) || !Object.hasOwn(value.tokens, ROLE)) return null;
  if (JSON.stringify(value) !== raw) return null;
  const { [ROLE]: _dropped, ...otherRoles } = value.tokens;
  return JSON.stringify({ ...value, tokens: otherRoles });
}

/** One compare-and-set write: `value` goes in only while the key still holds `expected` (null: absent). */
export interface StorageWrite {
  key: string;
  expected: string | null;
  value: string | null;
}

export type ApplyResult = { ok: true } | { ok: false; key: string; error: string };

/** The writes that make a clear. */
export const clearWrites = (changes: readonly StorageChange[]): StorageWrite[] =>
  changes.map((change) => ({ key: change.key, expected: change.before, value: change.after }));

/**
 * Applies writes all or nothing. Every key is checked first: if any no longer holds what the
 * plan saw (the page stored something newer meanwhile), nothing is written. Storage calls are
 * synchronous, so no page script runs between the check and the writes. A write that throws
 * (quota, security) rolls back the ones before it. Failures are reported, never raised.
 */
export function applyWrites(storage: WebStorage, writes: readonly StorageWrite[]): ApplyResult {
  for (const write of writes) {
    if (safeGet(storage, write.key) !== write.expected) return { ok: false, key: write.key, error: 'ChangedMeanwhile' };
  }
  const done: StorageWrite[] = [];
  for (const write of writes) {
    try {
      put(storage, write.key, write.value);
      done.push(write);
    } catch (error) {
      for (const undo of done.reverse()) {
        try {
          put(storage, undo.key, undo.expected);
        } catch {
          // The storage refuses writes altogether; the backup still holds the value.
        }
      }
      return { ok: false, key: write.key, error: error instanceof Error ? error.name : 'Error' };
    }
  }
  return { ok: true };
}

function put(storage: WebStorage, key: string, value: string | null): void {
  if (value === null) storage.removeItem(key);
  else storage.setItem(key, value);
}

/** What Undo would do to the page's storage as it is now. */
export interface RestorePlan {
  /** Keys still holding exactly what the clear left there: safe to put back. */
  safe: StorageWrite[];
  /**
   * Keys the page has written since (a new token, usually), with what they hold now: ask
   * before overwriting, and back the current values up first.
   */
  newer: (StorageWrite & { current: string | null })[];
  /** Keys that already hold the backed-up value. */
  alreadyRestored: string[];
}

/** Sorts a backup's changes by what Undo would do; every write it plans is compare-and-set. */
export function planRestore(storage: ReadableStorage, changes: readonly StorageChange[]): RestorePlan {
  const plan: RestorePlan = { safe: [], newer: [], alreadyRestored: [] };
  for (const change of changes) {
    // Whatever a stored backup says, Undo only ever writes device-auth keys.
    if (!isDeviceAuthKey(change.key)) continue;
    const current = safeGet(storage, change.key);
    if (current === change.before) plan.alreadyRestored.push(change.key);
    // A key the app removed since holds nothing Undo could overwrite (9.6's "Forget this browser", 8.2's move to scoped keys).
    else if (current === change.after || current === null) plan.safe.push({ key: change.key, expected: current, value: change.before });
    else plan.newer.push({ key: change.key, expected: current, value: change.before, current });
  }
  return plan;
}
