import { useEffect, useMemo, useState } from 'preact/hooks';
import { code, displayText, isDeviceId, originOf, redactUrl } from '@/core/command-values';
import { diagnoseText, type TextDiagnosis } from '@/core/diagnose-text';
import { buildFixGuides, type FixGuide } from '@/core/fix-guide';
import { gatewayScope } from '@/core/gateway-scope';
import { richT, type Translate } from '@/core/i18n';
import { byFixOrder, lockoutTitle, type Lockout } from '@/core/lockout';
import { parseRelease } from '@/core/release';
import { DEFAULT_COMPOSE_SERVICE, type RunMode } from '@/core/run-mode';
import { patternForOrigin } from '@/core/site-address';
import { SECRET_MASK } from '@/core/stored-auth';
import type { Settings } from '@/lib/extension-storage';
import type { AddSiteOutcome, KnownTab, PrivateWindowOutcome, ProbeOutcome } from '@/lib/messages';
import { outcomeText } from '@/core/token-outcome';
import { popupAnswer } from '@/core/popup-answer';
import { t } from '@/lib/i18n';
import type { FirstLook, PopupConnector } from '@/lib/popup-connector';
import { FixGuides, Step } from './FixGuides';
import { RunModeChooser } from './RunModeChooser';
import { changeSettings, SettingsFields } from './Options';
import { PRIVATE_WINDOW_SHORTCUT } from './Banner';
import { RichText } from './RichText';
import { LoopbackAccess } from './LoopbackAccess';

/** Product names, not words; Clawdbot's is the name before the rename. */
const BRAND_NAMES = { openclaw: 'OpenClaw Control UI', clawdbot: 'Clawdbot Control', moltbot: 'Moltbot Control' };
const brandName = (brand: keyof typeof BRAND_NAMES) => (brand === 'clawdbot' ? t('popup.brandRenamed', { name: BRAND_NAMES[brand] }) : BRAND_NAMES[brand]);

/** The answer's look: a warning sign for a lock-out, a check mark for what the extension did (never colour alone). */
const ANSWER_CLASS = { lockouts: 'alert', cleared: 'done', none: '' } as const;

/** A lock-out's title inside a sentence: lower case where the language writes it so ("… or gateway token mismatch"). */
function titleInSentence(kind: Lockout['kind'], translate: Translate): string {
  const title = lockoutTitle(kind, translate);
  return translate('grammar.lowerTitleInSentence') === 'yes' ? title.toLocaleLowerCase() : title;
}

/** The "Error" fact: each lock-out's title, with what the page showed or the other possible reading. */
function errorFact(lockouts: readonly Lockout[]): string {
  // In fix order (B before A), as the banner and the guide name them; each title once.
  const titles = [...lockouts]
    .sort((a, b) => byFixOrder(a.kind, b.kind))
    .map((lockout) =>
      lockout.uncertain && lockout.otherReading
        ? t('popup.errorUncertain', { title: lockoutTitle(lockout.kind, t), other: titleInSentence(lockout.otherReading, t) })
        : lockout.reportedAs
          ? t('popup.errorShownAs', { title: lockoutTitle(lockout.kind, t), shown: titleInSentence(lockout.reportedAs, t) })
          : lockoutTitle(lockout.kind, t),
    );
  return [...new Set(titles)].join(t('list.separator'));
}

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
    void connector.firstLook().catch((): FirstLook => ({ tabId: null, tab: null })).then(async ({ tabId: id, tab: known }) => {
      if (!live) return;
      setTabId(id);
      setTab(known);
      if (id === null) return;
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
  const canClear = hasA && !!tab?.stored.deviceToken;
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
  const tabGuides = useMemo(() => buildFixGuides(tab?.lockouts ?? [], guideContext, t), [tab, runMode]);
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
      }, t),
    [pastedDiagnosis, tab],
  );

  const answer =
    tab &&
    popupAnswer(
      { lockouts: tab.lockouts, deviceTokenStored: tab.stored.deviceToken !== null, undoable: !!tab.undoable, probed: tab.probed === true },
      tabGuides,
      { t, release: guideContext.release ?? null, runMode },
    );

  const failed = (error: unknown) => ({ status: 'failed' as const, message: t('popup.unreachable', { error: String(error) }) });

  async function clear() {
    if (tabId === null) return;
    setStatus(outcomeText(await connector.clear(tabId).catch(failed), t));
  }

  async function undo(overwriteNewer: boolean) {
    if (tabId === null) return;
    const outcome = await connector.undo(tabId, overwriteNewer).catch(failed);
    setConfirmOverwrite(outcome.status === 'needs-confirmation');
    setStatus(outcomeText(outcome, t));
  }

  async function openPrivate() {
    if (tabId === null) return;
    setPrivateWindow(await connector.openPrivateWindow(tabId).catch((error) => ({ ...failed(error), url: null })));
  }

  return (
    <main>
      <h1>{t('extName')}</h1>
      <LoopbackAccess />

      {tab && answer && (
        // The answer first: what happened here (or what the extension did), and the one next step.
        <section class="answer" aria-labelledby="answer-heading">
          <h2 id="answer-heading" class={`headline ${ANSWER_CLASS[answer.lead]}`}>
            {answer.lead === 'cleared' ? t('banner.heading.cleared') : answer.lead === 'lockouts' ? errorFact(tab.lockouts) : t('popup.answer.none')}
          </h2>
          {answer.cleared && <p>{t('popup.answer.clearedDetail')}</p>}
          {answer.next && (
            <div class="next">
              <strong>{t('popup.answer.next')}</strong> <Step step={answer.next} copy={copy} />
            </div>
          )}
        </section>
      )}

      {tab?.probed && tabId !== null && <RunHere tab={tab} tabId={tabId} connector={connector} />}

      {tab && !tab.probed && (
        <section class="actions" aria-label={t('popup.actions')}>
          {confirmOverwrite ? (
            <>
              <button type="button" class="primary" onClick={() => void undo(true)}>
                {t('banner.button.replaceWithBackup')}
              </button>
              <button type="button" onClick={() => (setConfirmOverwrite(false), setStatus(t('popup.keptNewer')))}>
                {t('banner.button.keepNewer')}
              </button>
            </>
          ) : (
            <>
              {/* Primary only when it can be used: a faded red button must not be the loudest thing after a clear. */}
              <button type="button" class={canClear ? 'primary' : undefined} disabled={!canClear} onClick={() => void clear()}>
                {t('banner.button.clear')}
              </button>
              <button type="button" disabled={!tab.undoable} onClick={() => void undo(false)}>
                {t('banner.button.undo')}
              </button>
            </>
          )}
          <button type="button" onClick={() => void openPrivate()}>
            {t('popup.reopenPrivate')}
          </button>
          {tab.lockouts.length > 0 && <p class="hint">{t('popup.privateHint')}</p>}
          {status && (
            <p class="status" role="status">
              {status}
            </p>
          )}
          {privateWindow && <PrivateWindowResult outcome={privateWindow} copy={copy} />}
        </section>
      )}

      <section aria-labelledby="tab-heading">
        <h2 id="tab-heading">{t('popup.tabHeading')}</h2>
        {tab === undefined ? (
          <p>{t('popup.checking')}</p>
        ) : tab === null ? (
          probe === 'not-dashboard' ? (
            <p>{t('popup.notDashboard')}</p>
          ) : (
            <p>{t('popup.notDashboardOrLoading')}</p>
          )
        ) : (
          <dl class="facts">
            <dt>{t('popup.fact.dashboard')}</dt>
            <dd>{brandName(tab.page.brand)}</dd>
            <dt>{t('popup.fact.gateway')}</dt>
            <dd>
              {/* The page chooses it (settings, ?gatewayUrl=): never show credentials or a token in it. */}
              <code>{tab.gatewayUrl ? displayText(redactUrl(tab.gatewayUrl)) : t('popup.unknown')}</code>
            </dd>
            <dt>{t('popup.fact.release')}</dt>
            <dd>{tab.page.release ? displayText(tab.page.release, 64) : t('popup.releaseNotShown')}</dd>
            <dt>{t('popup.fact.error')}</dt>
            <dd class={tab.lockouts.length ? 'error' : ''}>
              {tab.lockouts.length ? errorFact(tab.lockouts) : t('popup.noneDetected')}
            </dd>
            <dt>{t('popup.fact.deviceToken')}</dt>
            <dd>
              {tab.stored.deviceToken
                ? t('popup.tokenStored', tab.stored.deviceToken.length, { mask: SECRET_MASK })
                : tab.undoable
                  ? t('popup.tokenRemoved')
                  : t('popup.noneStored')}
              <StorageOrigin url={tab.url} />
            </dd>
            <dt>{t('popup.fact.deviceIdentity')}</dt>
            <dd>
              {tab.stored.identity.present ? t('popup.identityPresent') : t('popup.identityNone')}
              {isDeviceId(tab.stored.identity.deviceId) ? (
                <>
                  {' '}
                  (<code title={tab.stored.identity.deviceId}>{tab.stored.identity.deviceId.slice(0, 12)}…</code>)
                </>
              ) : (
                // The page wrote an id in no shape a release writes: say so rather than show it.
                tab.stored.identity.deviceId && ` ${t('popup.deviceIdNotOpenClaw')}`
              )}
            </dd>
            <dt>{t('popup.fact.gatewayToken')}</dt>
            <dd>{tab.stored.sharedToken ? t('popup.sharedTokenHeld') : t('popup.sharedTokenNotHeld')}</dd>
          </dl>
        )}
      </section>

      {tabGuides.length > 0 && (
        // The whole guide, folded: the answer above already gives the next step.
        <details class="fold">
          <summary>
            <h2 id="fix-heading">{t('popup.fixHeading')}</h2>
          </summary>
          <RunModeChooser mode={runMode} change={changeRunMode} />
          <FixGuides guides={tabGuides} copy={copy} />
        </details>
      )}

      <section aria-labelledby="paste-heading">
        <h2 id="paste-heading">{t('popup.pasteHeading')}</h2>
        <label for="paste">{t('popup.pasteLabel')}</label>
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
            <p aria-live="polite">{t('popup.noLockout')}</p>
          ))}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('options.settingsHeading')}</h2>
        {settings && <SettingsFields settings={settings} change={(patch) => changeSettings(connector, patch, setSettings, setSettingsError)} />}
        {settingsError && (
          <p class="status error" role="alert">
            {settingsError}
          </p>
        )}
        <button type="button" class="link" onClick={() => void connector.openOptions().catch(() => undefined)}>
          {t('popup.addressesAndSettings')}
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
        : { ok: false, message: t('options.notAllowed', { host }) };
      setOutcome(added);
    })().finally(() => setBusy(false));
  }

  return (
    <section class="actions" aria-label={t('popup.actions')}>
      {pattern ? <p>{t('popup.runHere.notRunning')}</p> : <p>{t('popup.runHere.notHeard')}</p>}
      {outcome?.ok || !pattern ? (
        <button type="button" class={outcome?.ok ? 'primary' : undefined} onClick={() => void connector.reload(tabId).catch(() => undefined)}>
          {t('popup.runHere.reload')}
        </button>
      ) : (
        <button type="button" class="primary" disabled={busy} onClick={alwaysRun}>
          {t('popup.runHere.alwaysRun', { origin: origin ?? '' })}
        </button>
      )}
      {outcome && (
        <p class="status" role="status">
          {outcome.ok ? t('popup.runHere.added') : displayText(outcome.message)}
        </p>
      )}
    </section>
  );
}

function PrivateWindowResult({ outcome, copy }: { outcome: PrivateWindowOutcome; copy: (text: string) => Promise<boolean> }) {
  const [copied, setCopied] = useState(false);
  if (outcome.status === 'opened') return <p class="status">{t('popup.privateWindow.opened')}</p>;
  return (
    <div class="status" role="status">
      <p>
        {outcome.status === 'not-allowed'
          ? t('popup.privateWindow.notAllowed', { shortcut: PRIVATE_WINDOW_SHORTCUT })
          : t('popup.privateWindow.failed', { message: displayText(outcome.message), shortcut: PRIVATE_WINDOW_SHORTCUT })}
      </p>
      {outcome.url && (
        <button type="button" onClick={() => void copy(outcome.url!).then(setCopied)}>
          {copied ? t('popup.privateWindow.linkCopied') : t('banner.button.copyLink')}
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

const SOURCE_KEYS = { browser: 'popup.source.browser', cli: 'popup.source.cli', log: 'popup.source.log' } as const;
const CLIENT_KEYS = { browser: 'popup.client.browser', cli: 'popup.client.cli', unknown: 'popup.client.unknown' } as const;

/** Where the pasted words came from, and, when several clients were refused, whose each error is. */
function sourceSentence(diagnosis: TextDiagnosis, guides: readonly FixGuide[]): string {
  const from =
    diagnosis.source === 'mixed'
      ? t('popup.source.several', {
          list: [...new Set(diagnosis.causes.map((c) => c.source).filter((s) => s !== 'unknown'))]
            .map((s) => t(SOURCE_KEYS[s as keyof typeof SOURCE_KEYS]))
            .join(t('list.separator')),
        })
      : diagnosis.source === 'unknown'
        ? t('popup.source.unknown')
        : t(SOURCE_KEYS[diagnosis.source]);
  const clients = new Set(guides.map((g) => g.client));
  const read = t('popup.source.readFrom', { from });
  if (!(clients.size > 1 || diagnosis.source === 'log' || diagnosis.source === 'mixed')) return read;
  // A CLI-only answer says once, in its guide, that this browser's storage is not involved.
  const list = guides.map((g) => t('popup.source.refusedItem', { title: lockoutTitle(g.kind, t), client: t(CLIENT_KEYS[g.client]) })).join(t('popup.source.refusedSeparator'));
  return t('sentences', { first: read, second: t('popup.source.refused', { list }) });
}

/** The container the pasted text names, which the commands below now use. */
function runModeSentence(mode: RunMode): string {
  if (mode.kind === 'compose') return t(mode.service === DEFAULT_COMPOSE_SERVICE ? 'popup.runMode.composeOfficial' : 'popup.runMode.compose', { service: mode.service });
  if (mode.kind === 'container') return t('popup.runMode.container', { name: mode.name });
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
      <RichText text={richT(t, 'popup.storageIn', { origin: code(displayText(origin)) })} />
      {twin && (
        <>
          {' '}
          <RichText text={richT(t, 'popup.storageTwin', { twin: code(twin) })} />
        </>
      )}
    </span>
  );
}
