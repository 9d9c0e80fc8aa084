import { code, deviceIdArg, isDeviceId, isHost, isOrigin, isPort, isRequestId, PLACEHOLDER, requestIdArg, shellQuote, type Rich } from './command-values';
import type { TextSource } from './diagnose-text';
import { richT, twoSentences, type Translate } from './i18n';
import { byFixOrder, lockoutTitle, type Lockout, type LockoutKind } from './lockout';
import { isAtLeast, type Release } from './release';
import { inRunMode, parseRunMode, recreateCommand, type RunMode } from './run-mode';

export interface FixStep {
  /** The extension's words in the UI's language (a `guide.*` message); only the extension marks code (see `richT`). */
  text: Rich;
  /**
   * A command that exists in the user's release, ready to copy. Page values in it passed their
   * validator in `command-values` and are shell-quoted; otherwise it holds a `<placeholder>`.
   */
  command?: string;
}

/** Whose fix a guide is: the dashboard in this browser, the `openclaw` CLI, or not known (pasted words both print). */
export type GuideClient = 'browser' | 'cli' | 'unknown';

export interface FixGuide {
  kind: LockoutKind;
  title: string;
  client: GuideClient;
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
  /** Whether the page still stores a device token for its gateway (null: not known, e.g. pasted text). */
  deviceTokenStored?: boolean | null;
  /**
   * Where the words came from (the paste box, `diagnoseText`). A lock-out that names no `client`
   * is the CLI's when the text is the CLI's, the page's when it is the page's (or the tab's own
   * error, with no source), and not known otherwise: then the page's steps come with a note for the CLI.
   */
  source?: TextSource | null;
  /**
   * The page is one the user has not added (the popup read it once through `activeTab`): any
   * website can look like a dashboard, so its request id and origin never fill a command.
   */
  untrustedPage?: boolean;
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
/**
 * The two ways to the gateway's current token (`tokenHintWay`): from 2026.8.2 the CLI prints it;
 * before, `openclaw config file` names the file that holds `gateway.auth.token`.
 */
export const TOKEN_COMMANDS = { show: 'openclaw gateway auth-token --show', file: 'openclaw config file' } as const;
/** `openclaw devices remove` arrived in this release. */
const DEVICES_REMOVE_SINCE = '2026.3.24';
/**
 * The release seen to apply `gateway.controlUi.allowedOrigins` without a restart (its `config set`
 * says so; 2026.4.24's asks for a restart), to create the device identity over plain HTTP, and to
 * ignore `gateway.controlUi.dangerouslyDisableDeviceAuth` (retired). Releases in between are unknown.
 * It also keeps the CLI's device identity and token in SQLite (`~/.openclaw/state/openclaw.sqlite`).
 */
const NEWEST_SEEN = '2026.9.6';

/**
 * Where the gateway's current token is, in this release's commands. From 2026.8.2 the CLI prints
 * it. Before, `openclaw config get gateway.auth.token` prints only `__OPENCLAW_REDACTED__` (seen on
 * 2026.4.24, and on 2026.9.6 too), so the step names the config file to read it in
 * (`openclaw config file`); a file with no token leaves the gateway on `OPENCLAW_GATEWAY_TOKEN`.
 * Both, each marked with its releases, when the release is unknown.
 */
function showTokenSteps(t: Translate, release: Release | null | undefined, inContainer: boolean): FixStep[] {
  // Host or container, release known or not: whole sentences, since "where" moves with the language.
  const since = { release: AUTH_TOKEN_SHOW_SINCE };
  const show: FixStep = {
    text: inContainer
      ? release
        ? richT(t, 'guide.token.show.container')
        : richT(t, 'guide.token.show.containerSince', since)
      : release
        ? richT(t, 'guide.token.show.host')
        : richT(t, 'guide.token.show.hostSince', since),
    command: TOKEN_COMMANDS.show,
  };
  const names = { key: code('gateway.auth.token'), configGet: code('config get'), redacted: code('__OPENCLAW_REDACTED__') };
  const find = inContainer
    ? release
      ? richT(t, 'guide.token.file.container', { ...names, cat: code('cat') })
      : richT(t, 'guide.token.file.containerBefore', { ...names, cat: code('cat'), ...since })
    : release
      ? richT(t, 'guide.token.file.host', names)
      : richT(t, 'guide.token.file.hostBefore', { ...names, ...since });
  const file: FixStep = {
    text: twoSentences(t, find, richT(t, 'guide.token.file.env', { env: code('OPENCLAW_GATEWAY_TOKEN') })),
    command: TOKEN_COMMANDS.file,
  };
  if (!release) return [show, file];
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? [show] : [file];
}

/**
 * `openclaw dashboard` opens a browser on the CLI's machine with a link that signs it in (the token
 * in its fragment; from 2026.8.2 a one-time pairing). With `--no-open`, both 2026.4.24 and 2026.9.6
 * print only the address ("included in browser/clipboard URL"; 9.6 says to append `#token=` by
 * hand): inside a container, where no browser opens, that address and the token are the way in.
 */
function dashboardLink(t: Translate, inContainer: boolean): FixStep {
  return inContainer
    ? { text: richT(t, 'guide.dashboardLink.container', { fragment: code(`#token=${HAND.token}`) }), command: 'openclaw dashboard --no-open' }
    : { text: richT(t, 'guide.dashboardLink.host', { noOpen: code('--no-open') }), command: 'openclaw dashboard' };
}

/**
 * Both releases' gateways read `gateway.auth.token` from `openclaw.json` first and fall back to
 * `OPENCLAW_GATEWAY_TOKEN` (their auth resolution is config-first); the official Docker setup
 * writes the token to `.env` as that variable.
 */
const dockerNote = (t: Translate): FixStep => ({
  text: richT(t, 'guide.docker.note', { key: code('gateway.auth.token'), file: code('openclaw.json'), env: code('OPENCLAW_GATEWAY_TOKEN'), dotenv: code('.env') }),
  command: 'docker compose down && docker compose up -d',
});

/** Commands that guides online invent (no release has them), and the real ones. */
const inventedCommandsNote = (t: Translate): FixStep => ({
  text: richT(t, 'guide.inventedCommands', {
    rotate: code('openclaw gateway token rotate'),
    status: code('status'),
    reset: code('reset'),
    generate: code('openclaw doctor --generate-gateway-token'),
    restart: code('openclaw gateway restart'),
    gatewayStatus: code('openclaw gateway status'),
  }),
});

/**
 * Where the gateway's token comes from in a container, and why a config edit alone does not change
 * it. The gateway takes `gateway.auth.token` from `openclaw.json` when one is set there and
 * `OPENCLAW_GATEWAY_TOKEN` otherwise (both releases' auth resolution is config-first); the official
 * Docker setup writes the token to `.env` as that variable, and a container reads its environment
 * only when it is created.
 */
function tokenEnvNotes(t: Translate, mode: RunMode | null): FixStep[] {
  if (!mode || mode.kind === 'host') return mode ? [] : [dockerNote(t)];
  const text = richT(t, 'guide.docker.tokenEnv', { env: code('OPENCLAW_GATEWAY_TOKEN'), dotenv: code('.env'), file: code('openclaw.json') });
  const recreate = recreateCommand(mode);
  return recreate
    ? [{ text: twoSentences(t, text, richT(t, 'guide.docker.recreateAfterEnv', { dotenv: code('.env') })), command: recreate }]
    : [{ text: twoSentences(t, text, richT(t, 'guide.docker.recreateYourWay', { restart: code('docker restart') })) }];
}

/**
 * The CLI in the gateway's container and the gateway can read two different tokens: the gateway
 * reads `openclaw.json` first, the 2026.4.24 CLI reads `OPENCLAW_GATEWAY_TOKEN` first (its local
 * token precedence is env-first unless it runs as the gateway service; 2026.9.6's CLI reads the
 * file first too). The CLI is then refused, and after its retry with its saved device token it
 * shows "device token mismatch".
 */
function cliEnvNotes(t: Translate, mode: RunMode | null): FixStep[] {
  if (mode && mode.kind === 'host') return [];
  // `reported` is the CLI's own (English) error words, quoted as each language quotes.
  const values = { key: code('gateway.auth.token'), file: code('openclaw.json'), env: code('OPENCLAW_GATEWAY_TOKEN'), release: '2026.4.24', reported: 'device token mismatch' };
  const text = mode ? richT(t, 'guide.cliEnv.thisContainer', values) : richT(t, 'guide.cliEnv.aContainer', values);
  const recreate = mode ? recreateCommand(mode) : null;
  if (!mode) return [{ text }];
  return recreate
    ? [{ text: twoSentences(t, text, richT(t, 'guide.docker.recreateAfterEnv', { dotenv: code('.env') })), command: recreate }]
    : [{ text: twoSentences(t, text, richT(t, 'guide.cliEnv.recreateOnCreate')) }];
}

/** Where the CLI keeps its own device identity and token, by release (read in the real 2026.4.24 and 2026.9.6 packages). */
function cliStoreStep(t: Translate, release: Release | null | undefined): FixStep {
  const files = richT(t, 'guide.cliStore.files', {
    release: '2026.4.24',
    identity: code('~/.openclaw/identity/device.json'),
    auth: code('~/.openclaw/identity/device-auth.json'),
    stateDir: code('OPENCLAW_STATE_DIR'),
    authName: code('device-auth.json'),
  });
  const sqlite = richT(t, 'guide.cliStore.sqlite', { release: NEWEST_SEEN, sqlite: code('~/.openclaw/state/openclaw.sqlite'), doctorFix: code('openclaw doctor --fix') });
  if (release && !isAtLeast(release, '2026.4.25', false)) return { text: files };
  if (isAtLeast(release, NEWEST_SEEN, false)) return { text: sqlite };
  return { text: richT(t, 'guide.cliStore.both', { files, sqlite }) };
}

/** A hosting template may feed `gateway.controlUi.allowedOrigins` from a variable of its own. */
function originEnvNotes(t: Translate, mode: RunMode | null): FixStep[] {
  if (!mode || mode.kind === 'host') return [];
  const text = richT(t, 'guide.originEnv.note', { file: code('openclaw.json') });
  const recreate = recreateCommand(mode);
  return recreate
    ? [{ text: twoSentences(t, text, richT(t, 'guide.originEnv.recreate')), command: recreate }]
    : [{ text: twoSentences(t, text, richT(t, 'guide.originEnv.recreateYourWay', { restart: code('docker restart') })) }];
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
function loopbackOriginNotes(t: Translate, page: PageAddress | null): FixStep[] {
  if (!page || (page.host !== 'localhost' && page.host !== '127.0.0.1')) return [];
  const port = page.port === null ? '' : `:${page.port}`;
  const localhost = `${page.scheme}//localhost${port}`;
  const loopback = `${page.scheme}//127.0.0.1${port}`;
  return [{ text: richT(t, 'guide.loopbackOrigins', { localhost: code(localhost), loopback: code(loopback) }) }];
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

/** Facts every guide reads, worked out once. */
interface Facts {
  /** The UI's translator: every sentence of the guide is one of its `guide.*` messages. */
  t: Translate;
  ctx: GuideContext;
  client: GuideClient;
  release: Release | null | undefined;
  mode: RunMode | null;
  inContainer: boolean;
  page: PageAddress | null;
  /** `--url ws://127.0.0.1:<port>`'s port: the gateway's on its host; unknown inside a container. */
  loopbackPort: string;
  tokenSteps: FixStep[];
}

/** Whose fix it is: the lock-out's client, else the text's source (the tab's own error has none: the page). */
export function clientOf(lockout: Lockout, source: TextSource | null | undefined): GuideClient {
  if (lockout.client) return lockout.client;
  if (source === 'cli') return 'cli';
  if (source === 'browser' || source === undefined || source === null) return 'browser';
  return 'unknown';
}

type Guide = Omit<FixGuide, 'kind' | 'title' | 'client'>;

/** For words both the page and the CLI print (pasted with nothing around them): the CLI's way out in one note. */
function cliTooNote(t: Translate, kind: LockoutKind): Rich | undefined {
  const names = { openclaw: code('openclaw'), tokenFlag: code(`--token ${HAND.token}`), env: code('OPENCLAW_GATEWAY_TOKEN') };
  switch (kind) {
    case 'device-token-mismatch':
      return richT(t, 'guide.cliToo.deviceTokenMismatch', { openclaw: names.openclaw, tokenFlag: names.tokenFlag, dir: code('~/.openclaw/') });
    case 'gateway-token-mismatch':
      return richT(t, 'guide.cliToo.gatewayTokenMismatch', { ...names, remoteKey: code('gateway.remote.token') });
    case 'gateway-token-missing':
      return richT(t, 'guide.cliToo.gatewayTokenMissing', names);
    default:
      return undefined;
  }
}

function guideFor(lockout: Lockout, ctx: GuideContext, client: GuideClient, t: Translate): Guide {
  const mode = parseRunMode(ctx.runMode);
  const inContainer = mode !== null && mode.kind !== 'host';
  const facts: Facts = {
    t,
    ctx,
    client,
    release: ctx.release,
    mode,
    inContainer,
    page: pageAddress(ctx.origin),
    // Inside a container the gateway listens on the container's own port, which the page cannot show.
    loopbackPort: !inContainer && isPort(ctx.gatewayPort) ? String(ctx.gatewayPort) : HAND.port,
    tokenSteps: showTokenSteps(t, ctx.release, inContainer),
  };
  const guide = client === 'cli' ? (cliGuide(lockout, facts) ?? withNote(pageGuide(lockout, facts), notBrowserNote(t))) : pageGuide(lockout, facts);
  const note = client === 'unknown' ? cliTooNote(t, lockout.kind) : undefined;
  return note ? { ...guide, notes: [...guide.notes, { text: note }] } : guide;
}

/** Said under every CLI guide: the extension's clear has nothing to do with the CLI. */
const notBrowserNote = (t: Translate): FixStep => ({ text: richT(t, 'guide.notBrowser') });

const withNote = (guide: Guide, note: FixStep): Guide => ({ ...guide, notes: [note, ...guide.notes] });

/**
 * Which sentence names the device: this browser's, or the CLI's. Only rate limits reach the page's
 * steps with the CLI as the client (`cliGuide` has its own for every other kind it can meet).
 */
const isCli = (f: Facts) => f.client === 'cli';

/** "Reissue the device token" with how to find the device id when the page did not show it. */
function rotateStep(f: Facts): FixStep {
  const { t } = f;
  // Page values reach a command only through their validator and the shell quoting (command-values).
  const device = isCli(f) ? PLACEHOLDER.deviceId : deviceIdArg(f.ctx.deviceId);
  const list = code('openclaw devices list');
  const text = isCli(f)
    ? richT(t, 'guide.deviceTokenMismatch.rotate.unknownCli', { list, client: code('cli') })
    : isDeviceId(f.ctx.deviceId)
      ? richT(t, 'guide.deviceTokenMismatch.rotate.known')
      : richT(t, 'guide.deviceTokenMismatch.rotate.unknown', { list });
  return { text, command: `openclaw devices rotate --device ${device} --role operator` };
}

/** "Paste that token … and click Connect", said the same wherever the dashboard's gateway token field is the way in. */
const pasteStep = (t: Translate): FixStep => ({ text: richT(t, 'guide.paste.field') });

/** The steps for the dashboard in a browser (and, where they are the same, for any client). */
function pageGuide(lockout: Lockout, f: Facts): Guide {
  const { t, release, mode, inContainer, page, tokenSteps } = f;
  // A page the user has not added may be any website: its request id is not used (see `untrustedPage`).
  const requestId = !f.ctx.untrustedPage && isRequestId(lockout.requestId) ? lockout.requestId : null;
  // The release ranges that answer a stale device token with "gateway token mismatch" (A reported as B).
  const aAsB = { upTo: '2026.2.12', from: '2026.2.22', to: '2026.3.8' };
  const clearButton = t('banner.button.clear');
  const pairingTitle = lockoutTitle('pairing-required', t);
  switch (lockout.kind) {
    case 'device-token-mismatch': {
      const device = isCli(f) ? PLACEHOLDER.deviceId : deviceIdArg(f.ctx.deviceId);
      const rotate = rotateStep(f);
      const remove: FixStep[] = isAtLeast(release, DEVICES_REMOVE_SINCE, true)
        ? [
            {
              text: release ? richT(t, 'guide.deviceTokenMismatch.remove') : richT(t, 'guide.deviceTokenMismatch.removeSince', { release: DEVICES_REMOVE_SINCE }),
              command: `openclaw devices remove ${device}`,
            },
          ]
        : [];
      const notes = [...loopbackOriginNotes(t, page), inventedCommandsNote(t)];
      const rotateWhen = { rotate: code('devices rotate') };
      if (lockout.uncertain && lockout.reportedAs === 'gateway-token-mismatch') {
        // Not known which: the non-destructive way first, the clear only if the right token does not help.
        return {
          cause: richT(t, 'guide.deviceTokenMismatch.uncertain.cause', { reported: 'gateway token mismatch', ...aAsB }),
          when: richT(t, 'guide.deviceTokenMismatch.uncertain.when', rotateWhen),
          steps: [...tokenSteps, pasteStep(t), { text: richT(t, 'guide.deviceTokenMismatch.uncertain.clearIfRefused', { reported: 'gateway token mismatch', button: clearButton }) }, rotate, ...remove],
          notes,
        };
      }
      const dropped = f.ctx.deviceTokenStored === false && !f.ctx.deviceTokenCleared;
      const first: FixStep = f.ctx.deviceTokenCleared
        ? { text: richT(t, 'guide.deviceTokenMismatch.cleared') }
        : dropped
          ? { text: richT(t, 'guide.deviceTokenMismatch.dropped', { release: '2026.4.27' }) }
          : { text: richT(t, 'guide.deviceTokenMismatch.clear', { button: clearButton }) };
      const otherwise: FixStep[] =
        lockout.uncertain && lockout.otherReading === 'gateway-token-mismatch'
          ? [{ text: richT(t, 'guide.deviceTokenMismatch.alsoWrongGatewayToken', { from: '2026.2.17', to: '2026.2.21' }) }]
          : [];
      const held = richT(t, 'guide.deviceTokenMismatch.cause');
      // What the page said, when it is not these words: why it is a stale device token all the same.
      const cause =
        lockout.reportedAs === 'gateway-token-mismatch' && !lockout.uncertain
          ? twoSentences(t, richT(t, 'guide.deviceTokenMismatch.reportedAsB', { reported: 'gateway token mismatch', ...aAsB }), held)
          : lockout.reportedAs === 'connect-failed'
            ? twoSentences(t, richT(t, 'guide.deviceTokenMismatch.reportedAsConnectFailed', { reported: 'connect failed', release: '2026.2.21' }), held)
            : held;
      return {
        cause,
        when: richT(t, 'guide.deviceTokenMismatch.when', rotateWhen),
        steps: [first, { text: richT(t, 'guide.deviceTokenMismatch.reload') }, ...tokenSteps, rotate, ...remove],
        notes: [...otherwise, ...notes],
      };
    }
    case 'gateway-token-mismatch':
      return {
        cause:
          lockout.reportedAs === 'device-token-mismatch'
            ? richT(t, 'guide.gatewayTokenMismatch.reportedAsA', { reported: 'device token mismatch', from: '2026.2.17', to: '2026.2.21' })
            : richT(t, 'guide.gatewayTokenMismatch.cause'),
        when: richT(t, 'guide.gatewayTokenMismatch.when', { key: code('gateway.auth.token'), env: code('OPENCLAW_GATEWAY_TOKEN'), file: code('openclaw.json') }),
        steps: [
          ...tokenSteps,
          pasteStep(t),
          dashboardLink(t, inContainer),
          { text: richT(t, 'guide.step.doctorCheck'), command: 'openclaw doctor' },
          { text: richT(t, 'guide.gatewayTokenMismatch.newToken'), command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' },
        ],
        notes: [...tokenEnvNotes(t, mode), inventedCommandsNote(t)],
      };
    case 'gateway-token-missing':
      return {
        cause: richT(t, 'guide.gatewayTokenMissing.cause'),
        when: richT(t, 'guide.gatewayTokenMissing.when'),
        steps: [...tokenSteps, { text: richT(t, 'guide.gatewayTokenMissing.paste') }, dashboardLink(t, inContainer)],
        notes: tokenEnvNotes(t, mode),
      };
    case 'gateway-token-not-configured':
      return {
        cause: richT(t, 'guide.gatewayTokenNotConfigured.cause', { release: '2026.9.x' }),
        when: richT(t, 'guide.gatewayTokenNotConfigured.when', { key: code('gateway.auth.token') }),
        steps: [{ text: richT(t, 'guide.gatewayTokenNotConfigured.generate'), command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' }],
        notes: tokenEnvNotes(t, mode),
      };
    case 'gateway-secret-redacted':
      return {
        cause: richT(t, 'guide.gatewaySecretRedacted.cause', { redacted: code('__OPENCLAW_REDACTED__'), configGet: code('openclaw config get') }),
        when: richT(t, 'guide.gatewaySecretRedacted.when', { configGetToken: code('openclaw config get gateway.auth.token'), configSet: code('openclaw config set') }),
        steps: [
          { text: richT(t, 'guide.gatewaySecretRedacted.doctorFix'), command: 'openclaw doctor --fix && openclaw gateway restart' },
          { text: richT(t, 'guide.gatewaySecretRedacted.generate'), command: 'openclaw doctor --generate-gateway-token && openclaw gateway restart' },
          { text: richT(t, 'guide.gatewaySecretRedacted.paste') },
        ],
        notes: tokenEnvNotes(t, mode),
      };
    case 'unauthorized':
      return {
        cause: richT(t, 'guide.unauthorized.cause', { reported: 'unauthorized' }),
        when: richT(t, 'guide.unauthorized.when'),
        steps: [...tokenSteps, { text: richT(t, 'guide.unauthorized.paste') }, dashboardLink(t, inContainer), { text: richT(t, 'guide.step.authMode'), command: 'openclaw config get gateway.auth.mode' }],
        notes: tokenEnvNotes(t, mode),
      };
    case 'device-token-rejected':
    case 'device-token-scope-mismatch':
      // The CLI's refusals of these kinds have their own guide (`cliGuide`): this is the browser's.
      return {
        cause: richT(t, 'guide.deviceTokenRejected.cause'),
        when: richT(t, 'guide.deviceTokenRejected.when'),
        steps: [
          { text: richT(t, 'guide.deviceTokenRejected.list'), command: 'openclaw devices list' },
          { text: richT(t, 'guide.deviceTokenRejected.approve'), command: `openclaw devices approve ${requestIdArg(requestId)}` },
          ...tokenSteps,
        ],
        notes: isCli(f) ? [] : loopbackOriginNotes(t, page),
      };
    case 'rate-limited':
      return {
        cause: isCli(f) ? richT(t, 'guide.rateLimited.causeCli') : richT(t, 'guide.rateLimited.cause'),
        when: richT(t, 'guide.rateLimited.when'),
        steps: [
          { text: richT(t, 'guide.rateLimited.wait'), command: 'openclaw gateway restart' },
          { text: isCli(f) ? richT(t, 'guide.rateLimited.fixTokenCli') : richT(t, 'guide.rateLimited.fixToken') },
        ],
        notes: [],
      };
    case 'password-mismatch':
    case 'password-missing':
      return {
        cause: richT(t, 'guide.password.cause'),
        when: richT(t, 'guide.password.when', { key: code('gateway.auth.password') }),
        steps: [{ text: richT(t, 'guide.password.enter') }],
        notes: [],
      };
    case 'password-not-configured':
      return {
        cause: richT(t, 'guide.passwordNotConfigured.cause'),
        when: richT(t, 'guide.passwordNotConfigured.when'),
        steps: [{ text: richT(t, 'guide.passwordNotConfigured.set'), command: 'openclaw config set gateway.auth.password <password> && openclaw gateway restart' }],
        notes: [],
      };
    case 'setup-code-invalid':
      return {
        cause: richT(t, 'guide.setupCodeInvalid.cause'),
        when: richT(t, 'guide.setupCodeInvalid.when', { dashboard: code('openclaw dashboard') }),
        steps: [
          inContainer
            ? { text: richT(t, 'guide.setupCodeInvalid.container', { fragment: code(`#token=${HAND.token}`) }), command: 'openclaw dashboard --no-open' }
            : { text: richT(t, 'guide.setupCodeInvalid.host'), command: 'openclaw dashboard' },
        ],
        notes: [],
      };
    case 'pairing-required': {
      const approve = `openclaw devices approve ${requestIdArg(requestId)}`;
      const list = code('openclaw devices list');
      return {
        cause: richT(t, 'guide.pairing.cause'),
        when: richT(t, 'guide.pairing.when'),
        steps: [
          // The id is the page's word: a fake page can name an attacker's pending request.
          requestId
            ? { text: inContainer ? richT(t, 'guide.pairing.approveChecked.container', { list }) : richT(t, 'guide.pairing.approveChecked.host', { list }), command: approve }
            : { text: inContainer ? richT(t, 'guide.pairing.approve.container') : richT(t, 'guide.pairing.approve.host'), command: approve },
          ...(requestId ? [] : [{ text: richT(t, 'guide.pairing.findId'), command: 'openclaw devices list' }]),
          {
            text: inContainer ? richT(t, 'guide.pairing.cliRefused.container') : richT(t, 'guide.pairing.cliRefused.host'),
            command: `${approve} --url ws://127.0.0.1:${f.loopbackPort} --token ${HAND.token}`,
          },
          { text: richT(t, 'guide.pairing.reload') },
        ],
        notes: [],
      };
    }
    case 'device-identity-required': {
      const tunnel = sshTunnel(page, f.ctx.gatewayPort);
      const serveUrl = code('https://<machine>.<tailnet>.ts.net/');
      const overrideNotes: FixStep[] = isAtLeast(release, NEWEST_SEEN, false)
        ? []
        : [
            { text: richT(t, 'guide.deviceIdentity.update', { release: NEWEST_SEEN }) },
            {
              text: richT(t, 'guide.deviceIdentity.override', {
                key: code('gateway.controlUi.dangerouslyDisableDeviceAuth'),
                older: '2026.4.24',
                newer: NEWEST_SEEN,
                insecure: code('gateway.controlUi.allowInsecureAuth'),
              }),
            },
          ];
      return {
        cause: richT(t, 'guide.deviceIdentity.cause'),
        when: richT(t, 'guide.deviceIdentity.when', { release: '2026.9' }),
        steps: [
          {
            text: inContainer
              ? richT(t, 'guide.deviceIdentity.https.container', { url: serveUrl })
              : richT(t, 'guide.deviceIdentity.https.host', { url: serveUrl, modeKey: code('gateway.tailscale.mode'), serve: code('serve'), bindKey: code('gateway.bind'), loopback: code('loopback') }),
          },
          { text: richT(t, 'guide.deviceIdentity.tunnel'), command: tunnel.command },
          { text: richT(t, 'guide.deviceIdentity.openTunnel', { url: code(`http://127.0.0.1:${tunnel.port}/`), pairing: pairingTitle }) },
        ],
        notes: overrideNotes,
      };
    }
    case 'device-signature':
      // The CLI's refusal of this kind has its own guide (`cliGuide`): this is the browser's.
      return {
        cause: richT(t, 'guide.deviceSignature.cause'),
        when: richT(t, 'guide.deviceSignature.when'),
        steps: [
          { text: richT(t, 'guide.deviceSignature.reload') },
          { text: richT(t, 'guide.deviceSignature.clocks') },
          { text: richT(t, 'guide.deviceSignature.private', { pairing: pairingTitle }) },
        ],
        notes: [],
      };
    case 'origin-not-allowed': {
      // A page the user has not added may be any website: never offer to allow its origin.
      const origin = isOrigin(f.ctx.origin) && !f.ctx.untrustedPage ? f.ctx.origin : '<origin>';
      const list = (origins: string[]) => shellQuote(JSON.stringify(origins));
      const appliesLive = isAtLeast(release, NEWEST_SEEN, false);
      const key = code('gateway.controlUi.allowedOrigins');
      return {
        cause: origin !== '<origin>' ? richT(t, 'guide.originNotAllowed.causeOrigin', { origin: code(origin), key }) : richT(t, 'guide.originNotAllowed.cause', { key }),
        when: richT(t, 'guide.originNotAllowed.when'),
        steps: [
          { text: richT(t, 'guide.originNotAllowed.see'), command: 'openclaw config get gateway.controlUi.allowedOrigins' },
          {
            text: richT(t, 'guide.originNotAllowed.setList', { existing: HAND.existingOrigin, merge: code('--merge') }),
            command: `openclaw config set gateway.controlUi.allowedOrigins ${list([HAND.existingOrigin, origin])}`,
          },
          { text: richT(t, 'guide.originNotAllowed.setAlone'), command: `openclaw config set gateway.controlUi.allowedOrigins ${list([origin])}` },
          appliesLive
            ? { text: richT(t, 'guide.originNotAllowed.appliesLive', { release: NEWEST_SEEN }) }
            : {
                text: release ? richT(t, 'guide.originNotAllowed.restart') : richT(t, 'guide.originNotAllowed.restartUnlessNewer', { release: NEWEST_SEEN }),
                command: 'openclaw gateway restart',
              },
        ],
        notes: originEnvNotes(t, mode),
      };
    }
    case 'trusted-proxy':
      return {
        cause: richT(t, 'guide.trustedProxy.cause', { mode: code('trusted-proxy'), key: code('gateway.trustedProxies') }),
        when: richT(t, 'guide.trustedProxy.when'),
        steps: [
          { text: richT(t, 'guide.trustedProxy.open') },
          { text: richT(t, 'guide.trustedProxy.proxies'), command: 'openclaw config get gateway.trustedProxies' },
          { text: richT(t, 'guide.trustedProxy.headers'), command: 'openclaw config get gateway.auth.trustedProxy' },
          { text: richT(t, 'guide.trustedProxy.tokenNoSubstitute') },
        ],
        notes: [],
      };
    case 'tailscale-identity':
      return {
        cause: richT(t, 'guide.tailscaleIdentity.cause'),
        when: richT(t, 'guide.tailscaleIdentity.when'),
        steps: [
          { text: richT(t, 'guide.tailscaleIdentity.open', { url: code('https://<machine>.<tailnet>.ts.net/') }) },
          { text: richT(t, 'guide.tailscaleIdentity.token') },
          ...tokenSteps,
        ],
        notes: [],
      };
    case 'verified-user-required':
      return {
        cause: richT(t, 'guide.verifiedUser.cause'),
        when: richT(t, 'guide.verifiedUser.when'),
        steps: [{ text: richT(t, 'guide.verifiedUser.reconnect') }, { text: richT(t, 'guide.verifiedUser.token') }, ...tokenSteps],
        notes: [],
      };
    case 'protocol-mismatch':
      return {
        cause: richT(t, 'guide.protocolMismatch.cause'),
        when: richT(t, 'guide.protocolMismatch.when'),
        steps: [
          { text: richT(t, 'guide.step.hardReload') },
          { text: richT(t, 'guide.protocolMismatch.open'), command: inContainer ? 'openclaw dashboard --no-open' : 'openclaw dashboard' },
          { text: richT(t, 'guide.protocolMismatch.restart'), command: 'openclaw gateway restart' },
        ],
        notes: [],
      };
    case 'build-mismatch':
      return {
        cause: richT(t, 'guide.buildMismatch.cause'),
        when: richT(t, 'guide.buildMismatch.when'),
        steps: [{ text: richT(t, 'guide.step.hardReload') }],
        notes: [],
      };
    case 'gateway-unreachable': {
      const schemes = { ws: code('ws://'), wss: code('wss://') };
      return {
        cause: isCli(f) ? richT(t, 'guide.gatewayUnreachable.causeCli') : richT(t, 'guide.gatewayUnreachable.cause'),
        when: richT(t, 'guide.gatewayUnreachable.when', schemes),
        steps: [
          { text: richT(t, 'guide.gatewayUnreachable.status'), command: 'openclaw gateway status' },
          { text: richT(t, 'guide.gatewayUnreachable.scheme', schemes) },
          { text: richT(t, 'guide.gatewayUnreachable.address'), command: 'openclaw dashboard --no-open' },
        ],
        notes: [],
      };
    }
    case 'connect-failed':
      return {
        cause: richT(t, 'guide.connectFailed.cause'),
        when: richT(t, 'guide.connectFailed.when', { release: '2026.2.21' }),
        steps: [
          ...(isCli(f) ? [] : [{ text: richT(t, 'guide.connectFailed.clear') }]),
          ...tokenSteps,
          { text: richT(t, 'guide.connectFailed.status'), command: 'openclaw gateway status' },
        ],
        notes: [],
      };
  }
}

/** `openclaw devices list --token <token>`: a harmless command that connects, as the CLI's fixes run it. */
const CLI_WITH_TOKEN = `openclaw devices list --token ${HAND.token}`;

/** A lock-out's title inside a sentence: lower case where the language writes it so (`grammar.lowerTitleInSentence`). */
function titleInSentence(kind: LockoutKind, t: Translate): string {
  const title = lockoutTitle(kind, t);
  return t('grammar.lowerTitleInSentence') === 'yes' ? title.toLocaleLowerCase() : title;
}

/**
 * The steps for the `openclaw` CLI's own refusals: its token comes from `--token`,
 * `OPENCLAW_GATEWAY_TOKEN` or its config, its device token from its own store under `~/.openclaw/`;
 * this browser's storage is never involved. Null for kinds whose steps are the page's.
 */
function cliGuide(lockout: Lockout, f: Facts): Guide | null {
  const { t, release, mode, tokenSteps } = f;
  const notBrowser = notBrowserNote(t);
  const requestId = isRequestId(lockout.requestId) ? lockout.requestId : null;
  const names = {
    openclaw: code('openclaw'),
    env: code('OPENCLAW_GATEWAY_TOKEN'),
    key: code('gateway.auth.token'),
    file: code('openclaw.json'),
    remoteKey: code('gateway.remote.token'),
    tokenFlag: code('--token'),
  };
  switch (lockout.kind) {
    case 'device-token-mismatch':
      return {
        cause: richT(t, 'guide.cli.deviceTokenMismatch.cause', { openclaw: names.openclaw }),
        when: richT(t, 'guide.cli.deviceTokenMismatch.when', { env: names.env, key: names.key, file: names.file }),
        steps: [
          // Both releases checked drop the refused device token after this error.
          { text: richT(t, 'guide.cli.deviceTokenMismatch.retry', { older: '2026.4.24', newer: NEWEST_SEEN }), command: CLI_WITH_TOKEN },
          ...tokenSteps,
          { text: richT(t, 'guide.cli.envEveryCommand', { env: names.env, remoteKey: names.remoteKey }) },
          { text: richT(t, 'guide.cli.deviceTokenMismatch.doctor'), command: 'openclaw doctor' },
          cliStoreStep(t, release),
        ],
        notes: [notBrowser, ...cliEnvNotes(t, mode)],
      };
    case 'gateway-token-mismatch': {
      const setRemote: FixStep = { text: richT(t, 'guide.cli.gatewayTokenMismatch.setRemote'), command: `openclaw config set gateway.remote.token ${HAND.token}` };
      const once: FixStep = { text: richT(t, 'guide.cli.gatewayTokenMismatch.once'), command: CLI_WITH_TOKEN };
      if (lockout.hint === 'cli-remote') {
        return {
          cause: richT(t, 'guide.cli.gatewayTokenMismatch.remote.cause', { remoteKey: names.remoteKey, key: names.key }),
          when: richT(t, 'guide.cli.gatewayTokenMismatch.remote.when', { generate: code('openclaw doctor --generate-gateway-token') }),
          steps: [setRemote, ...tokenSteps, once],
          notes: [notBrowser],
        };
      }
      const from = { tokenFlag: names.tokenFlag, env: names.env };
      return {
        cause: lockout.hint === 'client' ? richT(t, 'guide.cli.gatewayTokenMismatch.causeClient', from) : richT(t, 'guide.cli.gatewayTokenMismatch.cause', from),
        when: richT(t, 'guide.cli.gatewayTokenMismatch.when', { file: names.file }),
        steps: [
          ...tokenSteps,
          { text: richT(t, 'guide.cli.gatewayTokenMismatch.runWith'), command: CLI_WITH_TOKEN },
          { text: richT(t, 'guide.cli.gatewayTokenMismatch.envOr', { env: names.env, remoteKey: names.remoteKey }) },
          { text: richT(t, 'guide.step.doctorCheck'), command: 'openclaw doctor' },
        ],
        notes: [notBrowser, ...(mode && mode.kind !== 'host' ? cliEnvNotes(t, mode) : tokenEnvNotes(t, mode)), inventedCommandsNote(t)],
      };
    }
    case 'gateway-token-missing':
      return {
        cause: richT(t, 'guide.cli.gatewayTokenMissing.cause', { tokenFlag: names.tokenFlag, env: names.env }),
        when: richT(t, 'guide.cli.gatewayTokenMissing.when'),
        steps: [
          { text: richT(t, 'guide.cli.runWithGatewayToken'), command: CLI_WITH_TOKEN },
          ...tokenSteps,
          { text: richT(t, 'guide.cli.gatewayTokenMissing.envEvery', { env: names.env, remoteKey: names.remoteKey }) },
        ],
        notes: [notBrowser, ...cliEnvNotes(t, mode)],
      };
    case 'password-mismatch':
    case 'password-missing': {
      const env = { env: code('OPENCLAW_GATEWAY_PASSWORD'), remoteKey: code('gateway.remote.password') };
      return {
        cause: richT(t, 'guide.cli.password.cause'),
        when: richT(t, 'guide.password.when', { key: code('gateway.auth.password') }),
        steps: [
          { text: richT(t, 'guide.cli.password.run'), command: 'openclaw devices list --password <password>' },
          {
            text:
              lockout.hint === 'cli-remote'
                ? richT(t, 'guide.cli.password.envRemote', { ...env, key: code('gateway.auth.password') })
                : richT(t, 'guide.cli.password.env', env),
          },
        ],
        notes: [notBrowser],
      };
    }
    case 'pairing-required': {
      const url = `--url ws://127.0.0.1:${f.loopbackPort} --token ${HAND.token}`;
      return {
        cause: richT(t, 'guide.cli.pairing.cause'),
        when: richT(t, 'guide.cli.pairing.when'),
        steps: [
          {
            text: f.inContainer ? richT(t, 'guide.cli.pairing.approve.container') : richT(t, 'guide.cli.pairing.approve.host'),
            command: `openclaw devices approve ${requestIdArg(requestId)} ${url}`,
          },
          ...(requestId ? [] : [{ text: richT(t, 'guide.cli.pairing.list'), command: `openclaw devices list ${url}` }]),
          ...tokenSteps,
          { text: richT(t, 'guide.cli.runAgain') },
        ],
        notes: [notBrowser],
      };
    }
    case 'device-token-rejected':
    case 'device-token-scope-mismatch':
    case 'unauthorized':
      return {
        cause: lockout.kind === 'unauthorized' ? richT(t, 'guide.cli.refused.causeUnauthorized', { reported: 'unauthorized' }) : richT(t, 'guide.cli.refused.causeDevice'),
        when: richT(t, 'guide.cli.refused.when'),
        steps: [
          { text: richT(t, 'guide.cli.refused.repair'), command: CLI_WITH_TOKEN },
          ...tokenSteps,
          ...(lockout.kind === 'unauthorized'
            ? [{ text: richT(t, 'guide.step.authMode'), command: 'openclaw config get gateway.auth.mode' }]
            : [{ text: richT(t, 'guide.cli.refused.approve'), command: `openclaw devices approve ${requestIdArg(requestId)}` }]),
        ],
        notes: [notBrowser],
      };
    case 'protocol-mismatch':
    case 'build-mismatch':
      return {
        cause: richT(t, 'guide.cli.versions.cause', { openclaw: names.openclaw }),
        when: richT(t, 'guide.cli.versions.when'),
        steps: [
          { text: richT(t, 'guide.cli.versions.compare', { status: code('openclaw gateway status') }) },
          { text: richT(t, 'guide.cli.versions.update') },
          { text: richT(t, 'guide.cli.versions.restart'), command: 'openclaw gateway restart' },
        ],
        notes: [notBrowser],
      };
    case 'tailscale-identity':
    case 'trusted-proxy':
    case 'verified-user-required':
    case 'setup-code-invalid':
    case 'device-identity-required':
      return {
        cause: richT(t, 'guide.cli.identity.cause', { title: titleInSentence(lockout.kind, t) }),
        when: richT(t, 'guide.cli.identity.when'),
        steps: [
          { text: richT(t, 'guide.cli.identity.token'), command: CLI_WITH_TOKEN },
          ...tokenSteps,
          { text: richT(t, 'guide.step.authMode'), command: 'openclaw config get gateway.auth.mode' },
        ],
        notes: [notBrowser],
      };
    case 'device-signature':
      return {
        cause: richT(t, 'guide.cli.deviceSignature.cause'),
        when: richT(t, 'guide.cli.deviceSignature.when'),
        steps: [{ text: richT(t, 'guide.cli.deviceSignature.clocks') }, { text: richT(t, 'guide.cli.deviceSignature.doctor'), command: 'openclaw doctor' }],
        notes: [notBrowser],
      };
    default:
      return null;
  }
}

/** Code spans in a step that name an `openclaw …` command, in the run mode's form too. */
function richInRunMode(text: Rich, mode: RunMode | null): Rich {
  if (!mode || mode.kind === 'host') return text;
  return text.map((segment) => (typeof segment !== 'string' && segment.code.startsWith('openclaw ') ? { code: inRunMode(segment.code, mode) } : segment));
}

/** A step with its command, and the commands its text names when `text` is set, in the run mode's form. */
export function stepInRunMode(step: FixStep, mode: RunMode | null, text: boolean): FixStep {
  if (!mode || mode.kind === 'host') return step;
  return { text: text ? richInRunMode(step.text, mode) : step.text, ...(step.command === undefined ? {} : { command: inRunMode(step.command, mode) }) };
}

/**
 * The fix for each lock-out, in the order to do them: a wrong shared token (B) first,
 * because the device token (A) can only be reissued over a connection the gateway accepts.
 * One guide per kind and client: the CLI's refusal and the page's are two guides.
 *
 * `t` is the UI's translator (the popup passes `lib/i18n`'s, tests one built from a locale file):
 * the title is the lock-out's `lockout.*` message and every sentence a `guide.*` message, with
 * commands, keys, paths and release numbers filled in as they are. Commands never depend on `t`.
 */
export function buildFixGuides(lockouts: readonly Lockout[], ctx: GuideContext, t: Translate): FixGuide[] {
  const keyed = lockouts.map((lockout) => ({ lockout, client: clientOf(lockout, ctx.source) }));
  const unique = [...new Map(keyed.map((entry) => [`${entry.lockout.kind}|${entry.client}`, entry])).values()];
  // Every command in the form that reaches the CLI: on the host, or inside the container.
  const mode = parseRunMode(ctx.runMode);
  return unique
    .sort((a, b) => byFixOrder(a.lockout.kind, b.lockout.kind) || Number(a.client === 'cli') - Number(b.client === 'cli'))
    .map(({ lockout, client }) => {
      const guide = guideFor(lockout, ctx, client, t);
      return {
        kind: lockout.kind,
        title: lockoutTitle(lockout.kind, t),
        client,
        ...guide,
        steps: guide.steps.map((step) => stepInRunMode(step, mode, true)),
        // Notes name commands as examples (including ones that do not exist): only their own command changes.
        notes: guide.notes.map((note) => stepInRunMode(note, mode, false)),
      };
    });
}

/**
 * How the banner says where the gateway's current token comes from, in this release's commands
 * (rich text, commands as code): `openclaw gateway auth-token --show` from 2026.8.2; before, the
 * config file `openclaw config file` names (`config get` prints the token redacted). In the UI's
 * language, in the banner's words (`banner.tokenHint.*`): the banner's sentences and the popup's
 * next step both say it with this.
 */
export function showTokenHint(release: Release | null | undefined, t: Translate): Rich {
  // The banner's own words for it (`banner.tokenHint.*`), so the two never say it differently.
  const show = code(TOKEN_COMMANDS.show);
  const file = richT(t, 'banner.tokenHint.file', { key: code('gateway.auth.token'), cmd: code(TOKEN_COMMANDS.file), env: code('OPENCLAW_GATEWAY_TOKEN') });
  const way = tokenHintWay(release);
  if (way === 'both') return richT(t, 'banner.tokenHint.both', { cmd: show, file });
  return way === 'show' ? richT(t, 'banner.tokenHint.show', { cmd: show }) : file;
}

/**
 * Which way to the gateway token a release has: `openclaw gateway auth-token --show` (`show`),
 * the config file (`file`), or both when the release is unknown. The banner words it in the UI's language.
 */
export function tokenHintWay(release: Release | null | undefined): 'show' | 'file' | 'both' {
  if (!release) return 'both';
  return isAtLeast(release, AUTH_TOKEN_SHOW_SINCE, true) ? 'show' : 'file';
}
