import { BRAND_LIST, BRANDS, type Brand } from './brands';
import { DASHBOARD_SELECTOR } from './dashboard-selector';
import { isPlainPath } from './gateway-scope';
import { parseRelease, formatRelease } from './release';

/** What a page tells about itself when it is an OpenClaw Control UI. */
export interface DashboardPage {
  brand: Brand;
  /** `2026.9.6`, read from the 9.x build id; older releases do not say. */
  release: string | null;
  /**
   * From 9.x's `data-openclaw-control-ui-base-path` (`/openclaw`); empty when served at the root
   * or when the attribute is not a plain path of at most 256 characters (`isPlainPath`).
   */
  basePath: string;
}

const APP_ELEMENTS: readonly [string, Brand][] = BRAND_LIST.map((brand) => [BRANDS[brand].appElement, brand]);

/**
 * Recognises a Control UI page by what every release's `index.html` carries (reference §5): the
 * app element in `<body>` (`<openclaw-app>`, legacy `<clawdbot-app>` / `<moltbot-app>`), 9.x's
 * `data-openclaw-control-ui-build-id` on `<html>`, or 6.x+'s `section#openclaw-mount-fallback`.
 * The title `OpenClaw Control` alone is not enough: any page can copy it, and the banner would
 * then ask for the gateway token above that page's own form. Ports and hosts vary too much to
 * mean anything, so they are not used. Null for any other page, which is told by one query
 * (`DASHBOARD_SELECTOR`) that touches nothing but `doc.querySelector`.
 */
export function recognizeDashboard(doc: Document): DashboardPage | null {
  if (!doc.querySelector(DASHBOARD_SELECTOR)) return null;
  const root = doc.documentElement;
  const buildId = root?.getAttribute('data-openclaw-control-ui-build-id') ?? null;
  const brand = brandOf(doc, buildId !== null);
  if (!brand) return null;
  const release = parseRelease(buildId);
  const basePath = root?.getAttribute('data-openclaw-control-ui-base-path') ?? '';
  return {
    brand,
    release: release ? formatRelease(release) : null,
    basePath: isPlainPath(basePath) ? basePath : '',
  };
}

function brandOf(doc: Document, hasBuildId: boolean): Brand | null {
  for (const [tag, brand] of APP_ELEMENTS) if (doc.querySelector(tag)) return brand;
  if (hasBuildId || doc.getElementById('openclaw-mount-fallback')) return 'openclaw';
  return null;
}

/**
 * The address to reopen in a private window: the dashboard's origin and path only, so no
 * `#token=` or `?token=` a user opened it with travels along. Null for anything not http(s).
 */
export function privateWindowUrl(pageUrl: string | undefined): string | null {
  if (!pageUrl) return null;
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}
