import { code, displayList, isRequestId, joinRich, requestIdArg, rich, type Rich } from './command-values';
import { showTokenHint } from './fix-guide';
import { TITLES, type Lockout, type LockoutKind } from './lockout';
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

const ORDER = Object.keys(TITLES) as LockoutKind[];
const byFixOrder = (a: LockoutKind, b: LockoutKind) => ORDER.indexOf(a) - ORDER.indexOf(b);

/** The banner's heading: lock-out titles in fix order, or what the extension did. Plain text, no page strings. */
export function bannerHeading(facts: BannerFacts): string {
  const kinds = [...new Set(facts.lockouts.map((lockout) => lockout.kind))].sort(byFixOrder);
  if (kinds.length === 0) {
    if (facts.undo === 'restored') return 'Device token restored';
    return facts.deviceToken === 'cleared' ? 'Stale device token cleared' : 'OpenClaw Token Fixer';
  }
  // B before A: the gateway token has to be right before a device token can be reissued.
  return kinds.map((kind) => TITLES[kind]).join(' and ');
}

/**
 * One sentence per lock-out: the cause, and what the extension did or what to do. Rich text:
 * commands and key names are code segments; page strings in them (key names, a request id that
 * passed `isRequestId`) are text inside one segment and never mark code themselves.
 */
export function bannerSentences(facts: BannerFacts): Rich[] {
  const paste = rich`paste the gateway token (${showTokenHint(parseRelease(facts.release))}) into the login form and click Connect`;
  const lockouts = [...facts.lockouts].sort((a, b) => byFixOrder(a.kind, b.kind));
  const sentences = lockouts.map((lockout) => sentenceFor(lockout, facts, paste));
  if (facts.deviceToken === 'cleared' && !lockouts.some((l) => l.kind === 'device-token-mismatch')) {
    sentences.push(clearedSentence(facts, paste));
  }
  return sentences;
}

/** Key names the page chose, each one code segment of bounded length, at most five, then a count. */
function keyList(keys: readonly string[]): Rich {
  const { shown, more } = displayList(keys);
  const list = joinRich(shown.map(code), ', ');
  return more ? rich`${list} and ${String(more)} more` : list;
}

function clearedSentence(facts: BannerFacts, paste: Rich): Rich {
  const what = rich`${facts.clearedAutomatically ? 'The extension cleared' : 'Cleared'} the stale device token (${keyList(facts.clearedKeys)}), kept a backup and reloaded the page.`;
  return facts.sharedTokenInTab ? rich`${what} The dashboard reconnects with this tab’s gateway token.` : rich`${what} If the dashboard asks for it, ${paste}.`;
}

function sentenceFor(lockout: Lockout, facts: BannerFacts, paste: Rich): Rich {
  switch (lockout.kind) {
    case 'device-token-mismatch': {
      const why =
        lockout.reportedAs === 'gateway-token-mismatch'
          ? rich`The page says “gateway token mismatch”, but this tab holds no gateway token: releases 2026.2.22 to 2026.3.6 report a stale device token that way. `
          : lockout.reportedAs === 'connect-failed'
            ? rich`The page only says “connect failed”, but it holds a device token, which releases up to 2026.1.30 send first: the gateway refused that token. `
            : rich``;
      if (facts.deviceToken === 'cleared') return rich`${why}${clearedSentence(facts, paste)}`;
      if (facts.deviceToken === 'stored') {
        return rich`${why}The device token this browser saved is no longer accepted by the gateway. Clearing it lets the gateway issue a new one; your device identity, settings and drafts stay.`;
      }
      return rich`The gateway refused this browser’s device token, and the dashboard has already dropped it. Next, ${paste}.`;
    }
    case 'gateway-token-mismatch':
      return rich`The gateway token this page sends is not the gateway’s current one: ${paste}.`;
    case 'gateway-token-missing':
      return rich`The dashboard has no gateway token for this tab: ${paste}.`;
    case 'gateway-token-not-configured':
      return rich`The gateway uses token auth but has no token set: run \`openclaw doctor --generate-gateway-token\`, then \`openclaw gateway restart\`.`;
    case 'device-token-rejected':
      return rich`The gateway no longer knows this browser’s device (it was removed or revoked): approve it again with \`openclaw devices approve <requestId>\` (\`openclaw devices list\` shows the request).`;
    case 'device-token-scope-mismatch':
      return rich`The dashboard asks for more than this device was approved for: approve the upgrade with \`openclaw devices approve <requestId>\` (\`openclaw devices list\` shows the request).`;
    case 'rate-limited':
      return rich`The gateway locked this browser out after too many failed attempts. Wait about 5 minutes (or restart the gateway): every retry now counts as another failure and extends the lock. Fix the token before connecting again.`;
    case 'password-mismatch':
    case 'password-missing':
      return rich`The gateway uses a password, and this one is wrong or missing: enter the gateway password in the login form. Clearing tokens does not help here.`;
    case 'password-not-configured':
      return rich`The gateway uses password auth but has no password set: set \`gateway.auth.password\` and restart the gateway.`;
    case 'setup-code-invalid':
      return rich`This one-time setup link or code is used up or expired (they last 10 minutes): get a new one with \`openclaw dashboard\`.`;
    case 'pairing-required': {
      // The id comes from the page's error text: it reaches the command only if it has the shape real releases emit.
      const known = isRequestId(lockout.requestId);
      return rich`The gateway has not approved this browser yet: on the gateway host run \`openclaw devices approve ${requestIdArg(lockout.requestId)}\`${known ? '' : rich` (\`openclaw devices list\` shows the id)`}.`;
    }
    case 'device-identity-required':
      return rich`The browser can only create a device identity over HTTPS or on localhost: open the dashboard through HTTPS (for example Tailscale Serve) or an SSH tunnel to 127.0.0.1.`;
    case 'origin-not-allowed':
      // `config set` replaces the whole list, so the sentence says to keep what is there.
      return rich`The gateway refuses pages from this address: add it to \`gateway.controlUi.allowedOrigins\`, keeping the origins already listed, and restart the gateway. The toolbar button shows the commands.`;
    case 'protocol-mismatch':
      return rich`This page is from a different release than the gateway (usually right after an update): reload the page.`;
    case 'connect-failed':
      // Releases up to 2026.1.30 show every refusal this way; with no device token stored, the
      // only credential they sent is the gateway token.
      return lockout.clientClosed && facts.deviceToken !== 'stored'
        ? rich`The gateway refused the connection (releases up to 2026.1.30 do not say why), and no device token is stored, so the gateway token is wrong or missing: ${paste}.`
        : rich`The gateway closed the connection without saying why. Check that it runs (\`openclaw gateway status\`); the toolbar button shows more steps.`;
  }
}
