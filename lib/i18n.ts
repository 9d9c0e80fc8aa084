/**
 * The extension's translator: @wxt-dev/i18n over `browser.i18n`, so every text follows the
 * browser's language, with English (the manifest's `default_locale`) for what a locale lacks.
 * Components and entrypoints use `t` and pass it to core's text builders.
 */
import { createI18n } from '@wxt-dev/i18n';
import { browser } from 'wxt/browser';
import type { GeneratedI18nStructure } from '#i18n';
import { translatorFrom, type Translate } from '@/core/i18n';

const i18n = createI18n<GeneratedI18nStructure>();

export const t: Translate = translatorFrom(i18n.t);

/** The UI's language as a BCP 47 tag (`de`, `zh-CN`), for `<html lang>`. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage?.() || 'en';
}
