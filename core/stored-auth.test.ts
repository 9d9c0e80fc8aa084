import { describe, expect, it } from 'vitest';
import { addressCarriesSharedToken, summarizeStoredAuth } from './stored-auth';
import { MemoryStorage } from './test-storage';

/** Milliseconds `run` takes; the bound below is generous, linear code takes a few. */
function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const MB = 1_000_000;

describe('summarizeStoredAuth: shared token', () => {
  it('finds the tab token under the scope without the query (3.11+)', () => {
    const session = new MemoryStorage({ 'openclaw.control.token.v1:ws://127.0.0.1:18789/gw': 'shared-secret' });
    expect(summarizeStoredAuth(new MemoryStorage(), session, 'ws://127.0.0.1:18789/gw/?x=1').sharedToken).toBe('tab-session');
    expect(summarizeStoredAuth(new MemoryStorage(), session, 'ws://127.0.0.1:18789/other').sharedToken).toBeNull();
  });

  it('finds the ≤2.26 token in the settings, under the page brand', () => {
    const local = new MemoryStorage({ 'clawdbot.control.settings.v1': JSON.stringify({ token: 'shared' }) });
    expect(summarizeStoredAuth(local, null, null, 'clawdbot').sharedToken).toBe('settings');
    expect(summarizeStoredAuth(local, null, null, 'openclaw').sharedToken).toBeNull();
  });

  it('reads only own properties of the settings (prototype keys)', () => {
    const local = new MemoryStorage({ 'openclaw.control.settings.v1': '{"__proto__":{"token":"x"}}' });
    expect(summarizeStoredAuth(local, null, null).sharedToken).toBeNull();
  });
});

describe('quadratic time on page strings', () => {
  it.each([
    ['1 MB of ? then a line break', `ws://h/${'?'.repeat(MB)}\n`],
    ['?\\n repeated', `ws://h/${'?\n'.repeat(MB / 2)}`],
    ['1 MB of / then a character', `ws://h${'/'.repeat(MB)}x`],
  ])('a gateway URL of %s completes well under 200 ms', (_name, url) => {
    const session = new MemoryStorage({ 'openclaw.control.token.v1:ws://h': 'shared-secret' });
    let sharedToken: string | null = null;
    expect(timed(() => (sharedToken = summarizeStoredAuth(new MemoryStorage(), session, url).sharedToken))).toBeLessThan(200);
    // The URL parser drops line breaks; a bare `/` path and the query go from the scope.
    if (url.includes('?')) expect(sharedToken).toBe('tab-session');
  });
});

describe('addressCarriesSharedToken', () => {
  it.each([
    ['http://127.0.0.1:18789/#token=abc', true],
    ['http://127.0.0.1:18789/?token=abc', true],
    ['https://box.tailnet.ts.net/openclaw/#session=main&token=abc', true],
    ['http://127.0.0.1:18789/?password=pw', true],
    ['http://127.0.0.1:18789/#token=', false],
    ['http://127.0.0.1:18789/#token=%20', false],
    ['http://127.0.0.1:18789/chat?session=main', false],
    ['http://127.0.0.1:18789/#tokens=abc', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(addressCarriesSharedToken(url)).toBe(expected);
  });
});
