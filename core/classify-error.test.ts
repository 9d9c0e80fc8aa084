import { describe, expect, it } from 'vitest';
import { CLASSIFY_RULES, classifyError, classifyFailureKind, MAX_ERROR_TEXT_LENGTH, MAY_BE_LOCKOUT } from './classify-error';
import { isLockoutKind, TITLES, titleOf, type LockoutKind } from './lockout';

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
  // 9.x's stale page after an update: a build mismatch, not also a protocol mismatch.
  ['protocol mismatch: Control UI updated; reload this page to continue', ['build-mismatch']],
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
    const text = `unauthorized: device token mismatch ${'x'.repeat(2_000_000)}`;
    expect(classifyError(text).map((l) => l.kind)).toEqual(['device-token-mismatch']);
  });
});

/** Names that every plain object answers through its prototype. */
const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

describe('prototype keys', () => {
  it.each(PROTOTYPE_KEYS)('classifyFailureKind(%j) names no lock-out', (name) => {
    expect(classifyFailureKind(name)).toEqual([]);
  });

  it('still reads the 9.x data-kind values', () => {
    expect(classifyFailureKind('auth-rate-limited')).toEqual([{ kind: 'rate-limited' }]);
    expect(classifyFailureKind('build-mismatch')).toEqual([{ kind: 'build-mismatch' }]);
    expect(classifyFailureKind('auth-required')).toEqual([]);
    expect(classifyFailureKind(null)).toEqual([]);
    expect(classifyFailureKind(`auth-rate-limited${' '.repeat(1_000_000)}`)).toEqual([]);
  });

  it.each(PROTOTYPE_KEYS)('TITLES and titleOf know no kind %j', (name) => {
    expect(isLockoutKind(name)).toBe(false);
    expect(titleOf(name)).toBeNull();
    expect((TITLES as Record<string, string | undefined>)[name]).toBeUndefined();
  });

  it('titleOf names every real kind', () => {
    for (const { kind } of CLASSIFY_RULES) expect(titleOf(kind)).toBe(TITLES[kind]);
  });
});

/** Every way a page or terminal may put white space between two words of a message. */
const WHITE_SPACE = [' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u202f', '\u2007', ' \n ', '\u3000'];

describe('missed phrases', () => {
  const phrases = CLASSIFY_RULES.flatMap(({ kind, phrases }) => phrases.map((phrase) => [kind, phrase] as const));
  const codes = CLASSIFY_RULES.flatMap(({ kind, codes, wholeCodes }) => [...codes, ...wholeCodes].map((code) => [kind, code] as const));

  it.each(phrases)('%s: "%s" passes the pre-filter and classifies with any white space between its words', (kind, phrase) => {
    for (const space of WHITE_SPACE) {
      for (const text of [phrase.replaceAll(' ', space), phrase.toUpperCase().replaceAll(' ', space)]) {
        expect(MAY_BE_LOCKOUT.test(text), JSON.stringify(text)).toBe(true);
        expect(classifyError(`unauthorized: ${text} (hint)`).map((l) => l.kind), JSON.stringify(text)).toContain(kind);
      }
    }
  });

  it.each(phrases)('%s: "%s" has a word the pre-filter passes on its own (a message split over text nodes)', (_kind, phrase) => {
    expect(phrase.split(' ').some((word) => MAY_BE_LOCKOUT.test(word))).toBe(true);
  });

  it.each(codes)('%s: code %s passes the pre-filter and classifies', (kind, code) => {
    expect(MAY_BE_LOCKOUT.test(code.toUpperCase())).toBe(true);
    expect(classifyError(`{"code":"${code.toUpperCase()}"}`).map((l) => l.kind)).toContain(kind);
  });

  it.each([
    ['gateway token\nmismatch', 'gateway-token-mismatch'],
    ['device\u00a0token mismatch', 'device-token-mismatch'],
    ['gateway password missing', 'password-missing'],
    ['gateway token\nmissing', 'gateway-token-missing'],
    ['pairing\u00a0required', 'pairing-required'],
    ['too many failed\nauthentication attempts', 'rate-limited'],
    ['origin\u202fnot allowed', 'origin-not-allowed'],
    ['disconnected (4008):\u00a0connect\tfailed', 'connect-failed'],
    ['requires https or\nlocalhost', 'device-identity-required'],
  ] as const)('finds %j', (text, kind) => {
    expect(classifyError(text).map((l) => l.kind)).toEqual([kind]);
  });
});

/** Milliseconds `run` takes; the bounds below are generous, linear code takes a few. */
function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('quadratic time on page strings', () => {
  const MB = 1_000_000;
  it.each([
    ['a run of spaces after requestId', `pairing required requestId${' '.repeat(MB)}:${' '.repeat(MB)}x`],
    ['requestId repeated', `pairing required ${'requestId: '.repeat(MB / 10)}`],
    ['a long request id', `pairing required (requestId: ${'a'.repeat(MB)}`],
    ['code-like words', `pairing required ${'token_mismatch_'.repeat(MB / 15)}`],
    ['white space', `device token${' \n\u00a0'.repeat(MB)}mismatch`],
    ['1 MB of ?\\n', `pairing required ${'?\n'.repeat(MB / 2)}`],
    ['a log line with a 1 MB connection id', `unauthorized conn=${'x'.repeat(MB)} reason=token_mismatch`],
    ['log lines with long ids, repeated', `${'unauthorized conn=' + 'y'.repeat(5_000) + ' '}`.repeat(12)],
    ['a bare refusal behind a 1 MB prefix', `${'e'.repeat(MB)}: unauthorized`],
  ])('%s completes well under 200 ms', (_name, text) => {
    expect(timed(() => classifyError(text))).toBeLessThan(200);
  });

  it(`reads at most ${MAX_ERROR_TEXT_LENGTH} characters`, () => {
    const filler = 'x'.repeat(MAX_ERROR_TEXT_LENGTH);
    expect(classifyError(`${filler} unauthorized: device token mismatch`)).toEqual([]);
    expect(classifyError(`${filler.slice(40)}unauthorized: device token mismatch`).map((l) => l.kind)).toEqual(['device-token-mismatch']);
  });

  it('keeps only a request id of plausible length', () => {
    expect(classifyError(`pairing required (requestId: ${'a'.repeat(129)})`)[0]?.requestId).toBeUndefined();
    expect(classifyError(`pairing required (requestId: ${'a'.repeat(128)})`)[0]?.requestId).toBe('a'.repeat(128));
  });
});
