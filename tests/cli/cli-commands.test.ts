// @vitest-environment node
/**
 * Every `openclaw …` command, option, config key and environment variable the fix guides can
 * print exists in the real CLI of the releases the guide shows it for: checked against the real
 * gateways the e2e suite installs (`tests/fixtures/real-gateway.ts`, about a minute each the
 * first time) by running `<subcommand> --help` and `config schema` with a throwaway HOME.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText, type Rich } from '../../core/command-values';
import { buildFixGuides, type GuideContext } from '../../core/fix-guide';
import { TITLES, type Lockout, type LockoutKind } from '../../core/lockout';
import { parseRelease } from '../../core/release';
import { translatorFor } from '../../core/test-i18n';
import { GATEWAY_ENV, installGateway } from '../fixtures/real-gateway';

const RELEASES = ['2026.4.24', '2026.9.6'] as const;
type ReleaseName = (typeof RELEASES)[number];

/** 2026.9.6 needs Node ≥24.16: the `node` devDependency's when this runs under an older one. */
const NODE = (() => {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major > 24 || (major === 24 && minor >= 16)) return process.execPath;
  const own = fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));
  return existsSync(own) ? own : process.execPath;
})();
const HELP_TIMEOUT_MS = 45_000;
/** One CLI per core: each is CPU-bound for 1.5–2.5 s, and more at once only queue for the CPU. */
const PARALLEL = Math.max(2, availableParallelism());

// ---------------------------------------------------------------------------------------------
// What the guides print
// ---------------------------------------------------------------------------------------------

const DEVICE_ID = 'a3f1'.repeat(16);
/** The guides' words do not matter here, only their commands: English. */
const en = await translatorFor('en');
const KINDS = Object.keys(TITLES) as LockoutKind[];
/**
 * Every lock-out as the page shows it and as the CLI prints it, and every reading that changes
 * the steps (the page's quirks, an uncertain reading, the CLI's hints). Each is guided on its own:
 * `buildFixGuides` keeps one guide per kind and client.
 */
const LOCKOUTS: Lockout[] = [
  ...KINDS.map((kind) => ({ kind })),
  ...KINDS.map((kind): Lockout => ({ kind, client: 'cli' })),
  { kind: 'pairing-required', requestId: 'r-42' },
  { kind: 'pairing-required', requestId: 'r-42', client: 'cli' },
  { kind: 'device-token-scope-mismatch', requestId: 'r-42', client: 'cli' },
  { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' },
  { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' },
  { kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' },
  { kind: 'device-token-mismatch', reportedAs: 'connect-failed' },
  { kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' },
  { kind: 'gateway-token-mismatch', client: 'cli', hint: 'cli-remote' },
  { kind: 'gateway-token-mismatch', client: 'cli', hint: 'client' },
  { kind: 'password-mismatch', client: 'cli', hint: 'cli-remote' },
];
const CONTEXTS: GuideContext[] = [
  {},
  { deviceId: DEVICE_ID, origin: 'http://192.168.1.5:18789', gatewayPort: 18789, deviceTokenCleared: true },
  { origin: 'http://localhost:18789', gatewayPort: 18789, deviceTokenStored: false },
  { origin: 'https://gw.example' },
  // Pasted words that the page and the CLI print alike: the page's steps with the CLI's note.
  { source: 'unknown' },
  { source: 'cli' },
];
const RUN_MODES = [{ kind: 'host' }, { kind: 'compose', service: 'openclaw-gateway' }, { kind: 'container', name: 'oc' }, null] as const;

/** `openclaw gateway token …` is named by a note as what no release has: it must not exist. */
const INVENTED = /^openclaw gateway token\b/;

interface Shown {
  /** Each `openclaw …` command, container prefix removed, `&&` chains split. */
  commands: Set<string>;
  /** Invented commands a note warns about. */
  invented: Set<string>;
  keys: Set<string>;
  envs: Set<string>;
}

function shownFor(release: string | null): Shown {
  const shown: Shown = { commands: new Set(), invented: new Set(), keys: new Set(), envs: new Set() };
  const addCommand = (command: string) => {
    for (const part of command.split(' && ')) {
      // The container form runs the same CLI: `docker compose exec <service> openclaw …`, `docker exec -it <name> openclaw …`.
      const cli = /^(?:docker compose exec \S+ |docker exec -it \S+ )?(openclaw .*)$/.exec(part)?.[1];
      if (!cli) continue;
      (INVENTED.test(cli) ? shown.invented : shown.commands).add(cli);
    }
  };
  const addText = (text: string) => {
    for (const key of text.match(/\bgateway(?:\.[A-Za-z]+)+/g) ?? []) shown.keys.add(key);
    for (const name of text.match(/\bOPENCLAW_[A-Z_]+\b/g) ?? []) shown.envs.add(name);
  };
  const addRich = (text: Rich) => {
    addText(plainText(text));
    for (const segment of text) if (typeof segment !== 'string' && segment.code.startsWith('openclaw ')) addCommand(segment.code);
  };
  for (const runMode of RUN_MODES) {
    for (const ctx of CONTEXTS) {
      for (const guide of LOCKOUTS.flatMap((lockout) => buildFixGuides([lockout], { ...ctx, runMode, release: parseRelease(release) }, en))) {
        addRich(guide.cause);
        addRich(guide.when);
        for (const step of [...guide.steps, ...guide.notes]) {
          addRich(step.text);
          if (step.command) {
            addCommand(step.command);
            addText(step.command);
          }
        }
      }
    }
  }
  return shown;
}

/** POSIX-ish words: single quotes group (the guides quote only that way). */
function words(command: string): string[] {
  return command.match(/'[^']*'|\S+/g) ?? [];
}

/** The subcommand path (`devices approve`, `doctor`) and the long options of a command. */
function parse(command: string): { path: string[]; options: string[] } {
  const [, ...rest] = words(command);
  const path: string[] = [];
  // openclaw's commands are at most two words deep; arguments after them are ids, paths, JSON.
  for (const word of rest) {
    if (path.length === 2 || !/^[a-z][a-z-]*$/.test(word)) break;
    path.push(word);
  }
  const options = rest.filter((word) => word.startsWith('--')).map((word) => word.replace(/=.*/, ''));
  return { path, options };
}

// ---------------------------------------------------------------------------------------------
// The real CLIs
// ---------------------------------------------------------------------------------------------

interface Run {
  code: number | null;
  stdout: string;
  /** stdout and stderr. */
  output: string;
  ms: number;
}

let home = '';
const entries = new Map<ReleaseName, string>();
const helps = new Map<string, Run>();
const schemas = new Map<ReleaseName, unknown>();
const schemaErrors = new Map<ReleaseName, string>();
const envKnown = new Map<string, boolean>();
const byRelease = new Map<ReleaseName, Shown>();
let unknownRelease: Shown;

let runCount = 0;
function run(release: ReleaseName, args: string[]): Promise<Run> {
  // A HOME of its own per run: CLIs running side by side must not share state files.
  const runHome = path.join(home, String(runCount++));
  mkdirSync(runHome);
  // Only what the CLI needs: under Vitest the environment carries VITEST=true, and with it
  // `config schema` prints nothing (seen on both releases). No OPENCLAW_GATEWAY_TOKEN or other setting leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: runHome,
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
    ...GATEWAY_ENV,
  };
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(NODE, [entries.get(release)!, ...args], { env, timeout: HELP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, output: `${stdout}\n${stderr}`, ms: Date.now() - started });
    });
  });
}

/** Runs the jobs, at most `PARALLEL` at a time. */
async function pool(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

const helpKey = (release: ReleaseName, path: string[]) => `${release} ${path.join(' ')}`;

function grepDist(release: ReleaseName, text: string): Promise<boolean> {
  const dist = path.join(path.dirname(entries.get(release)!), 'dist');
  return new Promise((resolve) => execFile('grep', ['-rqF', '--', text, dist], (error) => resolve(!error)));
}

/** The schema node of a dot path, through `properties` and `anyOf`/`oneOf`/`allOf` branches. */
function schemaAt(schema: unknown, key: string): unknown {
  let nodes: unknown[] = [schema];
  for (const part of key.split('.')) {
    const next: unknown[] = [];
    const visit = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as { properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
      if (n.properties && Object.hasOwn(n.properties, part)) next.push(n.properties[part]);
      for (const branch of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) visit(branch);
    };
    nodes.forEach(visit);
    if (next.length === 0) return undefined;
    nodes = next;
  }
  return nodes[0];
}

let setupMs = 0;
beforeAll(async () => {
  const started = Date.now();
  // Installs a missing gateway (about a minute each); a cached one is found at once.
  for (const release of RELEASES) entries.set(release, installGateway(release));
  home = mkdtempSync(path.join(tmpdir(), 'octf-cli-help-'));
  for (const release of RELEASES) byRelease.set(release, shownFor(release));
  unknownRelease = shownFor(null);

  // `config schema` is the slowest run: those go first, so they do not finish last.
  const schemaJobs: (() => Promise<void>)[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const release of RELEASES) {
    const shown = byRelease.get(release)!;
    schemaJobs.push(async () => {
      const result = await run(release, ['config', 'schema']);
      try {
        schemas.set(release, JSON.parse(result.stdout));
      } catch {
        schemas.set(release, null);
        schemaErrors.set(release, `exit ${result.code}, ${result.stdout.length} bytes: ${result.output.slice(0, 600)}`);
      }
    });
    const paths = new Map<string, string[]>();
    for (const command of [...shown.commands, ...shown.invented]) {
      const { path: subcommand } = parse(command);
      paths.set(subcommand.join(' '), subcommand);
    }
    for (const subcommand of paths.values()) {
      jobs.push(async () => void helps.set(helpKey(release, subcommand), await run(release, [...subcommand, '--help'])));
    }
    for (const name of shown.envs) jobs.push(async () => void envKnown.set(`${release} ${name}`, await grepDist(release, name)));
  }
  jobs.unshift(...schemaJobs);
  await pool(jobs);
  setupMs = Date.now() - started;
}, 10 * 60_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
  const helpRuns = [...helps.values()];
  if (helpRuns.length) {
    console.log(`cli-commands: ${helpRuns.length} help runs, slowest ${Math.max(...helpRuns.map((r) => r.ms))} ms; setup ${setupMs} ms`);
    if (process.env.CLI_COMMANDS_TIMES) {
      for (const [key, r] of helps) console.log(`  ${key}: ${r.ms} ms`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

describe.each(RELEASES)('openclaw@%s', (release) => {
  it('the guides print CLI commands for this release at all', () => {
    const shown = byRelease.get(release)!;
    expect(shown.commands.size).toBeGreaterThan(10);
    expect([...shown.commands].some((c) => c.startsWith('openclaw devices approve'))).toBe(true);
  });

  it('every subcommand exists: its --help exits 0 and names it, and lists every option the guide uses', () => {
    const problems: string[] = [];
    for (const command of byRelease.get(release)!.commands) {
      const { path: subcommand, options } = parse(command);
      const help = helps.get(helpKey(release, subcommand));
      if (!help) {
        problems.push(`${command}: no help run`);
        continue;
      }
      // Commander prints the parent's help (exit 0) for an unknown subcommand on 2026.4.24: the
      // usage line tells them apart.
      const usage = `Usage: openclaw ${subcommand.join(' ')} [`;
      if (help.code !== 0 || !help.output.includes(usage)) {
        problems.push(`${command}: \`openclaw ${subcommand.join(' ')} --help\` exited ${help.code} without "${usage}"\n${help.output.slice(0, 600)}`);
        continue;
      }
      for (const option of options) {
        if (!new RegExp(`(^|[\\s,])${option.replace(/[-]/g, '\\-')}(?=[\\s,<[=]|$)`, 'm').test(help.output)) problems.push(`${command}: ${option} is not in its help`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the commands a note calls invented really do not exist (the check can fail)', () => {
    const invented = [...byRelease.get(release)!.invented];
    expect(invented.length).toBeGreaterThan(0);
    for (const command of invented) {
      const { path: subcommand } = parse(command);
      const help = helps.get(helpKey(release, subcommand))!;
      expect(help.code === 0 && help.output.includes(`Usage: openclaw ${subcommand.join(' ')} [`), command).toBe(false);
    }
  });

  it('every config key is in the release’s config schema', () => {
    const schema = schemas.get(release);
    expect(schemaErrors.get(release) ?? null, '`openclaw config schema` printed JSON').toBeNull();
    expect(schema).toBeTruthy();
    const keys = [...byRelease.get(release)!.keys];
    expect(keys).toEqual(expect.arrayContaining(['gateway.controlUi.allowedOrigins', 'gateway.auth.token', 'gateway.auth.password']));
    expect(keys.filter((key) => schemaAt(schema, key) === undefined)).toEqual([]);
    // The schema walk can say no.
    expect(schemaAt(schema, 'gateway.controlUi.noSuchKey')).toBeUndefined();
    expect(schemaAt(schema, 'gateway.remote.token')).toBeDefined();
  });

  it('every environment variable named is one the release reads', () => {
    const names = [...byRelease.get(release)!.envs];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !envKnown.get(`${release} ${name}`))).toEqual([]);
  });

  it('no help run hit the time limit', () => {
    const slow = [...helps.entries()].filter(([key, r]) => key.startsWith(`${release} `) && r.ms >= HELP_TIMEOUT_MS);
    expect(slow.map(([key]) => key)).toEqual([]);
  });
});

describe.each(RELEASES)('the gateway’s token on openclaw@%s, before `gateway auth-token --show`', (release) => {
  /** A throwaway HOME whose openclaw.json holds a known token, as on a gateway host. */
  const TOKEN = 'octf-known-token-4f2a9c';
  let tokenHome = '';
  const runIn = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        NODE,
        [entries.get(release)!, ...args],
        { env: { PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`, HOME: tokenHome, TMPDIR: tmpdir(), LANG: 'C.UTF-8', OPENCLAW_DISABLE_BUNDLED_PLUGINS: '1', OPENCLAW_NO_RESPAWN: '1', NO_COLOR: '1' }, timeout: HELP_TIMEOUT_MS },
        (error, stdout) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout }),
      );
    });
  beforeAll(() => {
    tokenHome = mkdtempSync(path.join(tmpdir(), 'octf-token-home-'));
    mkdirSync(path.join(tokenHome, '.openclaw'));
    writeFileSync(path.join(tokenHome, '.openclaw', 'openclaw.json'), JSON.stringify({ gateway: { auth: { mode: 'token', token: TOKEN } } }));
  });
  afterAll(() => rmSync(tokenHome, { recursive: true, force: true }));

  it('`config get gateway.auth.token` prints the redaction placeholder, not the token', async () => {
    const { stdout } = await runIn(['config', 'get', 'gateway.auth.token']);
    expect(stdout).toContain('__OPENCLAW_REDACTED__');
    expect(stdout).not.toContain(TOKEN);
  }, HELP_TIMEOUT_MS);

  it('`config file` names the file whose gateway.auth.token is the token (the guides’ step before 2026.8.2)', async () => {
    const { code, stdout } = await runIn(['config', 'file']);
    expect(code).toBe(0);
    const printed = stdout.trim().split('\n').pop()!.trim().replace(/^~(?=\/)/, tokenHome);
    expect(JSON.parse(readFileSync(printed, 'utf8')).gateway.auth.token).toBe(TOKEN);
  }, HELP_TIMEOUT_MS);
});

describe('a guide for an unknown release', () => {
  it('prints only commands, options, keys and variables that one of the checked releases has', () => {
    const union = (pick: (shown: Shown) => Set<string>) => new Set(RELEASES.flatMap((release) => [...pick(byRelease.get(release)!)]));
    const commands = union((s) => s.commands);
    const keys = union((s) => s.keys);
    const envs = union((s) => s.envs);
    expect([...unknownRelease.commands].filter((command) => !commands.has(command))).toEqual([]);
    expect([...unknownRelease.keys].filter((key) => !keys.has(key))).toEqual([]);
    expect([...unknownRelease.envs].filter((name) => !envs.has(name))).toEqual([]);
  });
});
