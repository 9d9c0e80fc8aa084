/**
 * The product names the Control UI has shipped under, and what each one names its own way:
 * its app element and its storage keys. One table, so a new brand is one row (reference §2.1,
 * §2.4, §5: `openclaw` today; `clawdbot` up to 2026.1.24; `moltbot` in between).
 */
export type Brand = 'openclaw' | 'clawdbot' | 'moltbot';

export interface BrandNames {
  /** The custom element every release's `index.html` puts in `<body>`. */
  appElement: string;
  /** localStorage: device tokens, `<key>` (one per origin) or `<key>:<gatewayScope>` (8.2+). */
  deviceAuthKey: string;
  /** localStorage: the device's Ed25519 identity, shared by every gateway on the origin. */
  identityKey: string;
  /** localStorage: UI settings; up to 2.26 it held the shared token in `.token`. */
  settingsKey: string;
  /** sessionStorage: the tab's shared gateway token, `<key>:<gatewayScope>` (3.11+). */
  tabTokenKey: string;
}

const names = (brand: Brand): BrandNames => ({
  appElement: `${brand}-app`,
  deviceAuthKey: `${brand}.device.auth.v1`,
  identityKey: `${brand}-device-identity-v1`,
  settingsKey: `${brand}.control.settings.v1`,
  tabTokenKey: `${brand}.control.token.v1`,
});

/** Every brand's names, in the order a page is checked for them (the current brand first). */
export const BRANDS: Readonly<Record<Brand, BrandNames>> = Object.freeze({
  openclaw: names('openclaw'),
  clawdbot: names('clawdbot'),
  moltbot: names('moltbot'),
});

export const BRAND_LIST: readonly Brand[] = Object.freeze(Object.keys(BRANDS) as Brand[]);

/** A brand's names, or null for a value that is not a brand (a page's or a message's string). */
export function brandNames(brand: unknown): BrandNames | null {
  return typeof brand === 'string' && Object.hasOwn(BRANDS, brand) ? BRANDS[brand as Brand] : null;
}
