/**
 * The locale files (locales/<lang>.yml): every locale has every English key and no other, with
 * the same placeholders, plurals in the forms its language needs, and commands only through
 * placeholders (so they are never translated).
 */
import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '@wxt-dev/i18n/build';
import { bannerHeading, bannerSentences, type BannerFacts } from './banner-text';
import { plainText } from './command-values';
import { fillRich } from './i18n';
import { KINDS, TITLES, lockoutTitle } from './lockout';
import { outcomeText } from './token-outcome';
import { LOCALES, parsedMessages, translatorFor, type Locale } from './test-i18n';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
/** The forms `@wxt-dev/i18n` picks from: `1`/`n` (count 1 is singular), `0`/`1`/`n` (French: 0 and 1 singular), or `n` alone. */
const PLURAL_FORMS: Record<Locale, string[]> = { en: ['1', 'n'], de: ['1', 'n'], es: ['1', 'n'], fr: ['0', '1', 'n'], ja: ['n'], zh_CN: ['n'] };

const keyOf = (message: ParsedMessage) => message.key.join('.');
const textsOf = (message: ParsedMessage): string[] =>
  message.type === 'plural' ? Object.values(message.plurals) : [message.type === 'simple' ? message.message : message.message];
const placeholdersOf = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!));
const byKey = (locale: Locale) => new Map(parsedMessages(locale).map((message) => [keyOf(message), message]));

const english = byKey('en');

describe('locale files', () => {
  it.each(LOCALES)('%s has every English key and no other', (locale) => {
    expect([...byKey(locale).keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)('%s: each message has the English placeholders, no $1 and no " | "', (locale) => {
    const messages = byKey(locale);
    for (const [key, en] of english) {
      const message = messages.get(key);
      if (!message) continue; // reported by the test above
      const expected = new Set(textsOf(en).flatMap((text) => [...placeholdersOf(text)]));
      const forms = textsOf(message);
      expect(new Set(forms.flatMap((text) => [...placeholdersOf(text)])), `${locale} ${key}`).toEqual(expected);
      for (const text of forms) {
        // A singular may say "one" instead of {count}; every other placeholder is in every form.
        const other = [...expected].filter((name) => name !== 'count');
        expect([...placeholdersOf(text)].filter((name) => name !== 'count').sort(), `${locale} ${key}: ${text}`).toEqual(other.sort());
        // Positional $1 would be Chrome's own substitution, and " | " splits plural forms.
        expect(text, `${locale} ${key}`).not.toMatch(/\$[1-9]| \| /);
      }
    }
  });

  it.each(LOCALES)('%s: plurals where English has them, in the forms the language needs', (locale) => {
    for (const [key, message] of byKey(locale)) {
      const en = english.get(key);
      expect(message.type === 'plural', `${locale} ${key}`).toBe(en?.type === 'plural');
      if (message.type === 'plural') expect(Object.keys(message.plurals).sort(), `${locale} ${key}`).toEqual(PLURAL_FORMS[locale]);
    }
  });

  it.each(LOCALES)('%s: commands, config keys and error words come in through placeholders only', (locale) => {
    for (const [key, message] of byKey(locale)) {
      for (const text of textsOf(message)) {
        expect(text, `${locale} ${key}`).not.toMatch(/\bopenclaw (?:devices|gateway|config|doctor|dashboard|onboard|status|logs)\b|gateway\.(auth|controlUi)|OPENCLAW_|`/);
        // The page's error words, quoted ("gateway token mismatch"), come in as {reported}, never retyped (the store description aside).
        if (key !== 'extDescription') expect(text, `${locale} ${key}`).not.toMatch(/[“„«「"]\s?(?:gateway token mismatch|device token mismatch|connect failed)/i);
      }
    }
  });

  it.each(LOCALES)('%s: grammar flags are yes or no', (locale) => {
    const flag = byKey(locale).get('grammar.lowerTitleInSentence');
    expect(flag && textsOf(flag)).toSatisfy((texts: string[]) => texts.length === 1 && ['yes', 'no'].includes(texts[0]!));
  });

  it('names messages the way Chrome allows (letters, digits, _)', () => {
    for (const key of english.keys()) expect(key.replaceAll('.', '_')).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('has the English lock-out titles the fix guides use', async () => {
    const t = await translatorFor('en');
    for (const kind of KINDS) expect(lockoutTitle(kind, t)).toBe(TITLES[kind]);
  });
});

const FACTS: BannerFacts = { lockouts: [], release: null, deviceToken: 'stored', clearedKeys: [], clearedAutomatically: false, undo: null, sharedTokenInTab: false };

describe('the banner in German', async () => {
  const de = await translatorFor('de');

  it('names every lock-out in German, and says something for each', () => {
    for (const kind of KINDS) {
      expect(bannerHeading({ ...FACTS, lockouts: [{ kind }] }, de)).toBe(lockoutTitle(kind, de));
      expect(bannerHeading({ ...FACTS, lockouts: [{ kind }] }, de)).not.toBe(TITLES[kind]);
      expect(bannerSentences({ ...FACTS, lockouts: [{ kind }] }, de)).toHaveLength(1);
    }
  });

  it('keeps commands as code segments inside the German sentence', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'pairing-required', requestId: 'req-1' }] }, de);
    expect(sentence).toContainEqual({ code: 'openclaw devices approve req-1' });
    expect(sentence).toContainEqual({ code: 'openclaw devices list' });
    expect(plainText(sentence!)).toMatch(/^Das Gateway hat diesen Browser noch nicht genehmigt/);
  });

  it('quotes the page’s own words untranslated, and the German button label', () => {
    const [sentence] = bannerSentences({ ...FACTS, lockouts: [{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true }] }, de);
    expect(plainText(sentence!)).toContain('„gateway token mismatch“');
    expect(plainText(sentence!)).toContain('„Veraltetes Geräte-Token löschen“');
  });

  it('joins key names with the language’s separator and counts the rest with a plural', async () => {
    const ja = await translatorFor('ja');
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(outcomeText({ status: 'cleared', keys }, de)).toMatch(/^a, b, c, d, e und 2 weitere gelöscht/);
    expect(outcomeText({ status: 'cleared', keys: [...keys.slice(0, 6)] }, de)).toMatch(/^a, b, c, d, e und 1 weiterer gelöscht/);
    expect(outcomeText({ status: 'cleared', keys }, ja)).toMatch(/^a、b、c、d、e ほか 2 件/);
    expect(outcomeText({ status: 'nothing-stored', otherGateways: 1 }, de)).toMatch(/Das Token eines anderen Gateways/);
    expect(outcomeText({ status: 'nothing-stored', otherGateways: 3 }, de)).toMatch(/Die Tokens von 3 anderen Gateways/);
    const fr = await translatorFor('fr');
    expect(outcomeText({ status: 'nothing-stored', otherGateways: 3 }, fr)).toMatch(/Les jetons de 3 autres Gateways/);
  });
});

describe('fillRich', () => {
  it('fills text and rich values, keeps code segments, and parses nothing out of a value', () => {
    expect(fillRich('run {cmd}, then {x}', { cmd: [{ code: 'a `b`' }], x: '{cmd} <b>' })).toEqual(['run ', { code: 'a `b`' }, ', then {cmd} <b>']);
    expect(fillRich('{unknown} stays', {})).toEqual(['{unknown} stays']);
    expect(fillRich('{constructor}', {})).toEqual(['{constructor}']);
  });
});
