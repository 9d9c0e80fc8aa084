import { isComposeServiceName, shellQuote } from './command-values';

/**
 * How the user runs a gateway, as they answer "How do you run OpenClaw?" for it: directly on a
 * machine, as a Docker Compose service, or in another container. The guides print every
 * `openclaw …` command in the form that reaches the CLI there.
 */
export type RunMode = { kind: 'host' } | { kind: 'compose'; service: string } | { kind: 'container'; name: string };

/**
 * The gateway service of the official Compose setup (OpenClaw's Docker docs: `docker compose exec
 * openclaw-gateway …`, `docker compose restart openclaw-gateway`). The image puts `openclaw` on its
 * PATH, so the CLI runs inside that service. The same file has an `openclaw-cli` service for
 * one-off commands (`docker compose run --rm openclaw-cli <command>`).
 */
export const DEFAULT_COMPOSE_SERVICE = 'openclaw-gateway';

/** Shown instead of a service or container name that does not fit its shape. */
export const RUN_MODE_PLACEHOLDER = { service: '<service>', container: '<container>' } as const;

/**
 * A run mode read from storage or a message, or null for anything that is not one. A name that
 * does not fit `isComposeServiceName` is kept as the placeholder, so the user still sees the
 * container form and fills the name in by hand.
 */
export function parseRunMode(value: unknown): RunMode | null {
  if (typeof value !== 'object' || value === null) return null;
  const mode = value as { kind?: unknown; service?: unknown; name?: unknown };
  switch (mode.kind) {
    case 'host':
      return { kind: 'host' };
    case 'compose':
      return { kind: 'compose', service: isComposeServiceName(mode.service) ? mode.service : RUN_MODE_PLACEHOLDER.service };
    case 'container':
      return { kind: 'container', name: isComposeServiceName(mode.name) ? mode.name : RUN_MODE_PLACEHOLDER.container };
    default:
      return null;
  }
}

/** True when the CLI runs inside a container: Compose or another one. */
export function isContainerMode(mode: unknown): boolean {
  const parsed = parseRunMode(mode);
  return parsed !== null && parsed.kind !== 'host';
}

/** The service or container name as a command word: shell-quoted when it fits, else the placeholder. */
function target(mode: RunMode): string {
  if (mode.kind === 'compose') return isComposeServiceName(mode.service) ? shellQuote(mode.service) : RUN_MODE_PLACEHOLDER.service;
  if (mode.kind === 'container') return isComposeServiceName(mode.name) ? shellQuote(mode.name) : RUN_MODE_PLACEHOLDER.container;
  return '';
}

// `openclaw gateway restart` restarts the launchd/systemd/schtasks service (its help says so);
// a container has none of them, so there the container itself is restarted.
const GATEWAY_RESTART = /^openclaw gateway restart$/;

function oneCommand(command: string, mode: RunMode): string {
  if (mode.kind === 'host' || !command.startsWith('openclaw ')) return command;
  const name = target(mode);
  if (GATEWAY_RESTART.test(command)) return mode.kind === 'compose' ? `docker compose restart ${name}` : `docker restart ${name}`;
  // `docker compose exec` gives the command a terminal by default; `docker exec` needs `-it`
  // (`openclaw gateway auth-token --show` prints to an interactive terminal only).
  return mode.kind === 'compose' ? `docker compose exec ${name} ${command}` : `docker exec -it ${name} ${command}`;
}

/**
 * A command in the form for the run mode: each `openclaw …` part of a `&&` chain runs inside the
 * Compose service (`docker compose exec openclaw-gateway openclaw devices approve <id>`) or the
 * container (`docker exec -it <name> openclaw …`), and `openclaw gateway restart` becomes
 * `docker compose restart <service>` or `docker restart <name>`. Other commands (ssh, docker)
 * stay as they are; so does every command with no run mode or `host`. A mode that `parseRunMode`
 * does not accept counts as none; a name that does not fit shows as `<service>` or `<container>`.
 */
export function inRunMode(command: string, mode: unknown): string {
  const parsed = parseRunMode(mode);
  if (!parsed || parsed.kind === 'host') return command;
  return command
    .split(' && ')
    .map((part) => oneCommand(part, parsed))
    .join(' && ');
}

/**
 * Recreating the container so it reads its environment again (`docker compose restart` and
 * `docker restart` keep the old values): the Compose command, or null for another container,
 * which is recreated the way it was created.
 */
export function recreateCommand(mode: unknown): string | null {
  const parsed = parseRunMode(mode);
  return parsed?.kind === 'compose' ? `docker compose up -d --force-recreate ${target(parsed)}` : null;
}

/** How much of a pasted text is searched for a container; the commands and log prefixes are near its start. */
const MAX_RUN_MODE_TEXT = 64 * 1024;
/** One name, as Compose and Docker spell them (checked again by `isComposeServiceName`). */
const NAME = '([a-zA-Z0-9][a-zA-Z0-9_.-]{0,63})';
/** Options `docker compose exec|run` and `docker exec|logs` take before the name: flags, and the few that take a value. */
const OPTIONS =
  '(?:(?:(?:-e|-u|-w|--env|--user|--workdir|--tail|--index|--entrypoint)(?:=|\\s+)\\S{1,200}|-[a-zA-Z]{1,4}|--[a-z][a-z-]{0,30})\\s+){0,8}?';
/** `docker compose exec openclaw-gateway …`, `docker-compose logs -f openclaw-gateway`, `docker compose run --rm openclaw-cli …`. */
const COMPOSE_COMMAND = new RegExp(`\\bdocker[- ]compose\\s+(?:-f\\s+\\S{1,200}\\s+)?(exec|run|logs|restart|up|ps)\\s+${OPTIONS}${NAME}(?![a-zA-Z0-9_.-])`, 'g');
/** `docker exec -it openclaw openclaw …`, `docker logs openclaw`. */
const DOCKER_COMMAND = new RegExp(`\\bdocker\\s+(exec|logs|restart)\\s+${OPTIONS}${NAME}(?![a-zA-Z0-9_.-])`, 'g');
/** A line of `docker compose logs`/`up`: `openclaw-gateway-1  | …`. */
const COMPOSE_LOG_PREFIX = /^\s{0,8}([a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}?)-\d{1,3}\s{1,16}\|\s/m;
/** The CLI-only service of the official Compose file: one-off runs, nothing to `exec` into. */
const ONE_OFF_SERVICE = 'openclaw-cli';
/** Words that say a container runs at all, for a bare mention of the official service name. */
const CONTAINER_WORDS = /\b(?:docker|compose|container|podman)\b/i;

/**
 * The run mode a pasted text shows, when it names a container: a `docker compose exec|run|logs
 * <service>` command or a Compose log prefix (`openclaw-gateway-1 | …`) gives the Compose
 * service (`docker compose run --rm openclaw-cli` gives the official gateway service, since
 * `openclaw-cli` only runs one-off commands), `docker exec|logs <name>` the container, and the
 * official `openclaw-gateway` service named beside Docker words gives that service. Null when the
 * text shows none. Names pass `isComposeServiceName`; linear in the text (bounded repetitions).
 */
export function runModeFromText(text: string): RunMode | null {
  if (typeof text !== 'string') return null;
  const head = text.length > MAX_RUN_MODE_TEXT ? text.slice(0, MAX_RUN_MODE_TEXT) : text;
  for (const match of head.matchAll(COMPOSE_COMMAND)) {
    const [, verb, name] = match;
    if (verb === 'up' || verb === 'ps') continue; // their operand may be a flag's value, and the service is named elsewhere
    if (!isComposeServiceName(name)) continue;
    return { kind: 'compose', service: verb === 'run' && name === ONE_OFF_SERVICE ? DEFAULT_COMPOSE_SERVICE : name };
  }
  const prefix = COMPOSE_LOG_PREFIX.exec(head)?.[1];
  if (prefix && isComposeServiceName(prefix) && /openclaw|gateway|claw/i.test(prefix)) return { kind: 'compose', service: prefix };
  for (const match of head.matchAll(DOCKER_COMMAND)) {
    const name = match[2];
    if (isComposeServiceName(name)) return { kind: 'container', name };
  }
  if (head.includes(DEFAULT_COMPOSE_SERVICE) && CONTAINER_WORDS.test(head)) return { kind: 'compose', service: DEFAULT_COMPOSE_SERVICE };
  return null;
}
