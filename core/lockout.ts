import { isAtLeast, type Release } from './release';

/**
 * Every way the OpenClaw dashboard can lock a browser out, as named by this extension.
 * `device-token-mismatch` is error A and `gateway-token-mismatch` is error B; the rest
 * are the other lock-outs a Control UI can show, so the extension never mistakes them for A or B.
 */
export type LockoutKind =
  | 'gateway-token-mismatch'
  | 'device-token-mismatch'
  | 'gateway-token-missing'
  | 'gateway-token-not-configured'
  | 'device-token-rejected'
  | 'device-token-scope-mismatch'
  | 'rate-limited'
  | 'password-mismatch'
  | 'password-missing'
  | 'password-not-configured'
  | 'setup-code-invalid'
  | 'pairing-required'
  | 'device-identity-required'
  | 'origin-not-allowed'
  | 'protocol-mismatch'
  | 'connect-failed';

export interface Lockout {
  kind: LockoutKind;
  /** Pairing requests name the request to approve; only digits, letters, `-` and `_` are kept. */
  requestId?: string;
  /** What the page said, when its storage shows the lock-out is really `kind` (see `diagnose`). */
  reportedAs?: LockoutKind;
  /** `disconnected (4008): connect failed`: the page closed the socket before the gateway said why. */
  clientClosed?: true;
}

/**
 * The name each lock-out goes by in the banner, the badge title and the popup. It has no
 * prototype, so a kind that is not one (`constructor`, `toString`, `__proto__`…) looks up as
 * `undefined` rather than as an `Object.prototype` member; use `titleOf` for any kind that did
 * not come from this extension's own classifier.
 */
export const TITLES: Readonly<Record<LockoutKind, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<LockoutKind, string>, {
    'gateway-token-mismatch': 'Gateway token mismatch',
    'device-token-mismatch': 'Device token mismatch',
    'gateway-token-missing': 'Gateway token missing',
    'gateway-token-not-configured': 'Gateway has no token configured',
    'device-token-rejected': 'Device token rejected',
    'device-token-scope-mismatch': 'Device token scope mismatch',
    'rate-limited': 'Too many failed attempts',
    'password-mismatch': 'Gateway password mismatch',
    'password-missing': 'Gateway password missing',
    'password-not-configured': 'Gateway has no password configured',
    'setup-code-invalid': 'Setup code invalid or expired',
    'pairing-required': 'Pairing required',
    'device-identity-required': 'Secure context required',
    'origin-not-allowed': 'Origin not allowed',
    'protocol-mismatch': 'Dashboard and gateway versions differ',
    'connect-failed': 'Connection failed',
  }),
);

/** True for the names in `LockoutKind`, and for nothing else (own keys of `TITLES` only). */
export function isLockoutKind(value: unknown): value is LockoutKind {
  return typeof value === 'string' && Object.hasOwn(TITLES, value);
}

/** The title of a lock-out kind, or null for a value that is not one (e.g. from a message or a page). */
export function titleOf(kind: unknown): string | null {
  return isLockoutKind(kind) ? TITLES[kind] : null;
}

/** What the page stores for its gateway, as far as telling lock-outs apart needs it. */
export interface StoredFacts {
  deviceTokenStored: boolean;
  sharedTokenHeld: boolean;
}

/**
 * Reads what the page says in the light of what it stores. Builds 2026.2.22 to 2026.3.6 send a
 * stored device token as the shared token when the tab holds none, so the gateway answers
 * "gateway token mismatch" for a stale device token. Releases up to 2026.1.30 show every failed
 * connect as "disconnected (4008): connect failed", and they send a stored device token in
 * preference to the shared one: with a device token stored, the token they refused is that one.
 */
export function diagnose(lockouts: readonly Lockout[], stored: StoredFacts, release: Release | null = null): Lockout[] {
  const kinds = new Set(lockouts.map((lockout) => lockout.kind));
  if (!stored.deviceTokenStored || kinds.has('device-token-mismatch')) return [...lockouts];
  // A known release outside those ranges means what it says (9.x, for one, keeps no wrong token).
  const within = (from: string, to: string) => !release || (isAtLeast(release, from, true) && !isAtLeast(release, to, false));
  if (kinds.has('gateway-token-mismatch') && !stored.sharedTokenHeld && within('2026.2.22', '2026.3.7')) {
    return lockouts.map((lockout) =>
      lockout.kind === 'gateway-token-mismatch' ? { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' } : lockout,
    );
  }
  if (kinds.size === 1 && lockouts[0]!.kind === 'connect-failed' && lockouts[0]!.clientClosed && within('2000.1.1', '2026.2.1')) {
    return [{ kind: 'device-token-mismatch', reportedAs: 'connect-failed' }];
  }
  return [...lockouts];
}
