import { deviceIdArg, isDeviceId, isHost, isOrigin, isPort, isRequestId, requestIdArg, rich, shellQuote, type Rich } from './command-values';
import { TITLES, type Lockout, type LockoutKind } from './lockout';
import { isAtLeast, type Release } from './release';
import { inRunMode, parseRunMode, recreateCommand, type RunMode } from './run-mode';

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
  /**
   * The dashboard's origin, when `isOrigin` accepts it: for `gateway.controlUi.allowedOrigins`, the
   * SSH tunnel's host and port, and the localhost/127.0.0.1 note.
   */
  origin?: string | null;
  /**
   * The port the gateway listens on, on the machine it runs on (`--port`, `OPENCLAW_GATEWAY_PORT`,
   * `gateway.port`; 18789 by default), when `isPort` accepts it. Fills `--url ws://127.0.0.1:<port>`
   * when the CLI runs on that machine (not inside a container, whose own port the page cannot
   * show), and the SSH tunnel when the page's address names no port.
   */
  gatewayPort?: number | null;
  /** How the user runs this gateway; every `openclaw …` command is shown in that form (`run-mode`). */
  runMode?: RunMode | null;
}

/** What the user fills in by hand when the extension cannot know the value. */
const HAND = {
  port: '<port>',
  token: '<token>',
  user: '<user>',
  host: '<host>',
  existingOrigin: '<existingOrigin>',
} as const;

/** `openclaw gateway auth-token --show` arrived in this release; before it, read the config. */
const AUTH_TOKEN_SHOW_SINCE = '2026.8.2';
/** `openclaw devices remove` arrived in this release. */
const DEVICES_REMOVE_SINCE = '2026.3.24';
/**
 * The release seen to apply `gateway.controlUi.allowedOrigins` without a restart (its `config set`
 * says so; 2026.4.24's asks for a restart), to create the device identity over plain HTTP, and to
 * ignore `gateway.controlUi.dangerouslyDisableDeviceAuth` (retired). Releases in between are unknown.
 */
const NEWEST_SEEN = '2026.9.6';

function showTokenSteps(release: Release | null | undefined): FixStep[] {
  const show: FixStep = { text: rich`Print the gateway’s current token on the gateway host:`, command: 'openclaw gateway auth-token --show' };
  const config: FixStep = {
    text: release ? rich`Print the gateway’s current token on the gateway host:` : rich`On releases before 2026.8.2, read it from the config instead:`,
    command: 'openclaw config get gateway.auth.token',
  };
  if (!release) return [show, config];
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? [show] : [config];
}

function dashboardLink(inContainer: boolean): FixStep {
  return inContainer
    ? {
        text: rich`Or print a link that opens the dashboard already signed in. It names the port inside the container: use the port you open the dashboard on.`,
        command: 'openclaw dashboard --no-open',
      }
    : { text: rich`Or let the CLI open the dashboard already signed in (add --no-open to only print the link):`, command: 'openclaw dashboard' };
}

const DOCKER_NOTE: FixStep = {
  text: rich`Running the gateway in Docker? Its token comes from OPENCLAW_GATEWAY_TOKEN in your compose file or .env. After changing it, recreate the container so the new value is read:`,
  command: 'docker compose down && docker compose up -d',
};

const INVENTED_COMMANDS_NOTE: FixStep = {
  text: rich`Guides online suggest \`openclaw gateway token rotate\`, \`status\` or \`reset\`: no release has them. A new shared token is \`openclaw doctor --generate-gateway-token\` then \`openclaw gateway restart\`; the status is \`openclaw gateway status\`.`,
};

/**
 * Where the gateway's token comes from in a container, and why a config edit alone does not change
 * it. The gateway takes `gateway.auth.token` from `openclaw.json` when one is set there and
 * `OPENCLAW_GATEWAY_TOKEN` otherwise (both releases' auth resolution is config-first); the official
 * Docker setup writes the token to `.env` as that variable, and a container reads its environment
 * only when it is created.
 */
function tokenEnvNotes(mode: RunMode | null): FixStep[] {
  if (!mode || mode.kind === 'host') return mode ? [] : [DOCKER_NOTE];
  const text = rich`In a container the token usually comes from \`OPENCLAW_GATEWAY_TOKEN\` (the official Docker setup writes it to \`.env\`), and a token in \`openclaw.json\` takes its place: two different values are a common cause of a mismatch, so keep only one. A changed variable is read only when the container is created, so editing \`openclaw.json\` or restarting does not apply it.`;
  const recreate = recreateCommand(mode);
  return recreate
    ? [{ text: rich`${text} After editing \`.env\`, recreate the container:`, command: recreate }]
    : [{ text: rich`${text} After changing it, recreate the container the way you created it: \`docker restart\` keeps the old environment.` }];
}

/** A hosting template may feed `gateway.controlUi.allowedOrigins` from a variable of its own. */
function originEnvNotes(mode: RunMode | null): FixStep[] {
  if (!mode || mode.kind === 'host') return [];
  const text = rich`If your compose file or hosting template sets the allowed origins from an environment variable of its own, add the origin there instead: an edit to \`openclaw.json\` alone does not stick.`;
  const recreate = recreateCommand(mode);
  return recreate
    ? [{ text: rich`${text} Then recreate the container so it reads the variable again:`, command: recreate }]
    : [{ text: rich`${text} Then recreate the container the way you created it: \`docker restart\` keeps the old environment.` }];
}

interface PageAddress {
  scheme: string;
  host: string;
  /** The port the address names, or null for the scheme's default. */
  port: number | null;
}

/** Scheme, host and port of the page's origin, or null when `isOrigin` does not accept it. */
function pageAddress(origin: unknown): PageAddress | null {
  if (!isOrigin(origin)) return null;
  const url = new URL(origin);
  const port = url.port === '' ? null : Number(url.port);
  return { scheme: url.protocol, host: url.hostname, port: isPort(port) ? port : null };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A note for the device-token guides on `localhost` or `127.0.0.1`: the other one is another origin. */
function loopbackOriginNotes(page: PageAddress | null): FixStep[] {
  if (!page || (page.host !== 'localhost' && page.host !== '127.0.0.1')) return [];
  const port = page.port === null ? '' : `:${page.port}`;
  const localhost = `${page.scheme}//localhost${port}`;
  const loopback = `${page.scheme}//127.0.0.1${port}`;
  return [
    {
      text: rich`This browser keeps a separate token for \`${localhost}\` and \`${loopback}\`: they are different origins, each with its own storage, device and pairing. Fixing one does not fix the other, so open the dashboard on the same one each time.`,
    },
  ];
}

/**
 * `ssh -N -L <port>:127.0.0.1:<port> <user>@<host>`, run on this computer: the page's host when it
 * is a name or IPv4 address another machine could be reached at, and the page's port (plain HTTP)
 * or the gateway's; placeholders otherwise. `<user>` is always the user's to fill in.
 */
function sshTunnel(page: PageAddress | null, gatewayPort: unknown): { command: string; port: string } {
  const host = page && isHost(page.host) && !page.host.startsWith('[') && !LOOPBACK_HOSTS.has(page.host) ? shellQuote(page.host) : HAND.host;
  const pagePort = page && page.scheme === 'http:' ? page.port : null;
  const port = pagePort !== null ? String(pagePort) : isPort(gatewayPort) ? String(gatewayPort) : HAND.port;
  return { command: `ssh -N -L ${port}:127.0.0.1:${port} ${HAND.user}@${host}`, port };
}

function guideFor(lockout: Lockout, ctx: GuideContext): Omit<FixGuide, 'kind' | 'title'> {
  const release = ctx.release;
  const mode = parseRunMode(ctx.runMode);
  const inContainer = mode !== null && mode.kind !== 'host';
  const page = pageAddress(ctx.origin);
  // Page values reach a command only through their validator and the shell quoting (command-values).
  const device = deviceIdArg(ctx.deviceId);
  const findDevice = isDeviceId(ctx.deviceId) ? rich`` : rich` (\`openclaw devices list\` shows this browser’s id)`;
  const requestId = isRequestId(lockout.requestId) ? lockout.requestId : null;
  // Inside a container the gateway listens on the container's own port, which the page cannot show.
  const loopbackPort = !inContainer && isPort(ctx.gatewayPort) ? String(ctx.gatewayPort) : HAND.port;
  const gatewayHost = inContainer ? 'on the machine that runs the gateway’s container' : 'on the gateway’s host (the machine it runs on, which may not be this one)';
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
          ...(isAtLeast(release, DEVICES_REMOVE_SINCE, true)
            ? [{ text: rich`As a last resort${release ? '' : ' (2026.3.24 and later)'}, remove the device and approve it again when it reconnects:`, command: `openclaw devices remove ${device}` }]
            : []),
        ],
        notes: [...loopbackOriginNotes(page), INVENTED_COMMANDS_NOTE],
      };
    case 'gateway-token-mismatch':
      return {
        cause: rich`The shared gateway token this page sends is not the gateway’s current token.`,
        when: rich`After a redeploy, a config edit (gateway.auth.token), or an OPENCLAW_GATEWAY_TOKEN from the environment or ~/.openclaw/.env that differs from the config.`,
        steps: [
          ...showTokenSteps(release),
          { text: rich`Paste that token into the dashboard’s gateway token field and click Connect.` },
          dashboardLink(inContainer),
          { text: rich`If the token is not what you expect, check for an override in the environment or ~/.openclaw/.env:`, command: 'openclaw doctor' },
          { text: rich`To start over with a new token, generate one and restart the gateway, then paste it everywhere it is used:`, command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' },
        ],
        notes: [...tokenEnvNotes(mode), INVENTED_COMMANDS_NOTE],
      };
    case 'gateway-token-missing':
      return {
        cause: rich`The page has no gateway token to send.`,
        when: rich`On a new browser or private window, or after the tab that held the token was closed.`,
        steps: [...showTokenSteps(release), { text: rich`Paste it into the dashboard’s gateway token field and click Connect.` }, dashboardLink(inContainer)],
        notes: tokenEnvNotes(mode),
      };
    case 'gateway-token-not-configured':
      return {
        cause: rich`The gateway is set to token auth but has no token.`,
        when: rich`After a config edit that removed gateway.auth.token.`,
        steps: [{ text: rich`Generate a token and restart the gateway:`, command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' }],
        notes: tokenEnvNotes(mode),
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
        notes: loopbackOriginNotes(page),
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
        steps: [{ text: rich`Get a fresh link:`, command: inContainer ? 'openclaw dashboard --no-open' : 'openclaw dashboard' }],
        notes: [],
      };
    case 'pairing-required': {
      const approve = `openclaw devices approve ${requestIdArg(requestId)}`;
      return {
        cause: rich`The gateway has not approved this browser as a device yet.`,
        when: rich`On a new browser or private window that the gateway does not see as local: another machine on the LAN or tailnet, a reverse proxy, or, often, a gateway in a Docker container.`,
        steps: [
          { text: rich`Approve it ${gatewayHost}:`, command: approve },
          ...(requestId ? [] : [{ text: rich`Find the request id in the list of pending devices:`, command: 'openclaw devices list' }]),
          {
            text: inContainer
              ? rich`If the CLI is refused itself, point it at the gateway’s loopback address inside the container with the gateway token (the port the gateway listens on there: 18789 in the official image, whatever port the host publishes):`
              : rich`If the CLI is refused itself (it is not paired, or it reaches the gateway from elsewhere), run it on the gateway’s host against its loopback address with the gateway token:`,
            command: `${approve} --url ws://127.0.0.1:${loopbackPort} --token ${HAND.token}`,
          },
          { text: rich`Then reload the dashboard.` },
        ],
        notes: [],
      };
    }
    case 'device-identity-required': {
      const tunnel = sshTunnel(page, ctx.gatewayPort);
      const overrideNotes: FixStep[] = isAtLeast(release, NEWEST_SEEN, false)
        ? []
        : [
            {
              text: rich`Updating the gateway to 2026.9.6 also ends this error: its dashboard creates the device identity over plain HTTP too (the traffic stays unencrypted, token included).`,
            },
            {
              text: rich`There is an override, \`gateway.controlUi.dangerouslyDisableDeviceAuth\` (honoured by 2026.4.24, ignored by 2026.9.6). It is not a fix: it turns the device check off for every dashboard, so the shared token alone lets anyone who can reach the gateway operate it, and over plain HTTP that token crosses the network readable. \`gateway.controlUi.allowInsecureAuth\` does not help here: it only applies to a browser on the gateway’s own machine.`,
            },
          ];
      return {
        cause: rich`The browser cannot create a device identity here: WebCrypto needs HTTPS or localhost.`,
        when: rich`When the dashboard is opened over plain HTTP from another machine (a LAN address) on releases before 2026.9.`,
        steps: [
          {
            text: inContainer
              ? rich`Open the dashboard over HTTPS: Tailscale Serve (\`https://<machine>.<tailnet>.ts.net/\`) or another HTTPS reverse proxy in front of the published port.`
              : rich`Open the dashboard over HTTPS: Tailscale Serve (\`https://<machine>.<tailnet>.ts.net/\`; OpenClaw sets it up itself with \`gateway.tailscale.mode\` \`serve\`, which needs \`gateway.bind\` \`loopback\`) or another HTTPS reverse proxy.`,
          },
          { text: rich`Or, from this computer, tunnel to the gateway’s loopback address over SSH and leave it running:`, command: tunnel.command },
          {
            text: rich`Then open \`http://127.0.0.1:${tunnel.port}/\` in this browser. It is a new origin to the browser: paste the gateway token, and approve the new device if the gateway asks (Pairing required).`,
          },
        ],
        notes: overrideNotes,
      };
    }
    case 'origin-not-allowed': {
      const origin = isOrigin(ctx.origin) ? ctx.origin : '<origin>';
      const list = (origins: string[]) => shellQuote(JSON.stringify(origins));
      const appliesLive = isAtLeast(release, NEWEST_SEEN, false);
      return {
        cause: isOrigin(ctx.origin)
          ? rich`The gateway refuses pages from this address (\`${ctx.origin}\`): it is not in \`gateway.controlUi.allowedOrigins\`.`
          : rich`The gateway refuses pages from this address: it is not in \`gateway.controlUi.allowedOrigins\`.`,
        when: rich`Behind a reverse proxy or on a custom host name.`,
        steps: [
          { text: rich`See which origins the gateway allows now:`, command: 'openclaw config get gateway.controlUi.allowedOrigins' },
          {
            text: rich`If it printed a list, set the list to every entry it printed plus this page’s origin: put them in place of "${HAND.existingOrigin}", each in double quotes, separated by commas. The command replaces the whole list (\`--merge\` does not add to a list), so an entry left out is no longer allowed:`,
            command: `openclaw config set gateway.controlUi.allowedOrigins ${list([HAND.existingOrigin, origin])}`,
          },
          { text: rich`If it said the path is not set or not found, this origin alone is the list:`, command: `openclaw config set gateway.controlUi.allowedOrigins ${list([origin])}` },
          appliesLive
            ? { text: rich`2026.9.6 applies the new list without a restart: reload the dashboard.` }
            : {
                text: rich`Restart the gateway so it reads the list${release ? '' : ' (2026.9.6 applies it without one)'}, then reload the dashboard:`,
                command: 'openclaw gateway restart',
              },
        ],
        notes: originEnvNotes(mode),
      };
    }
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

/** Code spans in a step that name an `openclaw …` command, in the run mode's form too. */
function richInRunMode(text: Rich, mode: RunMode | null): Rich {
  if (!mode || mode.kind === 'host') return text;
  return text.map((segment) => (typeof segment !== 'string' && segment.code.startsWith('openclaw ') ? { code: inRunMode(segment.code, mode) } : segment));
}

/** A step with its command, and the commands its text names when `text` is set, in the run mode's form. */
function stepInRunMode(step: FixStep, mode: RunMode | null, text: boolean): FixStep {
  if (!mode || mode.kind === 'host') return step;
  return { text: text ? richInRunMode(step.text, mode) : step.text, ...(step.command === undefined ? {} : { command: inRunMode(step.command, mode) }) };
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
    .map((lockout) => {
      const guide = guideFor(lockout, ctx);
      // Every command in the form that reaches the CLI: on the host, or inside the container.
      const mode = parseRunMode(ctx.runMode);
      return {
        kind: lockout.kind,
        title: TITLES[lockout.kind],
        ...guide,
        steps: guide.steps.map((step) => stepInRunMode(step, mode, true)),
        // Notes name commands as examples (including ones that do not exist): only their own command changes.
        notes: guide.notes.map((note) => stepInRunMode(note, mode, false)),
      };
    });
}

/** How the banner says where the gateway's current token comes from, in this release's commands (rich text, commands as code). */
export function showTokenHint(release: Release | null | undefined): Rich {
  if (!release) return rich`\`openclaw gateway auth-token --show\` prints it; before 2026.8.2, \`openclaw config get gateway.auth.token\``;
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? rich`\`openclaw gateway auth-token --show\` prints it` : rich`\`openclaw config get gateway.auth.token\` prints it`;
}
