import { describe, expect, it } from 'vitest';
import {
  currentGatewayUrl,
  defaultGatewayUrl,
  gatewayScope,
  isPlainPath,
  MAX_GATEWAY_URL_LENGTH,
  normaliseBasePath,
  readGatewayUrl,
} from './gateway-scope';
import { MemoryStorage } from './test-storage';
import type { ReadableStorage } from './web-storage';

/** Milliseconds `run` takes; the bounds below are generous, linear code takes a few. */
function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const MB = 1_000_000;
const PAGE = 'http://127.0.0.1:18789/';

describe('gatewayScope', () => {
  // As the Control UI names its keys (reference §2.2; `normalizeGatewayStorageScope` in the 2026.4.24 bundle).
  it.each([
    ['ws://127.0.0.1:18789', 'ws://127.0.0.1:18789'],
    ['ws://127.0.0.1:18789/', 'ws://127.0.0.1:18789'],
    ['  ws://127.0.0.1:18789/  ', 'ws://127.0.0.1:18789'],
    ['wss://host.ts.net/openclaw//', 'wss://host.ts.net/openclaw'],
    ['wss://host.ts.net/openclaw/?x=1', 'wss://host.ts.net/openclaw?x=1'],
    ['ws://h:1/p?x=1', 'ws://h:1/p?x=1'],
    ['ws://h:1/p#frag', 'ws://h:1/p'],
    ['ws://[::1]:18789/', 'ws://[::1]:18789'],
    // A path of slashes only is kept: the app's `replace(/\/+$/, '') || pathname`.
    ['ws://h//', 'ws://h//'],
    ['ws://h///', 'ws://h///'],
    ['', 'default'],
    ['   ', 'default'],
    ['not a url', 'not a url'],
  ])('%j → %j', (url, scope) => expect(gatewayScope(url)).toBe(scope));

  it('drops the query for the shared-token and settings keys', () => {
    expect(gatewayScope('ws://h:1/p/?x=1', false)).toBe('ws://h:1/p');
    expect(gatewayScope('ws://h:1/?x=1', false)).toBe('ws://h:1');
    expect(gatewayScope('', false)).toBe('default');
  });

  it('never throws on input that is not a string', () => {
    for (const bad of [undefined, null, 42, {}]) expect(gatewayScope(bad as unknown as string)).toBe('default');
  });
});

describe('quadratic time on page strings', () => {
  it.each([
    ['1 MB of / then a character', `ws://h${'/'.repeat(MB)}x`],
    ['1 MB of /', `ws://h${'/'.repeat(MB)}`],
    ['1 MB of ? then a line break', `ws://h/${'?'.repeat(MB)}\n`],
    ['?\\n repeated', `ws://h/${'?\n'.repeat(MB / 2)}`],
  ])('gatewayScope on %s completes well under 200 ms', (_name, url) => {
    expect(timed(() => gatewayScope(url))).toBeLessThan(200);
    expect(timed(() => gatewayScope(url, false))).toBeLessThan(200);
  });

  it('keeps the slashes before another character', () => {
    const url = `ws://h${'/'.repeat(MB)}x`;
    expect(gatewayScope(url)).toBe(url);
  });

  it.each([
    ['1 MB of / then a character', `/${'/'.repeat(MB)}x`],
    ['a path and 1 MB of /', `/openclaw${'/'.repeat(MB)}`],
    ['1 MB of white space', `/${' '.repeat(MB)}`],
  ])('normaliseBasePath on %s completes well under 200 ms and refuses it', (_name, path) => {
    let result: string | undefined;
    expect(timed(() => (result = normaliseBasePath(path)))).toBeLessThan(200);
    expect(result).toBe('');
    expect(timed(() => defaultGatewayUrl(PAGE, path))).toBeLessThan(200);
  });

  it.each([
    ['1 MB of /', `ws://h${'/'.repeat(MB)}x`],
    ['1 MB of ? then a line break', `ws://h/${'?'.repeat(MB)}\n`],
    ['1 MB of white space', `ws://h/${' '.repeat(MB)}x`],
  ])('currentGatewayUrl on a stored %s completes well under 200 ms and falls back', (_name, value) => {
    const storage = new MemoryStorage({
      'openclaw.control.currentGateway.v1:http://127.0.0.1:18789': value,
      'openclaw.control.settings.v1': JSON.stringify({ gatewayUrl: value }),
    });
    let result: string | null = null;
    expect(timed(() => (result = currentGatewayUrl(storage, PAGE)))).toBeLessThan(200);
    expect(result).toBe('ws://127.0.0.1:18789');
  });
});

describe('gateway URL from the page', () => {
  it.each([
    ['ws://127.0.0.1:19001', 'ws://127.0.0.1:19001'],
    ['wss://gw.example/x?y=1', 'wss://gw.example/x?y=1'],
    ['  ws://127.0.0.1:19001\n', 'ws://127.0.0.1:19001'],
    ['WSS://GW.example', 'WSS://GW.example'],
    ['ws://[::1]:18789', 'ws://[::1]:18789'],
    ['ws://user:pass@gw.example', 'ws://user:pass@gw.example'],
  ])('accepts %j', (value, url) => expect(readGatewayUrl(value)).toBe(url));

  it.each([
    ['http://gw.example'],
    ['javascript:alert(1)'],
    ['ws://'],
    ['ws://gw .example'],
    ['ws://gw.example/a b'],
    ['ws://gw.example/a\u00a0b'],
    ['ws://gw.example/a\u202fb'],
    ['ws://[bad'],
    ['ws://h:99999'],
    [`ws://h/${'a'.repeat(MAX_GATEWAY_URL_LENGTH)}`],
    [''],
    [42],
    [null],
    [{ toString: () => 'ws://h' }],
  ])('refuses %j', (value) => expect(readGatewayUrl(value)).toBeNull());

  it('accepts a URL of exactly the maximum length', () => {
    const url = `ws://h/${'a'.repeat(MAX_GATEWAY_URL_LENGTH - 'ws://h/'.length)}`;
    expect(readGatewayUrl(url)).toBe(url);
  });

  it('skips stored values that are not gateway URLs, then takes the settings', () => {
    const storage = new MemoryStorage({
      'openclaw.control.currentGateway.v1:http://127.0.0.1:5173': 'ws://[bad',
      'openclaw.control.settings.v1': JSON.stringify({ gatewayUrl: ' wss://gw.example/x ' }),
    });
    expect(currentGatewayUrl(storage, 'http://127.0.0.1:5173/')).toBe('wss://gw.example/x');
  });

  it('picks the record named after this page when several pages record one', () => {
    const storage = new MemoryStorage({
      'openclaw.control.currentGateway.v1:http://127.0.0.1:5173/a': 'ws://127.0.0.1:19001',
      'openclaw.control.currentGateway.v1:http://127.0.0.1:5173/b': 'ws://127.0.0.1:19002',
    });
    expect(currentGatewayUrl(storage, 'http://127.0.0.1:5173/b/chat', '/b')).toBe('ws://127.0.0.1:19002');
  });

  it('reads only own properties of the settings (prototype keys)', () => {
    const storage = new MemoryStorage({
      'openclaw.control.settings.v1': '{"__proto__":{"gatewayUrl":"ws://evil.example"},"constructor":{"gatewayUrl":"ws://evil.example"}}',
    });
    expect(currentGatewayUrl(storage, PAGE)).toBe('ws://127.0.0.1:18789');
  });

  it('never throws, whatever the storage does', () => {
    const hostile: ReadableStorage = {
      get length(): number {
        throw new Error('denied');
      },
      key: () => {
        throw new Error('denied');
      },
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(currentGatewayUrl(hostile, PAGE)).toBe('ws://127.0.0.1:18789');
    expect(currentGatewayUrl(new MemoryStorage(), 'not a url')).toBeNull();
  });
});

describe('base path', () => {
  it.each([
    ['/openclaw', true],
    ['/openclaw/', true],
    ['/', true],
    ['', false],
    ['openclaw', false],
    ['//evil.example', false],
    ['/a?b', false],
    ['/a#b', false],
    ['/a b', false],
    ['/a\\b', false],
    ['/a\u0000b', false],
    [`/${'a'.repeat(255)}`, true],
    [`/${'a'.repeat(256)}`, false],
  ])('isPlainPath(%j) is %s', (path, plain) => expect(isPlainPath(path)).toBe(plain));

  it('trims trailing slashes', () => {
    expect(normaliseBasePath('/openclaw//')).toBe('/openclaw');
    expect(normaliseBasePath('/')).toBe('');
    expect(normaliseBasePath(null)).toBe('');
    expect(defaultGatewayUrl('https://host.ts.net/openclaw/chat', '/openclaw/')).toBe('wss://host.ts.net/openclaw');
    expect(defaultGatewayUrl('https://host.ts.net/', '//evil.example')).toBe('wss://host.ts.net');
  });
});
