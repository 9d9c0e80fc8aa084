import { useEffect, useRef } from 'preact/hooks';
import { bannerHeading, bannerSentences } from '@/core/banner-text';
import { displayText } from '@/core/command-values';
import { t } from '@/lib/i18n';
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
        <h2 id="octf-heading">{bannerHeading(model, t)}</h2>
        {bannerSentences(model, t).map((sentence) => (
          <p>
            <RichText text={sentence} />
          </p>
        ))}
        {/* Inside the alert region: its changes are announced once, with no second live region. */}
        {model.status && <p class="status">{model.status}</p>}
        {outcome && outcome.status !== 'opened' && (
          <p class="status">
            {outcome.status === 'not-allowed'
              ? t('banner.privateWindow.notAllowed', { shortcut: PRIVATE_WINDOW_SHORTCUT })
              : t('banner.privateWindow.failed', { message: displayText(outcome.message), shortcut: PRIVATE_WINDOW_SHORTCUT })}
          </p>
        )}
        {outcome?.status === 'opened' && (
          <p class="status">{t('banner.privateWindow.opened')}</p>
        )}
      </div>
      <div class="actions">
        {model.undo === 'confirm-overwrite' ? (
          <>
            <button type="button" class="primary" disabled={model.busy} onClick={user(() => actions.undo(true))}>
              {t('banner.button.replaceWithBackup')}
            </button>
            <button type="button" disabled={model.busy} onClick={user(actions.keepNewer)}>
              {t('banner.button.keepNewer')}
            </button>
          </>
        ) : (
          <>
            {hasA && model.deviceToken === 'stored' && (
              <button type="button" class="primary" disabled={model.busy} onClick={user(actions.clear)}>
                {t('banner.button.clear')}
              </button>
            )}
            {model.undo === 'available' && (
              <button type="button" disabled={model.busy} onClick={user(() => actions.undo(false))}>
                {t('banner.button.undo')}
              </button>
            )}
          </>
        )}
        {model.lockouts.length > 0 && (
          <button type="button" onClick={user(actions.openPrivateWindow)}>
            {t('banner.button.openPrivate')}
          </button>
        )}
        {outcome && outcome.status !== 'opened' && outcome.url && (
          <button type="button" onClick={user(() => actions.copyLink(outcome.url!))}>
            {t('banner.button.copyLink')}
          </button>
        )}
        <button type="button" class="dismiss" aria-label={t('banner.button.dismissLabel')} onClick={user(actions.dismiss)}>
          {t('banner.button.dismiss')}
        </button>
      </div>
    </section>
  );
}
