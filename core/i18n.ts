/**
 * The translator core's text builders are given, and how rich text is filled from a message.
 *
 * Core knows no browser API, so it never calls `browser.i18n` itself: the entrypoints and
 * components pass `lib/i18n.ts`'s `t` (@wxt-dev/i18n's `i18n.t`, in the browser's language),
 * and core's tests pass one built from a locale file (`core/test-i18n.ts`). The keys are typed
 * from the English messages (`locales/en.yml`, turned into `GeneratedI18nStructure` by
 * `wxt prepare`), and so are each key's placeholders and whether it takes a count.
 */
import type { GeneratedI18nStructure } from '#i18n';
import type { Rich, RichSegment } from './command-values';

type Structure = GeneratedI18nStructure;

/** A message of `locales/en.yml` (the browser's own `@@…` messages left out). */
export type MessageKey = Exclude<keyof Structure & string, `@@${string}`>;

/** The `{name}` placeholders of a message. */
export type PlaceholderOf<K extends MessageKey> = Structure[K] extends { namedSubstitutions: readonly (infer N)[] } ? N & string : never;

/** A plural message (forms `1`/`n`, `0`/`1`/`n` or `n`), whose count picks the form and fills `{count}`. */
type IsPlural<K extends MessageKey> = Structure[K] extends { plural: true } ? true : false;

/** Every placeholder of `K`, each filled by a `V`. */
export type Values<K extends MessageKey, V> = { readonly [N in PlaceholderOf<K>]: V };

/** What a message takes after its key: a count for plurals, then a value for every placeholder but `{count}`. */
export type MessageArgs<K extends MessageKey, V = string | number> =
  IsPlural<K> extends true
    ? [count: number, values?: Omit<Values<K, V>, 'count'>]
    : [PlaceholderOf<K>] extends [never]
      ? []
      : [values: Values<K, V>];

/**
 * Translates a message into the UI's language: `t('banner.button.undo')`,
 * `t('list.more', 3, { list })`. Placeholders are filled as text; a count picks the plural form.
 */
export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

/** The loose shape every `Translate` has at run time (for the two helpers below). */
type LooseTranslate = (key: string, ...args: unknown[]) => string;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * A message as rich text: placeholders filled with text or with rich text, whose segments (code
 * spans: commands, config keys, key names) stay segments. The message itself never marks code,
 * and a value is only ever text inside its segment: nothing is parsed out of either.
 */
export function richT<K extends MessageKey>(t: Translate, key: K, ...args: MessageArgs<K, string | number | Rich>): Rich {
  const [count, values] = (typeof args[0] === 'number' ? args : [undefined, args[0]]) as [number | undefined, Record<string, string | number | Rich> | undefined];
  // Asked without values, the translator leaves `{name}` in place (only a count is filled into `{count}`).
  const template = count === undefined ? (t as unknown as LooseTranslate)(key) : (t as unknown as LooseTranslate)(key, count);
  return fillRich(template, { ...values, ...(count === undefined ? {} : { count: String(count) }) });
}

/** `template`'s `{name}`s filled from `values` (text or rich text); unknown names stay as they are. */
export function fillRich(template: string, values: Readonly<Record<string, string | number | Rich>>): Rich {
  const out: RichSegment[] = [];
  const addText = (text: string) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (typeof last === 'string') out[out.length - 1] = last + text;
    else out.push(text);
  };
  let at = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    addText(template.slice(at, match.index));
    at = match.index + match[0].length;
    const value = Object.hasOwn(values, match[1]!) ? values[match[1]!] : undefined;
    if (value === undefined) addText(match[0]);
    else if (typeof value === 'string' || typeof value === 'number') addText(String(value));
    else for (const segment of value) typeof segment === 'string' ? addText(segment) : out.push({ code: segment.code });
  }
  addText(template.slice(at));
  return out;
}

/** Rich parts joined by the language's list separator (`, ` in English, `、` in Japanese). */
export function listRich(t: Translate, parts: readonly Rich[]): Rich {
  const separator = t('list.separator');
  return parts.flatMap((part, index) => (index === 0 ? part : [separator, ...part]));
}

/** Two sentences one after the other, as the language writes them (a space, or none in Japanese and Chinese). */
export function twoSentences(t: Translate, first: Rich, second: Rich): Rich {
  return richT(t, 'sentences', { first, second });
}

/**
 * A `Translate` over @wxt-dev/i18n's `i18n.t` (or any function with its calling convention):
 * a count also fills `{count}`, which that library leaves for the caller.
 */
export function translatorFrom(libraryT: (key: string, ...args: never[]) => string): Translate {
  const call = libraryT as unknown as LooseTranslate;
  return ((key: string, ...args: unknown[]) => {
    if (typeof args[0] === 'number') return call(key, args[0], { ...(args[1] as object | undefined), count: args[0] });
    return args[0] === undefined ? call(key) : call(key, args[0]);
  }) as Translate;
}
