import { useEffect, useState } from 'preact/hooks';
import { code } from '@/core/command-values';
import { richT } from '@/core/i18n';
import { DEFAULT_COMPOSE_SERVICE, type RunMode } from '@/core/run-mode';
import { t } from '@/lib/i18n';
import { RichText } from './RichText';

/**
 * "How do you run OpenClaw?" for one gateway: on the host, as a Docker Compose service, or in
 * another container. The answer turns every command in the guides into the form that reaches
 * the CLI there, and is remembered for the gateway.
 */
export function RunModeChooser({ mode, change }: { mode: RunMode | null; change: (mode: RunMode) => void }) {
  const current: RunMode = mode ?? { kind: 'host' };
  // The names are typed freely and kept while the user switches between the choices.
  const [service, setService] = useState(current.kind === 'compose' ? current.service : DEFAULT_COMPOSE_SERVICE);
  const [container, setContainer] = useState(current.kind === 'container' ? current.name : '');
  useEffect(() => {
    if (mode?.kind === 'compose') setService(mode.service);
    if (mode?.kind === 'container') setContainer(mode.name);
  }, [mode]);

  return (
    <fieldset class="run-mode">
      <legend>{t('popup.runMode.legend')}</legend>
      <label>
        <input type="radio" name="run-mode" checked={current.kind === 'host'} onChange={() => change({ kind: 'host' })} />
        <RichText text={richT(t, 'popup.runMode.host', { cmd: code('openclaw') })} />
      </label>
      <label>
        <input type="radio" name="run-mode" checked={current.kind === 'compose'} onChange={() => change({ kind: 'compose', service })} />
        {t('popup.runMode.composeChoice')}
        <input
          type="text"
          class="run-mode-name"
          aria-label={t('popup.runMode.serviceLabel')}
          value={service}
          spellcheck={false}
          onInput={(event) => {
            setService(event.currentTarget.value);
            change({ kind: 'compose', service: event.currentTarget.value });
          }}
        />
      </label>
      <label>
        <input type="radio" name="run-mode" checked={current.kind === 'container'} onChange={() => change({ kind: 'container', name: container })} />
        {t('popup.runMode.containerChoice')}
        <input
          type="text"
          class="run-mode-name"
          aria-label={t('popup.runMode.containerLabel')}
          value={container}
          placeholder={t('popup.runMode.containerPlaceholder')}
          spellcheck={false}
          onInput={(event) => {
            setContainer(event.currentTarget.value);
            change({ kind: 'container', name: event.currentTarget.value });
          }}
        />
      </label>
    </fieldset>
  );
}
