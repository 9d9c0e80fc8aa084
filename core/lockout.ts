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

/** The name each lock-out goes by in the banner, the badge title and the popup. */
export const TITLES: Record<LockoutKind, string> = {
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
};
