import { code, displayList, isRequestId, plainText, requestIdArg, type Rich } from './command-values';
import { showTokenHint } from './fix-guide';
import { listRich, richT, twoSentences, type Translate } from './i18n';
import { byFixOrder, lockoutTitle, type Lockout } from './lockout';
import { parseRelease } from './release';
/** The facts the banner's words depend on. */
export interface BannerFacts {
  lockouts: Lockout[];
  release: string | null;
  /** The page's device token for its gateway: still there, gone before we came, or cleared by us. */
  deviceToken: 'stored' | 'none' | 'cleared';
  /** Keys the extension cleared on this page (names only). The page chose them: shown as text, cut to length. */
  clearedKeys: string[];
  clearedAutomatically: boolean;
  undo: 'available' | 'confirm-overwrite' | 'restored' | null;
  sharedTokenInTab: boolean;
}

/** The heading's name for a lock-out: its title, or both readings when `diagnose` could not tell them apart. */
function headingOf(lockout: Lockout, t: Translate): string {
  if (lockout.uncertain && lockout.kind === 'device-token-mismatch' && lockout.reportedAs === 'gateway-token-mismatch') return t('banner.heading.uncertainAB');
  return lockoutTitle(lockout.kind, t);
}

/**
 * Whether a lock-out is what the page shows *because* of the extension's clear, not a new problem:
 *
 * - `gateway-token-missing`: with the device token gone and no gateway token in the tab, the page
 *   sends no credential and the gateway answers `AUTH_TOKEN_MISSING` (seen after the clear on a
 *   real 2026.4.24 gateway; 2026.6.11's and 2026.9.6's bundles show it the same way behind the
 *   stand-in gateway, 9.6 as its `auth-required` card).
 * - `connect-failed` closed by the page (`disconnected (4008): connect failed`): the same refusal
 *   on releases up to 2026.2.21, which never say why (seen on the 2026.1.30 and 2026.2.19 bundles).
 * - `pairing-required`: a gateway that removed the device (`openclaw devices remove`, the drift
 *   recovery of reference §7) refused its stale token; once it is gone the gateway asks to pair
 *   the device again (reference §2.5, §7; read, not reproduced in the e2e suite).
 * - `device-token-mismatch` in the page's own words (or read from "connect failed"): the text of
 *   the refusal the clear answered, still on the page until it reconnects. A refusal of a token
 *   stored *now* turns `deviceToken` back into `stored` (`withPageFacts`), so it never gets here.
 *
 * A wrong gateway token (B, and A read from B's words) and every other kind are new problems:
 * they keep their own title.
 */
export function followsTheClear(lockout: Lockout): boolean {
  switch (lockout.kind) {
    case 'gateway-token-missing':
    case 'pairing-required':
      return true;
    case 'connect-failed':
      return lockout.clientClosed === true;
    case 'device-token-mismatch':
      return lockout.reportedAs === undefined || lockout.reportedAs === 'connect-failed';
    default:
      return false;
  }
}

/**
 * Whether the banner leads with the clear (heading "Stale device token cleared", one sentence
 * of what was done and the next step) rather than with the lock-outs' titles: the extension
 * cleared the page's device token (not undone) and everything the page shows now follows from
 * that clear (`followsTheClear`). Nothing shown at all counts too. Any new problem beside them
 * (e.g. B, a wrong gateway token) puts the titles back, with the clear told as earlier news.
 */
export function leadsWithClear(facts: Pick<BannerFacts, 'lockouts' | 'deviceToken' | 'undo'>): boolean {
  return facts.deviceToken === 'cleared' && facts.undo !== 'restored' && facts.lockouts.every(followsTheClear);
}

/** The banner's heading: lock-out titles in fix order, or what the extension did. Plain text, no page strings. */
export function bannerHeading(facts: BannerFacts, t: Translate): string {
  const lockouts = [...facts.lockouts].sort((a, b) => byFixOrder(a.kind, b.kind));
  if (leadsWithClear(facts)) return t('banner.heading.cleared');
  if (lockouts.length === 0) {
    if (facts.undo === 'restored') return t('banner.heading.restored');
    return facts.deviceToken === 'cleared' ? t('banner.heading.cleared') : t('extName');
  }
  // B before A: the gateway token has to be right before a device token can be reissued.
  return [...new Set(lockouts.map((lockout) => headingOf(lockout, t)))].reduce((first, second) => t('list.and', { first, second }));
}

/** The words of a sentence: the translator, and the parts several sentences share. */
interface Words {
  t: Translate;
  /** "paste the gateway token (…) into the login form and click Connect", inside a sentence. */
  paste: Rich;
  /** The same as a sentence of its own. */
  pasteSentence: Rich;
}

/**
 * One sentence per lock-out: the cause, and what the extension did or what to do. Rich text:
 * commands and key names are code segments, filled into the message's placeholders as segments;
 * page strings in them (key names, a request id that passed `isRequestId`) are text inside one
 * segment and never mark code themselves. No sentence comes twice, and only a heading that names
 * the device token (or the clear) calls a token stale.
 */
export function bannerSentences(facts: BannerFacts, t: Translate): Rich[] {
  const hint = showTokenHint(parseRelease(facts.release), t);
  const words: Words = { t, paste: richT(t, 'banner.paste', { hint }), pasteSentence: richT(t, 'banner.pasteSentence', { hint }) };
  const lockouts = [...facts.lockouts].sort((a, b) => byFixOrder(a.kind, b.kind));
  // What the clear did and the one step after it, said once: the follow-on lock-outs' own
  // sentences would repeat the same paste-the-token step.
  if (leadsWithClear(facts)) return [clearedSentence(facts, words)];
  const sentences = lockouts.map((lockout) => sentenceFor(lockout, facts, words));
  const namesA = lockouts.some((l) => l.kind === 'device-token-mismatch');
  // After an Undo the token is back: the clear is no news any more (the status line says what Undo did).
  if (facts.deviceToken === 'cleared' && !namesA && facts.undo !== 'restored') sentences.push(lockouts.length ? earlierClearSentence(facts, t) : clearedSentence(facts, words));
  const seen = new Set<string>();
  return sentences.filter((sentence) => {
    const text = plainText(sentence);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Key names the page chose, each one code segment of bounded length, at most five, then a count. */
function keyList(keys: readonly string[], t: Translate): Rich {
  const { shown, more } = displayList(keys);
  const list = listRich(t, shown.map(code));
  return more ? richT(t, 'list.more', more, { list }) : list;
}

/**
 * Under a heading that names the stale device token (or the clear itself): what was done, then
 * the one next step. The page asking for the gateway token (missing, or ≤2026.2.21's bare
 * "connect failed") makes it "Next: paste…"; a pairing request makes it the approval; with
 * neither shown yet, the paste step is conditional, or the tab's own gateway token reconnects.
 * `withStep` false: another lock-out's sentence gives the step, so only what was done is said.
 */
function clearedSentence(facts: BannerFacts, { t, paste }: Words, withStep = true): Rich {
  const keys = keyList(facts.clearedKeys, t);
  const what = richT(t, facts.clearedAutomatically ? 'banner.cleared.auto' : 'banner.cleared.manual', { keys });
  if (!withStep) return what;
  const asks = (lockout: Lockout) => lockout.kind === 'gateway-token-missing' || (lockout.kind === 'connect-failed' && lockout.clientClosed === true);
  // The gateway token comes before pairing (fix order): a pairing request shows only once it is accepted.
  if (facts.lockouts.some(asks)) return twoSentences(t, what, richT(t, 'banner.cleared.next', { paste }));
  const pairing = facts.lockouts.find((lockout) => lockout.kind === 'pairing-required');
  if (pairing) return twoSentences(t, what, pairingSentence(pairing, t));
  return twoSentences(t, what, facts.sharedTokenInTab ? richT(t, 'banner.cleared.sharedToken') : richT(t, 'banner.cleared.askPaste', { paste }));
}

/** How to approve a pairing request; the id comes from the page's error text (see `isRequestId`). */
function pairingSentence(lockout: Lockout, t: Translate): Rich {
  // The id reaches the command only if it has the shape real releases emit.
  const known = isRequestId(lockout.requestId);
  const approve = code(`openclaw devices approve ${requestIdArg(lockout.requestId)}`);
  // The id is the page's word: the user checks it is theirs before approving.
  return richT(t, known ? 'banner.pairingKnown' : 'banner.pairingUnknown', { approve, list: DEVICES_LIST });
}

/** Under a heading that names another error: what was done, without calling that token the problem. */
function earlierClearSentence(facts: BannerFacts, t: Translate): Rich {
  const keys = keyList(facts.clearedKeys, t);
  const undo = facts.undo === 'available';
  const key = facts.clearedAutomatically ? (undo ? 'banner.earlier.autoUndo' : 'banner.earlier.auto') : undo ? 'banner.earlier.manualUndo' : 'banner.earlier.manual';
  return richT(t, key, { keys });
}

const OPENCLAW_DASHBOARD = code('openclaw dashboard');
const DEVICES_LIST = code('openclaw devices list');
const GATEWAY_STATUS = code('openclaw gateway status');

function sentenceFor(lockout: Lockout, facts: BannerFacts, words: Words): Rich {
  const { t, paste } = words;
  // The page's own error words (`reported`) stay as the page shows them, in English, in every
  // language; each message quotes them its language's way.
  switch (lockout.kind) {
    case 'device-token-mismatch': {
      const releases = t('banner.aAsBReleases');
      if (lockout.uncertain && lockout.reportedAs === 'gateway-token-mismatch' && facts.deviceToken === 'stored') {
        return richT(t, 'banner.a.uncertain', { reported: 'gateway token mismatch', releases, paste, button: t('banner.button.clear') });
      }
      const why =
        lockout.reportedAs === 'gateway-token-mismatch'
          ? richT(t, 'banner.a.reportedAsB', { reported: 'gateway token mismatch', releases })
          : lockout.reportedAs === 'connect-failed'
            ? richT(t, 'banner.a.reportedAsConnectFailed', { reported: 'connect failed' })
            : null;
      const withWhy = (sentence: Rich) => (why ? twoSentences(t, why, sentence) : sentence);
      // Beside another lock-out (B, say), that one's sentence gives the next step: the clear is told without it.
      if (facts.deviceToken === 'cleared') return withWhy(clearedSentence(facts, words, facts.lockouts.every((l) => l.kind === 'device-token-mismatch')));
      if (facts.deviceToken === 'stored') return withWhy(richT(t, 'banner.a.stored'));
      const dropped = richT(t, 'banner.a.dropped', { paste });
      return lockout.uncertain ? twoSentences(t, dropped, richT(t, 'banner.a.droppedUncertain')) : dropped;
    }
    case 'gateway-token-mismatch':
      return lockout.reportedAs === 'device-token-mismatch'
        ? richT(t, 'banner.b.reportedAsA', { reported: 'device token mismatch', pasteSentence: words.pasteSentence })
        : richT(t, 'banner.b.plain', { paste });
    case 'gateway-token-missing':
      return richT(t, 'banner.gatewayTokenMissing', { paste });
    case 'gateway-token-not-configured':
      return richT(t, 'banner.gatewayTokenNotConfigured', { generate: code('openclaw doctor --generate-gateway-token'), restart: code('openclaw gateway restart') });
    case 'gateway-secret-redacted':
      return richT(t, 'banner.gatewaySecretRedacted', {
        placeholder: code('__OPENCLAW_REDACTED__'),
        configGet: code('openclaw config get'),
        doctorFix: code('openclaw doctor --fix'),
      });
    case 'unauthorized':
      return richT(t, 'banner.unauthorized', { paste, dashboard: OPENCLAW_DASHBOARD });
    case 'device-token-rejected':
      return richT(t, 'banner.deviceTokenRejected', { approve: code('openclaw devices approve <requestId>'), list: DEVICES_LIST });
    case 'device-token-scope-mismatch':
      return richT(t, 'banner.deviceTokenScopeMismatch', { approve: code('openclaw devices approve <requestId>'), list: DEVICES_LIST });
    case 'rate-limited':
      return richT(t, 'banner.rateLimited');
    case 'password-mismatch':
      return richT(t, 'banner.passwordMismatch');
    case 'password-missing':
      return richT(t, 'banner.passwordMissing');
    case 'password-not-configured':
      return richT(t, 'banner.passwordNotConfigured', { key: code('gateway.auth.password') });
    case 'setup-code-invalid':
      return richT(t, 'banner.setupCodeInvalid', { dashboard: OPENCLAW_DASHBOARD });
    case 'pairing-required':
      return pairingSentence(lockout, t);
    case 'device-identity-required':
      return richT(t, 'banner.deviceIdentityRequired');
    case 'device-signature':
      return richT(t, 'banner.deviceSignature');
    case 'origin-not-allowed':
      // `config set` replaces the whole list, so the sentence says to keep what is there.
      return richT(t, 'banner.originNotAllowed', { key: code('gateway.controlUi.allowedOrigins') });
    case 'trusted-proxy':
      return richT(t, 'banner.trustedProxy');
    case 'tailscale-identity':
      return richT(t, 'banner.tailscaleIdentity', { paste });
    case 'verified-user-required':
      return richT(t, 'banner.verifiedUserRequired');
    case 'protocol-mismatch':
      return richT(t, 'banner.protocolMismatch', { dashboard: OPENCLAW_DASHBOARD });
    case 'build-mismatch':
      return richT(t, 'banner.buildMismatch');
    case 'gateway-unreachable':
      return richT(t, 'banner.gatewayUnreachable', { status: GATEWAY_STATUS, scheme: code('wss://') });
    case 'connect-failed':
      // Releases up to 2026.2.21 show every refusal this way; with no device token stored, the
      // only credential they sent is the gateway token.
      return lockout.clientClosed && facts.deviceToken !== 'stored'
        ? richT(t, 'banner.connectFailedNoToken', { paste })
        : richT(t, 'banner.connectFailed', { status: GATEWAY_STATUS });
  }
}
