import { useEffect, useMemo, useState } from 'preact/hooks';
import { classifyError } from '@/core/classify-error';
import { displayText, isDeviceId, originOf, redactUrl } from '@/core/command-values';
import { buildFixGuides } from '@/core/fix-guide';
import { TITLES } from '@/core/lockout';
import { parseRelease } from '@/core/release';
import { maskSecret } from '@/core/stored-auth';
import type { Settings } from '@/lib/extension-storage';
import type { KnownTab, PrivateWindowOutcome } from '@/lib/messages';
import { outcomeText } from '@/lib/outcome-text';
import type { PopupConnector } from '@/lib/popup-connector';
import { FixGuides } from './FixGuides';
import { PRIVATE_WINDOW_SHORTCUT } from './Banner';

const BRAND_NAMES = { openclaw: 'OpenClaw Control UI', clawdbot: 'Clawdbot Control (before the rename)', moltbot: 'Moltbot Control' };

export function Popup({ connector }: { connector: PopupConnector }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [tab, setTab] = useState<KnownTab | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirmOverwrite, setConfirmOverwrite] = useState(false);
  const [privateWindow, setPrivateWindow] = useState<PrivateWindowOutcome | null>(null);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    let unwatch = () => {};
    void connector.getSettings().then(setSettings);
    void connector.targetTabId().then(async (id) => {
      setTabId(id);
      if (id === null) return setTab(null);
      setTab(await connector.getTab(id).catch(() => null));
      unwatch = connector.watchTab(id, setTab);
    });
    return () => unwatch();
  }, [connector]);

  const copy = (text: string) => connector.copy(text);
  const hasA = tab?.lockouts.some((lockout) => lockout.kind === 'device-token-mismatch') ?? false;
  const guideContext = {
    release: parseRelease(tab?.page.release),
    deviceId: tab?.stored.identity.deviceId,
    deviceTokenCleared: !!tab?.undoable && !tab.stored.deviceToken,
    // null (so `<origin>` in the command) for an address without an origin that fits, instead of throwing.
    origin: tab ? originOf(tab.url) : null,
  };
  const tabGuides = useMemo(() => buildFixGuides(tab?.lockouts ?? [], guideContext), [tab]);
  const pastedLockouts = useMemo(() => classifyError(pasted), [pasted]);

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

      <section aria-labelledby="tab-heading">
        <h2 id="tab-heading">This tab</h2>
        {tab === undefined ? (
          <p>Checking…</p>
        ) : tab === null ? (
          <p>This tab is not an OpenClaw dashboard, or it has not finished loading. Paste an error message below to get its fix.</p>
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
                    .map((lockout) => TITLES[lockout.kind] + (lockout.reportedAs ? ` (shown as “${TITLES[lockout.reportedAs].toLowerCase()}”)` : ''))
                    .join(', ')
                : 'none detected'}
            </dd>
            <dt>Device token</dt>
            <dd>{tab.stored.deviceToken ? `stored ${maskSecret(tab.stored.deviceToken.length)}` : 'none stored'}</dd>
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

      {tab && (
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
          (pastedLockouts.length ? (
            <div class="pasted" aria-live="polite">
              <FixGuides guides={buildFixGuides(pastedLockouts, guideContext)} copy={copy} />
            </div>
          ) : (
            <p aria-live="polite">No OpenClaw lock-out found in this text.</p>
          ))}
      </section>

      {settings && (
        <section aria-labelledby="settings-heading">
          <h2 id="settings-heading">Settings</h2>
          <label class="setting">
            <input
              type="checkbox"
              checked={settings.autoFix}
              onChange={(event) => void connector.setSettings({ autoFix: event.currentTarget.checked }).then(setSettings)}
            />
            Fix automatically: clear a stale device token as soon as it shows (a backup is kept for Undo)
          </label>
        </section>
      )}
    </main>
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
