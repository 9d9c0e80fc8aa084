// @vitest-environment node
/**
 * The dashboard's own words, in all six languages it ships that users paste most (en, de, es,
 * fr, ja, zh-CN): every friendly title and summary a login card or gate shows (4.x's hints,
 * 6.x–9.x's `login.failure.*`, 9.x's "server updated") is read as the right lock-out by the same
 * function the popup's paste box runs. The texts are read at test time from the real releases'
 * bundles in the cache (`tests/fixtures/release-cache.ts`, fetched with `npm pack` on first use)
 * and never kept here; the classifier carries only short keywords of its own.
 * Also: every `data-kind` a release's login gate writes is one the page watcher reads, or no lock-out.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_WORDS, FAILURE_KIND_NAMES } from '../../core/classify-error';
import { diagnoseText } from '../../core/diagnose-text';
import type { LockoutKind } from '../../core/lockout';
import { LOCALES, localeFiles, loginCardTexts, objectsAt, pairsAt, type Locale } from '../fixtures/dashboard-texts';
import { fetchReleaseUi } from '../fixtures/release-cache';

/** What each group of texts means (our reading), by the key its texts sit under. */
const GROUP_KINDS: Readonly<Record<string, LockoutKind | null>> = {
  'login.failure.authRequired': 'gateway-token-missing',
  'login.failure.authRequired.passwordTitle': 'password-missing',
  'login.failure.authFailed': 'gateway-token-mismatch',
  'login.failure.rateLimited': 'rate-limited',
  'login.failure.pairing': 'pairing-required',
  'login.failure.insecure': 'device-identity-required',
  'login.failure.origin': 'origin-not-allowed',
  'login.failure.protocol': 'protocol-mismatch',
  'login.failure.network': 'gateway-unreachable',
  'login.failure.trustedProxy': 'trusted-proxy',
  'login.failure.verifiedUserRequired': 'verified-user-required',
  // A passing failure to look the signed-in profile up: the gate says to retry shortly. No lock-out.
  'login.failure.profileUnavailable': null,
  'chat.sidebar.serverUpdatedTitle': 'build-mismatch',
  'chat.sidebar.serverUpdatedRefresh': 'build-mismatch',
  'overview.auth.required': 'gateway-token-missing',
  'overview.auth.failed': 'gateway-token-mismatch',
  'overview.pairing': 'pairing-required',
  'overview.insecure.hint': 'device-identity-required',
};
/** `data-kind`s of a gate that are no lock-out: the gateway could not be reached (often a restart), a passing profile lookup. */
const NOT_A_LOCKOUT_DATA_KINDS = ['network', 'profile-unavailable'];
/** Values the texts interpolate. */
const PARAMS: Record<string, string> = {
  host: '192.168.1.20:18789',
  command: 'openclaw dashboard --no-open',
  url: 'http://127.0.0.1:18789',
  requestId: 'r-42',
  config: 'gateway.controlUi.allowInsecureAuth',
};

/** The texts a user can copy: titles, summaries and hints (not steps, links or buttons). */
const COPYABLE = /(?:^|\.)(?:title|\w+Title|summary|\w+Summary|hint|required|failed|serverUpdated\w*)$/;
const EXCLUDED = /(?:docsTitle|mobileHint)$/;

function groupOf(key: string): string | null {
  let best: string | null = null;
  for (const group of Object.keys(GROUP_KINDS)) if ((key === group || key.startsWith(`${group}.`)) && (!best || group.length > best.length)) best = group;
  return best;
}

const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => PARAMS[name] ?? whole);

interface Text {
  release: string;
  locale: Locale;
  key: string;
  text: string;
}

const texts: Text[] = [];
const dataKinds = new Map<string, Set<string>>();

beforeAll(() => {
  for (const version of ['2026.4.29', '2026.6.11', '2026.9.6']) {
    const { uiDir } = fetchReleaseUi('openclaw', version);
    for (const locale of LOCALES) {
      const files = localeFiles(uiDir, locale);
      const found = new Map<string, string>([
        ...objectsAt(files, 'failure:{rawError:', 'login.failure'),
        ...pairsAt(files, 'serverUpdated', 'chat.sidebar'),
        ...objectsAt(files, 'auth:{required:', 'overview.auth'),
        ...objectsAt(files, 'pairing:{hint:', 'overview.pairing'),
        ...objectsAt(files, 'insecure:{hint:', 'overview.insecure'),
      ]);
      for (const [key, text] of found) if (COPYABLE.test(key) && !EXCLUDED.test(key)) texts.push({ release: version, locale, key, text: fill(text) });
    }
    const kinds = new Set<string>();
    for (const file of localeFiles(uiDir, 'en')) for (const [, kind] of readFileSync(file, 'utf8').matchAll(/kind:`([a-z]+(?:-[a-z]+)*)`,(?:placement|tone|rawError)/g)) kinds.add(kind!);
    dataKinds.set(version, kinds);
  }
  const counts = LOCALES.map(
    (locale) => `${locale} ${['2026.4.29', '2026.6.11', '2026.9.6'].map((release) => texts.filter((t) => t.locale === locale && t.release === release).length).join('+')}`,
  ).join(', ');
  console.log(`dashboard-words: ${texts.length} texts (4.29+6.11+9.6: ${counts}); data-kinds 6.11: ${[...dataKinds.get('2026.6.11')!].join(' ')}; 9.6: ${[...dataKinds.get('2026.9.6')!].join(' ')}`);
}, 10 * 60_000);

describe('the dashboard’s own words', () => {
  it('were read from every release and language (4.x hints, 6.x and 9.x login cards)', () => {
    for (const release of ['2026.4.29', '2026.6.11', '2026.9.6']) {
      for (const locale of LOCALES) expect(texts.filter((t) => t.release === release && t.locale === locale).length, `${release} ${locale}`).toBeGreaterThanOrEqual(release === '2026.4.29' ? 9 : 18);
    }
  });

  it('belong to groups this test knows (a new group fails until mapped)', () => {
    expect(texts.filter((t) => !groupOf(t.key)).map((t) => `${t.release} ${t.locale} ${t.key}`)).toEqual([]);
  });

  describe.each(LOCALES)('%s', (locale) => {
    it('every title and summary is read as its lock-out, alone and pasted with the others of its card', () => {
      const problems: string[] = [];
      for (const t of texts.filter((x) => x.locale === locale)) {
        const expected = GROUP_KINDS[groupOf(t.key)!]!;
        const kinds = diagnoseText(t.text).causes.map((c) => c.kind);
        if (JSON.stringify(kinds) !== JSON.stringify(expected ? [expected] : [])) problems.push(`${t.release} ${t.key} ${JSON.stringify(t.text)} → ${JSON.stringify(kinds)}, not ${expected ?? 'nothing'}`);
      }
      // A card's title and summary pasted together.
      for (const release of ['2026.6.11', '2026.9.6']) {
        const cards = new Map<string, string[]>();
        for (const t of texts.filter((x) => x.locale === locale && x.release === release && x.key.startsWith('login.failure.'))) {
          const group = groupOf(t.key)!;
          cards.set(group, [...(cards.get(group) ?? []), t.text]);
        }
        for (const [group, lines] of cards) {
          const expected = GROUP_KINDS[group];
          if (group === 'login.failure.authRequired' || !expected) continue; // its password title is another group's word
          const kinds = diagnoseText(lines.join('\n')).causes.map((c) => c.kind);
          if (JSON.stringify(kinds) !== JSON.stringify([expected])) problems.push(`${release} ${group} card → ${JSON.stringify(kinds)}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  it('the classifier’s words are short keywords of its own, not the dashboards’ sentences', () => {
    for (const { words } of DASHBOARD_WORDS) for (const word of words) expect(word.length, word).toBeLessThanOrEqual(40);
    // A title of up to four words may be a keyword itself ("Server updated"); a longer text never is.
    const sentences = new Set(texts.map((t) => t.text.toLowerCase()).filter((text) => text.split(/\s+/).length > 4));
    expect(DASHBOARD_WORDS.flatMap(({ words }) => words.filter((word) => sentences.has(word)))).toEqual([]);
  });
});

describe('a whole login card, copied with its steps', () => {
  it.each(LOCALES)('%s: 9.6’s cards name their own lock-out, not the ones their steps mention', (locale) => {
    const all = loginCardTexts(fetchReleaseUi('openclaw', '2026.9.6').uiDir, locale);
    const cards = new Map<string, string[]>();
    for (const [key, text] of all) {
      const card = /^login\.failure\.[A-Za-z]+/.exec(key)?.[0];
      if (card && !/(?:docs\w*|link\w*|rawError\w*|button\w*|label\w*)$/i.test(key)) cards.set(card, [...(cards.get(card) ?? []), fill(text)]);
    }
    const problems: string[] = [];
    for (const [card, lines] of cards) {
      const expected = GROUP_KINDS[card];
      if (expected === undefined || expected === null) continue;
      const kinds = diagnoseText(lines.join('\n')).causes.map((c) => c.kind);
      if (JSON.stringify(kinds) !== JSON.stringify([expected])) problems.push(`${card} → ${JSON.stringify(kinds)}, not ${expected}`);
    }
    expect(cards.size, 'cards read').toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
  });
});

describe('the login gate’s data-kind', () => {
  it.each(['2026.6.11', '2026.9.6'])('every data-kind %s writes is one the watcher reads, or no lock-out', (release) => {
    const kinds = [...dataKinds.get(release)!];
    expect(kinds.length).toBeGreaterThanOrEqual(8);
    expect(kinds.filter((kind) => !FAILURE_KIND_NAMES.includes(kind) && !NOT_A_LOCKOUT_DATA_KINDS.includes(kind))).toEqual([]);
  });
});
