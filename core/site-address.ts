import { isHost } from './command-values';

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

/**
 * Reads what the user typed into "Dashboard address". Accepts a bare host (`192.168.1.20:18789`,
 * taken as http), and http(s) URLs without credentials. Query and fragment are dropped: a
 * `#token=` never reaches the extension's storage. Every refusal comes with a message to show.
 */
export function parseDashboardAddress(input: unknown): SiteParse {
  if (typeof input !== 'string') return { ok: false, message: 'Type the address you open the dashboard at.' };
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Type the address you open the dashboard at, for example http://192.168.1.20:18789/.' };
  if (trimmed.length > MAX_ADDRESS_CHARS) return { ok: false, message: 'That is too long to be a dashboard address.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/]*:\d+(\/|$)/.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'That is not an address. Use the form http://192.168.1.20:18789/ or https://host.example/openclaw/.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `Only http and https addresses can be dashboards (this one is ${url.protocol.slice(0, -1)}).` };
  }
  if (url.username || url.password) return { ok: false, message: 'Leave the user name and password out of the address.' };
  if (!isHost(url.hostname)) {
    return { ok: false, message: 'That host name is not one a browser can open.' };
  }
  if (LOOPBACK_HOSTS.includes(url.hostname)) {
    return { ok: false, message: 'Loopback dashboards (127.0.0.1, localhost, [::1]) are covered already, on every port.' };
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    ok: true,
    site: { address: `${url.origin}${path}`, origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*` },
  };
}

/** The host permission pattern for a page's origin, as `parseDashboardAddress` makes it; null for non-http(s). */
export function patternForOrigin(origin: string): string | null {
  const parsed = parseDashboardAddress(origin);
  return parsed.ok ? parsed.site.pattern : null;
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
  const parsed = parseDashboardAddress(`${match[1]}://${match[2]}/`);
  return parsed.ok && parsed.site.pattern === pattern ? parsed.site : null;
}
