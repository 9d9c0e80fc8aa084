import type { Lockout, LockoutKind, MessageHint } from './lockout';

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
 * One rule per lock-out (messages from reference §3.3 and the real gateways' code). Phrases are
 * short substrings of the gateway's messages because the close reason is cut at 120 bytes and
 * each release words its hint differently; the `details.code` / `authReason` forms (upper-case
 * codes, lower-case reasons, the device-auth `details.reason`s) let pasted log lines and JSON
 * frames match too. Every code and reason the real gateways use is held to these rules by
 * `tests/cli/gateway-codes.test.ts`. Order matters only for the output, which follows `TITLES`.
 * Exported so the tests can hold `MAY_BE_LOCKOUT` to every phrase.
 */
export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  // `token_mismatch` alone is B's authReason; it also ends A's `device_token_mismatch`, hence whole.
  rule('gateway-token-mismatch', ['gateway token mismatch'], [], ['auth_token_mismatch', 'token_mismatch']),
  rule('device-token-mismatch', ['device token mismatch'], ['auth_device_token_mismatch', 'device_token_mismatch']),
  rule('gateway-token-missing', ['gateway token missing'], ['auth_token_missing'], ['token_missing']),
  // `gateway_auth_required`: 9.x refuses a gateway with no auth at all behind Tailscale Funnel.
  rule('gateway-token-not-configured', ['gateway token not configured'], ['auth_token_not_configured', 'token_missing_config', 'gateway_auth_required']),
  rule('gateway-secret-redacted', ['redaction sentinel'], ['token_redacted_config', 'password_redacted_config']),
  // The bare `unauthorized` message has its own test (see `isBareUnauthorized`); these are its codes.
  rule('unauthorized', ['gateway auth failed'], [], ['auth_unauthorized', 'auth_required', 'reason=unauthorized', '"authreason":"unauthorized"']),
  rule('device-token-rejected', ['device token rejected']),
  rule('device-token-scope-mismatch', ['device token scope mismatch'], ['auth_scope_mismatch'], ['scope_mismatch']),
  rule('rate-limited', ['too many failed authentication attempts'], ['auth_rate_limited'], ['rate_limited']),
  rule('password-mismatch', ['gateway password mismatch'], ['auth_password_mismatch'], ['password_mismatch']),
  rule('password-missing', ['gateway password missing'], ['auth_password_missing'], ['password_missing']),
  rule('password-not-configured', ['password not configured on gateway'], ['auth_password_not_configured', 'password_missing_config']),
  rule('setup-code-invalid', ['bootstrap token invalid', 'setup code invalid'], ['auth_bootstrap_token_invalid', 'bootstrap_token_invalid']),
  // 4.24 and later also word pairing as "scope upgrade pending approval" and the like.
  rule('pairing-required', ['pairing required', 'upgrade pending approval', 'change pending approval'], ['pairing_required'], ['not_paired']),
  rule(
    'device-identity-required',
    ['requires device identity', 'device identity required', 'requires https or localhost'],
    ['device_identity_required'],
  ),
  rule(
    'device-signature',
    ['device signature invalid', 'device signature expired', 'device nonce required', 'device nonce mismatch', 'device identity mismatch', 'device public key invalid'],
    ['device_auth_', 'device-signature', 'device-nonce-', 'device-id-mismatch', 'device-public-key', 'device-auth-invalid'],
  ),
  rule('origin-not-allowed', ['origin not allowed'], ['origin_not_allowed']),
  rule(
    'trusted-proxy',
    ['proxy client attribution is required', 'trusted-proxy identity-header'],
    ['trusted_proxy_', 'auth_identity_header_required', 'proxy_attribution_required'],
  ),
  rule('tailscale-identity', ['tailscale identity', 'tailscale proxy headers'], ['auth_tailscale_', 'tailscale_user_', 'tailscale_proxy_', 'tailscale_whois_']),
  rule('verified-user-required', ['verified user identity'], ['auth_verified_user_required']),
  rule('protocol-mismatch', ['protocol mismatch'], ['protocol_mismatch']),
  // 9.x: `protocol mismatch: Control UI updated; reload this page to continue` is a stale page.
  rule('build-mismatch', ['control ui updated', 'build mismatch'], ['build_mismatch']),
  // The CLI's words when nothing answers (`gateway closed (1006 abnormal closure …)`).
  rule('gateway-unreachable', ['abnormal closure', 'econnrefused', 'gateway timeout after']),
  // `gateway connect failed: …` is the CLI's prefix and 3.7+'s generic text: a cause only when nothing else is named.
  rule('connect-failed', ['disconnected (4008): connect failed', 'gateway connect failed']),
];

/**
 * A cheap first look for the content script's hot path (every DOM text change): a text that
 * fails this test cannot classify as anything, so the rule table is skipped. It holds single
 * words only, so it passes whatever white space a page wraps a message with and whichever text
 * node of a split message it is given; every phrase and code of `CLASSIFY_RULES` contains one of
 * them, and so does the bare `unauthorized` (tests check this, so the two cannot drift apart).
 */
export const MAY_BE_LOCKOUT =
  /mismatch|missing|configured|rejected|authentication|invalid|pairing|identity|localhost|allowed|failed|auth_|not_paired|unauthorized|redact|signature|nonce|proxy|tailscale|updated|approval|closure|econnrefused|timeout|rate_limited|public-key/i;

const CLIENT_CLOSED = 'disconnected (4008): connect failed';
/** 9.x: `device pairing required (requestId: <id>)`; ids are UUIDs, so 128 characters is plenty. */
const REQUEST_ID = /requestId["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{4,128})(?![A-Za-z0-9_-])/i;

/**
 * A line that is only the gateway's bare refusal, `unauthorized` (reference §11: the credentials
 * were refused without a reason), as the page shows it (9.x's raw error, 2.x–8.x's callout,
 * `disconnected (1008): unauthorized`) or the CLI prints it (`gateway closed (1008): unauthorized`,
 * `Error: unauthorized`). Not any text ending in the word ("HTTP 401 Unauthorized", a channel's
 * status): the prefixes are bounded, so the test is linear in the line.
 */
const BARE_UNAUTHORIZED =
  /^(?:.{0,80}?\b(?:disconnected|gateway closed) \(\d{3,4}[^)]{0,60}\):\s*|.{0,80}?\b(?:error|gateway connect failed|failed to start cli):\s*(?:error:\s*)?)?["'`]?unauthorized["'`]?[.!]?$/;
/** A gateway log line for a refusal that gave no reason (`reason=unknown` is the log's word for none). */
const LOG_NO_REASON = /\bunauthorized conn=\S{1,100}[^\n]{0,2000}?\breason=(?:unknown|unauthorized)\b/;

function isBareUnauthorized(lowerHead: string): boolean {
  if (!lowerHead.includes('unauthorized')) return false;
  if (LOG_NO_REASON.test(lowerHead)) return true;
  for (const line of lowerHead.split('\n')) if (line.length < 400 && BARE_UNAUTHORIZED.test(line.trim())) return true;
  return false;
}

/** Whose hint a message carries, by the words only that hint has; null for none. */
function hintOf(folded: string): MessageHint | null {
  if (folded.includes('gateway.remote.token') || folded.includes('gateway.remote.password')) return 'cli-remote';
  if (folded.includes("use this gateway's gateway.auth")) return 'cli-local';
  if (folded.includes('provide gateway auth')) return 'client';
  if (folded.includes('control ui settings') || folded.includes('tokenized dashboard url') || folded.includes('(open the dashboard url')) return 'control-ui';
  return null;
}

/** The kinds whose message ends with a client-specific hint. */
const HINTED: ReadonlySet<LockoutKind> = new Set(['gateway-token-mismatch', 'gateway-token-missing', 'password-mismatch', 'password-missing']);

/** Lower case, one space for any run of white space, one apostrophe for `’`, `‘` and `´`. */
export function foldText(text: string): string {
  // JS `\s` covers tabs, line breaks, U+00A0, U+2007, U+202F and the other Unicode spaces.
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[\u2018\u2019\u00b4]/g, "'");
}

/**
 * Names every lock-out in a text: a page's error callout, a close reason, a CLI line,
 * or anything a user pasted. Pure and total: any value in, a (possibly empty) list out.
 * Reads at most the first `MAX_ERROR_TEXT_LENGTH` characters; time is linear in that.
 * "Connection failed" and the bare "unauthorized" count only when nothing more specific is named,
 * and a stale page (build mismatch) is not also a protocol mismatch.
 */
export function classifyError(text: string): Lockout[] {
  if (typeof text !== 'string') return [];
  const head = text.length > MAX_ERROR_TEXT_LENGTH ? text.slice(0, MAX_ERROR_TEXT_LENGTH) : text;
  if (!MAY_BE_LOCKOUT.test(head)) return [];
  // A trusted proxy refusing the page's origin is an origin refusal, not a proxy sign-in.
  const folded = foldText(head).replaceAll('trusted_proxy_origin_not_allowed', 'origin_not_allowed');
  const found: Lockout[] = [];
  for (const { kind, phrases, codes, wholeCodes } of CLASSIFY_RULES) {
    const matches =
      phrases.some((phrase) => folded.includes(phrase)) ||
      codes.some((code) => folded.includes(code)) ||
      wholeCodes.some((code) => includesWhole(folded, code));
    if (matches) found.push({ kind });
  }
  if (!found.some((l) => l.kind === 'unauthorized') && isBareUnauthorized(head.toLowerCase())) found.push({ kind: 'unauthorized' });
  const hint = hintOf(folded);
  const result: Lockout[] = [];
  for (const lockout of withoutVague(found)) {
    const { kind } = lockout;
    // Releases up to 2026.1.30 close the socket themselves on any failed connect and show only this.
    if (kind === 'connect-failed' && folded.includes(CLIENT_CLOSED)) lockout.clientClosed = true;
    if (kind === 'pairing-required') {
      // Read from the original text: `openclaw devices approve` wants the id's exact case.
      const requestId = REQUEST_ID.exec(head)?.[1];
      if (requestId) lockout.requestId = requestId;
    }
    if (hint && HINTED.has(kind)) lockout.hint = hint;
    result.push(lockout);
  }
  // Output in rule order (the fix order), with the bare refusal in its place.
  return result.sort((a, b) => ruleIndex(a.kind) - ruleIndex(b.kind));
}

const ruleIndex = (kind: LockoutKind) => CLASSIFY_RULES.findIndex((r) => r.kind === kind);

/**
 * The lock-outs without those another one makes redundant: "connection failed" and the bare
 * "unauthorized" name no cause when something more specific is named, and a stale page (build
 * mismatch) is not also a protocol mismatch. For one text, and for a page's elements together.
 */
export function withoutVague<T extends Lockout>(lockouts: readonly T[]): T[] {
  const kinds = new Set(lockouts.map((l) => l.kind));
  const specific = [...kinds].some((kind) => kind !== 'unauthorized' && kind !== 'connect-failed');
  return lockouts.filter(({ kind }) => {
    if (kind === 'protocol-mismatch') return !kinds.has('build-mismatch');
    if (kind === 'unauthorized') return !specific;
    if (kind === 'connect-failed') return kinds.size === 1;
    return true;
  });
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

// ---------------------------------------------------------------------------------------------
// 6.x–9.x login gates: `data-kind`, never localized
// ---------------------------------------------------------------------------------------------

/**
 * What a 6.x–9.x login gate says in `data-kind` (never localized: reference §4), for the kinds its
 * raw text may not name. A `Map`, because the name comes from the page: a plain object would
 * answer `constructor` or `__proto__` with a prototype member. `network` (the gateway could not be
 * reached, usually while it restarts) and `profile-unavailable` (a passing identity-provider
 * failure) are no lock-out on the page.
 */
const FAILURE_KINDS: ReadonlyMap<string, LockoutKind> = new Map<string, LockoutKind>([
  ['pairing-required', 'pairing-required'],
  ['auth-rate-limited', 'rate-limited'],
  ['insecure-context', 'device-identity-required'],
  ['origin-not-allowed', 'origin-not-allowed'],
  ['protocol-mismatch', 'protocol-mismatch'],
  ['build-mismatch', 'build-mismatch'],
  ['trusted-proxy', 'trusted-proxy'],
  ['verified-user-required', 'verified-user-required'],
]);

/**
 * `auth-required` and `auth-failed` say only that the credential was missing or refused: the raw
 * error beside them names which one (device token, gateway token, password). Without a raw error
 * that names one, they are the gateway token missing, or refused.
 */
const AUTH_FAILURE_KINDS: ReadonlyMap<string, LockoutKind> = new Map<string, LockoutKind>([
  ['auth-required', 'gateway-token-missing'],
  ['auth-failed', 'gateway-token-mismatch'],
]);

/** The 6.x–9.x `data-kind` values this extension reads; the watcher tests against these. */
export const FAILURE_KIND_NAMES: readonly string[] = [...FAILURE_KINDS.keys(), ...AUTH_FAILURE_KINDS.keys()];

/**
 * The lock-out a 9.x login gate's `data-kind` attribute names (e.g. `auth-rate-limited` →
 * `rate-limited`), or nothing for kinds the raw text names better and for anything unknown.
 */
export function classifyFailureKind(dataKind: string | null): Lockout[] {
  // The longest real value is 22 characters; a longer one is not worth hashing.
  const kind = typeof dataKind === 'string' && dataKind.length <= 64 ? FAILURE_KINDS.get(dataKind) : undefined;
  return kind ? [{ kind }] : [];
}

/**
 * A login gate's `data-kind` read together with the raw error it folds away (`raw`, from
 * `classifyError` of the gate's text): the raw error's lock-outs, which are more precise, plus the
 * one `data-kind` names; for `auth-required`/`auth-failed` the fallback only when the raw error
 * names no credential problem. Language-independent: neither reads the translated words.
 */
export function combineFailureKind(dataKind: string | null, raw: readonly Lockout[]): Lockout[] {
  if (typeof dataKind !== 'string' || dataKind.length > 64) return [...raw];
  const fallback = AUTH_FAILURE_KINDS.get(dataKind);
  if (fallback) return raw.length ? [...raw] : [{ kind: fallback }];
  const named = FAILURE_KINDS.get(dataKind);
  if (!named) return [...raw];
  const own = raw.find((l) => l.kind === named) ?? { kind: named };
  // A stale build is what 9.x's gate says; its raw text may still read "protocol mismatch".
  const rest = raw.filter((l) => l.kind !== named && !(named === 'build-mismatch' && l.kind === 'protocol-mismatch'));
  return [own, ...rest];
}

// ---------------------------------------------------------------------------------------------
// The dashboard's own words, in its languages
// ---------------------------------------------------------------------------------------------

/**
 * Words that only one kind of the dashboards' friendly titles and summaries uses, per language
 * (en, de, es, fr, ja, zh-CN: 4.x's hints, 6.x–9.x's login gates, 9.x's "server updated"). Our
 * own short keywords, lower case, matched after `foldText`; `tests/cli/dashboard-words.test.ts`
 * holds them to every such text of the real releases. Groups are tried in this order and a
 * match's words are used up, so "Proxy-Authentifizierung erforderlich" is the proxy's and not
 * also "Authentifizierung erforderlich".
 */
const WORD_GROUPS: readonly { kind: LockoutKind; words: readonly string[] }[] = [
  {
    kind: 'trusted-proxy',
    // Longer where another group's words would be left over ("Se requiere autenticación mediante proxy").
    words: [
      'proxy authentication', 'proxy identity', 'proxy-authentifizierung', 'proxy-identität',
      'requiere autenticación mediante proxy', 'identidad del proxy', 'par proxy', 'par le proxy',
      'プロキシ認証', 'プロキシ', '代理',
    ],
  },
  {
    kind: 'verified-user-required',
    words: ['verified identity', 'named roles', 'verifizierte identität', 'benannte rollen', 'identidad verificada', 'roles con nombre', 'identité vérifiée', 'rôles nominatifs', '本人確認', '名前付きロール', '已验证的身份', '具名角色'],
  },
  {
    kind: 'build-mismatch',
    words: ['server updated', 'full capabilities', 'server aktualisiert', 'vollen funktionsumfang', 'servidor actualizado', 'todas las funciones', 'serveur mis à jour', 'toutes les fonctionnalités', 'サーバーが更新', 'すべての機能', '服务器已更新', '完整功能'],
  },
  {
    kind: 'gateway-unreachable',
    words: [
      'could not connect', 'gateway unreachable', 'could not complete the gateway', 'could not reach',
      'verbindung nicht möglich', 'nicht erreichbar', 'nicht erreichen', 'nicht abschließen',
      'no se pudo conectar', 'no se puede acceder', 'no pudo completar', 'no pudo conectarse',
      'connexion impossible', 'gateway inaccessible', "n'a pas pu",
      '接続できません', '完了できませんでした', '接続できませんでした',
      '无法连接', '无法完成',
    ],
  },
  {
    kind: 'rate-limited',
    words: [
      'too many failed attempts', 'limiting authentication attempts',
      'zu viele fehlgeschlagene', 'authentifizierungsversuche',
      'demasiados intentos', 'intentos de autenticación',
      'trop de tentatives', "tentatives d'authentification",
      '多すぎます', '認証試行',
      '失败尝试', '认证尝试', '身份验证尝试',
    ],
  },
  {
    kind: 'password-missing',
    words: ['expects its password', 'erwartet sein passwort', 'requiere su contraseña', 'attend son mot de passe', 'にはパスワードが必要', '需要密码'],
  },
  {
    kind: 'gateway-token-mismatch',
    words: [
      'auth did not match', 'credential was rejected', 'gateway secret rejected', 'supplied gateway secret', 'auth failed', 're-copy a tokenized url',
      'authentifizierung passt nicht', 'zugangsdaten wurden abgelehnt', 'gateway-geheimnis', 'authentifizierung fehlgeschlagen',
      'autenticación no coincide', 'credencial proporcionada fue rechazada', 'secreto de gateway', 'autenticación fallida',
      'authentification ne correspond pas', 'identifiant fourni a été refusé', 'secret du gateway', "échec de l'authentification",
      '認証が一致しません', '認証情報は拒否', 'シークレット', '認証に失敗',
      '认证不匹配', '凭据被拒绝', '密钥', '身份验证失败',
    ],
  },
  {
    kind: 'gateway-token-missing',
    words: [
      'auth required', 'expects its token', 'matching token or password', 'requires auth',
      'authentifizierung erforderlich', 'erwartet sein token', 'passendes token oder passwort', 'erfordert authentifizierung',
      'autenticación requerida', 'requiere su token', 'token o una contraseña', 'requiere autenticación',
      'authentification requise', 'attend son jeton', 'mot de passe correspondant', 'nécessite une authentification',
      '認証が必要', 'トークンが必要', 'トークンまたはパスワード',
      '需要认证', '需要令牌', '令牌或密码', '需要身份验证',
    ],
  },
  {
    kind: 'device-identity-required',
    words: [
      'secure browser context', 'plain http', 'device identity',
      'browserkontext', 'geräteident',
      'contexto seguro', 'navegador seguro', 'identidad de dispositivo', 'identidad del dispositivo',
      'navigateur sécurisé', "identité d'appareil", "identité de l'appareil",
      'コンテキスト', 'デバイス id', 'デバイス識別情報',
      '上下文', '设备身份', '设备标识',
    ],
  },
  {
    kind: 'origin-not-allowed',
    words: ['origin not allowed', 'page origin', 'origin nicht', 'origin dieser seite', 'seiten-origin', 'origen del navegador', 'origen de esta página', 'origine du navigateur', 'origine de cette page', 'オリジン', '来源'],
  },
  {
    kind: 'protocol-mismatch',
    words: ['connection protocol', 'protocol mismatch', 'protokoll', 'protocolo', 'protocole', 'プロトコル', '协议'],
  },
  {
    kind: 'pairing-required',
    words: [
      'pairing', 'approval', 'approve this browser', 'approve the new', 're-approve', 'not approved', 'upgrade pending', 'refresh pending',
      'kopplung', 'gekoppelt', 'ausstehend', 'freigabe', 'genehmig',
      'emparejamiento', 'emparejado', 'pendiente', 'aprobación', 'aprueba', 'aprobar', 'vinculación',
      'appairage', 'appairé', 'en attente', 'approbation', 'approuv',
      'ペアリング', '保留中', '承認',
      '配对', '批准',
    ],
  },
];

/** The groups, each group's longest words first (so a long phrase is used up before a short word inside it). */
export const DASHBOARD_WORDS: readonly { kind: LockoutKind; words: readonly string[] }[] = WORD_GROUPS.map(({ kind, words }) => ({
  kind,
  words: [...words].sort((a, b) => b.length - a.length),
}));

/** A text no longer than this is read for the dashboard's words (a title and summary are a few hundred characters). */
const MAX_WORDS_TEXT_LENGTH = 8 * 1024;

/**
 * The lock-outs the dashboard's own friendly words name, in any of its languages: a 6.x–9.x login
 * card's title or summary, 4.x's hint, 9.x's "server updated". For pasted text (the page itself
 * is read through `data-kind` and the raw error, which never change with the language). Reads at
 * most 8 Ki characters; linear.
 */
export function classifyDashboardWords(text: string): Lockout[] {
  if (typeof text !== 'string') return [];
  let folded = foldText(text.length > MAX_WORDS_TEXT_LENGTH ? text.slice(0, MAX_WORDS_TEXT_LENGTH) : text);
  const found: Lockout[] = [];
  for (const { kind, words } of DASHBOARD_WORDS) {
    let hit = false;
    for (const word of words) {
      if (!folded.includes(word)) continue;
      hit = true;
      // Use the words up, so a later group does not read them again.
      folded = folded.replaceAll(word, ' ');
    }
    if (hit) found.push({ kind });
  }
  return found;
}
