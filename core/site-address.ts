import { isHost } from './command-values';
import type { Translate } from './i18n';

/**
 * A dashboard address the user added (LAN, Tailscale Serve, a reverse proxy, a container):
 * where the content script should run besides loopback. The browser grants host access per
 * host, and Firefox forbids ports in match patterns (extension-notes §7), so the pattern covers
 * every port and path of the host; the content script still needs the Control UI fingerprint.
 */
export interface DashboardSite {
  /** What the user typed, cleaned: `https://home.example/openclaw/`, shown in the list. */
  address: string;
  /** `https://home.example` (with port when there is one). */
  origin: string;
  /** The host permission and content-script match: `https://home.example/*`. */
  pattern: string;
}

export type SiteParse = { ok: true; site: DashboardSite } | { ok: false; message: string };

/** Long enough for any real address; longer input is not a dashboard address. */
const MAX_ADDRESS_CHARS = 2048;

/** Origins the extension's own content script already covers (the manifest's static matches). */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Match patterns for every loopback page on any port, http and https: where the loader runs at install. */
export const LOOPBACK_MATCHES: string[] = LOOPBACK_HOSTS.flatMap((host) => [`http://${host}/*`, `https://${host}/*`]);

/** Why an address was refused, and what the refusal's words need. */
type Refusal = { reason: 'empty' | 'too-long' | 'not-an-address' | 'credentials' | 'bad-host' | 'loopback' } | { reason: 'scheme'; scheme: string };

/** Example addresses the refusals show (not words: never translated). */
const EXAMPLE = 'http://192.168.1.20:18789/';
const EXAMPLE_PROXY = 'https://host.example/openclaw/';

/**
 * Reads what the user typed into "Dashboard address". Accepts a bare host (`192.168.1.20:18789`,
 * taken as http), and http(s) URLs without credentials. Query and fragment are dropped: a
 * `#token=` never reaches the extension's storage. Every refusal comes with a message to show,
 * in the UI's language (`t`).
 */
export function parseDashboardAddress(input: unknown, t: Translate): SiteParse {
  const parsed = parseAddress(input);
  if ('site' in parsed) return parsed;
  switch (parsed.reason) {
    case 'empty':
      return { ok: false, message: t('address.empty', { example: EXAMPLE }) };
    case 'too-long':
      return { ok: false, message: t('address.tooLong') };
    case 'not-an-address':
      return { ok: false, message: t('address.notAnAddress', { example: EXAMPLE, exampleProxy: EXAMPLE_PROXY }) };
    case 'scheme':
      return { ok: false, message: t('address.scheme', { scheme: parsed.scheme }) };
    case 'credentials':
      return { ok: false, message: t('address.credentials') };
    case 'bad-host':
      return { ok: false, message: t('address.badHost') };
    case 'loopback':
      return { ok: false, message: t('address.loopback', { hosts: '127.0.0.1, localhost, [::1]' }) };
  }
}

function parseAddress(input: unknown): { ok: true; site: DashboardSite } | Refusal {
  if (typeof input !== 'string') return { reason: 'empty' };
  const trimmed = input.trim();
  if (!trimmed) return { reason: 'empty' };
  if (trimmed.length > MAX_ADDRESS_CHARS) return { reason: 'too-long' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/]*:\d+(\/|$)/.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { reason: 'not-an-address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { reason: 'scheme', scheme: url.protocol.slice(0, -1) };
  if (url.username || url.password) return { reason: 'credentials' };
  if (!isHost(url.hostname)) return { reason: 'bad-host' };
  if (LOOPBACK_HOSTS.includes(url.hostname)) return { reason: 'loopback' };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    ok: true,
    site: { address: `${url.origin}${path}`, origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*` },
  };
}

/** The host permission pattern for a page's origin, as `parseDashboardAddress` makes it; null for non-http(s). */
export function patternForOrigin(origin: string): string | null {
  const parsed = parseAddress(origin);
  return 'site' in parsed ? parsed.site.pattern : null;
}

/** What the background should do to bring registrations in line with sites and granted permissions. */
export interface SiteReconciliation {
  /** Sites to keep: their permission is still granted. */
  sites: DashboardSite[];
  /** Content-script registrations to add, by pattern. */
  register: string[];
  /** Registrations to remove, by pattern: the site went, or its permission was revoked. */
  unregister: string[];
}

/**
 * Brings the added sites, the granted host permissions and the registered content scripts into
 * line. A site whose permission the user revoked in the browser's settings goes. A granted
 * pattern with no site (the user allowed a host from the browser's own menu) becomes a site,
 * unless the manifest declares it (static host permissions are not sites the user added).
 * Pure: the inputs are what storage, `permissions.getAll` and `getRegisteredContentScripts` say.
 */
export function reconcileSites(
  sites: readonly DashboardSite[],
  granted: readonly string[],
  registered: readonly string[],
  declared: readonly string[],
): SiteReconciliation {
  const grantedSet = new Set(granted);
  const kept = sites.filter((site) => grantedSet.has(site.pattern));
  const known = new Set(kept.map((site) => site.pattern));
  for (const pattern of granted) {
    if (known.has(pattern) || declared.includes(pattern)) continue;
    const site = siteFromPattern(pattern);
    if (site) {
      kept.push(site);
      known.add(pattern);
    }
  }
  const registeredSet = new Set(registered);
  return {
    sites: kept,
    register: [...known].filter((pattern) => !registeredSet.has(pattern)),
    unregister: registered.filter((pattern) => !known.has(pattern)),
  };
}

/** A granted `http(s)://host/*` pattern as a site; wildcards and paths are not dashboard addresses. */
function siteFromPattern(pattern: string): DashboardSite | null {
  const match = /^(https?):\/\/([^/*]+)\/\*$/.exec(pattern);
  if (!match) return null;
  const parsed = parseAddress(`${match[1]}://${match[2]}/`);
  return 'site' in parsed && parsed.site.pattern === pattern ? parsed.site : null;
}
