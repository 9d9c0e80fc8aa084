import type { Lockout, LockoutKind } from './lockout';

interface Rule {
  kind: LockoutKind;
  /** Matched against lower-cased text with white space folded. */
  pattern: RegExp;
}

/**
 * One rule per lock-out. Patterns are short substrings of the gateway's messages because
 * the close reason is cut at 120 bytes and each release words its hint differently; the
 * `details.code` / `authReason` forms let pasted log lines and JSON frames match too.
 * Order matters only for the output: B comes before A because B must be fixed first.
 */
const RULES: readonly Rule[] = [
  { kind: 'gateway-token-mismatch', pattern: /gateway token mismatch|\bauth_token_mismatch\b|\btoken_mismatch\b/ },
  { kind: 'device-token-mismatch', pattern: /device token mismatch|auth_device_token_mismatch|device_token_mismatch/ },
  { kind: 'gateway-token-missing', pattern: /gateway token missing|auth_token_missing/ },
  { kind: 'gateway-token-not-configured', pattern: /gateway token not configured|auth_token_not_configured/ },
  { kind: 'device-token-rejected', pattern: /device token rejected/ },
  { kind: 'device-token-scope-mismatch', pattern: /device token scope mismatch|auth_scope_mismatch/ },
  { kind: 'rate-limited', pattern: /too many failed authentication attempts|auth_rate_limited/ },
  { kind: 'password-mismatch', pattern: /gateway password mismatch|auth_password_mismatch/ },
  { kind: 'password-missing', pattern: /gateway password missing|auth_password_missing/ },
  { kind: 'password-not-configured', pattern: /password not configured on gateway|auth_password_not_configured/ },
  { kind: 'setup-code-invalid', pattern: /bootstrap token invalid|setup code invalid|auth_bootstrap_token_invalid/ },
  { kind: 'pairing-required', pattern: /pairing required|\bnot_paired\b|pairing_required/ },
  {
    kind: 'device-identity-required',
    pattern: /requires device identity|device identity required|requires https or localhost|device_identity_required/,
  },
  { kind: 'origin-not-allowed', pattern: /origin not allowed|origin_not_allowed/ },
  { kind: 'protocol-mismatch', pattern: /protocol mismatch|protocol_mismatch|build mismatch|build_mismatch/ },
  { kind: 'connect-failed', pattern: /disconnected \(4008\): connect failed|gateway connect failed/ },
];

/**
 * A cheap first look for the content script's hot path: a text that fails this test
 * cannot classify as anything, so the full rule table is skipped.
 */
export const MAY_BE_LOCKOUT =
  /mismatch|unauthori[sz]ed|token missing|not configured|rejected|too many failed|pairing required|device identity|https or localhost|not allowed|connect failed|setup code|bootstrap token|auth_|_mismatch|not_paired/i;

const CLIENT_CLOSED = /disconnected \(4008\): connect failed/;
const REQUEST_ID = /requestId["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{4,})/i;

/**
 * Names every lock-out in a text: a page's error callout, a close reason, a CLI line,
 * or anything a user pasted. Pure and total: any string in, a (possibly empty) list out.
 */
export function classifyError(text: string): Lockout[] {
  if (typeof text !== 'string' || !MAY_BE_LOCKOUT.test(text)) return [];
  const folded = text.toLowerCase().replace(/\s+/g, ' ');
  const found: Lockout[] = [];
  for (const rule of RULES) {
    if (!rule.pattern.test(folded)) continue;
    const lockout: Lockout = { kind: rule.kind };
    // Releases up to 2026.1.30 close the socket themselves on any failed connect and show only this.
    if (rule.kind === 'connect-failed' && CLIENT_CLOSED.test(folded)) lockout.clientClosed = true;
    if (rule.kind === 'pairing-required') {
      // Read from the original text: `openclaw devices approve` wants the id's exact case.
      const requestId = REQUEST_ID.exec(text)?.[1];
      if (requestId) lockout.requestId = requestId;
    }
    found.push(lockout);
  }
  return found;
}

/** What 9.x's login gate says in `data-kind` (never localized), for the kinds its raw text may not name. */
const FAILURE_KINDS: Record<string, LockoutKind> = {
  'pairing-required': 'pairing-required',
  'auth-rate-limited': 'rate-limited',
  'insecure-context': 'device-identity-required',
  'origin-not-allowed': 'origin-not-allowed',
  'protocol-mismatch': 'protocol-mismatch',
  'build-mismatch': 'protocol-mismatch',
};

export function classifyFailureKind(dataKind: string | null): Lockout[] {
  const kind = dataKind ? FAILURE_KINDS[dataKind] : undefined;
  return kind ? [{ kind }] : [];
}
