import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_COMPOSE_SERVICE, type RunMode } from '@/core/run-mode';

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
      <legend>How do you run OpenClaw?</legend>
      <label>
        <input type="radio" name="run-mode" checked={current.kind === 'host'} onChange={() => change({ kind: 'host' })} />
        On the host (the <code>openclaw</code> command)
      </label>
      <label>
        <input type="radio" name="run-mode" checked={current.kind === 'compose'} onChange={() => change({ kind: 'compose', service })} />
        Docker Compose, service
        <input
          type="text"
          class="run-mode-name"
          aria-label="Compose service name"
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
        Another container, named
        <input
          type="text"
          class="run-mode-name"
          aria-label="Container name"
          value={container}
          placeholder="container"
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
