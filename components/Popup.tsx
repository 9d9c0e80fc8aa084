import { useEffect, useMemo, useState } from 'preact/hooks';
import { displayText, isDeviceId, originOf, redactUrl } from '@/core/command-values';
import { diagnoseText, type TextDiagnosis } from '@/core/diagnose-text';
import { buildFixGuides, type FixGuide } from '@/core/fix-guide';
import { gatewayScope } from '@/core/gateway-scope';
import { TITLES } from '@/core/lockout';
import { parseRelease } from '@/core/release';
import { DEFAULT_COMPOSE_SERVICE, type RunMode } from '@/core/run-mode';
import { patternForOrigin } from '@/core/site-address';
import { maskSecret } from '@/core/stored-auth';
import type { Settings } from '@/lib/extension-storage';
import type { AddSiteOutcome, KnownTab, PrivateWindowOutcome, ProbeOutcome } from '@/lib/messages';
import { outcomeText } from '@/core/token-outcome';
import type { PopupConnector } from '@/lib/popup-connector';
import { FixGuides } from './FixGuides';
import { RunModeChooser } from './RunModeChooser';
import { changeSettings, SettingsFields } from './Options';
import { PRIVATE_WINDOW_SHORTCUT } from './Banner';
import { LoopbackAccess } from './LoopbackAccess';

const BRAND_NAMES = { openclaw: 'OpenClaw Control UI', clawdbot: 'Clawdbot Control (before the rename)', moltbot: 'Moltbot Control' };

export function Popup({ connector }: { connector: PopupConnector }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [tab, setTab] = useState<KnownTab | null | undefined>(undefined);
  /** Why there is no tab to show, when the probe could tell. */
  const [probe, setProbe] = useState<ProbeOutcome['status'] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [confirmOverwrite, setConfirmOverwrite] = useState(false);
  const [privateWindow, setPrivateWindow] = useState<PrivateWindowOutcome | null>(null);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    let live = true;
    let unwatch = () => {};
    void connector.getSettings().then((value) => live && setSettings(value));
    void connector.targetTabId().then(async (id) => {
      if (!live) return;
      setTabId(id);
      if (id === null) return setTab(null);
      const known = await connector.getTab(id).catch(() => null);
      if (!live) return;
      setTab(known);
      // A report from the tab replaces a probed state, but the watch also fires with null
      // whenever another tab reports: a probed dashboard stays until the tab really reports.
      unwatch = connector.watchTab(id, (next) => setTab((shown) => next ?? (shown?.probed ? shown : null)));
      if (known) return;
      const probed = await connector.probeTab(id).catch((): ProbeOutcome => ({ status: 'no-access' }));
      if (!live) return;
      setProbe(probed.status);
      // The tab may have reported while the probe ran; what it reported wins.
      if (probed.status === 'dashboard') setTab((shown) => shown ?? { ...probed.tab, probed: true });
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [connector]);

  const copy = (text: string) => connector.copy(text);
  const hasA = tab?.lockouts.some((lockout) => lockout.kind === 'device-token-mismatch') ?? false;
  // "How do you run OpenClaw?" is remembered per gateway; pasted text without a dashboard uses `*`.
  const runModeKey = tab?.gatewayUrl ? gatewayScope(tab.gatewayUrl) : '*';
  const [runMode, setRunMode] = useState<RunMode | null>(null);
  useEffect(() => {
    let live = true;
    void connector.getRunMode(runModeKey).then((mode) => live && setRunMode(mode), () => undefined);
    return () => {
      live = false;
    };
  }, [connector, runModeKey]);
  const changeRunMode = (mode: RunMode) => {
    setRunMode(mode);
    void connector.setRunMode(runModeKey, mode).catch(() => undefined);
  };

  const guideContext = {
    release: parseRelease(tab?.page.release),
    deviceId: tab?.stored.identity.deviceId,
    deviceTokenCleared: !!tab?.undoable && !tab.stored.deviceToken,
    deviceTokenStored: tab ? tab.stored.deviceToken !== null : null,
    // null (so `<origin>` in the command) for an address without an origin that fits, instead of throwing.
    origin: tab ? originOf(tab.url) : null,
    gatewayPort: tab ? gatewayPortOf(tab) : null,
    runMode,
    // A page read once through activeTab may be any website: its request id and origin fill no command.
    untrustedPage: tab?.probed === true,
  };
  const tabGuides = useMemo(() => buildFixGuides(tab?.lockouts ?? [], guideContext), [tab, runMode]);
  // Pasted text is read in the light of this dashboard's release and storage (its own words may be
  // what was pasted); the CLI's words never are. The text's own version line and container win.
  const pastedDiagnosis = useMemo(
    () =>
      diagnoseText(pasted, {
        release: guideContext.release,
        stored: tab ? { deviceTokenStored: tab.stored.deviceToken !== null, sharedTokenHeld: tab.stored.sharedToken !== null } : null,
        runMode,
      }),
    [pasted, tab, runMode],
  );
  const pastedGuides = useMemo(
    () =>
      buildFixGuides(pastedDiagnosis.causes, {
        ...guideContext,
        release: pastedDiagnosis.release,
        runMode: pastedDiagnosis.runMode,
        source: pastedDiagnosis.source,
      }),
    [pastedDiagnosis, tab],
  );

  const failed = (error: unknown) => ({ status: 'failed' as const, message: `The extension could not reach the tab (${String(error)}).` });

  async function clear() {
    if (tabId === null) return;
    setStatus(outcomeText(await connector.clear(tabId).catch(failed)));
  }

  async function undo(overwriteNewer: boolean) {
    if (tabId === null) return;
    const outcome = await connector.undo(tabId, overwriteNewer).catch(failed);
    setConfirmOverwrite(outcome.status === 'needs-confirmation');
    setStatus(outcomeText(outcome));
  }

  async function openPrivate() {
    if (tabId === null) return;
    setPrivateWindow(await connector.openPrivateWindow(tabId).catch((error) => ({ ...failed(error), url: null })));
  }

  return (
    <main>
      <h1>OpenClaw Token Fixer</h1>
      <LoopbackAccess />

      <section aria-labelledby="tab-heading">
        <h2 id="tab-heading">This tab</h2>
        {tab === undefined ? (
          <p>Checking…</p>
        ) : tab === null ? (
          probe === 'not-dashboard' ? (
            <p>This page is not an OpenClaw dashboard. Paste an error message below to get its fix.</p>
          ) : (
            <p>This tab is not an OpenClaw dashboard, or it has not finished loading. Paste an error message below to get its fix.</p>
          )
        ) : (
          <dl class="facts">
            <dt>Dashboard</dt>
            <dd>{BRAND_NAMES[tab.page.brand]}</dd>
            <dt>Gateway</dt>
            <dd>
              {/* The page chooses it (settings, ?gatewayUrl=): never show credentials or a token in it. */}
              <code>{tab.gatewayUrl ? displayText(redactUrl(tab.gatewayUrl)) : 'unknown'}</code>
            </dd>
            <dt>Release</dt>
            <dd>{tab.page.release ? displayText(tab.page.release, 64) : 'not shown by this release'}</dd>
            <dt>Error</dt>
            <dd class={tab.lockouts.length ? 'error' : ''}>
              {tab.lockouts.length
                ? tab.lockouts
                    .map((lockout) =>
                      lockout.uncertain && lockout.otherReading
                        ? `${TITLES[lockout.kind]} or ${TITLES[lockout.otherReading].toLowerCase()} (not sure which)`
                        : TITLES[lockout.kind] + (lockout.reportedAs ? ` (shown as “${TITLES[lockout.reportedAs].toLowerCase()}”)` : ''),
                    )
                    .join(', ')
                : 'none detected'}
            </dd>
            <dt>Device token</dt>
            <dd>
              {tab.stored.deviceToken ? `stored ${maskSecret(tab.stored.deviceToken.length)}` : 'none stored'}
              <StorageOrigin url={tab.url} />
            </dd>
            <dt>Device identity</dt>
            <dd>
              {tab.stored.identity.present ? 'present' : 'none'}
              {isDeviceId(tab.stored.identity.deviceId) ? (
                <>
                  {' '}
                  (<code title={tab.stored.identity.deviceId}>{tab.stored.identity.deviceId.slice(0, 12)}…</code>)
                </>
              ) : (
                // The page wrote an id in no shape a release writes: say so rather than show it.
                tab.stored.identity.deviceId && ' (its device id is not one OpenClaw writes)'
              )}
            </dd>
            <dt>Gateway token</dt>
            <dd>{tab.stored.sharedToken ? 'held by this tab' : 'not held by this tab'}</dd>
          </dl>
        )}
      </section>

      {tab?.probed && tabId !== null && <RunHere tab={tab} tabId={tabId} connector={connector} />}

      {tab && !tab.probed && (
        <section class="actions" aria-label="Actions">
          {confirmOverwrite ? (
            <>
              <button type="button" class="primary" onClick={() => void undo(true)}>
                Replace with backup
              </button>
              <button type="button" onClick={() => (setConfirmOverwrite(false), setStatus('Kept the newer device token.'))}>
                Keep the newer token
              </button>
            </>
          ) : (
            <>
              <button type="button" class="primary" disabled={!hasA || !tab.stored.deviceToken} onClick={() => void clear()}>
                Clear stale device token
              </button>
              <button type="button" disabled={!tab.undoable} onClick={() => void undo(false)}>
                Undo
              </button>
            </>
          )}
          <button type="button" onClick={() => void openPrivate()}>
            Reopen in private window
          </button>
          <p class="hint">A private window starts without saved credentials: paste the gateway token there. Each one counts as a new device.</p>
          {status && (
            <p class="status" role="status">
              {status}
            </p>
          )}
          {privateWindow && <PrivateWindowResult outcome={privateWindow} copy={copy} />}
        </section>
      )}

      {tabGuides.length > 0 && (
        <section aria-labelledby="fix-heading">
          <h2 id="fix-heading">How to fix it</h2>
          <RunModeChooser mode={runMode} change={changeRunMode} />
          <FixGuides guides={tabGuides} copy={copy} />
        </section>
      )}

      <section aria-labelledby="paste-heading">
        <h2 id="paste-heading">Diagnose any error</h2>
        <label for="paste">Paste an error message</label>
        <textarea
          id="paste"
          rows={3}
          placeholder="unauthorized: device token mismatch (rotate/reissue device token)"
          value={pasted}
          onInput={(event) => setPasted(event.currentTarget.value)}
        />
        {pasted.trim() &&
          (pastedGuides.length ? (
            <div class="pasted" aria-live="polite">
              <p class="source">{sourceSentence(pastedDiagnosis, pastedGuides)}</p>
              {pastedDiagnosis.runModeFromText && pastedDiagnosis.runMode && <p class="source">{runModeSentence(pastedDiagnosis.runMode)}</p>}
              {tabGuides.length === 0 && <RunModeChooser mode={runMode} change={changeRunMode} />}
              <FixGuides guides={pastedGuides} copy={copy} />
            </div>
          ) : (
            <p aria-live="polite">No OpenClaw lock-out found in this text.</p>
          ))}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        {settings && <SettingsFields settings={settings} change={(patch) => changeSettings(connector, patch, setSettings, setSettingsError)} />}
        {settingsError && (
          <p class="status error" role="alert">
            {settingsError}
          </p>
        )}
        <button type="button" class="link" onClick={() => void connector.openOptions().catch(() => undefined)}>
          Dashboard addresses and settings…
        </button>
      </section>
    </main>
  );
}

/**
 * A dashboard the extension read once through `activeTab` but does not run on: no content
 * script, so nothing to clear or undo there. Offers to add its host, then a reload to start.
 */
function RunHere({ tab, tabId, connector }: { tab: KnownTab; tabId: number; connector: PopupConnector }) {
  const [outcome, setOutcome] = useState<AddSiteOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = originOf(tab.url);
  // null on loopback: the content script covers it already, so the page just has not reported yet.
  const pattern = origin ? patternForOrigin(origin) : null;

  function alwaysRun() {
    if (!origin || !pattern || busy) return;
    // Nothing is awaited before this call: the browser shows its prompt only inside the user's click.
    const granted = connector.requestHostPermission(pattern);
    setBusy(true);
    void (async () => {
      const host = new URL(origin).host;
      const added: AddSiteOutcome = (await granted)
        ? await connector.addSite(tab.url).catch((error) => ({ ok: false, message: String(error) }))
        : { ok: false, message: `The browser did not allow access to ${host}, so nothing was added.` };
      setOutcome(added);
    })().finally(() => setBusy(false));
  }

  return (
    <section class="actions" aria-label="Actions">
      {pattern ? (
        <p>The extension doesn't run on this address yet, so it can't clear or undo anything here. What it shows was read once from the page.</p>
      ) : (
        <p>The extension has not heard from this page yet. Reload the tab to start.</p>
      )}
      {outcome?.ok || !pattern ? (
        <button type="button" class={outcome?.ok ? 'primary' : undefined} onClick={() => void connector.reload(tabId).catch(() => undefined)}>
          Reload the tab
        </button>
      ) : (
        <button type="button" class="primary" disabled={busy} onClick={alwaysRun}>
          {`Always run on ${origin}`}
        </button>
      )}
      {outcome && (
        <p class="status" role="status">
          {outcome.ok ? 'Added. Reload the dashboard to start.' : displayText(outcome.message)}
        </p>
      )}
    </section>
  );
}

function PrivateWindowResult({ outcome, copy }: { outcome: PrivateWindowOutcome; copy: (text: string) => Promise<boolean> }) {
  const [copied, setCopied] = useState(false);
  if (outcome.status === 'opened') return <p class="status">Opened a private window.</p>;
  return (
    <div class="status" role="status">
      <p>
        {outcome.status === 'not-allowed'
          ? 'Firefox needs your permission first: open about:addons, choose OpenClaw Token Fixer and allow “Run in Private Windows”.'
          : `The private window did not open: ${displayText(outcome.message)}`}{' '}
        Or copy the link and open a private window yourself ({PRIVATE_WINDOW_SHORTCUT}).
      </p>
      {outcome.url && (
        <button type="button" onClick={() => void copy(outcome.url!).then(setCopied)}>
          {copied ? 'Link copied' : 'Copy link'}
        </button>
      )}
    </div>
  );
}

/**
 * The port the gateway itself listens on, for the CLI's loopback `--url ws://127.0.0.1:<port>`,
 * when the page shows it: a plain-HTTP page served at the root by the gateway
 * (`http://192.168.1.20:18789/`). Behind HTTPS (Tailscale Serve), a base path (a reverse proxy)
 * or an address without a port, the page's port is the proxy's, so the command keeps `<port>`.
 */
function gatewayPortOf(tab: KnownTab): number | null {
  if (!tab.gatewayUrl || tab.page.basePath) return null;
  try {
    const url = new URL(tab.gatewayUrl);
    const port = Number(url.port);
    return url.protocol === 'ws:' && Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

const SOURCE_WORDS = {
  browser: 'the dashboard in a browser',
  cli: 'the openclaw CLI in a terminal',
  log: 'a gateway log',
} as const;
const CLIENT_WORDS = { browser: 'the dashboard', cli: 'the openclaw CLI', unknown: 'the dashboard or the CLI' } as const;

/** Where the pasted words came from, and, when several clients were refused, whose each error is. */
function sourceSentence(diagnosis: TextDiagnosis, guides: readonly FixGuide[]): string {
  const from =
    diagnosis.source === 'mixed'
      ? `several places (${[...new Set(diagnosis.causes.map((c) => c.source).filter((s) => s !== 'unknown'))].map((s) => SOURCE_WORDS[s as keyof typeof SOURCE_WORDS]).join(', ')})`
      : diagnosis.source === 'unknown'
        ? 'no sign of where (the dashboard and the CLI print these words alike)'
        : SOURCE_WORDS[diagnosis.source];
  const clients = new Set(guides.map((g) => g.client));
  const whose = clients.size > 1 || diagnosis.source === 'log' || diagnosis.source === 'mixed' ? ` Refused: ${guides.map((g) => `${g.title} (${CLIENT_WORDS[g.client]})`).join('; ')}.` : '';
  // A CLI-only answer says once, in its guide, that this browser's storage is not involved.
  return `Read as text from ${from}.${whose}`;
}

/** The container the pasted text names, which the commands below now use. */
function runModeSentence(mode: RunMode): string {
  if (mode.kind === 'compose') {
    return `The text shows a Docker Compose service (${mode.service}${mode.service === DEFAULT_COMPOSE_SERVICE ? ', the official one' : ''}): the commands are shown in that form. Choose another way below if that is wrong.`;
  }
  if (mode.kind === 'container') return `The text shows a container (${mode.name}): the commands are shown in that form. Choose another way below if that is wrong.`;
  return '';
}

/** Loopback names that are different origins for the same gateway, each with storage of its own. */
const LOOPBACK_TWINS: Readonly<Record<string, string>> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * Whose storage the facts describe: the page's origin. `localhost` and `127.0.0.1` reach the same
 * gateway but are separate origins with separate tokens, so the other one is named too.
 */
function StorageOrigin({ url }: { url: string }) {
  const origin = originOf(url);
  if (!origin) return null;
  const { hostname, port, protocol } = new URL(origin);
  const twin = Object.hasOwn(LOOPBACK_TWINS, hostname) ? `${protocol}//${LOOPBACK_TWINS[hostname]}${port ? `:${port}` : ''}` : null;
  return (
    <span class="storage-origin">
      {' '}
      in <code>{displayText(origin)}</code>
      {twin && (
        <>
          {' '}
          (<code>{twin}</code> keeps its own)
        </>
      )}
    </span>
  );
}
