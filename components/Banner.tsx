import { useEffect, useRef } from 'preact/hooks';
import { bannerHeading, bannerSentences } from '@/core/banner-text';
import { displayText } from '@/core/command-values';
import type { BannerActions, BannerModel } from '@/lib/banner-model';
import { RichText } from './RichText';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const PRIVATE_WINDOW_SHORTCUT = `${isMac ? '⌘' : 'Ctrl'}+Shift+${/Firefox/.test(navigator.userAgent) ? 'P' : 'N'}`;

/**
 * `trustedOnly`: the shadow root is open, so a page could click the buttons from script; only
 * real user input counts. Unit tests, which click from script, turn it off.
 */
export function Banner({ model, actions, trustedOnly = true }: { model: BannerModel; actions: BannerActions; trustedOnly?: boolean }) {
  const root = useRef<HTMLElement>(null);
  const user = (run: () => void) => (event: Event) => {
    if (event.isTrusted || !trustedOnly) run();
  };
  const hasA = model.lockouts.some((lockout) => lockout.kind === 'device-token-mismatch');
  const outcome = model.privateWindow;

  useEffect(() => {
    // Escape dismisses when the user is in the banner or nowhere in particular, never while typing in the page.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || (trustedOnly && !event.isTrusted)) return;
      const active = document.activeElement;
      const inBanner = root.current?.getRootNode() instanceof ShadowRoot && active === (root.current.getRootNode() as ShadowRoot).host;
      if (inBanner || !active || active === document.body) actions.dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions, trustedOnly]);

  return (
    <section class="banner" role="alert" aria-labelledby="octf-heading" ref={root}>
      <div class="text">
        <h2 id="octf-heading">{bannerHeading(model)}</h2>
        {bannerSentences(model).map((sentence) => (
          <p>
            <RichText text={sentence} />
          </p>
        ))}
        {/* Inside the alert region: its changes are announced once, with no second live region. */}
        {model.status && <p class="status">{model.status}</p>}
        {outcome && outcome.status !== 'opened' && (
          <p class="status">
            {outcome.status === 'not-allowed'
              ? 'Firefox needs your permission first: about:addons → OpenClaw Token Fixer → “Run in Private Windows”. Or copy the link and open a private window yourself'
              : `The private window did not open (${displayText(outcome.message)}). Copy the link and open a private window yourself`}{' '}
            ({PRIVATE_WINDOW_SHORTCUT}).
          </p>
        )}
        {outcome?.status === 'opened' && (
          <p class="status">Opened a private window. It starts without saved credentials: paste the gateway token there.</p>
        )}
      </div>
      <div class="actions">
        {model.undo === 'confirm-overwrite' ? (
          <>
            <button type="button" class="primary" disabled={model.busy} onClick={user(() => actions.undo(true))}>
              Replace with backup
            </button>
            <button type="button" disabled={model.busy} onClick={user(actions.keepNewer)}>
              Keep the newer token
            </button>
          </>
        ) : (
          <>
            {hasA && model.deviceToken === 'stored' && (
              <button type="button" class="primary" disabled={model.busy} onClick={user(actions.clear)}>
                Clear stale device token
              </button>
            )}
            {model.undo === 'available' && (
              <button type="button" disabled={model.busy} onClick={user(() => actions.undo(false))}>
                Undo
              </button>
            )}
          </>
        )}
        {model.lockouts.length > 0 && (
          <button type="button" onClick={user(actions.openPrivateWindow)}>
            Open in private window
          </button>
        )}
        {outcome && outcome.status !== 'opened' && outcome.url && (
          <button type="button" onClick={user(() => actions.copyLink(outcome.url!))}>
            Copy link
          </button>
        )}
        <button type="button" class="dismiss" aria-label="Dismiss (Escape)" onClick={user(actions.dismiss)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
