import type { MessageKey, Translate } from './i18n';
import { isAtLeast, type Release } from './release';

/**
 * Every way the OpenClaw gateway can refuse a dashboard or a CLI, as named by this extension.
 * `device-token-mismatch` is error A and `gateway-token-mismatch` is error B; the rest are the
 * other refusals a gateway can answer (every `details.code` and log `reason=` of the real
 * gateways maps to one of them or is listed as no lock-out: `tests/cli/gateway-codes.test.ts`),
 * so the extension never mistakes them for A or B. Their order here is the order to fix them in.
 */
export type LockoutKind =
  | 'gateway-token-mismatch'
  | 'device-token-mismatch'
  | 'gateway-token-missing'
  | 'gateway-token-not-configured'
  | 'gateway-secret-redacted'
  | 'unauthorized'
  | 'device-token-rejected'
  | 'device-token-scope-mismatch'
  | 'rate-limited'
  | 'password-mismatch'
  | 'password-missing'
  | 'password-not-configured'
  | 'setup-code-invalid'
  | 'pairing-required'
  | 'device-identity-required'
  | 'device-signature'
  | 'origin-not-allowed'
  | 'trusted-proxy'
  | 'tailscale-identity'
  | 'verified-user-required'
  | 'protocol-mismatch'
  | 'build-mismatch'
  | 'gateway-unreachable'
  | 'connect-failed';

/**
 * Whose words a gateway message ends with (reference §3.3): the Control UI's own hint, the CLI's
 * (`set gateway.remote.token to match gateway.auth.token` in remote mode, `use this gateway's
 * gateway.auth.token or pair the device` on the gateway's machine), or another client's
 * (`provide gateway auth token`: apps, node hosts).
 */
export type MessageHint = 'control-ui' | 'cli-remote' | 'cli-local' | 'client';

/** The client the gateway refused, when the text says: the dashboard in a browser, or the `openclaw` CLI. */
export type RefusedClient = 'browser' | 'cli';

export interface Lockout {
  kind: LockoutKind;
  /** Pairing requests name the request to approve; only digits, letters, `-` and `_` are kept. */
  requestId?: string;
  /** What the page said, when its storage shows the lock-out is really `kind` (see `diagnose`). */
  reportedAs?: LockoutKind;
  /** `disconnected (4008): connect failed`: the page closed the socket before the gateway said why. */
  clientClosed?: true;
  /** Whose hint the message carries; another client's hint rules out reading the page's quirks into it. */
  hint?: MessageHint;
  /** Who was refused, when the text says (CLI output, a gateway log's `client=`); absent: the page, or unknown. */
  client?: RefusedClient;
  /**
   * `diagnose` could not tell `kind` from `otherReading` (the release is unknown and the message
   * carries no hint that decides): both are explained, and nothing is cleared automatically.
   */
  uncertain?: true;
  /** With `uncertain`: the other way to read the same words. */
  otherReading?: LockoutKind;
  /**
   * Where the page showed it, when that dates the page: `login-gate` is the login gate of 3.x and
   * later (`.login-gate`, 9.x's `openclaw-login-gate`); up to 2.26 errors show in a pill and callouts.
   */
  shownIn?: 'login-gate';
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
    'gateway-secret-redacted': 'Gateway secret is a redaction placeholder',
    unauthorized: 'Credentials refused',
    'device-token-rejected': 'Device token rejected',
    'device-token-scope-mismatch': 'Device token scope mismatch',
    'rate-limited': 'Too many failed attempts',
    'password-mismatch': 'Gateway password mismatch',
    'password-missing': 'Gateway password missing',
    'password-not-configured': 'Gateway has no password configured',
    'setup-code-invalid': 'Setup code invalid or expired',
    'pairing-required': 'Pairing required',
    'device-identity-required': 'Secure context required',
    'device-signature': 'Device signature refused',
    'origin-not-allowed': 'Origin not allowed',
    'trusted-proxy': 'Proxy sign-in required',
    'tailscale-identity': 'Tailscale identity not verified',
    'verified-user-required': 'Verified identity required',
    'protocol-mismatch': 'Dashboard and gateway versions differ',
    'build-mismatch': 'Gateway updated: reload the page',
    'gateway-unreachable': 'Gateway unreachable',
    'connect-failed': 'Connection failed',
  }),
);

/** A lock-out's name in the UI's language: its message in `locales/<lang>.yml` (`lockout.*`). */
type TitleKey = Extract<MessageKey, `lockout.${string}`>;

/** The message of each lock-out's title; `TITLES` is its English text (the tests and the background's data checks use that one). */
export const TITLE_KEYS: Readonly<Record<LockoutKind, TitleKey>> = Object.freeze({
  'gateway-token-mismatch': 'lockout.gatewayTokenMismatch',
  'device-token-mismatch': 'lockout.deviceTokenMismatch',
  'gateway-token-missing': 'lockout.gatewayTokenMissing',
  'gateway-token-not-configured': 'lockout.gatewayTokenNotConfigured',
  'gateway-secret-redacted': 'lockout.gatewaySecretRedacted',
  unauthorized: 'lockout.unauthorized',
  'device-token-rejected': 'lockout.deviceTokenRejected',
  'device-token-scope-mismatch': 'lockout.deviceTokenScopeMismatch',
  'rate-limited': 'lockout.rateLimited',
  'password-mismatch': 'lockout.passwordMismatch',
  'password-missing': 'lockout.passwordMissing',
  'password-not-configured': 'lockout.passwordNotConfigured',
  'setup-code-invalid': 'lockout.setupCodeInvalid',
  'pairing-required': 'lockout.pairingRequired',
  'device-identity-required': 'lockout.deviceIdentityRequired',
  'device-signature': 'lockout.deviceSignature',
  'origin-not-allowed': 'lockout.originNotAllowed',
  'trusted-proxy': 'lockout.trustedProxy',
  'tailscale-identity': 'lockout.tailscaleIdentity',
  'verified-user-required': 'lockout.verifiedUserRequired',
  'protocol-mismatch': 'lockout.protocolMismatch',
  'build-mismatch': 'lockout.buildMismatch',
  'gateway-unreachable': 'lockout.gatewayUnreachable',
  'connect-failed': 'lockout.connectFailed',
});

/** A lock-out's title in the UI's language (banner heading, badge title, popup). */
export function lockoutTitle(kind: LockoutKind, t: Translate): string {
  return t(TITLE_KEYS[kind]);
}

/** Every kind, in the order to fix them (the order of `TITLES`). */
export const KINDS: readonly LockoutKind[] = Object.freeze(Object.keys(TITLES) as LockoutKind[]);

/** True for the names in `LockoutKind`, and for nothing else (own keys of `TITLES` only). */
export function isLockoutKind(value: unknown): value is LockoutKind {
  return typeof value === 'string' && Object.hasOwn(TITLES, value);
}

/** The title of a lock-out kind, or null for a value that is not one (e.g. from a message or a page). */
export function titleOf(kind: unknown): string | null {
  return isLockoutKind(kind) ? TITLES[kind] : null;
}

/** Negative, zero or positive: `a` is fixed before `b`. */
export function byFixOrder(a: LockoutKind, b: LockoutKind): number {
  return KINDS.indexOf(a) - KINDS.indexOf(b);
}

/** What the page stores for its gateway, as far as telling lock-outs apart needs it. */
export interface StoredFacts {
  deviceTokenStored: boolean;
  sharedTokenHeld: boolean;
}

/** `[from, to)`, as release strings; see `diagnose`. */
type Range = readonly [string, string];
/**
 * Releases whose gateway answers a stale device token with "gateway token mismatch" (reference
 * §1, §2.5): clawdbot and up to 2026.2.12 (no "device token mismatch" message at all), and
 * 2026.2.22 to 2026.3.8 (the UI sends the stored device token as the shared token).
 */
const B_MEANS_A: readonly Range[] = [
  ['2000.1.1', '2026.2.13'],
  ['2026.2.22', '2026.3.9'],
];
/** 2026.2.17 to 2026.2.21 answer a *wrong shared token* with "device token mismatch" (fixed in 2.22). */
const A_MEANS_B: readonly Range[] = [['2026.2.17', '2026.2.22']];
/**
 * Up to 2026.2.21 every failed connect may show as `disconnected (4008): connect failed`: the
 * page closes its side before the gateway's reason arrives (seen on 1.30 and 2.19; 2.26 keeps
 * the gateway's message and shows it).
 */
const CLIENT_CLOSE_ONLY: readonly Range[] = [['2000.1.1', '2026.2.22']];

/** True, false, or null when the release is unknown. */
function inRanges(release: Release | null, ranges: readonly Range[]): boolean | null {
  if (!release) return null;
  return ranges.some(([from, to]) => isAtLeast(release, from, false) && !isAtLeast(release, to, false));
}

/** A hint that is not the Control UI's: the message was written for another client, so no page quirk applies. */
const isOtherClientHint = (hint: MessageHint | undefined) => hint === 'cli-remote' || hint === 'cli-local' || hint === 'client';

/**
 * Reads what the page says in the light of its release and what it stores, both ways:
 *
 * - "gateway token mismatch" with a device token stored and no gateway token in the tab is a
 *   stale device token (A) on releases up to 2026.2.12 and from 2026.2.22 to 2026.3.8, which
 *   answer A that way (the page sent only its device token). A known release outside those
 *   ranges, or a hint written for another client (the CLI's, an app's), means what it says. On a
 *   page whose release is unknown, the Control UI's own hint decides for A; without a hint (cut,
 *   or the generic text of 3.7 and later) both are explained and the reading is `uncertain`, so
 *   nothing is cleared automatically.
 * - "device token mismatch" with no device token stored is a wrong gateway token (B) on 2026.2.17
 *   to 2026.2.21; on an unknown release it is A (the dashboard dropped the token itself, 4.27 and
 *   later) or that B, and the next step is the same; shown in a login gate (3.x and later) it is A.
 * - Up to 2026.2.21, `disconnected (4008): connect failed` with a device token stored is A: those
 *   releases send a stored device token before the shared one.
 * - "Connection failed" names no cause: it is dropped when another lock-out is shown.
 */
export function diagnose(lockouts: readonly Lockout[], stored: StoredFacts, release: Release | null = null): Lockout[] {
  let out = lockouts.length > 1 && lockouts.some((l) => l.kind !== 'connect-failed') ? lockouts.filter((l) => l.kind !== 'connect-failed') : [...lockouts];
  const has = (kind: LockoutKind) => out.some((l) => l.kind === kind);

  if (!stored.deviceTokenStored && has('device-token-mismatch') && !has('gateway-token-mismatch')) {
    const aMeansB = inRanges(release, A_MEANS_B);
    out = out.map((l): Lockout => {
      if (l.kind !== 'device-token-mismatch' || l.client === 'cli') return l;
      if (aMeansB === true) return { ...l, kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' };
      // A login gate dates the page to 3.x or later, after the 2.17–2.21 bug.
      if (aMeansB === null && l.shownIn !== 'login-gate') return { ...l, uncertain: true, otherReading: 'gateway-token-mismatch' };
      return l;
    });
  }

  if (stored.deviceTokenStored && !stored.sharedTokenHeld && has('gateway-token-mismatch') && !has('device-token-mismatch')) {
    const bMeansA = inRanges(release, B_MEANS_A);
    out = out.map((l): Lockout => {
      if (l.kind !== 'gateway-token-mismatch' || l.client === 'cli' || isOtherClientHint(l.hint) || bMeansA === false) return l;
      const a: Lockout = { ...l, kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' };
      return bMeansA === null && l.hint !== 'control-ui' ? { ...a, uncertain: true, otherReading: 'gateway-token-mismatch' } : a;
    });
  }

  if (stored.deviceTokenStored && out.length === 1 && out[0]!.kind === 'connect-failed' && out[0]!.clientClosed && inRanges(release, CLIENT_CLOSE_ONLY) !== false) {
    return [{ kind: 'device-token-mismatch', reportedAs: 'connect-failed' }];
  }
  return out;
}
