import { useEffect, useRef, useState } from 'preact/hooks';
import { displayText } from '@/core/command-values';
import { parseDashboardAddress, type DashboardSite } from '@/core/site-address';
import { StorageWriteError, type Settings } from '@/lib/extension-storage';
import type { AddSiteOutcome } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { errorText, type OptionsConnector } from '@/lib/options-connector';
import { LoopbackAccess } from './LoopbackAccess';

/** What the live region says after an add or a remove; `error` also marks the textbox invalid. */
interface Outcome {
  text: string;
  error: boolean;
}

/** The host as people read it, with its port (`192.168.1.20:18789`) or without, for messages. */
function hostOf(origin: string, withPort = true): string {
  try {
    const url = new URL(origin);
    return withPort ? url.host : url.hostname;
  } catch {
    return origin;
  }
}

/**
 * The options page: the dashboard addresses the extension runs on besides loopback, and the
 * settings. Adding asks the browser for that one host from the user's click, then tells the
 * background; a refusal adds nothing.
 */
export function Options({ connector }: { connector: OptionsConnector }) {
  const [sites, setSites] = useState<DashboardSite[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [address, setAddress] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void connector.listSites().then(
      (list) => live && setSites(list),
      () => live && setSites([]),
    );
    void connector.getSettings().then((value) => live && setSettings(value));
    // The list also changes from the popup, and when the user revokes a host in the browser's settings.
    const unwatchSites = connector.watchSites(setSites);
    const unwatchSettings = connector.watchSettings(setSettings);
    return () => {
      live = false;
      unwatchSites();
      unwatchSettings();
    };
  }, [connector]);

  const relist = () => void connector.listSites().then(setSites, () => undefined);

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    // What the box holds now: state set by the last input event may not have rendered yet.
    const parsed = parseDashboardAddress(input.current?.value ?? address, t);
    if (!parsed.ok) return setOutcome({ text: parsed.message, error: true });
    const { site } = parsed;
    // Nothing is awaited before this call: the browser shows its prompt only inside the user's gesture.
    const granted = connector.requestHostPermission(site.pattern);
    setBusy(true);
    setOutcome({ text: t('options.asking', { host: hostOf(site.origin) }), error: false });
    void finishAdd(site, granted).finally(() => setBusy(false));
  }

  async function finishAdd(site: DashboardSite, granted: Promise<boolean>) {
    if (!(await granted)) {
      return setOutcome({ text: t('options.notAllowed', { host: hostOf(site.origin) }), error: true });
    }
    const added: AddSiteOutcome = await connector.addSite(site.address).catch((error) => ({ ok: false, message: String(error) }));
    if (!added.ok) return setOutcome({ text: displayText(added.message), error: true });
    setAddress('');
    setOutcome({ text: t('options.added', { address: displayText(added.site.address, 256) }), error: false });
    relist();
  }

  async function remove(site: DashboardSite) {
    try {
      await connector.removeSite(site.pattern);
      setOutcome({ text: t('options.removed', { address: site.address, host: hostOf(site.origin, false) }), error: false });
    } catch (error) {
      setOutcome({ text: t('options.removeFailed', { address: site.address, error: errorText(error) }), error: true });
    }
    relist();
  }

  const change = (patch: Partial<Settings>) => changeSettings(connector, patch, setSettings, setSettingsError);

  const [forgotten, setForgotten] = useState('');
  async function forget() {
    try {
      await connector.forgetBackups();
      setForgotten(t('options.forgotten'));
    } catch (error) {
      // Not "nothing was changed": of the two places backups live, one may have been emptied.
      setForgotten(t('options.forgetFailed', { error: errorText(error) }));
    }
  }

  return (
    <main class="options">
      <h1>{t('extName')}</h1>
      <LoopbackAccess />

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('options.sitesHeading')}</h2>
        <p>{t('options.sitesIntro')}</p>
        <ul class="sites">
          <li class="fixed">
            <span>{t('options.loopbackAlwaysOn', { ipv4: '127.0.0.1', localhost: 'localhost', ipv6: '[::1]' })}</span>
          </li>
          {sites?.map((site) => (
            <li key={site.pattern}>
              <span>
                <code>{displayText(site.address, 256)}</code>
                {/* The permission and the content script cover the host, not one port: say so beside what was typed. */}
                <span class="hint"> {t('options.everyPort', { pattern: displayText(site.pattern.replace(/\/\*$/, ''), 256) })}</span>
              </span>
              <button type="button" aria-label={t('options.removeLabel', { address: site.address })} onClick={() => void remove(site)}>
                {t('options.remove')}
              </button>
            </li>
          ))}
        </ul>
        {sites === null && <p class="hint">{t('options.loading')}</p>}

        <form class="add-site" onSubmit={submit}>
          <label for="address">{t('options.addressLabel')}</label>
          <div class="row">
            <input
              id="address"
              ref={input}
              type="text"
              inputMode="url"
              autocomplete="url"
              spellcheck={false}
              autoCapitalize="off"
              placeholder="http://192.168.1.20:18789/"
              value={address}
              aria-invalid={outcome?.error ? 'true' : undefined}
              aria-describedby="add-outcome add-help"
              onInput={(event) => setAddress(event.currentTarget.value)}
            />
            <button type="submit" class="primary" disabled={busy}>
              {t('options.add')}
            </button>
          </div>
          <p id="add-outcome" class={outcome?.error ? 'status error' : 'status'} role="status">
            {outcome?.text ?? ''}
          </p>
        </form>

        <div id="add-help" class="hint">
          <p>{t('options.helpHosts')}</p>
          <p>{t('options.helpFingerprint')}</p>
        </div>
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('options.settingsHeading')}</h2>
        {settings ? <SettingsFields settings={settings} change={change} /> : <p class="hint">{t('options.loading')}</p>}
        {settingsError && (
          <p class="status error" role="alert">
            {settingsError}
          </p>
        )}
      </section>

      <section aria-labelledby="backups-heading">
        <h2 id="backups-heading">{t('options.backupsHeading')}</h2>
        <p class="hint">{t('options.backupsHint')}</p>
        <button type="button" onClick={() => void forget()}>
          {t('options.forget')}
        </button>
        {/* Only once there is news: the page's other live region says how adding went. */}
        {forgotten && (
          <p class="status" role="status">
            {forgotten}
          </p>
        )}
      </section>
    </main>
  );
}

/**
 * Saves a settings change, the same in the popup and on the options page, and shows what storage
 * then holds. A refused write (the browser's storage is full) shows its message through `fail`,
 * and the checkbox the click flipped goes back: it must not show a setting that was not saved.
 */
export function changeSettings(
  connector: Pick<OptionsConnector, 'setSettings'>,
  patch: Partial<Settings>,
  show: (settings: Settings) => void,
  fail: (message: string | null) => void,
): void {
  void connector.setSettings(patch).then(
    (saved) => {
      fail(null);
      show(saved);
    },
    // Drawing the message draws the checkboxes again from the settings last shown, which storage
    // still holds: the one the click flipped goes back.
    (error: unknown) =>
      fail(error instanceof StorageWriteError ? error.message : t('options.settingNotSaved', { error: errorText(error) })),
  );
}

/**
 * The two settings as labelled checkboxes, the same in the popup and on the options page.
 * `change` saves a patch; the caller shows what storage then holds.
 */
export function SettingsFields({ settings, change }: { settings: Settings; change: (patch: Partial<Settings>) => void }) {
  return (
    <>
      <label class="setting">
        <input type="checkbox" checked={settings.autoFix} onChange={(event) => change({ autoFix: event.currentTarget.checked })} />
        {t('options.autoFix')}
      </label>
      <label class="setting">
        <input type="checkbox" checked={settings.showBanner} onChange={(event) => change({ showBanner: event.currentTarget.checked })} />
        {t('options.showBanner')}
      </label>
    </>
  );
}
