import { code, displayList, isRequestId, joinRich, plainText, requestIdArg, rich, type Rich } from './command-values';
import { showTokenHint } from './fix-guide';
import { byFixOrder, TITLES, type Lockout } from './lockout';
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
function headingOf(lockout: Lockout): string {
  if (lockout.uncertain && lockout.kind === 'device-token-mismatch' && lockout.reportedAs === 'gateway-token-mismatch') return 'Gateway token mismatch or stale device token';
  return TITLES[lockout.kind];
}

/** The banner's heading: lock-out titles in fix order, or what the extension did. Plain text, no page strings. */
export function bannerHeading(facts: BannerFacts): string {
  const lockouts = [...facts.lockouts].sort((a, b) => byFixOrder(a.kind, b.kind));
  if (lockouts.length === 0) {
    if (facts.undo === 'restored') return 'Device token restored';
    return facts.deviceToken === 'cleared' ? 'Stale device token cleared' : 'OpenClaw Token Fixer';
  }
  // B before A: the gateway token has to be right before a device token can be reissued.
  return [...new Set(lockouts.map(headingOf))].join(' and ');
}

/**
 * One sentence per lock-out: the cause, and what the extension did or what to do. Rich text:
 * commands and key names are code segments; page strings in them (key names, a request id that
 * passed `isRequestId`) are text inside one segment and never mark code themselves. No sentence
 * comes twice, and only a heading that names the device token (or the clear) calls a token stale.
 */
export function bannerSentences(facts: BannerFacts): Rich[] {
  const paste = rich`paste the gateway token (${showTokenHint(parseRelease(facts.release))}) into the login form and click Connect`;
  const lockouts = [...facts.lockouts].sort((a, b) => byFixOrder(a.kind, b.kind));
  const sentences = lockouts.map((lockout) => sentenceFor(lockout, facts, paste));
  const namesA = lockouts.some((l) => l.kind === 'device-token-mismatch');
  // After an Undo the token is back: the clear is no news any more (the status line says what Undo did).
  if (facts.deviceToken === 'cleared' && !namesA && facts.undo !== 'restored') sentences.push(lockouts.length ? earlierClearSentence(facts) : clearedSentence(facts, paste));
  const seen = new Set<string>();
  return sentences.filter((sentence) => {
    const text = plainText(sentence);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Key names the page chose, each one code segment of bounded length, at most five, then a count. */
function keyList(keys: readonly string[]): Rich {
  const { shown, more } = displayList(keys);
  const list = joinRich(shown.map(code), ', ');
  return more ? rich`${list} and ${String(more)} more` : list;
}

/** Under a heading that names the stale device token (or the clear itself). */
function clearedSentence(facts: BannerFacts, paste: Rich): Rich {
  const what = rich`${facts.clearedAutomatically ? 'The extension cleared' : 'Cleared'} the stale device token (${keyList(facts.clearedKeys)}), kept a backup and reloaded the page.`;
  return facts.sharedTokenInTab ? rich`${what} The dashboard reconnects with this tab’s gateway token.` : rich`${what} If the dashboard asks for it, ${paste}.`;
}

/** Under a heading that names another error: what was done, without calling that token the problem. */
function earlierClearSentence(facts: BannerFacts): Rich {
  return rich`Before this error, ${facts.clearedAutomatically ? 'the extension' : 'you'} cleared this page’s saved device token (${keyList(facts.clearedKeys)}); a backup is kept${facts.undo === 'available' ? ', and Undo puts it back' : ''}.`;
}

const A_AS_B_RELEASES = 'releases up to 2026.2.12 and 2026.2.22 to 2026.3.8';

function sentenceFor(lockout: Lockout, facts: BannerFacts, paste: Rich): Rich {
  switch (lockout.kind) {
    case 'device-token-mismatch': {
      if (lockout.uncertain && lockout.reportedAs === 'gateway-token-mismatch' && facts.deviceToken === 'stored') {
        return rich`The page says “gateway token mismatch” and this tab holds a device token but no gateway token. On ${A_AS_B_RELEASES} that means a stale device token, on other releases a wrong gateway token, and this page does not show its release, so nothing was cleared. First ${paste}; if the right token is refused too, click “Clear stale device token”.`;
      }
      const why =
        lockout.reportedAs === 'gateway-token-mismatch'
          ? rich`The page says “gateway token mismatch”, but this tab holds no gateway token: ${A_AS_B_RELEASES} report a stale device token that way. `
          : lockout.reportedAs === 'connect-failed'
            ? rich`The page only says “connect failed”, but it holds a device token, which releases up to 2026.2.21 send first: the gateway refused that token. `
            : rich``;
      if (facts.deviceToken === 'cleared') return rich`${why}${clearedSentence(facts, paste)}`;
      if (facts.deviceToken === 'stored') {
        return rich`${why}The device token this browser saved is no longer accepted by the gateway. Clearing it lets the gateway issue a new one; your device identity, settings and drafts stay.`;
      }
      const also = lockout.uncertain ? rich` (Releases 2026.2.17 to 2026.2.21 show this message for a wrong gateway token too; the next step is the same.)` : rich``;
      return rich`The gateway refused this browser’s device token, and the dashboard has already dropped it. Next, ${paste}.${also}`;
    }
    case 'gateway-token-mismatch':
      return lockout.reportedAs === 'device-token-mismatch'
        ? rich`The page says “device token mismatch”, but no device token is stored: releases 2026.2.17 to 2026.2.21 answer a wrong gateway token that way. ${capitalized(paste)}.`
        : rich`The gateway token this page sends is not the gateway’s current one: ${paste}.`;
    case 'gateway-token-missing':
      return rich`The dashboard has no gateway token for this tab: ${paste}.`;
    case 'gateway-token-not-configured':
      return rich`The gateway uses token auth but has no token set: run \`openclaw doctor --generate-gateway-token\`, then \`openclaw gateway restart\`.`;
    case 'gateway-secret-redacted':
      return rich`The gateway’s token or password is the placeholder \`__OPENCLAW_REDACTED__\` (what \`openclaw config get\` prints instead of a secret): run \`openclaw doctor --fix\` on the gateway host, restart the gateway, then sign in with its token.`;
    case 'unauthorized':
      return rich`The gateway refused this page’s credentials without saying why: ${paste}, or open a fresh link with \`openclaw dashboard\`.`;
    case 'device-token-rejected':
      return rich`The gateway no longer knows this browser’s device (it was removed or revoked): approve it again with \`openclaw devices approve <requestId>\` (\`openclaw devices list\` shows the request).`;
    case 'device-token-scope-mismatch':
      return rich`The dashboard asks for more than this device was approved for: approve the upgrade with \`openclaw devices approve <requestId>\` (\`openclaw devices list\` shows the request).`;
    case 'rate-limited':
      return rich`The gateway locked this browser out after too many failed attempts. Wait about 5 minutes (or restart the gateway): every retry now counts as another failure and extends the lock. Fix the token before connecting again.`;
    case 'password-mismatch':
      return rich`The gateway uses a password, and this one is wrong: enter the gateway password in the login form. Clearing tokens does not help here.`;
    case 'password-missing':
      return rich`The gateway uses a password, and the page has none: enter the gateway password in the login form. Clearing tokens does not help here.`;
    case 'password-not-configured':
      return rich`The gateway uses password auth but has no password set: set \`gateway.auth.password\` and restart the gateway.`;
    case 'setup-code-invalid':
      return rich`This one-time setup link or code is used up or expired (they last 10 minutes): get a new one with \`openclaw dashboard\`.`;
    case 'pairing-required': {
      // The id comes from the page's error text: it reaches the command only if it has the shape real releases emit.
      const known = isRequestId(lockout.requestId);
      // The id is the page's word: the user checks it is theirs before approving.
      return known
        ? rich`The gateway has not approved this browser yet: on the gateway host, check with \`openclaw devices list\` that this request is this browser, then run \`openclaw devices approve ${requestIdArg(lockout.requestId)}\`.`
        : rich`The gateway has not approved this browser yet: on the gateway host run \`openclaw devices approve ${requestIdArg(lockout.requestId)}\` (\`openclaw devices list\` shows the id).`;
    }
    case 'device-identity-required':
      return rich`The browser can only create a device identity over HTTPS or on localhost: open the dashboard through HTTPS (for example Tailscale Serve) or an SSH tunnel to 127.0.0.1.`;
    case 'device-signature':
      return rich`The gateway could not verify this browser’s signed sign-in (an invalid or expired signature, or a missing or wrong nonce): reload the page, and check that this computer’s clock is right. The extension never touches the device identity.`;
    case 'origin-not-allowed':
      // `config set` replaces the whole list, so the sentence says to keep what is there.
      return rich`The gateway refuses pages from this address: add it to \`gateway.controlUi.allowedOrigins\`, keeping the origins already listed, and restart the gateway. The toolbar button shows the commands.`;
    case 'trusted-proxy':
      return rich`The gateway signs users in through an authenticating proxy and rejected this request’s proxy sign-in: open the dashboard through the proxy’s address and sign in there. A gateway token does not replace it.`;
    case 'tailscale-identity':
      return rich`The gateway could not verify your Tailscale identity: open the dashboard at its Tailscale Serve address from a device on the tailnet, or ${paste}.`;
    case 'verified-user-required':
      return rich`This gateway gives roles to named people and could not tell who you are: reconnect through its trusted proxy or Tailscale Serve address, or sign in with the shared gateway token or password.`;
    case 'protocol-mismatch':
      return rich`This page and the gateway speak different protocol versions: reload the page, or open the dashboard with \`openclaw dashboard\`; after an update, restart the gateway.`;
    case 'build-mismatch':
      return rich`The gateway was updated while this page was open: reload the page.`;
    case 'gateway-unreachable':
      return rich`The browser could not reach the gateway: check that it runs (\`openclaw gateway status\`) and that the address is right (\`wss://\` behind HTTPS).`;
    case 'connect-failed':
      // Releases up to 2026.2.21 show every refusal this way; with no device token stored, the
      // only credential they sent is the gateway token.
      return lockout.clientClosed && facts.deviceToken !== 'stored'
        ? rich`The gateway refused the connection (releases up to 2026.2.21 do not say why), and no device token is stored, so the gateway token is wrong or missing: ${paste}.`
        : rich`The gateway closed the connection without saying why. Check that it runs (\`openclaw gateway status\`); the toolbar button shows more steps.`;
  }
}

/** The same rich text with its first letter upper case (a sentence that starts with `paste …`). */
function capitalized(text: Rich): Rich {
  const [first, ...rest] = text;
  return typeof first === 'string' ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : text;
}
