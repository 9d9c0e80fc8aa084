import { describe, expect, it } from 'vitest';
import { applyWrites, clearWrites, deviceAuthEntries, planDeviceTokenClear, planRestore } from './device-auth';
import { currentGatewayUrl, defaultGatewayUrl, gatewayScope } from './gateway-scope';
import { summarizeStoredAuth } from './stored-auth';
import { MemoryStorage } from './test-storage';

const DEVICE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const auth = (token: string | null, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: 1,
    deviceId: DEVICE_ID,
    tokens: token
      ? { operator: { token, role: 'operator', scopes: ['operator.admin', 'operator.read', 'operator.write'], updatedAtMs: 1764000000000 } }
      : {},
    ...extra,
  });
const IDENTITY = JSON.stringify({ version: 1, deviceId: DEVICE_ID, publicKey: 'pub', privateKey: 'priv', createdAtMs: 1 });

// Storage as each release leaves it (../shared/openclaw-reference.md §2).
const LAYOUTS = {
  '2026.4.24 (unscoped key)': {
    gateway: 'ws://127.0.0.1:18789',
    storage: {
      'openclaw-device-identity-v1': IDENTITY,
      'openclaw.device.auth.v1': auth('stale-token-value-1234567890'),
      'openclaw.control.settings.v1:ws://127.0.0.1:18789': '{"theme":"dark"}',
      'openclaw.i18n.locale': 'en',
    },
    target: 'openclaw.device.auth.v1',
  },
  '2026.9.6 (scoped key, two gateways)': {
    gateway: 'ws://127.0.0.1:18789',
    storage: {
      'openclaw-device-identity-v1': IDENTITY,
      'openclaw.device.auth.v1:ws://127.0.0.1:18789': auth('stale-token-value-1234567890'),
      'openclaw.device.auth.v1:ws://127.0.0.1:19001': auth('other-gateway-token'),
      'openclaw.control.currentGateway.v1:http://127.0.0.1:18789': 'ws://127.0.0.1:18789',
      'openclaw.control.chatComposer.v4:main': 'unsent draft',
      'openclaw:pinned:1': 'x',
    },
    target: 'openclaw.device.auth.v1:ws://127.0.0.1:18789',
  },
  '2026.2.26 (settings hold the shared token)': {
    gateway: 'ws://localhost:18789',
    storage: {
      'openclaw-device-identity-v1': IDENTITY,
      'openclaw.device.auth.v1': auth('stale-token-value-1234567890'),
      'openclaw.control.settings.v1': JSON.stringify({ gatewayUrl: 'ws://localhost:18789', token: 'shared', sessionKey: 'main' }),
    },
    target: 'openclaw.device.auth.v1',
  },
  'base path behind a proxy': {
    gateway: 'wss://host.tail1234.ts.net/openclaw',
    storage: {
      'openclaw-device-identity-v1': IDENTITY,
      'openclaw.device.auth.v1:wss://host.tail1234.ts.net/openclaw': auth('stale-token-value-1234567890'),
      'openclaw.device.auth.v1:wss://host.tail1234.ts.net/other': auth('keep-me'),
    },
    target: 'openclaw.device.auth.v1:wss://host.tail1234.ts.net/openclaw',
  },
} satisfies Record<string, { gateway: string; storage: Record<string, string>; target: string }>;

describe('planDeviceTokenClear over real layouts', () => {
  it.each(Object.entries(LAYOUTS))('%s: removes only the gateway’s operator token', (_name, layout) => {
    const storage = new MemoryStorage(layout.storage);
    const { changes } = planDeviceTokenClear(storage, layout.gateway);
    expect(changes.map((c) => c.key)).toEqual([layout.target]);
    expect(applyWrites(storage, clearWrites(changes))).toEqual({ ok: true });

    const after = storage.snapshot();
    const cleared = JSON.parse(after[layout.target]!);
    expect(cleared).toEqual({ version: 1, deviceId: DEVICE_ID, tokens: {} });
    // Everything else is byte for byte what it was.
    for (const [key, value] of Object.entries(layout.storage)) if (key !== layout.target) expect(after[key]).toBe(value);
    expect(Object.keys(after).sort()).toEqual(Object.keys(layout.storage).sort());

    // Undo restores the original exactly.
    const restore = planRestore(storage, changes);
    expect(restore.newer).toEqual([]);
    expect(applyWrites(storage, restore.safe)).toEqual({ ok: true });
    expect(storage.snapshot()).toEqual(layout.storage);
  });

  it('has nothing to do when the app already dropped the token (2026.4.27+)', () => {
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1:ws://127.0.0.1:18789': auth(null) });
    expect(planDeviceTokenClear(storage, 'ws://127.0.0.1:18789').changes).toEqual([]);
  });

  it('clears legacy brands only for their own brand', () => {
    const storage = new MemoryStorage({
      'clawdbot.device.auth.v1': auth('old'),
      'openclaw.device.auth.v1': auth('new'),
    });
    expect(planDeviceTokenClear(storage, 'ws://127.0.0.1:18789', 'clawdbot').changes.map((c) => c.key)).toEqual(['clawdbot.device.auth.v1']);
    expect(planDeviceTokenClear(storage, 'ws://127.0.0.1:18789', 'moltbot').changes).toEqual([]);
  });

  it('wrong gateway: never clears another gateway’s key, even when it is the only one stored', () => {
    // A `?gatewayUrl=` link points the page at :19001; the only stored token is :18789's.
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1:ws://127.0.0.1:18789': auth('t') });
    const plan = planDeviceTokenClear(storage, 'ws://127.0.0.1:19001');
    expect(plan.changes).toEqual([]);
    expect(plan.otherGateways).toEqual(['openclaw.device.auth.v1:ws://127.0.0.1:18789']);
  });

  it('keeps other roles’ tokens and unknown fields', () => {
    const value = JSON.stringify({ version: 1, deviceId: 'd', tokens: { operator: { token: 't' }, node: { token: 'n' } }, future: [1] });
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': value });
    const [change] = planDeviceTokenClear(storage, null).changes;
    expect(JSON.parse(change!.after!)).toEqual({ version: 1, deviceId: 'd', tokens: { node: { token: 'n' } }, future: [1] });
  });
});

describe('malformed, empty, huge and wrong-type values', () => {
  const BAD: Record<string, string> = {
    empty: '',
    'not json': '{oops',
    null: 'null',
    number: '42',
    array: '[1,2]',
    string: '"token"',
    'tokens is a string': JSON.stringify({ tokens: 'x' }),
    'tokens is an array': JSON.stringify({ tokens: [] }),
    'operator is a string': JSON.stringify({ tokens: { operator: 'x' } }),
    'token is a number': JSON.stringify({ tokens: { operator: { token: 5 } } }),
  };

  it.each(Object.entries(BAD))('%s: never throws and changes nothing', (_name, value) => {
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': value, other: 'x' });
    expect(() => deviceAuthEntries(storage)).not.toThrow();
    expect(planDeviceTokenClear(storage, 'ws://127.0.0.1:1').changes).toEqual([]);
    expect(storage.snapshot()).toEqual({ 'openclaw.device.auth.v1': value, other: 'x' });
  });

  it('storage filling: refuses to clear or back up a value far larger than a real one', () => {
    const big = auth('t'.repeat(3_000_000));
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': big });
    const plan = planDeviceTokenClear(storage, null);
    expect(plan.changes).toEqual([]);
    expect(plan.refused).toEqual([{ key: 'openclaw.device.auth.v1', reason: 'too-large' }]);
    expect(deviceAuthEntries(storage)[0]?.unreadable).toBe(true);
  });

  it('deep or odd JSON: leaves values it cannot rewrite byte for byte alone, and never throws', () => {
    const deep = `{"tokens":{"operator":{"token":"t"}},"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const bigInt = '{"version":1,"deviceId":"d","tokens":{"operator":{"token":"t","updatedAtMs":12345678901234567890}}}';
    const spaced = '{ "version": 1, "tokens": { "operator": { "token": "t" } } }';
    for (const value of [deep, bigInt, spaced]) {
      const storage = new MemoryStorage({ 'openclaw.device.auth.v1': value });
      expect(() => planDeviceTokenClear(storage, null)).not.toThrow();
      const plan = planDeviceTokenClear(storage, null);
      expect(plan.changes).toEqual([]);
      expect(plan.refused.map((r) => r.key)).toEqual(['openclaw.device.auth.v1']);
    }
  });

  it('survives a storage that throws on every access', () => {
    const hostile = {
      get length(): number {
        throw new DOMException('denied', 'SecurityError');
      },
      key: () => {
        throw new Error('x');
      },
      getItem: () => {
        throw new Error('x');
      },
    };
    expect(deviceAuthEntries(hostile)).toEqual([]);
    expect(planDeviceTokenClear(hostile, null).changes).toEqual([]);
    expect(() => summarizeStoredAuth(hostile, hostile, 'ws://x')).not.toThrow();
  });

  it('reports failed writes instead of throwing, and leaves the value', () => {
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': auth('t') });
    const { changes } = planDeviceTokenClear(storage, null);
    storage.failWrites = true;
    expect(applyWrites(storage, clearWrites(changes))).toEqual({ ok: false, key: 'openclaw.device.auth.v1', error: 'QuotaExceededError' });
    expect(storage.getItem('openclaw.device.auth.v1')).toBe(auth('t'));
  });
});

describe('applyWrites', () => {
  it('never overwrites a value the page changed after the plan was made', () => {
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': auth('old') });
    const { changes } = planDeviceTokenClear(storage, null);
    storage.setItem('openclaw.device.auth.v1', auth('newer'));
    expect(applyWrites(storage, clearWrites(changes))).toEqual({ ok: false, key: 'openclaw.device.auth.v1', error: 'ChangedMeanwhile' });
    expect(storage.getItem('openclaw.device.auth.v1')).toBe(auth('newer'));
  });

  it('writes all or nothing: one changed key stops every write', () => {
    const storage = new MemoryStorage({ a: '1', b: '2' });
    expect(applyWrites(storage, [{ key: 'a', expected: '1', value: 'x' }, { key: 'b', expected: 'other', value: 'y' }]).ok).toBe(false);
    expect(storage.snapshot()).toEqual({ a: '1', b: '2' });
  });
});

describe('planRestore', () => {
  it('sorts changes into safe, newer and already restored', () => {
    const [a, b, c] = ['openclaw.device.auth.v1:ws://h/a', 'openclaw.device.auth.v1:ws://h/b', 'openclaw.device.auth.v1:ws://h/c'];
    const storage = new MemoryStorage({ [a]: 'cleared', [b]: 'brand-new-token', [c]: 'original' });
    const plan = planRestore(storage, [
      { key: a, before: 'original', after: 'cleared' },
      { key: b, before: 'original', after: 'cleared' },
      { key: c, before: 'original', after: 'cleared' },
    ]);
    expect(plan.safe).toEqual([{ key: a, expected: 'cleared', value: 'original' }]);
    expect(plan.newer).toEqual([{ key: b, expected: 'brand-new-token', value: 'original', current: 'brand-new-token' }]);
    expect(plan.alreadyRestored).toEqual([c]);
  });

  it('Undo writes device-auth keys only, whatever a stored backup names', () => {
    const storage = new MemoryStorage({ 'openclaw.control.currentGateway.v1:http://h': 'ws://h' });
    const plan = planRestore(storage, [{ key: 'openclaw.control.currentGateway.v1:http://h', before: 'wss://attacker.example', after: 'ws://h' }]);
    expect(plan).toEqual({ safe: [], newer: [], alreadyRestored: [] });
  });

  it('undo edge cases: a key that was absent before is removed again, not restored as ""', () => {
    const storage = new MemoryStorage({ 'openclaw.device.auth.v1': 'written-later' });
    const plan = planRestore(storage, [{ key: 'openclaw.device.auth.v1', before: null, after: 'written-later' }]);
    expect(applyWrites(storage, plan.safe)).toEqual({ ok: true });
    expect(storage.snapshot()).toEqual({});
  });

  it('undo edge cases: a key the app removed since is put back, with nothing to overwrite', () => {
    const storage = new MemoryStorage();
    const plan = planRestore(storage, [{ key: 'openclaw.device.auth.v1', before: 'x', after: 'y' }]);
    expect(plan).toEqual({ safe: [{ key: 'openclaw.device.auth.v1', expected: null, value: 'x' }], newer: [], alreadyRestored: [] });
    expect(applyWrites(storage, plan.safe)).toEqual({ ok: true });
    expect(storage.snapshot()).toEqual({ 'openclaw.device.auth.v1': 'x' });
  });
});

describe('gateway scope', () => {
  it.each([
    ['ws://127.0.0.1:18789', 'ws://127.0.0.1:18789'],
    ['ws://127.0.0.1:18789/', 'ws://127.0.0.1:18789'],
    ['wss://host.ts.net/openclaw//', 'wss://host.ts.net/openclaw'],
    ['ws://h:1/p?x=1', 'ws://h:1/p?x=1'],
    ['', 'default'],
  ])('%s → %s', (url, scope) => expect(gatewayScope(url)).toBe(scope));

  it('derives the default WebSocket URL from the page and base path', () => {
    expect(defaultGatewayUrl('http://127.0.0.1:18789/chat')).toBe('ws://127.0.0.1:18789');
    expect(defaultGatewayUrl('https://host.ts.net/openclaw/chat', '/openclaw/')).toBe('wss://host.ts.net/openclaw');
    expect(defaultGatewayUrl('file:///x')).toBeNull();
  });

  it('follows a gateway the user switched to', () => {
    const recorded = new MemoryStorage({ 'openclaw.control.currentGateway.v1:http://127.0.0.1:5173': 'ws://127.0.0.1:19001' });
    expect(currentGatewayUrl(recorded, 'http://127.0.0.1:5173/')).toBe('ws://127.0.0.1:19001');
    const settings = new MemoryStorage({ 'openclaw.control.settings.v1': JSON.stringify({ gatewayUrl: 'wss://gw.example/x' }) });
    expect(currentGatewayUrl(settings, 'http://127.0.0.1:5173/')).toBe('wss://gw.example/x');
    expect(currentGatewayUrl(new MemoryStorage(), 'http://[::1]:18789/')).toBe('ws://[::1]:18789');
  });
});

describe('summarizeStoredAuth', () => {
  it('reports presence, never values', () => {
    const local = new MemoryStorage(LAYOUTS['2026.9.6 (scoped key, two gateways)'].storage);
    const session = new MemoryStorage({ 'openclaw.control.token.v1:ws://127.0.0.1:18789': 'shared-secret' });
    const summary = summarizeStoredAuth(local, session, 'ws://127.0.0.1:18789');
    expect(summary).toEqual({
      deviceToken: { key: 'openclaw.device.auth.v1:ws://127.0.0.1:18789', length: 28, updatedAtMs: 1764000000000 },
      deviceAuthKeys: ['openclaw.device.auth.v1:ws://127.0.0.1:18789'],
      identity: { present: true, deviceId: DEVICE_ID },
      sharedToken: 'tab-session',
    });
    expect(JSON.stringify(summary)).not.toContain('stale-token');
    expect(JSON.stringify(summary)).not.toContain('shared-secret');
  });
});
