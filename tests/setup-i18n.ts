/**
 * Vitest: `browser.i18n` (which the fake browser leaves unimplemented) answers in English from
 * locales/en.yml, so components and lib code read as in an English browser.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from '@/core/test-i18n';

fakeBrowser.i18n.getMessage = getMessageFrom(chromeMessages('en')) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
