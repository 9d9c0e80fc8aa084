/**
 * What locked-out users bring, one row per text: what the dashboard showed (in its own words and
 * in translation), what the `openclaw` CLI printed, gateway log lines and JSON records, DevTools
 * frames, and all of these mixed, cut, wrapped and prefixed the way real reports paste them.
 * Written from the real gateways' messages and the kinds of reports in the reference (§11); no
 * dashboard's translated sentence is copied here beyond its title's few words.
 *
 * `core/corpus.test.ts` runs every row through `diagnoseText` (what the popup's paste box runs)
 * and `buildFixGuides`, and checks the source, the causes in fix order and the first step.
 */
import type { LineSource, TextSource } from '../../core/diagnose-text';
import type { LockoutKind, StoredFacts } from '../../core/lockout';
import type { RunMode } from '../../core/run-mode';

export interface ExpectedCause {
  kind: LockoutKind;
  /** Who was refused: the dashboard, the CLI, or not known from the words alone. */
  client: 'browser' | 'cli' | 'unknown';
  source?: LineSource | 'unknown';
  uncertain?: true;
  requestId?: string;
}

export interface LockoutReport {
  name: string;
  text: string;
  /** Where the words came from. */
  source: TextSource;
  /** The release the report names, or the dashboard's when the text is read on one. */
  release?: string;
  /** What the dashboard stores, when the text is read on one (the popup passes its tab's). */
  stored?: StoredFacts;
  /** How the user said they run the gateway. */
  runMode?: RunMode;
  /** The run mode the text itself shows. */
  textRunMode?: RunMode;
  /** The causes, in the order to fix them. */
  causes: ExpectedCause[];
  /** The first guide's first step: its command, or a substring of its text. Null when no lock-out is expected. */
  firstStep: string | null;
}

const UI_HINT = 'open the dashboard URL and paste the token in Control UI settings';
const A_MESSAGE = 'unauthorized: device token mismatch (rotate/reissue device token)';
const STALE: StoredFacts = { deviceTokenStored: true, sharedTokenHeld: false };
const NONE: StoredFacts = { deviceTokenStored: false, sharedTokenHeld: false };
const COMPOSE: RunMode = { kind: 'compose', service: 'openclaw-gateway' };
const wsLine = (client: string, version: string, reason: string, extra = '') =>
  `[ws] unauthorized conn=9c1e4b7a-2f3d peer=172.18.0.1:52144 remote=172.18.0.1 client=${client} v${version} role=operator scopes=4 auth=token device=yes platform=Linux x86_64 instance=n/a host=192.168.1.20:18789 origin=http://192.168.1.20:18789 ua=Mozilla/5.0${extra} reason=${reason}`;

export const LOCKOUT_REPORTS: readonly LockoutReport[] = [
  // ----- The CLI's own refusals ---------------------------------------------------------------
  {
    name: 'CLI: device token mismatch is the CLI’s own token',
    text: `gateway connect failed: ${A_MESSAGE}`,
    source: 'cli',
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },
  {
    name: 'CLI: remote token differs from the gateway’s',
    text: 'gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    source: 'cli',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw config set gateway.remote.token <token>',
  },
  {
    name: 'CLI: its prefix is not the old dashboards’ connect failed',
    text: 'gateway connect failed: Error: pairing required',
    source: 'cli',
    causes: [{ kind: 'pairing-required', client: 'cli' }],
    firstStep: 'openclaw devices approve <requestId> --url ws://127.0.0.1:<port> --token <token>',
  },
  {
    name: 'CLI: the full output with its connection details',
    text: [
      'gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
      'Gateway target: wss://gw.tail1234.ts.net',
      'Source: config gateway.remote.url',
      'Config: /home/ada/.openclaw/openclaw.json',
    ].join('\n'),
    source: 'cli',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw config set gateway.remote.token <token>',
  },
  {
    name: 'CLI: start-up failure with the local hint (9.x)',
    text: "[openclaw] Failed to start CLI: Error: gateway closed (1008): unauthorized: gateway token missing (use this gateway's gateway.auth.token or pair the device)",
    source: 'cli',
    causes: [{ kind: 'gateway-token-missing', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },
  {
    name: 'CLI: another client’s hint, no prefix',
    text: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    source: 'cli',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'CLI: another client’s hint on 2026.4.24 (the token is in the config file)',
    text: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    release: '2026.4.24',
    source: 'cli',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw config file',
  },
  {
    name: 'CLI: a node host refused',
    text: 'node host gateway connect failed: unauthorized: gateway token mismatch (provide gateway auth token)',
    source: 'cli',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'CLI: a bare refusal',
    text: 'gateway connect failed: Error: unauthorized',
    source: 'cli',
    causes: [{ kind: 'unauthorized', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },
  {
    name: 'CLI: remote password differs',
    text: 'gateway closed (1008): unauthorized: gateway password mismatch (set gateway.remote.password to match gateway.auth.password)',
    source: 'cli',
    causes: [{ kind: 'password-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --password <password>',
  },
  {
    name: 'CLI: nothing listens (abnormal closure), with its details',
    text: [
      'gateway closed (1006 abnormal closure (no close frame)): no close reason',
      'Gateway target: ws://127.0.0.1:18789',
      'Source: local loopback',
      'Config: /home/ada/.openclaw/openclaw.json',
      'Bind: loopback',
    ].join('\n'),
    source: 'cli',
    causes: [{ kind: 'gateway-unreachable', client: 'cli' }],
    firstStep: 'openclaw gateway status',
  },
  {
    name: 'CLI: connection refused, bare',
    text: 'Error: connect ECONNREFUSED 127.0.0.1:18789',
    source: 'unknown',
    causes: [{ kind: 'gateway-unreachable', client: 'unknown' }],
    firstStep: 'openclaw gateway status',
  },
  {
    name: 'CLI: typed command and its answer, with the version line',
    text: ['$ openclaw devices list', '🦞 OpenClaw 2026.4.24 (cbcfdf6) — Your personal assistant.', `gateway connect failed: ${A_MESSAGE}`].join('\n'),
    source: 'cli',
    release: '2026.4.24',
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },

  // ----- Containers ----------------------------------------------------------------------------
  {
    name: 'Docker: the CLI in the gateway’s Compose service (env and config tokens differ)',
    text: [
      '$ docker compose exec openclaw-gateway openclaw devices list',
      '🦞 OpenClaw 2026.4.24 (cbcfdf6)',
      `gateway connect failed: ${A_MESSAGE}`,
    ].join('\n'),
    source: 'cli',
    release: '2026.4.24',
    textRunMode: COMPOSE,
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'docker compose exec openclaw-gateway openclaw devices list --token <token>',
  },
  {
    name: 'Docker: docker exec into a named container',
    text: ['docker exec -it openclaw openclaw devices approve', 'Error: gateway closed (1008): pairing required'].join('\n'),
    source: 'cli',
    textRunMode: { kind: 'container', name: 'openclaw' },
    causes: [{ kind: 'pairing-required', client: 'cli' }],
    firstStep: 'docker exec -it openclaw openclaw devices approve <requestId> --url ws://127.0.0.1:<port> --token <token>',
  },
  {
    name: 'Docker: the one-off CLI service runs against the gateway service',
    text: ['$ docker compose run --rm openclaw-cli devices list', 'gateway closed (1008): unauthorized: gateway token missing (provide gateway auth token)'].join('\n'),
    source: 'cli',
    textRunMode: COMPOSE,
    causes: [{ kind: 'gateway-token-missing', client: 'cli' }],
    firstStep: 'docker compose exec openclaw-gateway openclaw devices list --token <token>',
  },
  {
    name: 'Docker: Compose log line of the gateway service',
    text: `openclaw-gateway-1  | 2026-11-20T10:01:02.003Z ${wsLine('openclaw-control-ui webchat', '2026.9.6', 'token_mismatch')}`,
    source: 'log',
    release: undefined,
    textRunMode: COMPOSE,
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'docker compose exec openclaw-gateway openclaw gateway auth-token --show',
  },
  {
    name: 'Docker: the official service named in prose',
    text: 'Running openclaw-gateway in Docker on my NAS. gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    source: 'cli',
    textRunMode: COMPOSE,
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'docker compose exec openclaw-gateway openclaw config set gateway.remote.token <token>',
  },
  {
    name: 'Docker: the run mode the user chose wins over the text',
    text: '$ docker compose exec openclaw-gateway openclaw devices list\ngateway connect failed: unauthorized: gateway token missing (provide gateway auth token)',
    source: 'cli',
    runMode: { kind: 'container', name: 'claw' },
    causes: [{ kind: 'gateway-token-missing', client: 'cli' }],
    firstStep: 'docker exec -it claw openclaw devices list --token <token>',
  },

  // ----- Gateway logs and frames ---------------------------------------------------------------
  {
    name: 'Log: token missing for the dashboard (2026.4.24)',
    text: `2026-11-20T09:14:03.221Z ${wsLine('openclaw-control-ui webchat', '2026.4.24', 'token_missing')}`,
    source: 'log',
    release: '2026.4.24',
    causes: [{ kind: 'gateway-token-missing', client: 'browser' }],
    firstStep: 'openclaw config file',
  },
  {
    name: 'Log: the CLI’s device token refused',
    text: wsLine('cli cli', '2026.9.6', 'device_token_mismatch'),
    source: 'log',
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },
  {
    name: 'Log: a refusal that gave no reason',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'unknown'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'unauthorized', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Log: several refusals in one excerpt, in the order to fix them',
    text: [
      `2026-11-20T09:14:01.001Z ${wsLine('openclaw-control-ui webchat', '2026.9.6', 'rate_limited')}`,
      `2026-11-20T09:13:58.410Z ${wsLine('openclaw-control-ui webchat', '2026.9.6', 'device_token_mismatch')}`,
      `2026-11-20T09:13:57.002Z ${wsLine('openclaw-control-ui webchat', '2026.9.6', 'token_mismatch')}`,
    ].join('\n'),
    source: 'log',
    release: '2026.9.6',
    causes: [
      { kind: 'gateway-token-mismatch', client: 'browser' },
      { kind: 'device-token-mismatch', client: 'browser' },
      { kind: 'rate-limited', client: 'browser' },
    ],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Log: JSON record (Kubernetes)',
    text: `{"time":"2026-11-20T10:00:00.000Z","level":"warn","subsystem":"gateway/ws","msg":"${wsLine('openclaw-control-ui webchat', '2026.9.6', 'password_missing')}"}`,
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'password-missing', client: 'browser' }],
    firstStep: 'Enter the gateway password',
  },
  {
    name: 'Log: closed before connect with the origin refusal',
    text: 'closed before connect conn=4a1b peer=n/a remote=10.0.0.8 fwd=n/a origin=https://claw.example.org host=claw.example.org ua=Mozilla/5.0 code=1008 reason=origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)',
    source: 'log',
    causes: [{ kind: 'origin-not-allowed', client: 'unknown' }],
    firstStep: 'openclaw config get gateway.controlUi.allowedOrigins',
  },
  {
    name: 'Log: Tailscale could not look the user up',
    text: wsLine('openclaw-control-ui webchat', '2026.4.24', 'tailscale_whois_failed'),
    source: 'log',
    release: '2026.4.24',
    causes: [{ kind: 'tailscale-identity', client: 'browser' }],
    firstStep: 'Tailscale Serve address',
  },
  {
    name: 'Log: trusted proxy sent no user',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'trusted_proxy_user_missing'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'trusted-proxy', client: 'browser' }],
    firstStep: 'through the proxy’s address',
  },
  {
    name: 'Log: trusted proxy missing a required header',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'trusted_proxy_missing_header_x-forwarded-user'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'trusted-proxy', client: 'browser' }],
    firstStep: 'through the proxy’s address',
  },
  {
    name: 'Log: a gateway with no auth behind Funnel',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'gateway_auth_required'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'gateway-token-not-configured', client: 'browser' }],
    firstStep: 'openclaw doctor --generate-gateway-token && openclaw gateway restart',
  },
  {
    name: 'Log: an old setup link',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'bootstrap_token_invalid'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'setup-code-invalid', client: 'browser' }],
    firstStep: 'openclaw dashboard',
  },
  {
    name: 'Log: the secret is the redaction placeholder',
    text: wsLine('openclaw-control-ui webchat', '2026.9.6', 'token_redacted_config'),
    source: 'log',
    release: '2026.9.6',
    causes: [{ kind: 'gateway-secret-redacted', client: 'browser' }],
    firstStep: 'openclaw doctor --fix && openclaw gateway restart',
  },
  {
    name: 'Frame: DevTools response with details.code',
    text: `{"type":"res","id":"1:2b9c7e10","ok":false,"error":{"code":"INVALID_REQUEST","message":"unauthorized: gateway token mismatch (${UI_HINT})","details":{"code":"AUTH_TOKEN_MISMATCH","authReason":"token_mismatch","canRetryWithDeviceToken":false,"recommendedNextStep":"update_auth_credentials"}}}`,
    source: 'log',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Frame: the bare code of a refusal with no reason',
    text: '"error":{"code":"INVALID_REQUEST","message":"unauthorized","details":{"code":"AUTH_REQUIRED"}}',
    source: 'log',
    causes: [{ kind: 'unauthorized', client: 'unknown' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Frame: a nonce that did not match',
    text: '{"ok":false,"error":{"code":"INVALID_REQUEST","message":"device nonce mismatch","details":{"code":"DEVICE_AUTH_NONCE_MISMATCH","reason":"device-nonce-mismatch"}}}',
    source: 'log',
    causes: [{ kind: 'device-signature', client: 'unknown' }],
    firstStep: 'Reload the page',
  },

  // ----- The dashboard's raw words ------------------------------------------------------------
  {
    name: 'Browser: the bare refusal is not "no lock-out"',
    text: 'disconnected (1008): unauthorized',
    source: 'browser',
    causes: [{ kind: 'unauthorized', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Browser: timestamped console line',
    text: `[10:42:17] disconnected (1008): unauthorized: gateway token missing (${UI_HINT})`,
    source: 'browser',
    causes: [{ kind: 'gateway-token-missing', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Browser: no-break spaces, no prefix',
    text: 'unauthorized:\u00a0device\u00a0token mismatch (rotate/reissue device token)',
    source: 'unknown',
    causes: [{ kind: 'device-token-mismatch', client: 'unknown' }],
    firstStep: 'Clear the stale device token',
  },
  {
    name: 'Browser: cut mid-word at 120 bytes',
    text: `disconnected (1008): unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI setti`,
    source: 'browser',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Browser: pairing cut inside the request id',
    text: 'pairing required: device is not approved yet (requestId: 6f0c2d',
    source: 'unknown',
    causes: [{ kind: 'pairing-required', client: 'unknown', requestId: '6f0c2d' }],
    firstStep: 'openclaw devices approve 6f0c2d',
  },
  {
    name: 'Browser: 9.x pairing with its request id',
    text: 'device pairing required (requestId: 3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f)',
    source: 'unknown',
    causes: [{ kind: 'pairing-required', client: 'unknown', requestId: '3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f' }],
    firstStep: 'openclaw devices approve 3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f',
  },
  {
    name: 'Browser: scope upgrade waiting for approval',
    text: 'scope upgrade pending approval (requestId: r-77aa)',
    source: 'unknown',
    causes: [{ kind: 'pairing-required', client: 'unknown', requestId: 'r-77aa' }],
    firstStep: 'openclaw devices approve r-77aa',
  },
  {
    name: 'Browser: Tailscale identity missing',
    text: 'unauthorized: tailscale identity missing (use Tailscale Serve auth or gateway token/password)',
    source: 'unknown',
    causes: [{ kind: 'tailscale-identity', client: 'unknown' }],
    firstStep: 'Tailscale Serve address',
  },
  {
    name: 'Browser: device signature expired (a clock off)',
    text: 'disconnected (1008): device signature expired',
    source: 'browser',
    causes: [{ kind: 'device-signature', client: 'browser' }],
    firstStep: 'Reload the page',
  },
  {
    name: 'Browser: 9.x stale page after an update',
    text: 'protocol mismatch: Control UI updated; reload this page to continue',
    source: 'unknown',
    causes: [{ kind: 'build-mismatch', client: 'unknown' }],
    firstStep: 'Reload the page',
  },
  {
    name: 'Browser: protocol mismatch',
    text: 'disconnected (1002): protocol mismatch',
    source: 'browser',
    causes: [{ kind: 'protocol-mismatch', client: 'browser' }],
    firstStep: 'Reload the page',
  },
  {
    name: 'Browser: origin not allowed',
    text: 'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)',
    source: 'unknown',
    causes: [{ kind: 'origin-not-allowed', client: 'unknown' }],
    firstStep: 'openclaw config get gateway.controlUi.allowedOrigins',
  },
  {
    name: 'Browser: plain HTTP on a LAN address',
    text: 'control ui requires device identity (use HTTPS or localhost secure context)',
    source: 'unknown',
    causes: [{ kind: 'device-identity-required', client: 'unknown' }],
    firstStep: 'Open the dashboard over HTTPS',
  },
  {
    name: 'Browser: 3.7+ generic secure-context text',
    text: 'device identity required (use HTTPS/localhost or allow insecure auth explicitly)',
    source: 'unknown',
    causes: [{ kind: 'device-identity-required', client: 'unknown' }],
    firstStep: 'Open the dashboard over HTTPS',
  },
  {
    name: 'Browser: rate limited',
    text: 'unauthorized: too many failed authentication attempts (retry later)',
    source: 'unknown',
    causes: [{ kind: 'rate-limited', client: 'unknown' }],
    firstStep: 'openclaw gateway restart',
  },
  {
    name: 'Browser: 9.x setup code used up',
    text: 'unauthorized: setup code invalid, expired, revoked, or already used (create a new code; review `openclaw devices list`)',
    source: 'unknown',
    causes: [{ kind: 'setup-code-invalid', client: 'unknown' }],
    firstStep: 'openclaw dashboard',
  },
  {
    name: 'Browser: device token scope mismatch',
    text: 'unauthorized: device token scope mismatch (re-pair or approve scope upgrade)',
    source: 'unknown',
    causes: [{ kind: 'device-token-scope-mismatch', client: 'unknown' }],
    firstStep: 'openclaw devices list',
  },
  {
    name: 'Browser: device token rejected',
    text: 'unauthorized: device token rejected (pair/repair this device, or provide gateway token)',
    source: 'unknown',
    causes: [{ kind: 'device-token-rejected', client: 'unknown' }],
    firstStep: 'openclaw devices list',
  },
  {
    name: 'Browser: password mismatch',
    text: 'unauthorized: gateway password mismatch (enter the password in Control UI settings)',
    source: 'browser',
    causes: [{ kind: 'password-mismatch', client: 'browser' }],
    firstStep: 'Enter the gateway password',
  },
  {
    name: 'Browser: password auth with no password set',
    text: 'disconnected (1008): unauthorized: gateway password not configured on gateway (set gateway.auth.password)',
    source: 'browser',
    causes: [{ kind: 'password-not-configured', client: 'browser' }],
    firstStep: 'openclaw config set gateway.auth.password <password> && openclaw gateway restart',
  },
  {
    name: 'Browser: no token configured on the gateway',
    text: 'unauthorized: gateway token not configured on gateway (set gateway.auth.token)',
    source: 'unknown',
    causes: [{ kind: 'gateway-token-not-configured', client: 'unknown' }],
    firstStep: 'openclaw doctor --generate-gateway-token && openclaw gateway restart',
  },
  {
    name: 'Browser: 9.x redaction placeholder',
    text: 'gateway credential is a redaction sentinel (run openclaw doctor --fix on the Gateway, then restart and re-pair)',
    source: 'unknown',
    causes: [{ kind: 'gateway-secret-redacted', client: 'unknown' }],
    firstStep: 'openclaw doctor --fix && openclaw gateway restart',
  },
  {
    name: 'Browser: 9.x named roles want a verified person',
    text: 'operator role policies require a verified user identity for this authentication method; reconnect through the trusted proxy or Tailscale, or use the shared gateway token/password',
    source: 'unknown',
    causes: [{ kind: 'verified-user-required', client: 'unknown' }],
    firstStep: 'trusted proxy or its Tailscale Serve address',
  },
  {
    name: 'Browser: ≤1.30 "connect failed" with a device token stored is A',
    text: 'disconnected (4008): connect failed',
    source: 'browser',
    release: '2026.1.30',
    stored: STALE,
    causes: [{ kind: 'device-token-mismatch', client: 'browser' }],
    firstStep: 'Clear the stale device token',
  },
  {
    name: 'Browser: ≤1.30 "connect failed" with nothing stored',
    text: 'disconnected (4008): connect failed',
    source: 'browser',
    stored: NONE,
    causes: [{ kind: 'connect-failed', client: 'browser' }],
    firstStep: 'If a device token is stored',
  },
  {
    name: 'Browser: 3.7+ bare generic "gateway connect failed"',
    text: 'gateway connect failed',
    source: 'unknown',
    causes: [{ kind: 'connect-failed', client: 'unknown' }],
    firstStep: 'If a device token is stored',
  },

  // ----- The page's words in the light of its release and storage ------------------------------
  {
    name: 'Era: 2.22–3.8 quirk with the Control UI’s hint, release unknown',
    text: `unauthorized: gateway token mismatch (${UI_HINT})`,
    source: 'browser',
    stored: STALE,
    causes: [{ kind: 'device-token-mismatch', client: 'browser' }],
    firstStep: 'Clear the stale device token',
  },
  {
    name: 'Era: bare "gateway token mismatch" on an unknown release: both, nothing cleared',
    text: 'gateway token mismatch',
    source: 'unknown',
    stored: STALE,
    causes: [{ kind: 'device-token-mismatch', client: 'unknown', uncertain: true }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Era: a CLI’s hint is never the page’s quirk',
    text: 'unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    source: 'cli',
    stored: STALE,
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw config set gateway.remote.token <token>',
  },
  {
    name: 'Era: 2.17–2.21 "device token mismatch" with nothing stored is B',
    text: `disconnected (1008): ${A_MESSAGE}`,
    source: 'browser',
    release: '2026.2.19',
    stored: NONE,
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw config file',
  },
  {
    name: 'Era: 9.6 already dropped the refused token',
    text: A_MESSAGE,
    source: 'unknown',
    release: '2026.9.6',
    stored: NONE,
    causes: [{ kind: 'device-token-mismatch', client: 'unknown' }],
    firstStep: 'Nothing to clear',
  },
  {
    name: 'Era: 9.6 with both B and A on the page',
    text: `unauthorized: gateway token mismatch (${UI_HINT})\n${A_MESSAGE}`,
    source: 'browser',
    release: '2026.9.6',
    stored: STALE,
    causes: [
      { kind: 'gateway-token-mismatch', client: 'browser' },
      { kind: 'device-token-mismatch', client: 'browser' },
    ],
    firstStep: 'openclaw gateway auth-token --show',
  },

  // ----- Mixed ----------------------------------------------------------------------------------
  {
    name: 'Mixed: the dashboard’s A and the CLI’s B, each its own guide',
    text: [
      `disconnected (1008): ${A_MESSAGE}`,
      '$ openclaw devices list',
      'gateway connect failed: unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    ].join('\n'),
    source: 'mixed',
    causes: [
      { kind: 'gateway-token-mismatch', client: 'cli' },
      { kind: 'device-token-mismatch', client: 'browser' },
    ],
    firstStep: 'openclaw config set gateway.remote.token <token>',
  },
  {
    name: 'Mixed: the same words from the dashboard and the CLI are two causes',
    text: [`disconnected (1008): ${A_MESSAGE}`, `gateway connect failed: ${A_MESSAGE}`].join('\n'),
    source: 'mixed',
    causes: [
      { kind: 'device-token-mismatch', client: 'browser' },
      { kind: 'device-token-mismatch', client: 'cli' },
    ],
    firstStep: 'Clear the stale device token',
  },
  {
    name: 'Mixed: a gateway log and the dashboard',
    text: [wsLine('openclaw-control-ui webchat', '2026.9.6', 'token_mismatch'), 'disconnected (1008): pairing required'].join('\n'),
    source: 'mixed',
    release: '2026.9.6',
    causes: [
      { kind: 'gateway-token-mismatch', client: 'browser' },
      { kind: 'pairing-required', client: 'browser' },
    ],
    firstStep: 'openclaw gateway auth-token --show',
  },

  // ----- The dashboard's friendly words, in its languages ----------------------------------------
  {
    name: 'Words (en, 9.x): the gateway expects its token',
    text: 'This Gateway expects its token\nThe Gateway at 192.168.1.20:18789 is reachable, but it needs a matching token or password before this browser can connect.',
    source: 'browser',
    causes: [{ kind: 'gateway-token-missing', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Words (en, 9.x) with the raw error under them: the raw error wins',
    text: `Gateway secret rejected\n192.168.1.20:18789 rejected the supplied Gateway secret.\nRaw error\nunauthorized: gateway token mismatch (${UI_HINT})`,
    source: 'browser',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Words (de, 9.x) with the raw error: A, the token the page dropped',
    text: `Dieser Gateway erwartet sein Token\nRohfehler\n${A_MESSAGE}`,
    source: 'browser',
    release: '2026.9.6',
    stored: NONE,
    causes: [{ kind: 'device-token-mismatch', client: 'browser' }],
    firstStep: 'Nothing to clear',
  },
  {
    name: 'Words (de, 6.x): auth did not match',
    text: 'Authentifizierung passt nicht',
    source: 'browser',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Words (ja, 9.x): approve this browser',
    text: 'このブラウザを承認',
    source: 'browser',
    causes: [{ kind: 'pairing-required', client: 'browser' }],
    firstStep: 'openclaw devices approve <requestId>',
  },
  {
    name: 'Words (ja, 9.x): too many failures',
    text: '認証の失敗回数が多すぎます',
    source: 'browser',
    causes: [{ kind: 'rate-limited', client: 'browser' }],
    firstStep: 'openclaw gateway restart',
  },
  {
    name: 'Words (zh-CN, 9.x): secret rejected',
    text: 'Gateway 密钥被拒绝',
    source: 'browser',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'Words (zh-CN, 9.x): secure context',
    text: '需要安全的浏览器上下文',
    source: 'browser',
    causes: [{ kind: 'device-identity-required', client: 'browser' }],
    firstStep: 'Open the dashboard over HTTPS',
  },
  {
    name: 'Words (fr, 6.x): secure browser context',
    text: 'Contexte de navigateur sécurisé requis',
    source: 'browser',
    causes: [{ kind: 'device-identity-required', client: 'browser' }],
    firstStep: 'Open the dashboard over HTTPS',
  },
  {
    name: 'Words (fr, 9.x): a pairing upgrade, typographic apostrophes',
    text: 'Ce navigateur est déjà appairé avec 192.168.1.20, mais il a demandé un accès pour lequel il n’a pas été approuvé.',
    source: 'browser',
    causes: [{ kind: 'pairing-required', client: 'browser' }],
    firstStep: 'openclaw devices approve <requestId>',
  },
  {
    name: 'Words (es, 6.x): too many attempts',
    text: 'Demasiados intentos fallidos',
    source: 'browser',
    causes: [{ kind: 'rate-limited', client: 'browser' }],
    firstStep: 'openclaw gateway restart',
  },
  {
    name: 'Words (es): origin not allowed',
    text: 'Origen del navegador no permitido',
    source: 'browser',
    causes: [{ kind: 'origin-not-allowed', client: 'browser' }],
    firstStep: 'openclaw config get gateway.controlUi.allowedOrigins',
  },
  {
    name: 'Words (es, 9.x): proxy sign-in, not "auth required"',
    text: 'Se requiere autenticación mediante proxy',
    source: 'browser',
    causes: [{ kind: 'trusted-proxy', client: 'browser' }],
    firstStep: 'through the proxy’s address',
  },
  {
    name: 'Words (en, 9.x): server updated',
    text: 'Server updated\nRefresh for full capabilities',
    source: 'browser',
    causes: [{ kind: 'build-mismatch', client: 'browser' }],
    firstStep: 'Reload the page',
  },
  {
    name: 'Words (en, 9.x): gateway unreachable',
    text: 'Gateway unreachable\nThe browser could not reach 10.0.0.5:18789. Check the address and transport before retrying credentials.',
    source: 'browser',
    causes: [{ kind: 'gateway-unreachable', client: 'browser' }],
    firstStep: 'openclaw gateway status',
  },
  {
    name: 'Words (en, 4.x): auth failed hint',
    text: 'Auth failed. Re-copy a tokenized URL with openclaw dashboard --no-open, or update the token, then click Connect.',
    source: 'browser',
    causes: [{ kind: 'gateway-token-mismatch', client: 'browser' }],
    firstStep: 'openclaw gateway auth-token --show',
  },

  // ----- Found by a review, as a new user pasted them --------------------------------------------
  {
    name: 'CLI: copied from a chat, with non-breaking spaces',
    text: 'gateway\u00a0connect\u00a0failed: unauthorized:\u00a0device token mismatch (rotate/reissue device token)',
    source: 'cli',
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },
  {
    name: 'CLI: a CLI left on another release after an update',
    text: 'gateway connect failed: Error: protocol mismatch',
    source: 'cli',
    causes: [{ kind: 'protocol-mismatch', client: 'cli' }],
    firstStep: 'Compare the two releases',
  },
  {
    name: 'Log: the newest error at the end of a long tail',
    text: `${'2026-11-28T09:14:03.512Z [health] heartbeat ok uptime=1234s sessions=3 queue=0 pending=0 ok\n'.repeat(1500)}2026-11-28T09:20:00.000Z [ws] unauthorized conn=a1 remote=127.0.0.1 client=cli cli v2026.9.6 reason=token_mismatch`,
    source: 'log',
    causes: [{ kind: 'gateway-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw gateway auth-token --show',
  },
  {
    name: 'CLI: after 2,100 lines of other output',
    text: `${'compiling module 0042 of 2100 ok\n'.repeat(2100)}gateway connect failed: ${A_MESSAGE}`,
    source: 'cli',
    causes: [{ kind: 'device-token-mismatch', client: 'cli' }],
    firstStep: 'openclaw devices list --token <token>',
  },

  // ----- Not a lock-out ---------------------------------------------------------------------------
  {
    name: 'Not a lock-out: 9.x reconnect notice',
    text: 'Connection to the Gateway was interrupted. Check your connection and try again. (WebSocket 1006)',
    source: 'browser',
    causes: [],
    firstStep: null,
  },
  {
    name: 'Not a lock-out: an HTTP status line',
    text: 'GET /control-ui-config.json 401 Unauthorized',
    source: 'unknown',
    causes: [],
    firstStep: null,
  },
  {
    name: 'Not a lock-out: a node host restarted for its version',
    text: 'client version mismatch',
    source: 'unknown',
    causes: [],
    firstStep: null,
  },
];
