/**
 * Reads any text a locked-out user brings (what the dashboard showed, what the `openclaw` CLI
 * printed, a gateway log excerpt, a DevTools frame, the dashboard's friendly and translated
 * titles) and names each cause in it: where the words came from, who was refused, and which
 * lock-out it is, one cause per distinct problem, in the order to fix them. What the popup's
 * paste box runs. Pure, total and linear in the text (read up to `MAX_ERROR_TEXT_LENGTH`).
 */
import { classifyDashboardWords, classifyError, foldText, MAX_ERROR_TEXT_LENGTH } from './classify-error';
import { byFixOrder, diagnose, type Lockout, type RefusedClient, type StoredFacts } from './lockout';
import { parseRelease, type Release } from './release';
import { parseRunMode, runModeFromText, type RunMode } from './run-mode';

/** Where one line of the text came from. */
export type LineSource = 'browser' | 'cli' | 'log';
/** Where the whole text came from: one source, several (`mixed`), or no sign of any. */
export type TextSource = LineSource | 'mixed' | 'unknown';

/** One cause in a text: a lock-out, the source of the words that name it, and who was refused (`client`). */
export interface Cause extends Lockout {
  source: LineSource | 'unknown';
}

export interface DiagnoseTextOptions {
  /** The dashboard's release, when the text is read on one (the text's own version line wins). */
  release?: Release | null;
  /** What the dashboard stores, when the text is read on one: reads the page's words in its light (see `diagnose`). */
  stored?: StoredFacts | null;
  /** How the user said they run the gateway; without one, the text may show a container. */
  runMode?: RunMode | null;
}

export interface TextDiagnosis {
  source: TextSource;
  causes: Cause[];
  /** The release the text names (`OpenClaw 2026.4.24 (cbcfdf6)`, `openclaw@2026.9.6`), else the one given. */
  release: Release | null;
  /** The run mode given, else the one the text shows (`docker compose exec openclaw-gateway …`). */
  runMode: RunMode | null;
  /** True when `runMode` came from the text. */
  runModeFromText: boolean;
}

// ---------------------------------------------------------------------------------------------
// Where a line came from
// ---------------------------------------------------------------------------------------------

/**
 * The CLI's own words (reference §11 and the CLIs' code): its error prefixes (`gateway connect
 * failed: …` with the colon; the bare words are 3.7+'s browser text), `gateway closed (1008)`, the
 * start-up failure, the connection details it prints under an error, and the hints the gateway
 * writes for the CLI and other non-browser clients.
 */
const CLI_MARKS =
  /gateway connect failed:|\bgateway closed \(\d{3,4}|failed to start cli|^\s*(?:gateway target|source|config|bind):\s|\[openclaw\]|gateway\.remote\.(?:token|password)|use this gateway's gateway\.auth|provide gateway auth|^\s*(?:[$#%>]|ps>)\s*(?:sudo\s+)?(?:docker\s[^\n]{0,200}?\s)?openclaw\s|🦞 openclaw \d{4}\.|\bnode host gateway\b|\berror: (?:gateway|unauthorized|pairing)/m;
/** A gateway log: `[ws] unauthorized conn=… reason=…`, `closed before connect`, JSON log records, raw `res` frames. */
const LOG_MARKS =
  /\[ws\]|\bunauthorized conn=|\bconn=[\w-]{1,100}[^\n]{0,400}\breason=|closed before connect|"type"\s*:\s*"res"|"ok"\s*:\s*false|"authreason"\s*:|"details"\s*:\s*\{|^\s*\{[^\n]{0,200}"(?:level|msg|time|subsystem|_meta)"\s*:|\bgateway\/ws\b|^\s{0,8}[a-z0-9][a-z0-9_.-]{0,63}-\d{1,3}\s{1,16}\|\s/m;
/** The dashboard's own forms: its `disconnected (4008): …` prefix, its hints and its reconnect notice. */
const BROWSER_MARKS = /\bdisconnected \(\d{4}\):|control ui settings|tokenized dashboard url|connection to the gateway was interrupted|\(open the dashboard url/;

function markedSource(lowerLine: string): LineSource | null {
  // A log line quotes the message it logged, so it decides first; then the CLI's prefixes.
  if (LOG_MARKS.test(lowerLine)) return 'log';
  if (CLI_MARKS.test(lowerLine)) return 'cli';
  if (BROWSER_MARKS.test(lowerLine)) return 'browser';
  return null;
}

/**
 * Who a log line or frame says was refused: `client=openclaw-control-ui webchat v…` (the
 * dashboard), `client=cli cli v…` or `"mode":"cli"` (the CLI); null when it does not say.
 */
function clientInLog(lowerLine: string): RefusedClient | null {
  if (/\bclient[=":\s]{1,4}"?(?:openclaw-control-ui|webchat-ui|control ui)\b|\bclient=\S{1,100} (?:webchat|ui) v|"mode"\s*:\s*"webchat"/.test(lowerLine)) return 'browser';
  if (/\bclient[=":\s]{1,4}"?(?:cli|openclaw-cli|openclaw-tui)\b|\bclient=\S{1,100} cli v|"mode"\s*:\s*"cli"/.test(lowerLine)) return 'cli';
  return null;
}

/** Who was refused, from the hint the gateway wrote into the message. */
function clientOfHint(lockout: Lockout): RefusedClient | null {
  if (lockout.hint === 'control-ui') return 'browser';
  if (lockout.hint === 'cli-remote' || lockout.hint === 'cli-local' || lockout.hint === 'client') return 'cli';
  return null;
}

/** `OpenClaw 2026.4.24 (cbcfdf6)` (the CLI's first line), `openclaw@2026.9.6`, `OpenClaw v2026.6.11`. */
const RELEASE_IN_TEXT = /\b(?:openclaw|clawdbot)(?:@|\s+v?)(\d{4}\.\d{1,2}\.\d{1,2})\b/i;
/** A gateway log's `client=openclaw-control-ui webchat v2026.4.24`: the dashboard the gateway serves is its own release. */
const RELEASE_IN_LOG = /\bclient=openclaw-control-ui \w{1,20} v(\d{4}\.\d{1,2}\.\d{1,2})\b/i;

/** A command typed in a terminal (`$ openclaw devices approve …`, `docker exec …`): its words are no dashboard title. */
const COMMAND_LINE = /^\s*(?:[$#%>]\s*)?(?:sudo\s+)?(?:openclaw|docker(?:-compose)?|podman|kubectl|ssh|npx|pnpm|npm)\s/i;

/** At most this many lines are read one by one (a long log excerpt): the first few and the last. */
const MAX_LINES = 2_000;
/** The first lines kept of a longer text: a CLI's header names its release there. */
const FIRST_LINES = 50;
/** The start of a text where its release is looked for (a CLI's first line, a log's first records). */
const START_CHARS = 8192;

/**
 * What is read of a long paste: all of it up to `MAX_ERROR_TEXT_LENGTH` characters, else its
 * start (where a CLI names its release) and its end. A log tail's newest error is at the end.
 */
function readablePart(text: string): string {
  if (text.length <= MAX_ERROR_TEXT_LENGTH) return text;
  return `${text.slice(0, START_CHARS)}\n${text.slice(text.length - (MAX_ERROR_TEXT_LENGTH - START_CHARS - 1))}`;
}

/** The lines read one by one: all of them up to `MAX_LINES`, else the first `FIRST_LINES` and the last ones. */
function readableLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, FIRST_LINES), ...lines.slice(lines.length - (MAX_LINES - FIRST_LINES))];
}

// ---------------------------------------------------------------------------------------------
// The causes
// ---------------------------------------------------------------------------------------------

/**
 * The causes in a text, each with its source and, when the text says, who was refused. Lines are
 * read one by one (a log excerpt holds several errors), a line without a mark of its own takes the
 * source of the marked line before it (a CLI error's `Gateway target:` lines) or after it, and
 * words wrapped over lines are still found in the whole. Browser causes are read in the light of
 * the dashboard's release and storage when those are given (`diagnose`); the CLI's never are.
 * "Connection failed" and a bare "unauthorized" count only when nothing more specific is named.
 */
export function diagnoseText(text: string, options: DiagnoseTextOptions = {}): TextDiagnosis {
  const given = parseRunMode(options.runMode ?? null);
  const empty = (release: Release | null): TextDiagnosis => ({ source: 'unknown', causes: [], release, runMode: given, runModeFromText: false });
  if (typeof text !== 'string') return empty(options.release ?? null);
  const head = readablePart(text);
  const start = head.slice(0, START_CHARS);
  const release = parseRelease(RELEASE_IN_TEXT.exec(start)?.[1] ?? RELEASE_IN_LOG.exec(start)?.[1]) ?? options.release ?? null;
  const fromText = given ? null : runModeFromText(head);
  const runMode = given ?? fromText;

  const lines = readableLines(head);
  // Folded: lower case, and any run of spaces (a non-breaking one from a web page or chat included) one space.
  const lower = lines.map((line) => foldText(line));
  const raw = lines.map((line) => classifyError(line));
  // The dashboard's friendly words, in any of its languages, mark a line as the browser's.
  const words = lines.map((line, i) => (raw[i]!.length === 0 && !COMMAND_LINE.test(line) ? classifyDashboardWords(line) : []));
  const marks = lower.map((line, i) => markedSource(line) ?? (words[i]!.length ? 'browser' : null));
  // Lines without a mark take the nearest mark before them, else after them.
  const sources: (LineSource | null)[] = [...marks];
  for (let i = 1; i < sources.length; i++) if (!sources[i] && sources[i - 1]) sources[i] = sources[i - 1]!;
  for (let i = sources.length - 2; i >= 0; i--) if (!sources[i] && sources[i + 1]) sources[i] = sources[i + 1]!;

  const found: Cause[] = [];
  /** Causes read from the dashboard's friendly words: a summary of its raw error, which wins when it was pasted too. */
  const friendly: Cause[] = [];
  lines.forEach((_line, i) => {
    for (const lockout of raw[i]!) found.push(withClient(lockout, sources[i] ?? null, lower[i]!));
    // Words of a line that also carries a CLI or log mark are no dashboard title. Only the first
    // line with the dashboard's words counts: a card copied whole is its title (or summary) first,
    // then steps whose words ("gateway secret", "password") would name other causes.
    if (marks[i] === 'browser' && friendly.length === 0) for (const lockout of words[i]!) friendly.push(withClient(lockout, 'browser', ''));
  });
  if (!found.some((c) => c.client !== 'cli')) found.push(...friendly);
  // Words a terminal or a page wrapped over two lines.
  const globalSource = wholeSource(marks);
  const seen = new Set(found.map((c) => c.kind));
  for (const lockout of classifyError(head)) if (!seen.has(lockout.kind)) found.push(withClient(lockout, globalSource === 'mixed' ? null : globalSource, foldText(head)));
  if (found.length === 0) for (const lockout of classifyDashboardWords(head)) found.push(withClient(lockout, 'browser', ''));

  let causes = mergeCauses(found);
  if (options.stored) causes = readInLight(causes, options.stored, release);
  causes = dropVague(causes).sort((a, b) => byFixOrder(a.kind, b.kind) || clientOrder(a) - clientOrder(b));

  const present = new Set(causes.map((c) => c.source).filter((s): s is LineSource => s !== 'unknown'));
  for (const mark of marks) if (mark) present.add(mark);
  const source: TextSource = present.size === 0 ? 'unknown' : present.size === 1 ? [...present][0]! : 'mixed';
  return { source, causes, release, runMode, runModeFromText: fromText !== null };
}

function wholeSource(marks: readonly (LineSource | null)[]): LineSource | 'mixed' | null {
  const set = new Set(marks.filter((m): m is LineSource => m !== null));
  return set.size === 0 ? null : set.size === 1 ? [...set][0]! : 'mixed';
}

/** The cause of a lock-out found in a line: its source, and who was refused (the line's log fields, the hint, the source). */
function withClient(lockout: Lockout, source: LineSource | null, lowerLine: string): Cause {
  const cause: Cause = { ...lockout, source: source ?? 'unknown' };
  const client =
    (source === 'log' ? clientInLog(lowerLine) : null) ??
    clientOfHint(lockout) ??
    (source === 'cli' ? 'cli' : source === 'browser' ? 'browser' : null);
  if (client) cause.client = client;
  return cause;
}

/** One cause per kind and client: the first seen, with a request id or hint from any of them. */
function mergeCauses(found: readonly Cause[]): Cause[] {
  const byKey = new Map<string, Cause>();
  for (const cause of found) {
    const key = `${cause.kind}|${cause.client ?? ''}`;
    const before = byKey.get(key);
    if (!before) byKey.set(key, { ...cause });
    else {
      // The last one pasted: a log's newest pairing request is the one still pending.
      if (cause.requestId) before.requestId = cause.requestId;
      if (!before.hint && cause.hint) before.hint = cause.hint;
      if (before.source === 'unknown' && cause.source !== 'unknown') before.source = cause.source;
    }
  }
  // A cause of unknown client is the same one a known client's cause names.
  const causes = [...byKey.values()];
  return causes.filter((c) => c.client || !causes.some((o) => o !== c && o.kind === c.kind && o.client));
}

/** The page's words read in the light of its release and storage (`diagnose`); never the CLI's. */
function readInLight(causes: readonly Cause[], stored: StoredFacts, release: Release | null): Cause[] {
  const page = causes.filter((c) => c.client !== 'cli');
  if (page.length === 0) return [...causes];
  const fallback = page[0]!;
  const read = diagnose(page, stored, release).map(
    (l): Cause => ({ ...l, source: (l as Partial<Cause>).source ?? fallback.source, ...(l.client || !fallback.client ? {} : { client: fallback.client }) }),
  );
  return [...causes.filter((c) => c.client === 'cli'), ...read];
}

/** "Connection failed" and the bare "unauthorized" name no cause when another cause of the same client is named. */
function dropVague(causes: readonly Cause[]): Cause[] {
  const specific = (c: Cause) => c.kind !== 'connect-failed' && c.kind !== 'unauthorized';
  return causes.filter((c) => {
    if (specific(c)) return true;
    // Another cause for the same client, or one whose client is not known.
    const others = causes.filter((o) => o !== c && (o.client === c.client || !o.client || !c.client));
    if (c.kind === 'connect-failed') return !others.some((o) => o.kind !== 'connect-failed');
    return !others.some(specific);
  });
}

/** Within one kind, the browser's cause before the CLI's. */
const clientOrder = (cause: Cause) => (cause.client === 'cli' ? 1 : 0);
