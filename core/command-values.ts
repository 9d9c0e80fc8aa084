/**
 * Page-derived values on their way into the extension's words and commands.
 *
 * Any page on a matched origin can pretend to be a dashboard and fill its own storage, so a
 * device id, a request id, a key name or a URL read from it is data the page chose. This module
 * is where such a value is checked against what real OpenClaw releases write, quoted for a
 * shell, redacted, cut to a readable length, or placed into rich text as text only.
 * Pure: no browser APIs (URL is a JavaScript global, also in Node).
 */

// ---------------------------------------------------------------------------------------------
// Shapes real releases write
// ---------------------------------------------------------------------------------------------

/** Placeholders the user replaces by hand; shown instead of a value that does not fit its shape. */
export const PLACEHOLDER = {
  deviceId: '<deviceId>',
  requestId: '<requestId>',
  origin: '<origin>',
} as const;

const DEVICE_ID = /^[0-9a-f]{64}$/;

/**
 * Device id: 64 lowercase hex characters, the sha256 hex of the Ed25519 public key. Written as
 * `deviceId` in `openclaw-device-identity-v1` (all releases) and copied into
 * `openclaw.device.auth.v1[:scope]` (openclaw-reference §2.1).
 */
export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && value.length === 64 && DEVICE_ID.test(value);
}

// The first character is never `-`: `openclaw devices approve --latest` approves whatever request
// is newest (3.24; approve with no id does the same on older releases, openclaw-reference §7), so an
// "id" that reads as an option would make the user approve a device the page chose.
const REQUEST_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]{3,127}$/;

/**
 * Pairing request id: letters, digits, `-` and `_`, 4 to 128 characters, not starting with `-`.
 * Real releases emit UUIDs or short tokens of that alphabet; 9.x shows them as
 * `device pairing required (requestId: <id>)` (openclaw-reference §3.2, §3.3).
 */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.length <= 128 && REQUEST_ID.test(value);
}

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
// As URL serialises it: lowercase hex groups and colons, in brackets.
const IPV6 = /^\[[0-9a-f:]{2,39}\]$/;

/**
 * A host as `new URL(…).hostname` gives it, and one DNS could name: a lowercase host name
 * (ASCII labels of letters, digits, `-` and `_`, so IDN only as punycode), an IPv4 address or a
 * bracketed IPv6 address. URL alone is not enough: it keeps `;`, `$`, quotes and backticks in
 * host names.
 */
export function isHost(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  return IPV4.test(value) || IPV6.test(value) || HOST_NAME.test(value);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Origin: `http(s)://host[:port]`, exactly as `new URL(x).origin` gives it, with a host that
 * passes `isHost`, no credentials and no path. The form `gateway.controlUi.allowedOrigins` lists
 * (openclaw-reference §3.3, §6). It can hold no quote, so it is safe inside `'["…"]'`.
 */
export function isOrigin(value: unknown): value is string {
  // Scheme, a 253-character host and a port fit in 300.
  if (typeof value !== 'string' || value.length > 300) return false;
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return url.origin === value && url.username === '' && url.password === '' && isHost(url.hostname);
}

/** The origin of a page address, or null when it has none that `isOrigin` accepts. */
export function originOf(pageUrl: unknown): string | null {
  if (typeof pageUrl !== 'string' || pageUrl.length > 8192) return null;
  const origin = parseUrl(pageUrl)?.origin;
  return isOrigin(origin) ? origin : null;
}

// What a gateway URL may spell: no whitespace, quotes, `@` (so no credentials), `$`, `;`, `&`,
// `|`, backticks, parentheses or backslashes.
const GATEWAY_URL_CHARS = /^[A-Za-z0-9._~:/?=%+,[\]-]+$/;

/**
 * Gateway URL: `ws://` or `wss://` + host[:port][/path][?query] that URL parses, with a host that
 * passes `isHost`, no credentials, and none of whitespace, quotes or shell metacharacters.
 * The form `<gatewayScope>` and `openclaw.control.currentGateway.v1:*` hold (openclaw-reference §2.2).
 */
export function isGatewayUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048 || !GATEWAY_URL_CHARS.test(value)) return false;
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) return false;
  return url.username === '' && url.password === '' && isHost(url.hostname);
}

const COMPOSE_SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

/**
 * Docker Compose service name: `[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}` (the Compose specification's
 * service-name pattern, with a length bound). For `docker compose …` commands that name a service.
 */
export function isComposeServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && COMPOSE_SERVICE.test(value);
}

/**
 * TCP port: an integer 1–65535 (a number, not text). For `--url ws://127.0.0.1:<port>` and the SSH
 * tunnel's `-L <port>:127.0.0.1:<port>`; as digits it needs no quoting.
 */
export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

// ---------------------------------------------------------------------------------------------
// Shell quoting
// ---------------------------------------------------------------------------------------------

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One POSIX shell word that the shell reads back as exactly `value`: unchanged when it holds
 * only `[A-Za-z0-9_@%+=:,./-]`, else in single quotes, each `'` written as `'\''`.
 * The second layer behind the validators: a value that passed them needs no quotes.
 */
export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The device id as a command argument, or `<deviceId>` when the page's value is not one. */
export function deviceIdArg(value: unknown): string {
  return isDeviceId(value) ? shellQuote(value) : PLACEHOLDER.deviceId;
}

/** The pairing request id as a command argument, or `<requestId>` when the page's value is not one. */
export function requestIdArg(value: unknown): string {
  return isRequestId(value) ? shellQuote(value) : PLACEHOLDER.requestId;
}

/**
 * The argument of `openclaw config set gateway.controlUi.allowedOrigins …`: a JSON array of the
 * origin in single quotes, e.g. `'["https://gw.example"]'`, or `'["<origin>"]'` when the origin is
 * not one. `isOrigin` rules out quotes and backslashes, so the JSON is the origin verbatim.
 */
export function allowedOriginsArg(origin: unknown): string {
  return isOrigin(origin) ? shellQuote(JSON.stringify([origin])) : `'${JSON.stringify([PLACEHOLDER.origin])}'`;
}

// ---------------------------------------------------------------------------------------------
// Showing page strings
// ---------------------------------------------------------------------------------------------

// `scheme:` + any slashes + userinfo up to the authority's last `@`, the way URL finds credentials
// (`\\` counts as `/` in ws, http and the other special schemes). The scheme's characters exclude
// `:`, so the pattern matches in at most two ways: linear on any input.
const USERINFO = /^((?:[A-Za-z][A-Za-z0-9+.-]*:)?[/\\]*)[^/\\?#]*@/;
// One `name=value` of a query or fragment; names are tested apart, so no pattern backtracks far.
const PARAM = /([?&#;])([^=?&#;]*)=([^?&#;]*)/g;
// `token=`, `password=`, `bootstrapToken=`, `secret=` … (`#token=` is how dashboard links carry the
// shared token, openclaw-reference §6).
const SECRET_NAME = /token|password|secret/i;
// Longer URLs are cut before they are redacted: the UI shows 200 characters of them anyway.
const REDACT_MAX = 4096;

/**
 * A URL to show: credentials become `***@` (`ws://user:pass@host/` → `ws://***@host/`) and the
 * values of token, password and secret parameters become `***`. Works on text URL cannot parse;
 * if URL would still find a password, the whole URL is hidden. Inputs over 4096 characters are
 * cut (ending in `…`) before redaction.
 */
export function redactUrl(value: string): string {
  if (value.length > REDACT_MAX) return `${redactUrl(value.slice(0, REDACT_MAX))}…`;
  const lead = /^\s*/.exec(value)![0];
  const redacted =
    lead +
    value
      .slice(lead.length)
      .replace(USERINFO, '$1***@')
      .replace(PARAM, (param, separator: string, name: string) => (SECRET_NAME.test(name) ? `${separator}${name}=***` : param));
  const url = parseUrl(redacted);
  if (url && (url.password !== '' || (url.username !== '' && url.username !== '***'))) return '(address hidden: it holds credentials)';
  return redacted;
}

// C0 and C1 controls, and the marks that reorder text (bidi overrides and isolates), which let a
// string look like something else on screen.
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    // An object without toString (Object.create(null)) cannot be shown.
    return '';
  }
}

/** Longest page string the UI shows, in UTF-16 units; longer ones are cut with `…`. */
export const DISPLAY_MAX = 200;

/**
 * A page string fit to show as text: controls and bidi marks become `�`, and anything longer
 * than `max` is cut to `max` characters ending in `…` (never inside a surrogate pair).
 */
export function displayText(value: unknown, max: number = DISPLAY_MAX): string {
  const text = toText(value);
  // Cut first, so a 1 MB string is not scanned whole.
  let shown = text;
  if (text.length > max) {
    let end = Math.max(0, max - 1);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    shown = `${text.slice(0, end)}…`;
  }
  return shown.replace(UNSHOWABLE, '\ufffd');
}

/**
 * A list of page strings (key names) to show: each through `displayText`, at most `maxItems`,
 * then how many more there are.
 */
export function displayList(values: readonly unknown[], maxItems = 5): { shown: string[]; more: number } {
  return { shown: values.slice(0, maxItems).map((value) => displayText(value)), more: Math.max(0, values.length - maxItems) };
}

// ---------------------------------------------------------------------------------------------
// Rich text: only the extension's own words mark code
// ---------------------------------------------------------------------------------------------

/** Plain text, or text shown as code. Either way the content is only ever rendered as text. */
export type RichSegment = string | { readonly code: string };
/** A sentence as segments; built with `rich`, so page values never turn into formatting. */
export type Rich = readonly RichSegment[];

/** One code segment whose content is `text`, whatever characters it holds. */
export function code(text: string): Rich {
  return [{ code: text }];
}

/** Rich parts joined with a plain separator. */
export function joinRich(parts: readonly Rich[], separator: string): Rich {
  return parts.flatMap((part, index) => (index === 0 ? part : [separator, ...part]));
}

/** The text of rich text, code marks dropped (for labels, tests and plain-text places). */
export function plainText(text: Rich): string {
  return text.map((segment) => (typeof segment === 'string' ? segment : segment.code)).join('');
}

/**
 * Tagged template for the extension's sentences: `` rich`run \`openclaw devices approve ${id}\`` ``.
 * Backticks in the template's own text open and close code; an interpolated string is inserted
 * as text into the plain or code span it sits in, and its own backticks stay characters.
 * An interpolated Rich keeps its segments (flattened to text inside a code span).
 */
export function rich(strings: TemplateStringsArray, ...values: readonly (string | Rich)[]): Rich {
  const out: ({ code: string } | string)[] = [];
  // The code span the template's backticks opened, if one is open.
  let open: { code: string } | null = null;
  const addText = (text: string) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (open) open.code += text;
    else if (typeof last === 'string') out[out.length - 1] = last + text;
    else out.push(text);
  };
  strings.forEach((literal, index) => {
    literal.split('`').forEach((piece, pieceIndex) => {
      if (pieceIndex > 0) {
        open = open ? null : { code: '' };
        if (open) out.push(open);
      }
      addText(piece);
    });
    if (index < values.length) {
      const value = values[index]!;
      if (typeof value === 'string') addText(value);
      else if (open) addText(plainText(value));
      else {
        for (const segment of value) {
          if (typeof segment === 'string') addText(segment);
          else out.push({ code: segment.code });
        }
      }
    }
  });
  // A span left empty shows nothing.
  return out.filter((segment) => typeof segment === 'string' || segment.code !== '');
}
