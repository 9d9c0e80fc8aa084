import { BRAND_LIST, BRANDS } from './brands';
import { keysOf, parseObject, safeGet, type ReadableStorage } from './web-storage';

/**
 * Which gateway a dashboard page talks to, and the scope string the Control UI builds from
 * that gateway's WebSocket URL to name its storage keys (`openclaw.device.auth.v1:<scope>`).
 * Everything here reads page-controlled strings (storage values, attributes), so it is linear
 * in its input (no regex that backtracks over a run of `/` or `?`) and never throws.
 */

/**
 * The longest gateway URL read from the page's storage, in characters (2 Ki). A real one
 * (`wss://host.tail1234.ts.net/openclaw`) is well under 200; a longer value is not a gateway URL.
 */
export const MAX_GATEWAY_URL_LENGTH = 2048;
/** The longest base path accepted, in characters; a real one (`/openclaw`) is a few segments. */
export const MAX_BASE_PATH_LENGTH = 256;

/**
 * The Control UI's storage scope for a gateway: `ws(s)://host[:port]` + path without trailing
 * slashes + `?query` (reference §2.2). As the Control UI computes it (`normalizeGatewayStorageScope`,
 * seen in the 2026.4.24 bundle): the URL is trimmed, empty gives `default`, a bare `/` path
 * becomes empty, a path of slashes only (`//`) is kept as it is, and a URL that does not parse
 * is its trimmed text. `withQuery: false` gives the form the shared-token and settings keys use
 * (`openclaw.control.token.v1:<scope>`); device-auth keys keep the query. Linear time.
 */
export function gatewayScope(wsUrl: string, withQuery = true): string {
  const trimmed = typeof wsUrl === 'string' ? wsUrl.trim() : '';
  if (!trimmed) return 'default';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  const path = url.pathname === '/' ? '' : trimTrailingSlashes(url.pathname) || url.pathname;
  return `${url.protocol}//${url.host}${path}${withQuery ? url.search : ''}`;
}

/** The WebSocket URL a dashboard uses by default: the page's origin (ws/wss) plus its base path. */
export function defaultGatewayUrl(pageUrl: string, basePath = ''): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = normaliseBasePath(basePath);
  return `${scheme}//${url.host}${base}`;
}

/**
 * A plain absolute URL path, as 9.x's `data-openclaw-control-ui-base-path` holds one (`/openclaw`):
 * a string of at most `MAX_BASE_PATH_LENGTH` characters that starts with a single `/` (`//host`
 * would name another host) and has no query, fragment, backslash, white space or control character.
 */
export function isPlainPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_BASE_PATH_LENGTH &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !/[?#\\\s\u0000-\u001f\u007f]/.test(value)
  );
}

/** `/openclaw/` → `/openclaw`; `/` and anything that is not a plain path (`isPlainPath`) → empty. */
export function normaliseBasePath(basePath: string | null | undefined): string {
  return isPlainPath(basePath) ? trimTrailingSlashes(basePath) : '';
}

/** `s` without the `/` characters at its end, in one backward scan (a regex here is quadratic on a run of `/`). */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2f) end--;
  return s.slice(0, end);
}

/**
 * A gateway URL read from the page's storage, or null if it is not one: a string of at most
 * `MAX_GATEWAY_URL_LENGTH` characters that, trimmed, has no white space, starts with `ws://` or
 * `wss://` and parses as a URL with a host. Returns it trimmed (the Control UI trims it too
 * before naming keys with it). Credentials in it are left for the display code to strip.
 */
export function readGatewayUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_GATEWAY_URL_LENGTH) return null;
  const trimmed = value.trim();
  if (!/^wss?:\/\//i.test(trimmed) || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== '' ? trimmed : null;
  } catch {
    return null;
  }
}

const CURRENT_GATEWAY_PREFIX = 'openclaw.control.currentGateway.v1:';
const SETTINGS_KEYS = BRAND_LIST.map((brand) => BRANDS[brand].settingsKey);

/**
 * The gateway the page's app will connect to, as a `ws(s)://` URL. A user may have switched
 * gateways (settings or `?gatewayUrl=`): 8.2+ records that per page in
 * `openclaw.control.currentGateway.v1:<pageScope>`, older releases in the settings' `gatewayUrl`
 * (reference §2.1, §2.2). Values that are not gateway URLs (`readGatewayUrl`) are skipped.
 * Falls back to the page's own default; null when the page URL is not http(s).
 */
export function currentGatewayUrl(storage: ReadableStorage, pageUrl: string, basePath = ''): string | null {
  const fallback = defaultGatewayUrl(pageUrl, basePath);
  const recorded: { key: string; value: string }[] = [];
  for (const key of keysOf(storage)) {
    if (!key.startsWith(CURRENT_GATEWAY_PREFIX)) continue;
    const value = readGatewayUrl(safeGet(storage, key));
    if (value !== null) recorded.push({ key, value });
  }
  if (recorded.length === 1) return recorded[0]!.value;
  if (recorded.length > 1) {
    // Several pages on this origin (base paths): take the record named after this page.
    const page = pageScopeCandidates(pageUrl, basePath);
    const mine = recorded.find((entry) => page.includes(entry.key.slice(CURRENT_GATEWAY_PREFIX.length)));
    if (mine) return mine.value;
  }
  for (const key of SETTINGS_KEYS) {
    const settings = parseObject(safeGet(storage, key));
    // Own properties only: the value is the page's JSON.
    const gatewayUrl = settings && Object.hasOwn(settings, 'gatewayUrl') ? readGatewayUrl(settings.gatewayUrl) : null;
    if (gatewayUrl !== null) return gatewayUrl;
  }
  return fallback;
}

function pageScopeCandidates(pageUrl: string, basePath: string): string[] {
  try {
    const url = new URL(pageUrl);
    const base = normaliseBasePath(basePath);
    return [`${url.origin}${base}`, `${url.origin}${base}/`, `${url.host}${base}`, base || '/'];
  } catch {
    return [];
  }
}
