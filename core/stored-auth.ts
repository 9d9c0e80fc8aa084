import { brandNames, type Brand } from './brands';
import { deviceAuthEntries, deviceIdentity, entriesForGateway } from './device-auth';
import { gatewayScope } from './gateway-scope';
import { parseObject, safeGet, type ReadableStorage } from './web-storage';

/** What the page holds for its gateway, as the popup shows it: presence and sizes, never values. */
export interface StoredAuthSummary {
  deviceToken: { key: string; length: number; updatedAtMs: number | null } | null;
  /** Device-auth keys for this gateway whose token is already gone (or never came). */
  deviceAuthKeys: string[];
  identity: { present: boolean; deviceId: string | null };
  /** Where this tab keeps the shared gateway token, if anywhere: the next connect sends it. */
  sharedToken: 'tab-session' | 'settings' | null;
}

/**
 * What `local` (the page's localStorage) and `session` (its sessionStorage, null if unreadable)
 * hold for the gateway at `gatewayUrl` (a `ws(s)://` URL, or null if unknown), under `brand`'s
 * key names (reference §2.1, §2.4). Lengths are in characters, `updatedAtMs` in epoch ms.
 * Never throws, whatever the storage holds.
 */
export function summarizeStoredAuth(
  local: ReadableStorage,
  session: ReadableStorage | null,
  gatewayUrl: string | null,
  brand: Brand = 'openclaw',
): StoredAuthSummary {
  const entries = entriesForGateway(deviceAuthEntries(local, brand), gatewayUrl);
  const withToken = entries.find((entry) => entry.hasToken);
  const identity = deviceIdentity(local, brand);
  return {
    deviceToken: withToken ? { key: withToken.key, length: withToken.tokenLength, updatedAtMs: withToken.updatedAtMs } : null,
    deviceAuthKeys: entries.map((entry) => entry.key),
    identity: { present: identity !== null, deviceId: identity?.deviceId ?? entries.find((e) => e.deviceId)?.deviceId ?? null },
    sharedToken: sharedTokenLocation(local, session, gatewayUrl, brand),
  };
}

function sharedTokenLocation(
  local: ReadableStorage,
  session: ReadableStorage | null,
  gatewayUrl: string | null,
  brand: Brand,
): StoredAuthSummary['sharedToken'] {
  const names = brandNames(brand);
  if (!names) return null;
  if (session && typeof gatewayUrl === 'string') {
    // 3.11+: per tab, keyed without the URL's query (only device-auth keys keep it). The scope
    // drops the parsed query rather than cutting the text at `?` with a regex, which is
    // quadratic on a run of `?` that a line break follows.
    const scope = gatewayScope(gatewayUrl, false);
    if (safeGet(session, `${names.tabTokenKey}:${scope}`)) return 'tab-session';
  }
  // Up to 2.26 the settings value carried the token. Own property only: the value is the page's JSON.
  const settings = parseObject(safeGet(local, names.settingsKey));
  const token = settings && Object.hasOwn(settings, 'token') ? settings.token : undefined;
  return typeof token === 'string' && token.length > 0 ? 'settings' : null;
}

/**
 * A secret as the user may see it: eight dots, whatever its length. Its length is said beside it
 * in words (`popup.tokenStored`, a plural), never any of its characters.
 */
export const SECRET_MASK = '••••••••';

/**
 * Whether the address a tab was opened with (`#token=…` or `?token=…`, or `password`) handed the
 * dashboard a shared gateway token. The page strips it at once, but the navigation entry keeps
 * the address it was opened with (seen on 2.26, 3.8 and 9.6 in Chromium). A "gateway token
 * mismatch" on such a tab is about that token: 3.x and later send it before a stored device
 * token, and up to 2.26 the page drops its own device token when both fail (read in the 2.19 and
 * 2.26 bundles), so the 2.22–3.8 reading of a stale device token does not apply. `url` is any
 * string; never throws. Only presence is read, never the value.
 */
export function addressCarriesSharedToken(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ''));
  return ['token', 'password'].some((name) => Boolean(parsed.searchParams.get(name)?.trim() || fragment.get(name)?.trim()));
}
