import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error';
import type { LockoutKind } from './lockout';

const CONTROL_UI_HINT = 'open the dashboard URL and paste the token in Control UI settings';
const OLD_HINT = 'open a tokenized dashboard URL or paste token in Control UI settings';
/** The gateway cuts the close reason to 120 bytes. */
const cut = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text).slice(0, 120));

// Every message in ../shared/openclaw-reference.md §3, in each form a page or terminal shows it.
const CASES: [string, LockoutKind[]][] = [
  ['unauthorized: device token mismatch (rotate/reissue device token)', ['device-token-mismatch']],
  ['disconnected (1008): unauthorized: device token mismatch (rotate/reissue device token)', ['device-token-mismatch']],
  ['gateway closed (1008): unauthorized: device token mismatch (rotate/reissue device token)', ['device-token-mismatch']],
  [`unauthorized: gateway token mismatch (${CONTROL_UI_HINT})`, ['gateway-token-mismatch']],
  [`disconnected (1008): unauthorized: gateway token mismatch (${OLD_HINT})`, ['gateway-token-mismatch']],
  [cut(`disconnected (1008): unauthorized: gateway token mismatch (${CONTROL_UI_HINT})`), ['gateway-token-mismatch']],
  ['gateway closed (1008): unauthorized: gateway token mismatch (provide gateway auth token)', ['gateway-token-mismatch']],
  ['gateway token mismatch', ['gateway-token-mismatch']],
  [`unauthorized: gateway token missing (${CONTROL_UI_HINT})`, ['gateway-token-missing']],
  [
    'unauthorized: gateway token missing (paste in Control UI settings or openclaw doctor --generate-gateway-token; restart)',
    ['gateway-token-missing'],
  ],
  ['unauthorized: gateway token not configured on gateway (set gateway.auth.token)', ['gateway-token-not-configured']],
  ['unauthorized: device token rejected (pair/repair this device, or provide gateway token)', ['device-token-rejected']],
  ['unauthorized: device token scope mismatch (re-pair or approve scope upgrade)', ['device-token-scope-mismatch']],
  ['unauthorized: too many failed authentication attempts (retry later)', ['rate-limited']],
  ['too many failed authentication attempts', ['rate-limited']],
  ['unauthorized: gateway password mismatch (enter the password in Control UI settings)', ['password-mismatch']],
  ['unauthorized: gateway password missing (enter the password in Control UI settings)', ['password-missing']],
  ['unauthorized: gateway password not configured on gateway (set gateway.auth.password)', ['password-not-configured']],
  ['unauthorized: bootstrap token invalid or expired (scan a fresh setup code)', ['setup-code-invalid']],
  [
    'unauthorized: setup code invalid, expired, revoked, or already used (create a new code; review `openclaw devices list`)',
    ['setup-code-invalid'],
  ],
  ['pairing required', ['pairing-required']],
  ['gateway pairing required', ['pairing-required']],
  ['device pairing required (requestId: 3f2a9c1e-77b0)', ['pairing-required']],
  ['disconnected (1008): pairing required: device is not approved yet (requestId: abc123DEF)', ['pairing-required']],
  ['control ui requires device identity (use HTTPS or localhost secure context)', ['device-identity-required']],
  ['control ui requires HTTPS or localhost (secure context)', ['device-identity-required']],
  ['device identity required (use HTTPS/localhost or allow insecure auth explicitly)', ['device-identity-required']],
  [
    'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)',
    ['origin-not-allowed'],
  ],
  ['protocol mismatch', ['protocol-mismatch']],
  ['protocol mismatch: Control UI updated; reload this page to continue', ['protocol-mismatch']],
  ['disconnected (4008): connect failed', ['connect-failed']],
  ['gateway connect failed', ['connect-failed']],
  // The frames' codes, as pasted from DevTools or a log.
  ['"details":{"code":"AUTH_DEVICE_TOKEN_MISMATCH","authReason":"device_token_mismatch"}', ['device-token-mismatch']],
  ['{"code":"AUTH_TOKEN_MISMATCH","authReason":"token_mismatch"}', ['gateway-token-mismatch']],
  ['AUTH_RATE_LIMITED retryAfterMs=30000', ['rate-limited']],
  // Both at once: B is listed first because it is fixed first.
  [
    'unauthorized: device token mismatch (rotate/reissue device token)\nunauthorized: gateway token mismatch (provide gateway auth token)',
    ['gateway-token-mismatch', 'device-token-mismatch'],
  ],
  // Line breaks and odd case from a copied terminal.
  ['Unauthorized: Device   token\n mismatch', ['device-token-mismatch']],
];

const NOT_ERRORS = [
  '',
  'OpenClaw Control',
  'Connected to ws://127.0.0.1:18789',
  'Update available: 2026.9.6',
  'disconnected (1006): ',
  'Connection to the Gateway was interrupted. Check your connection and try again. (WebSocket 1006)',
  'token',
];

describe('classifyError', () => {
  it.each(CASES)('%s', (text, kinds) => {
    expect(classifyError(text).map((l) => l.kind)).toEqual(kinds);
  });

  it.each(NOT_ERRORS)('finds nothing in %j', (text) => {
    expect(classifyError(text)).toEqual([]);
  });

  it('keeps the pairing request id verbatim', () => {
    expect(classifyError('device pairing required (requestId: AbC-123_x)')[0]?.requestId).toBe('AbC-123_x');
    expect(classifyError('pairing required')[0]?.requestId).toBeUndefined();
  });

  it('marks the ≤2026.1.30 client-closed form', () => {
    expect(classifyError('disconnected (4008): connect failed')).toEqual([{ kind: 'connect-failed', clientClosed: true }]);
    expect(classifyError('gateway connect failed')).toEqual([{ kind: 'connect-failed' }]);
  });

  it('never throws on input that is not a string', () => {
    for (const bad of [undefined, null, 42, {}, []]) expect(classifyError(bad as unknown as string)).toEqual([]);
  });

  it('handles a huge text', () => {
    const text = `${'x'.repeat(2_000_000)} unauthorized: device token mismatch`;
    expect(classifyError(text).map((l) => l.kind)).toEqual(['device-token-mismatch']);
  });
});
