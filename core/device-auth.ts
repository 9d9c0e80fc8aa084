import { gatewayScope } from './gateway-scope';
import { keysOf, parseObject, safeGet, type ReadableStorage, type WebStorage } from './web-storage';

/** The product names the Control UI has shipped under; each keeps its own keys and element. */
export type Brand = 'openclaw' | 'clawdbot' | 'moltbot';

const DEVICE_AUTH_BASE: Record<Brand, string> = {
  openclaw: 'openclaw.device.auth.v1',
  clawdbot: 'clawdbot.device.auth.v1',
  moltbot: 'moltbot.device.auth.v1',
};
const IDENTITY_KEY: Record<Brand, string> = {
  openclaw: 'openclaw-device-identity-v1',
  clawdbot: 'clawdbot-device-identity-v1',
  moltbot: 'moltbot-device-identity-v1',
};
/** The only role the Control UI holds a device token for. */
const ROLE = 'operator';

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
  const base = DEVICE_AUTH_BASE[brand];
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
  const key = IDENTITY_KEY[brand];
  const raw = safeGet(storage, key);
  if (raw === null) return null;
  const deviceId = parseObject(raw)?.deviceId;
  return { key, deviceId: typeof deviceId === 'string' ? deviceId : null };
}

/** One key's value before and after a change: what a backup holds and what Undo puts back. */
export interface StorageChange {
  key: string;
  before: string;
  /** null: the key is removed. */
  after: string | null;
}

/**
 * The device-auth entries that belong to the gateway a page talks to: its scoped key, plus
 * the unscoped key that releases before 8.2 use. If neither matches (a scope we computed
 * differently from the app) and the origin holds exactly one scoped key, that one is it.
 */
export function entriesForGateway(entries: readonly DeviceAuthEntry[], gatewayUrl: string | null): DeviceAuthEntry[] {
  const scope = gatewayUrl === null ? null : gatewayScope(gatewayUrl);
  const matching = entries.filter((entry) => entry.scope === null || entry.scope === scope);
  if (matching.some((entry) => entry.scope !== null)) return matching;
  const scoped = entries.filter((entry) => entry.scope !== null);
  return scoped.length === 1 ? [...matching, scoped[0]!] : matching;
}

/**
 * Plans the removal of the stale device token for one gateway: only `tokens.operator` goes,
 * so the device id, the identity, settings and drafts stay. Returns nothing to do when the
 * app has already dropped the token (releases from 2026.4.27 do so themselves).
 */
export function planDeviceTokenClear(
  storage: ReadableStorage,
  gatewayUrl: string | null,
  brand: Brand = 'openclaw',
): StorageChange[] {
  const targets = entriesForGateway(deviceAuthEntries(storage, brand), gatewayUrl).filter(
    (entry) => entry.hasToken && !entry.unreadable,
  );
  const changes: StorageChange[] = [];
  for (const entry of targets) {
    const before = safeGet(storage, entry.key);
    const value = parseObject(before);
    if (before === null || !value || !isRecord(value.tokens)) continue;
    const { [ROLE]: _dropped, ...otherRoles } = value.tokens;
    changes.push({ key: entry.key, before, after: JSON.stringify({ ...value, tokens: otherRoles }) });
  }
  return changes;
}

export interface ApplyResult {
  applied: StorageChange[];
  failed: { key: string; error: string }[];
}

/**
 * Writes changes one by one. Going forward, a key is only written if it still holds the value
 * the plan (and its backup) saw: the page may have stored something newer since. A write that
 * throws (quota, security) or finds the key changed is reported, not raised.
 */
export function applyChanges(storage: WebStorage, changes: readonly StorageChange[], direction: 'forward' | 'undo'): ApplyResult {
  const result: ApplyResult = { applied: [], failed: [] };
  for (const change of changes) {
    if (direction === 'forward' && safeGet(storage, change.key) !== change.before) {
      result.failed.push({ key: change.key, error: 'ChangedMeanwhile' });
      continue;
    }
    const value = direction === 'forward' ? change.after : change.before;
    try {
      if (value === null) storage.removeItem(change.key);
      else storage.setItem(change.key, value);
      result.applied.push(change);
    } catch (error) {
      result.failed.push({ key: change.key, error: error instanceof Error ? error.name : 'Error' });
    }
  }
  return result;
}

export interface RestorePlan {
  /** Keys still holding exactly what the clear left there: safe to put back. */
  safe: StorageChange[];
  /** Keys the page has written since (a new token, usually): ask before overwriting. */
  newer: StorageChange[];
  /** Keys that already hold the backed-up value. */
  alreadyRestored: StorageChange[];
}

/** Sorts a backup's changes by what Undo would do to the page's storage as it is now. */
export function planRestore(storage: ReadableStorage, changes: readonly StorageChange[]): RestorePlan {
  const plan: RestorePlan = { safe: [], newer: [], alreadyRestored: [] };
  for (const change of changes) {
    const current = safeGet(storage, change.key);
    if (current === change.before) plan.alreadyRestored.push(change);
    else if (current === change.after) plan.safe.push(change);
    else plan.newer.push(change);
  }
  return plan;
}
