// @vitest-environment node
/**
 * Every `details.code` and every log `reason=` the real gateways use is either read as a lock-out
 * kind or listed below as no lock-out, with why. The codes are read at test time from the real
 * packages the e2e suite caches (`tests/fixtures/real-gateway.ts`, installed on first use) and from
 * the real Control UI bundles of older eras (`tests/fixtures/release-cache.ts`); nothing of theirs
 * is kept in this repository. A release that adds a code fails here until it is mapped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyError } from '../../core/classify-error';
import { diagnoseText } from '../../core/diagnose-text';
import type { LockoutKind } from '../../core/lockout';
import { installGateway } from '../fixtures/real-gateway';
import { fetchReleaseUi } from '../fixtures/release-cache';

const GATEWAYS = ['2026.4.24', '2026.9.6'] as const;
const UI_RELEASES = [
  ['clawdbot', '2026.1.24'],
  ['openclaw', '2026.1.30'],
  ['openclaw', '2026.2.26'],
  ['openclaw', '2026.4.29'],
  ['openclaw', '2026.6.11'],
  ['openclaw', '2026.9.6'],
] as const;

// ---------------------------------------------------------------------------------------------
// Our reading of each code (facts about what the gateway means by it)
// ---------------------------------------------------------------------------------------------

/** `details.code` → the lock-out it is. */
const CODE_KINDS: Readonly<Record<string, LockoutKind>> = {
  AUTH_REQUIRED: 'unauthorized',
  AUTH_UNAUTHORIZED: 'unauthorized',
  AUTH_TOKEN_MISSING: 'gateway-token-missing',
  AUTH_TOKEN_MISMATCH: 'gateway-token-mismatch',
  AUTH_TOKEN_NOT_CONFIGURED: 'gateway-token-not-configured',
  AUTH_PASSWORD_MISSING: 'password-missing',
  AUTH_PASSWORD_MISMATCH: 'password-mismatch',
  AUTH_PASSWORD_NOT_CONFIGURED: 'password-not-configured',
  AUTH_BOOTSTRAP_TOKEN_INVALID: 'setup-code-invalid',
  AUTH_DEVICE_TOKEN_MISMATCH: 'device-token-mismatch',
  AUTH_SCOPE_MISMATCH: 'device-token-scope-mismatch',
  AUTH_RATE_LIMITED: 'rate-limited',
  AUTH_TAILSCALE_IDENTITY_MISSING: 'tailscale-identity',
  AUTH_TAILSCALE_PROXY_MISSING: 'tailscale-identity',
  AUTH_TAILSCALE_WHOIS_FAILED: 'tailscale-identity',
  AUTH_TAILSCALE_IDENTITY_MISMATCH: 'tailscale-identity',
  AUTH_IDENTITY_HEADER_REQUIRED: 'trusted-proxy',
  AUTH_VERIFIED_USER_REQUIRED: 'verified-user-required',
  CONTROL_UI_BUILD_MISMATCH: 'build-mismatch',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'origin-not-allowed',
  PROTOCOL_MISMATCH: 'protocol-mismatch',
  CONTROL_UI_DEVICE_IDENTITY_REQUIRED: 'device-identity-required',
  DEVICE_IDENTITY_REQUIRED: 'device-identity-required',
  DEVICE_AUTH_INVALID: 'device-signature',
  DEVICE_AUTH_DEVICE_ID_MISMATCH: 'device-signature',
  DEVICE_AUTH_SIGNATURE_EXPIRED: 'device-signature',
  DEVICE_AUTH_NONCE_REQUIRED: 'device-signature',
  DEVICE_AUTH_NONCE_MISMATCH: 'device-signature',
  DEVICE_AUTH_SIGNATURE_INVALID: 'device-signature',
  DEVICE_AUTH_PUBLIC_KEY_INVALID: 'device-signature',
  PAIRING_REQUIRED: 'pairing-required',
};

/** Codes that lock nobody out of the dashboard or the CLI, and why. */
const NOT_A_LOCKOUT_CODES: Readonly<Record<string, string>> = {
  CLIENT_VERSION_MISMATCH: 'a local node host older than its gateway is closed so its supervisor restarts it with the new version',
  AUTHENTICATED_PROFILE_UNAVAILABLE: 'a passing failure to look up the signed-in profile (identity provider or GitHub API): the UI says to retry shortly; no credential is wrong',
};

/** Log `reason=` (the `authReason` of a refusal) → the lock-out it is. */
const REASON_KINDS: Readonly<Record<string, LockoutKind>> = {
  token_missing: 'gateway-token-missing',
  token_mismatch: 'gateway-token-mismatch',
  token_missing_config: 'gateway-token-not-configured',
  token_redacted_config: 'gateway-secret-redacted',
  password_redacted_config: 'gateway-secret-redacted',
  password_missing: 'password-missing',
  password_mismatch: 'password-mismatch',
  password_missing_config: 'password-not-configured',
  bootstrap_token_invalid: 'setup-code-invalid',
  tailscale_user_missing: 'tailscale-identity',
  tailscale_proxy_missing: 'tailscale-identity',
  tailscale_whois_failed: 'tailscale-identity',
  tailscale_user_mismatch: 'tailscale-identity',
  rate_limited: 'rate-limited',
  device_token_mismatch: 'device-token-mismatch',
  scope_mismatch: 'device-token-scope-mismatch',
  trusted_proxy_no_request: 'trusted-proxy',
  trusted_proxy_untrusted_source: 'trusted-proxy',
  trusted_proxy_loopback_source: 'trusted-proxy',
  trusted_proxy_local_interface_check_failed: 'trusted-proxy',
  trusted_proxy_local_interface_source: 'trusted-proxy',
  trusted_proxy_user_missing: 'trusted-proxy',
  trusted_proxy_user_not_allowed: 'trusted-proxy',
  trusted_proxy_config_missing: 'trusted-proxy',
  trusted_proxy_no_proxies_configured: 'trusted-proxy',
  'trusted_proxy_missing_header_*': 'trusted-proxy',
  proxy_attribution_required: 'trusted-proxy',
  // The browser's origin, refused by the trusted-proxy or read-only HTTP checks: the allowed origins decide.
  trusted_proxy_origin_not_allowed: 'origin-not-allowed',
  origin_not_allowed: 'origin-not-allowed',
  // 9.x: a gateway with no auth at all, exposed through Tailscale Funnel.
  gateway_auth_required: 'gateway-token-not-configured',
  unauthorized: 'unauthorized',
  // The log's word when the refusal gave no reason (`reason ?? "unknown"`): AUTH_REQUIRED.
  unknown: 'unauthorized',
};

/** Reasons that lock nobody out, and why (none so far: every refusal is one). */
const NOT_A_LOCKOUT_REASONS: Readonly<Record<string, string>> = {};

/** Device-auth `details.reason` (their code is `DEVICE_AUTH_*`): all a refused signature. */
const DEVICE_AUTH_REASON_KIND: LockoutKind = 'device-signature';

// ---------------------------------------------------------------------------------------------
// Reading the real packages
// ---------------------------------------------------------------------------------------------

interface Extracted {
  codes: Set<string>;
  reasons: Set<string>;
  deviceAuthReasons: Set<string>;
  /** Where each was read, for the failure message. */
  from: Map<string, string>;
}

/** The text of a top-level function in a bundle: from `function <name>(` to the `}` that closes it at column 0. */
function functionBody(source: string, name: string): string | null {
  const start = source.search(new RegExp(`(?:^|\\n)(?:async )?function ${name}\\(`));
  if (start < 0) return null;
  const end = source.indexOf('\n}\n', start + 1);
  return source.slice(start, end < 0 ? undefined : end + 2);
}

/** Files under `dir` whose text holds `marker` (grep -rlF), bundles only, the dashboard and the workers' copies left out. */
function filesWith(dir: string, marker: string): string[] {
  try {
    const out = execFileSync('grep', ['-rlF', '--include=*.js', '--include=*.mjs', '--exclude-dir=control-ui', '--exclude-dir=worker', '--', marker, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return out.split('\n').filter(Boolean);
  } catch {
    return []; // grep exits 1 when nothing matches
  }
}

function extractGateway(dist: string): Extracted {
  const found: Extracted = { codes: new Set(), reasons: new Set(), deviceAuthReasons: new Set(), from: new Map() };
  const add = (set: Set<string>, value: string, where: string) => {
    set.add(value);
    if (!found.from.has(value)) found.from.set(value, where);
  };
  const REASON = /^[a-z]+(?:_[a-z]+)*$/;
  const read = (file: string) => readFileSync(file, 'utf8');
  const constants = new Map<string, string>();
  const constantValue = (name: string): string | undefined => {
    if (!constants.has(name)) {
      for (const file of filesWith(dist, `const ${name} = "`)) {
        const value = new RegExp(`const ${name} = "([^"]+)"`).exec(read(file))?.[1];
        if (value) {
          constants.set(name, value);
          break;
        }
      }
    }
    return constants.get(name);
  };
  const addReasonsFrom = (body: string, where: string) => {
    for (const [, reason] of body.matchAll(/\breason: "([^"]+)"/g)) if (REASON.test(reason!)) add(found.reasons, reason!, where);
    for (const [, name] of body.matchAll(/\breason: ([A-Z][A-Z0-9_]+)\b/g)) {
      const value = constantValue(name!);
      if (value && REASON.test(value)) add(found.reasons, value, `${where} (${name})`);
    }
    for (const [, template] of body.matchAll(/\breason: `([^`]+)`/g)) {
      // `trusted_proxy_missing_header_${header}` is a family; `${auth.mode}_redacted_config` one per shared-secret mode.
      if (/^\$\{auth\.mode\}_/.test(template!)) for (const mode of ['token', 'password']) add(found.reasons, template!.replace(/^\$\{auth\.mode\}/, mode), where);
      else {
        const prefix = /^([a-z_]+)\$\{/.exec(template!)?.[1];
        if (prefix) add(found.reasons, `${prefix}*`, where);
      }
    }
  };

  for (const file of filesWith(dist, 'const ConnectErrorDetailCodes = {')) {
    const source = read(file);
    const start = source.indexOf('const ConnectErrorDetailCodes = {');
    const block = source.slice(start, source.indexOf('};', start));
    for (const [, code] of block.matchAll(/\b([A-Z][A-Z0-9_]+): "\1"/g)) add(found.codes, code!, path.basename(file));
  }
  for (const file of filesWith(dist, 'function resolveAuthConnectErrorDetailCode(')) {
    const body = functionBody(read(file), 'resolveAuthConnectErrorDetailCode') ?? '';
    for (const [, reason] of body.matchAll(/case "([^"]+)":/g)) add(found.reasons, reason!, `${path.basename(file)} resolveAuthConnectErrorDetailCode`);
    for (const [, prefix] of body.matchAll(/startsWith\("([a-z_]+)"\)/g)) add(found.reasons, `${prefix}*`, `${path.basename(file)} resolveAuthConnectErrorDetailCode`);
  }
  for (const file of filesWith(dist, 'function resolveDeviceAuthConnectErrorDetailCode(')) {
    const body = functionBody(read(file), 'resolveDeviceAuthConnectErrorDetailCode') ?? '';
    for (const [, reason] of body.matchAll(/case "([^"]+)":/g)) add(found.deviceAuthReasons, reason!, path.basename(file));
  }
  for (const file of filesWith(dist, 'function formatGatewayAuthFailureMessage(')) {
    const body = functionBody(read(file), 'formatGatewayAuthFailureMessage') ?? '';
    const where = `${path.basename(file)} formatGatewayAuthFailureMessage`;
    for (const [, reason] of body.matchAll(/case "([^"]+)":/g)) add(found.reasons, reason!, where);
    for (const [, name] of body.matchAll(/case ([A-Z][A-Z0-9_]+):/g)) {
      const value = constantValue(name!);
      if (value) add(found.reasons, value, `${where} (${name})`);
    }
    for (const [, prefix] of body.matchAll(/startsWith\("([a-z_]+)"\)/g)) add(found.reasons, `${prefix}*`, where);
  }
  // The auth module: every reason its checks return.
  for (const file of filesWith(dist, 'function authorizeGatewayConnectCore(')) addReasonsFrom(read(file), path.basename(file));
  // The connect handshake's own decisions (device token, bootstrap token) and the bootstrap check.
  for (const name of ['resolveConnectAuthDecision', 'verifyDeviceBootstrapToken']) {
    for (const file of filesWith(dist, `function ${name}(`)) addReasonsFrom(functionBody(read(file), name) ?? '', `${path.basename(file)} ${name}`);
  }
  // The log line's word for a refusal without a reason: `reason=${failedAuth.reason ?? "unknown"}`.
  for (const file of filesWith(dist, 'unauthorized conn=')) {
    for (const [, fallback] of read(file).matchAll(/reason=\$\{failedAuth\.reason \?\? "([a-z_]+)"\}/g)) add(found.reasons, fallback!, `${path.basename(file)} log line`);
  }
  return found;
}

/** Detail codes a Control UI bundle knows (minified: `AUTH_TOKEN_MISMATCH:\`AUTH_TOKEN_MISMATCH\``). */
function extractUiCodes(uiDir: string): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.js')) {
        const source = readFileSync(file, 'utf8');
        for (const [, code] of source.matchAll(/\b((?:AUTH|AUTHENTICATED|DEVICE|CONTROL_UI|PAIRING|PROTOCOL|CLIENT)_[A-Z0-9_]+):\s*[`"']\1[`"']/g)) codes.add(code!);
      }
    }
  };
  walk(path.join(uiDir, 'assets'));
  return codes;
}

const gateways = new Map<string, Extracted>();
const uiCodes = new Map<string, Set<string>>();

beforeAll(() => {
  for (const release of GATEWAYS) gateways.set(release, extractGateway(path.join(path.dirname(installGateway(release)), 'dist')));
  for (const [name, version] of UI_RELEASES) uiCodes.set(`${name}@${version}`, extractUiCodes(fetchReleaseUi(name, version).uiDir));
  const counts = [
    ...GATEWAYS.map((r) => `openclaw@${r}: ${gateways.get(r)!.codes.size} codes, ${gateways.get(r)!.reasons.size} reasons, ${gateways.get(r)!.deviceAuthReasons.size} device-auth reasons`),
    ...[...uiCodes].map(([id, codes]) => `${id} UI: ${codes.size} codes`),
  ];
  console.log(`gateway-codes:\n  ${counts.join('\n  ')}`);
  // GATEWAY_CODES_LIST=1 prints what was read.
  if (process.env.GATEWAY_CODES_LIST) {
    for (const [release, found] of gateways) console.log(`${release}\n  codes: ${[...found.codes].join(' ')}\n  reasons: ${[...found.reasons].join(' ')}\n  device-auth: ${[...found.deviceAuthReasons].join(' ')}`);
  }
}, 10 * 60_000);

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

/** A `res` frame with the code, as a user pastes it from DevTools or a log. */
const frame = (code: string) => `{"type":"res","ok":false,"error":{"code":"INVALID_REQUEST","message":"…","details":{"code":"${code}"}}}`;
/** The gateway's log line for a refusal, as the real gateways write it. */
const logLine = (reason: string) =>
  `2026-11-20T09:14:03.221Z [ws] unauthorized conn=9c1e peer=10.0.0.8:52144 remote=10.0.0.8 client=openclaw-control-ui webchat v2026.9.6 role=operator scopes=4 auth=token device=yes reason=${reason}`;
const sampleReason = (reason: string) => (reason.endsWith('*') ? `${reason.slice(0, -1)}x-forwarded-user` : reason);
const kindsOf = (text: string) => classifyError(text).map((l) => l.kind);

describe.each(GATEWAYS)('openclaw@%s', (release) => {
  it('its code has the codes and reasons at all (the extraction reads the real files)', () => {
    const found = gateways.get(release)!;
    expect(found.codes.size).toBeGreaterThan(20);
    expect(found.reasons.size).toBeGreaterThan(15);
    expect([...found.codes]).toEqual(expect.arrayContaining(['AUTH_TOKEN_MISMATCH', 'AUTH_DEVICE_TOKEN_MISMATCH', 'PAIRING_REQUIRED']));
    expect([...found.reasons]).toEqual(expect.arrayContaining(['token_mismatch', 'device_token_mismatch', 'token_missing', 'unknown']));
  });

  it('every details.code is a lock-out kind, or listed as none with a reason', () => {
    const found = gateways.get(release)!;
    const problems: string[] = [];
    for (const code of found.codes) {
      if (NOT_A_LOCKOUT_CODES[code]) {
        if (kindsOf(frame(code)).length) problems.push(`${code} is listed as no lock-out, but reads as ${kindsOf(frame(code))}`);
        continue;
      }
      const kind = CODE_KINDS[code];
      if (!kind) problems.push(`new code ${code} (${found.from.get(code)}): map it in CODE_KINDS or NOT_A_LOCKOUT_CODES`);
      else if (JSON.stringify(kindsOf(frame(code))) !== JSON.stringify([kind])) problems.push(`${code} reads as ${JSON.stringify(kindsOf(frame(code)))}, not ${kind}`);
    }
    expect(problems).toEqual([]);
  });

  it('every log reason= is a lock-out kind, or listed as none with a reason, in the log line and in the frame', () => {
    const found = gateways.get(release)!;
    const problems: string[] = [];
    for (const reason of found.reasons) {
      if (NOT_A_LOCKOUT_REASONS[reason]) continue;
      const kind = REASON_KINDS[reason];
      if (!kind) {
        problems.push(`new reason ${reason} (${found.from.get(reason)}): map it in REASON_KINDS or NOT_A_LOCKOUT_REASONS`);
        continue;
      }
      const sample = sampleReason(reason);
      if (JSON.stringify(kindsOf(logLine(sample))) !== JSON.stringify([kind])) problems.push(`reason=${sample} reads as ${JSON.stringify(kindsOf(logLine(sample)))}, not ${kind}`);
      const json = `"details":{"authReason":"${sample}"}`;
      if (sample !== 'unknown' && JSON.stringify(kindsOf(json)) !== JSON.stringify([kind])) problems.push(`authReason ${sample} reads as ${JSON.stringify(kindsOf(json))}, not ${kind}`);
      const pasted = diagnoseText(logLine(sample));
      if (pasted.source !== 'log' || pasted.causes[0]?.client !== 'browser') problems.push(`the log line of ${sample} is not read as the dashboard's refusal in a log`);
    }
    expect(problems).toEqual([]);
  });

  it('every device-auth details.reason is a refused signature', () => {
    const found = gateways.get(release)!;
    expect(found.deviceAuthReasons.size).toBeGreaterThanOrEqual(6);
    for (const reason of found.deviceAuthReasons) expect(kindsOf(`"details":{"reason":"${reason}"}`), reason).toEqual([DEVICE_AUTH_REASON_KIND]);
  });

  it('the tables hold nothing this release and the other do not have', () => {
    const all = new Set(GATEWAYS.flatMap((r) => [...gateways.get(r)!.codes, ...gateways.get(r)!.reasons]));
    const stale = [...Object.keys(CODE_KINDS), ...Object.keys(NOT_A_LOCKOUT_CODES), ...Object.keys(REASON_KINDS)].filter((key) => !all.has(key));
    expect(stale).toEqual([]);
  });
});

describe.each(UI_RELEASES.map(([name, version]) => `${name}@${version}`))('the %s Control UI', (id) => {
  it('knows only codes the tables map (none before details.code existed)', () => {
    const codes = uiCodes.get(id)!;
    if (id === 'clawdbot@2026.1.24' || id === 'openclaw@2026.1.30') expect([...codes]).toEqual([]);
    else expect(codes.size).toBeGreaterThan(5);
    const unmapped = [...codes].filter((code) => !CODE_KINDS[code] && !NOT_A_LOCKOUT_CODES[code]);
    expect(unmapped).toEqual([]);
    for (const code of codes) if (CODE_KINDS[code]) expect(kindsOf(frame(code)), code).toEqual([CODE_KINDS[code]]);
  });
});
