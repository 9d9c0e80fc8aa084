/**
 * Translators for tests, built from the locale files directly (no extension needed): the
 * messages of `locales/<locale>.yml` as @wxt-dev/i18n's build step turns them into a
 * `_locales/<locale>/messages.json`, read by a `getMessage` that follows Chrome's rules, and
 * translated by @wxt-dev/i18n's own `createI18n`, as in the extension.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText, type ChromeMessage } from '@wxt-dev/i18n/build';
import { translatorFrom, type Translate } from './i18n';

export const LOCALES = ['en', 'de', 'es', 'fr', 'ja', 'zh_CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../locales');

/** The raw messages of a locale file, as parsed by @wxt-dev/i18n (keys as `a.b.c`). */
export function parsedMessages(locale: Locale) {
  return parseMessagesText(readFileSync(path.join(LOCALES_DIR, `${locale}.yml`), 'utf8'), 'YAML').filter((message) => !message.key[0]!.startsWith('@@'));
}

/** The `_locales/<locale>/messages.json` the build writes for a locale. */
export function chromeMessages(locale: Locale): Record<string, ChromeMessage> {
  return generateChromeMessages(parsedMessages(locale));
}

/** `browser.i18n.getMessage` over one locale's messages: `$1`…`$9` substituted, `$$` a dollar, '' for a missing name. */
export function getMessageFrom(messages: Record<string, ChromeMessage>) {
  return (name: string, substitutions?: string | string[]): string => {
    const message = messages[name]?.message;
    if (message === undefined) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
  };
}

/**
 * A translator for one locale, with the library's plural and placeholder rules. It calls
 * @wxt-dev/i18n with `browser.i18n` (the test's fake browser) answering from that locale, and
 * puts the English answer back afterwards.
 */
export async function translatorFor(locale: Locale): Promise<Translate> {
  const { createI18n } = await import('@wxt-dev/i18n');
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  const getMessage = getMessageFrom(chromeMessages(locale));
  const library = createI18n();
  return translatorFrom((key: string, ...args: never[]) => {
    const previous = fakeBrowser.i18n.getMessage;
    fakeBrowser.i18n.getMessage = getMessage as typeof previous;
    try {
      return (library.t as (key: string, ...args: unknown[]) => string)(key, ...args);
    } finally {
      fakeBrowser.i18n.getMessage = previous;
    }
  });
}
