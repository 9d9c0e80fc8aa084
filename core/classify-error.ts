import type { Lockout, LockoutKind } from './lockout';

/**
 * How much of a text is read, in UTF-16 code units (64 Ki). A Control UI error element holds
 * well under 4 KB (the gateway's messages are at most ~200 characters, the close reason is cut
 * at 120 bytes: reference §3.1), so this is generous; it bounds the work a page can cause with
 * a huge text node, since this runs on every DOM text change. A longer text is read from its start.
 */
export const MAX_ERROR_TEXT_LENGTH = 64 * 1024;

/** One lock-out and the words that name it. */
export interface ClassifyRule {
  kind: LockoutKind;
  /**
   * Words of the gateway's or the UI's message, lower case, one space between words. They match
   * with any run of white space between them (a line break or a no-break space a page wraps with).
   */
  phrases: readonly string[];
  /** `details.code` / `authReason` spellings, lower case, matched anywhere. */
  codes: readonly string[];
  /** Codes that must stand alone (no letter, digit or `_` either side) because they hide inside longer codes. */
  wholeCodes: readonly string[];
}

const rule = (kind: LockoutKind, phrases: string[], codes: string[] = [], wholeCodes: string[] = []): ClassifyRule => ({
  kind,
  phrases,
  codes,
  wholeCodes,
});

/**
 * One rule per lock-out (messages from reference §3.3). Phrases are short substrings of the
 * gateway's messages because the close reason is cut at 120 bytes and each release words its
 * hint differently; the `details.code` / `authReason` forms let pasted log lines and JSON frames
 * match too. Order matters only for the output: B comes before A because B must be fixed first.
 * Exported so the tests can hold `MAY_BE_LOCKOUT` to every phrase.
 */
export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  // `token_mismatch` alone is B's authReason; it also ends A's `device_token_mismatch`, hence whole.
  rule('gateway-token-mismatch', ['gateway token mismatch'], [], ['auth_token_mismatch', 'token_mismatch']),
  rule('device-token-mismatch', ['device token mismatch'], ['auth_device_token_mismatch', 'device_token_mismatch']),
  rule('gateway-token-missing', ['gateway token missing'], ['auth_token_missing']),
  rule('gateway-token-not-configured', ['gateway token not configured'], ['auth_token_not_configured']),
  rule('device-token-rejected', ['device token rejected']),
  rule('device-token-scope-mismatch', ['device token scope mismatch'], ['auth_scope_mismatch']),
  rule('rate-limited', ['too many failed authentication attempts'], ['auth_rate_limited']),
  rule('password-mismatch', ['gateway password mismatch'], ['auth_password_mismatch']),
  rule('password-missing', ['gateway password missing'], ['auth_password_missing']),
  rule('password-not-configured', ['password not configured on gateway'], ['auth_password_not_configured']),
  rule('setup-code-invalid', ['bootstrap token invalid', 'setup code invalid'], ['auth_bootstrap_token_invalid']),
  rule('pairing-required', ['pairing required'], ['pairing_required'], ['not_paired']),
  rule(
    'device-identity-required',
    ['requires device identity', 'device identity required', 'requires https or localhost'],
    ['device_identity_required'],
  ),
  rule('origin-not-allowed', ['origin not allowed'], ['origin_not_allowed']),
  rule('protocol-mismatch', ['protocol mismatch', 'build mismatch'], ['protocol_mismatch', 'build_mismatch']),
  rule('connect-failed', ['disconnected (4008): connect failed', 'gateway connect failed']),
];

/**
 * A cheap first look for the content script's hot path (every DOM text change): a text that
 * fails this test cannot classify as anything, so the rule table is skipped. It holds single
 * words only, so it passes whatever white space a page wraps a message with and whichever text
 * node of a split message it is given; every phrase and code of `CLASSIFY_RULES` contains one of
 * them (a test checks this, so the two cannot drift apart).
 */
export const MAY_BE_LOCKOUT =
  /mismatch|missing|configured|rejected|authentication|invalid|pairing|identity|localhost|allowed|failed|auth_|not_paired/i;

const CLIENT_CLOSED = 'disconnected (4008): connect failed';
/** 9.x: `device pairing required (requestId: <id>)`; ids are UUIDs, so 128 characters is plenty. */
const REQUEST_ID = /requestId["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{4,128})(?![A-Za-z0-9_-])/i;

/**
 * Names every lock-out in a text: a page's error callout, a close reason, a CLI line,
 * or anything a user pasted. Pure and total: any value in, a (possibly empty) list out.
 * Reads at most the first `MAX_ERROR_TEXT_LENGTH` characters; time is linear in that.
 */
export function classifyError(text: string): Lockout[] {
  if (typeof text !== 'string') return [];
  const head = text.length > MAX_ERROR_TEXT_LENGTH ? text.slice(0, MAX_ERROR_TEXT_LENGTH) : text;
  if (!MAY_BE_LOCKOUT.test(head)) return [];
  // JS `\s` covers tabs, line breaks, U+00A0, U+2007, U+202F and the other Unicode spaces.
  const folded = head.toLowerCase().replace(/\s+/g, ' ');
  const found: Lockout[] = [];
  for (const { kind, phrases, codes, wholeCodes } of CLASSIFY_RULES) {
    const matches =
      phrases.some((phrase) => folded.includes(phrase)) ||
      codes.some((code) => folded.includes(code)) ||
      wholeCodes.some((code) => includesWhole(folded, code));
    if (!matches) continue;
    const lockout: Lockout = { kind };
    // Releases up to 2026.1.30 close the socket themselves on any failed connect and show only this.
    if (kind === 'connect-failed' && folded.includes(CLIENT_CLOSED)) lockout.clientClosed = true;
    if (kind === 'pairing-required') {
      // Read from the original text: `openclaw devices approve` wants the id's exact case.
      const requestId = REQUEST_ID.exec(head)?.[1];
      if (requestId) lockout.requestId = requestId;
    }
    found.push(lockout);
  }
  return found;
}

/** `needle` somewhere in `text` with no word character (`[A-Za-z0-9_]`) either side; linear. */
function includesWhole(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + needle.length))) return true;
  }
  return false;
}

function isWordChar(code: number): boolean {
  // NaN (outside the string) is not a word character.
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * What 9.x's login gate says in `data-kind` (never localized: reference §4), for the kinds its
 * raw text may not name. A `Map`, because the name comes from the page: a plain object would
 * answer `constructor` or `__proto__` with a prototype member.
 */
const FAILURE_KINDS: ReadonlyMap<string, LockoutKind> = new Map<string, LockoutKind>([
  ['pairing-required', 'pairing-required'],
  ['auth-rate-limited', 'rate-limited'],
  ['insecure-context', 'device-identity-required'],
  ['origin-not-allowed', 'origin-not-allowed'],
  ['protocol-mismatch', 'protocol-mismatch'],
  ['build-mismatch', 'protocol-mismatch'],
]);

/**
 * The lock-out a 9.x login gate's `data-kind` attribute names (e.g. `auth-rate-limited` →
 * `rate-limited`), or nothing for kinds the raw text names better and for anything unknown.
 */
export function classifyFailureKind(dataKind: string | null): Lockout[] {
  // The longest real value is 22 characters; a longer one is not worth hashing.
  const kind = typeof dataKind === 'string' && dataKind.length <= 64 ? FAILURE_KINDS.get(dataKind) : undefined;
  return kind ? [{ kind }] : [];
}
