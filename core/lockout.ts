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
}

/** A and B are the two errors this extension exists for; the banner leads with them. */
export const isTokenMismatch = (kind: LockoutKind): boolean =>
  kind === 'device-token-mismatch' || kind === 'gateway-token-mismatch';
