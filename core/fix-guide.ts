import { allowedOriginsArg, deviceIdArg, isDeviceId, isRequestId, requestIdArg, rich, type Rich } from './command-values';
import { TITLES, type Lockout, type LockoutKind } from './lockout';
import { isAtLeast, type Release } from './release';

export interface FixStep {
  /** The extension's words; only its own text marks code (see `rich`). */
  text: Rich;
  /**
   * A command that exists in the user's release, ready to copy. Page values in it passed their
   * validator in `command-values` and are shell-quoted; otherwise it holds a `<placeholder>`.
   */
  command?: string;
}

export interface FixGuide {
  kind: LockoutKind;
  title: string;
  cause: Rich;
  when: Rich;
  steps: FixStep[];
  /** Extra advice that is not a step: Docker, commands that guides invent. */
  notes: FixStep[];
}

/** Facts for the commands. The page supplies `deviceId` (and can fake it): it is checked before use. */
export interface GuideContext {
  release?: Release | null;
  /** From the page's device identity; fills in `openclaw devices rotate --device <id>` when it is 64 hex characters. */
  deviceId?: string | null;
  /** The extension already removed the stale token on this page. */
  deviceTokenCleared?: boolean;
  /** The dashboard's origin, for `gateway.controlUi.allowedOrigins`, when `isOrigin` accepts it. */
  origin?: string | null;
}


/** `openclaw gateway auth-token --show` arrived in this release; before it, read the config. */
const AUTH_TOKEN_SHOW_SINCE = '2026.8.2';

function showTokenSteps(release: Release | null | undefined): FixStep[] {
  const show: FixStep = { text: rich`Print the gateway’s current token on the gateway host:`, command: 'openclaw gateway auth-token --show' };
  const config: FixStep = {
    text: release ? rich`Print the gateway’s current token on the gateway host:` : rich`On releases before 2026.8.2, read it from the config instead:`,
    command: 'openclaw config get gateway.auth.token',
  };
  if (!release) return [show, config];
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? [show] : [config];
}

const DASHBOARD_LINK: FixStep = {
  text: rich`Or let the CLI open the dashboard already signed in (add --no-open to only print the link):`,
  command: 'openclaw dashboard',
};

const DOCKER_NOTE: FixStep = {
  text: rich`Running the gateway in Docker? Its token comes from OPENCLAW_GATEWAY_TOKEN in your compose file or .env. After changing it, recreate the container so the new value is read:`,
  command: 'docker compose down && docker compose up -d',
};

const INVENTED_COMMANDS_NOTE: FixStep = {
  text: rich`Guides online suggest \`openclaw gateway token rotate\`, \`status\` or \`reset\`: no release has them. A new shared token is \`openclaw doctor --generate-gateway-token\` then \`openclaw gateway restart\`; the status is \`openclaw gateway status\`.`,
};

function guideFor(lockout: Lockout, ctx: GuideContext): Omit<FixGuide, 'kind' | 'title'> {
  const release = ctx.release;
  // Page values reach a command only through their validator and the shell quoting (command-values).
  const device = deviceIdArg(ctx.deviceId);
  const findDevice = isDeviceId(ctx.deviceId) ? rich`` : rich` (\`openclaw devices list\` shows this browser’s id)`;
  const requestId = isRequestId(lockout.requestId) ? lockout.requestId : null;
  switch (lockout.kind) {
    case 'device-token-mismatch':
      return {
        cause: rich`${
          lockout.reportedAs === 'gateway-token-mismatch'
            ? 'The page says “gateway token mismatch”, but the tab holds no gateway token: releases 2026.2.22 to 2026.3.6 send the stored device token in its place, so this is a stale device token. '
            : lockout.reportedAs === 'connect-failed'
              ? 'The page only says “connect failed” (releases up to 2026.1.30 show every failed connect that way), but it holds a device token, which those releases send first: the gateway refused that token. '
              : ''
        }This browser holds a device token that the gateway no longer accepts.`,
        when: rich`After a gateway restart or update, a \`devices rotate\`, or a re-pair from another browser.`,
        steps: [
          ctx.deviceTokenCleared
            ? { text: rich`Done: the extension removed the stale device token from this page (a backup is kept for Undo).` }
            : { text: rich`Clear the stale device token: click “Clear stale device token”. Only the token goes; the device identity, settings and drafts stay.` },
          { text: rich`Reload the dashboard. If it asks for the gateway token, paste it and click Connect: the gateway then issues a new device token for the same device.` },
          ...showTokenSteps(release),
          { text: rich`Still refused? Reissue this browser’s device token on the gateway host${findDevice}:`, command: `openclaw devices rotate --device ${device} --role operator` },
          // `devices remove` arrived in 2026.3.24.
          ...(isAtLeast(release, '2026.3.24', true)
            ? [{ text: rich`As a last resort${release ? '' : ' (2026.3.24 and later)'}, remove the device and approve it again when it reconnects:`, command: `openclaw devices remove ${device}` }]
            : []),
        ],
        notes: [INVENTED_COMMANDS_NOTE],
      };
    case 'gateway-token-mismatch':
      return {
        cause: rich`The shared gateway token this page sends is not the gateway’s current token.`,
        when: rich`After a redeploy, a config edit (gateway.auth.token), or an OPENCLAW_GATEWAY_TOKEN from the environment or ~/.openclaw/.env that differs from the config.`,
        steps: [
          ...showTokenSteps(release),
          { text: rich`Paste that token into the dashboard’s gateway token field and click Connect.` },
          DASHBOARD_LINK,
          { text: rich`If the token is not what you expect, check for an override in the environment or ~/.openclaw/.env:`, command: 'openclaw doctor' },
          { text: rich`To start over with a new token, generate one and restart the gateway, then paste it everywhere it is used:`, command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' },
        ],
        notes: [DOCKER_NOTE, INVENTED_COMMANDS_NOTE],
      };
    case 'gateway-token-missing':
      return {
        cause: rich`The page has no gateway token to send.`,
        when: rich`On a new browser or private window, or after the tab that held the token was closed.`,
        steps: [...showTokenSteps(release), { text: rich`Paste it into the dashboard’s gateway token field and click Connect.` }, DASHBOARD_LINK],
        notes: [DOCKER_NOTE],
      };
    case 'gateway-token-not-configured':
      return {
        cause: rich`The gateway is set to token auth but has no token.`,
        when: rich`After a config edit that removed gateway.auth.token.`,
        steps: [{ text: rich`Generate a token and restart the gateway:`, command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' }],
        notes: [DOCKER_NOTE],
      };
    case 'device-token-rejected':
    case 'device-token-scope-mismatch':
      return {
        cause: rich`The gateway does not accept this browser’s device token for what it asks to do.`,
        when: rich`After the device was revoked, or when the dashboard needs more scopes than were approved.`,
        steps: [
          { text: rich`List devices and pending requests on the gateway host:`, command: 'openclaw devices list' },
          { text: rich`Approve the request from this browser:`, command: 'openclaw devices approve <requestId>' },
          ...showTokenSteps(release),
        ],
        notes: [],
      };
    case 'rate-limited':
      return {
        cause: rich`Too many failed connects from this browser: the gateway locks the origin for a few minutes.`,
        when: rich`When the dashboard keeps retrying a stale or wrong token (10 failures a minute).`,
        steps: [
          { text: rich`Stop retrying: every failed attempt extends the lock. Wait about 5 minutes, or restart the gateway to reset the count:`, command: 'openclaw gateway restart' },
          { text: rich`Then fix the token the page sends (see the device or gateway token steps) before connecting again.` },
        ],
        notes: [],
      };
    case 'password-mismatch':
    case 'password-missing':
      return {
        cause: rich`The gateway uses password auth and the page sent a wrong password or none.`,
        when: rich`After the password in gateway.auth.password changed.`,
        steps: [{ text: rich`Enter the gateway password in the dashboard’s login form. The dashboard never stores passwords.` }],
        notes: [],
      };
    case 'password-not-configured':
      return {
        cause: rich`The gateway is set to password auth but has no password.`,
        when: rich`After a config edit.`,
        steps: [{ text: rich`Set one and restart the gateway:`, command: 'openclaw config set gateway.auth.password <password> && openclaw gateway restart' }],
        notes: [],
      };
    case 'setup-code-invalid':
      return {
        cause: rich`The one-time setup link or code was used already or expired (they last 10 minutes).`,
        when: rich`When an old \`openclaw dashboard\` link is opened again.`,
        steps: [{ text: rich`Get a fresh link:`, command: 'openclaw dashboard' }],
        notes: [],
      };
    case 'pairing-required':
      return {
        cause: rich`The gateway has not approved this browser as a device yet.`,
        when: rich`On a new browser or private window that is not on the gateway’s own machine (LAN, Tailscale, proxy).`,
        steps: [
          { text: rich`Approve it on the gateway host:`, command: `openclaw devices approve ${requestIdArg(requestId)}` },
          ...(requestId ? [] : [{ text: rich`Find the request id in the list of pending devices:`, command: 'openclaw devices list' }]),
        ],
        notes: [],
      };
    case 'device-identity-required':
      return {
        cause: rich`The browser cannot create a device identity here: WebCrypto needs HTTPS or localhost.`,
        when: rich`When the dashboard is opened over plain HTTP from another machine.`,
        steps: [{ text: rich`Open the dashboard over HTTPS (for example Tailscale Serve) or through an SSH tunnel to 127.0.0.1.` }],
        notes: [],
      };
    case 'origin-not-allowed':
      return {
        cause: rich`The gateway refuses pages from this address.`,
        when: rich`Behind a reverse proxy or on a custom host name.`,
        steps: [{ text: rich`Allow this origin in the gateway config, then restart:`, command: `openclaw config set gateway.controlUi.allowedOrigins ${allowedOriginsArg(ctx.origin)}` }],
        notes: [],
      };
    case 'protocol-mismatch':
      return {
        cause: rich`The dashboard page is from a different release than the gateway.`,
        when: rich`Right after an update.`,
        steps: [{ text: rich`Reload the page (hold Shift to bypass the cache).` }],
        notes: [],
      };
    case 'connect-failed':
      return {
        cause: rich`The gateway closed the connection before saying why (older releases often show only this).`,
        when: rich`Often a stale device token on releases up to 2026.1.30.`,
        steps: [
          { text: rich`If a device token is stored, clear it and reload.` },
          ...showTokenSteps(release),
          { text: rich`Check the gateway is running:`, command: 'openclaw gateway status' },
        ],
        notes: [],
      };
  }
}

/**
 * The fix for each lock-out, in the order to do them: a wrong shared token (B) first,
 * because the device token (A) can only be reissued over a connection the gateway accepts.
 */
export function buildFixGuides(lockouts: readonly Lockout[], ctx: GuideContext = {}): FixGuide[] {
  const order = (kind: LockoutKind) => Object.keys(TITLES).indexOf(kind);
  const unique = [...new Map(lockouts.map((lockout) => [lockout.kind, lockout])).values()];
  return unique
    .sort((a, b) => order(a.kind) - order(b.kind))
    .map((lockout) => ({ kind: lockout.kind, title: TITLES[lockout.kind], ...guideFor(lockout, ctx) }));
}

/** How the banner says where the gateway's current token comes from, in this release's commands (rich text, commands as code). */
export function showTokenHint(release: Release | null | undefined): Rich {
  if (!release) return rich`\`openclaw gateway auth-token --show\` prints it; before 2026.8.2, \`openclaw config get gateway.auth.token\``;
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? rich`\`openclaw gateway auth-token --show\` prints it` : rich`\`openclaw config get gateway.auth.token\` prints it`;
}
