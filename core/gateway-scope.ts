import { keysOf, parseObject, safeGet, type ReadableStorage } from './web-storage';

/**
 * Which gateway a dashboard page talks to, and the scope string the Control UI builds from
 * that gateway's WebSocket URL to name its storage keys (`openclaw.device.auth.v1:<scope>`).
 */

/** `ws(s)://host[:port]/path?query` without trailing slashes; a bare `/` path becomes empty. */
export function gatewayScope(wsUrl: string): string {
  const trimmed = wsUrl.trim();
  if (!trimmed) return 'default';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
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

/** `/openclaw/` → `/openclaw`; anything that is not a plain path → empty. */
export function normaliseBasePath(basePath: string | null | undefined): string {
  if (!basePath || !basePath.startsWith('/') || /[?#\s]/.test(basePath)) return '';
  return basePath.replace(/\/+$/, '');
}

const CURRENT_GATEWAY_PREFIX = 'openclaw.control.currentGateway.v1:';
const SETTINGS_KEYS = ['openclaw.control.settings.v1', 'clawdbot.control.settings.v1', 'moltbot.control.settings.v1'];

/**
 * The gateway the page's app will connect to. A user may have switched gateways (settings or
 * `?gatewayUrl=`): 8.2+ records that per page, older releases in the settings' `gatewayUrl`.
 * Falls back to the page's own default.
 */
export function currentGatewayUrl(storage: ReadableStorage, pageUrl: string, basePath = ''): string | null {
  const fallback = defaultGatewayUrl(pageUrl, basePath);
  const recorded = keysOf(storage)
    .filter((key) => key.startsWith(CURRENT_GATEWAY_PREFIX))
    .map((key) => ({ key, value: safeGet(storage, key) }))
    .filter((entry): entry is { key: string; value: string } => isWsUrl(entry.value));
  if (recorded.length === 1) return recorded[0]!.value;
  if (recorded.length > 1) {
    // Several pages on this origin (base paths): take the record named after this page.
    const page = pageScopeCandidates(pageUrl, basePath);
    const mine = recorded.find((entry) => page.includes(entry.key.slice(CURRENT_GATEWAY_PREFIX.length)));
    if (mine) return mine.value;
  }
  for (const key of SETTINGS_KEYS) {
    const gatewayUrl = parseObject(safeGet(storage, key))?.gatewayUrl;
    if (typeof gatewayUrl === 'string' && isWsUrl(gatewayUrl)) return gatewayUrl;
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

function isWsUrl(value: unknown): value is string {
  return typeof value === 'string' && /^wss?:\/\/[^\s]+$/i.test(value.trim());
}
