import { useEffect, useRef } from 'preact/hooks';
import { showTokenCommand } from '@/core/fix-guide';
import { TITLES, type Lockout } from '@/core/lockout';
import { parseRelease } from '@/core/release';
import type { PrivateWindowOutcome } from '@/lib/messages';
import { RichText } from './RichText';

/** Everything the banner shows; the content script owns it and re-renders on every change. */
export interface BannerModel {
  lockouts: Lockout[];
  release: string | null;
  /** The page's device token for its gateway: still there, gone before we came, or cleared by us. */
  deviceToken: 'stored' | 'none' | 'cleared';
  /** Keys the extension cleared on this page, for "what was cleared" (names only). */
  clearedKeys: string[];
  clearedAutomatically: boolean;
  undo: 'available' | 'confirm-overwrite' | 'restored' | null;
  sharedTokenInTab: boolean;
  busy: boolean;
  /** The outcome of the last action, in words. */
  status: string | null;
  privateWindow: PrivateWindowOutcome | null;
}

export interface BannerActions {
  clear(): void;
  undo(overwriteNewer: boolean): void;
  keepNewer(): void;
  openPrivateWindow(): void;
  copyLink(url: string): void;
  dismiss(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const PRIVATE_WINDOW_SHORTCUT = `${isMac ? '⌘' : 'Ctrl'}+Shift+${/Firefox/.test(navigator.userAgent) ? 'P' : 'N'}`;

export function bannerHeading(model: BannerModel): string {
  const kinds = new Set(model.lockouts.map((lockout) => lockout.kind));
  if (kinds.size === 0) {
    if (model.undo === 'restored') return 'Device token restored';
    return model.deviceToken === 'cleared' ? 'Stale device token cleared' : 'OpenClaw Token Fixer';
  }
  // The two token errors lead, B first: it has to be fixed first.
  const ordered = [...kinds].sort((a, b) => Object.keys(TITLES).indexOf(a) - Object.keys(TITLES).indexOf(b));
  return ordered.map((kind) => TITLES[kind]).join(' and ');
}

/** One or two sentences: the cause, and what the extension did or can do. */
export function bannerSentences(model: BannerModel): string[] {
  const kinds = new Set(model.lockouts.map((lockout) => lockout.kind));
  const token = showTokenCommand(parseRelease(model.release));
  const pasteToken = `paste the gateway token (\`${token}\` prints it) into the login form and click Connect`;
  const sentences: string[] = [];
  if (kinds.has('gateway-token-mismatch')) {
    sentences.push(`The gateway token this page sends is not the gateway’s current one: ${pasteToken}.`);
  }
  if (kinds.has('device-token-mismatch') || model.deviceToken === 'cleared') {
    if (model.deviceToken === 'cleared') {
      const what = `${model.clearedAutomatically ? 'The extension cleared' : 'Cleared'} the stale device token (${model.clearedKeys.map((key) => `\`${key}\``).join(', ')}), kept a backup and reloaded the page.`;
      sentences.push(model.sharedTokenInTab ? `${what} The dashboard reconnects with this tab’s gateway token.` : `${what} If the dashboard asks for it, ${pasteToken}.`);
    } else if (model.deviceToken === 'stored') {
      sentences.push('The device token this browser saved is no longer accepted by the gateway. Clearing it lets the gateway issue a new one; your device identity, settings and drafts stay.');
    } else {
      sentences.push(`The gateway refused this browser’s device token, and the dashboard has already dropped it. Next, ${pasteToken}.`);
    }
  }
  const others = [...kinds].filter((kind) => kind !== 'gateway-token-mismatch' && kind !== 'device-token-mismatch');
  if (others.length) sentences.push('Click the OpenClaw Token Fixer button in the toolbar for the steps that fix it.');
  return sentences;
}

export function Banner({ model, actions }: { model: BannerModel; actions: BannerActions }) {
  const root = useRef<HTMLElement>(null);
  const hasA = model.lockouts.some((lockout) => lockout.kind === 'device-token-mismatch');
  const outcome = model.privateWindow;

  useEffect(() => {
    // Escape dismisses when the user is in the banner or nowhere in particular, never while typing in the page.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const active = document.activeElement;
      const inBanner = root.current?.getRootNode() instanceof ShadowRoot && active === (root.current.getRootNode() as ShadowRoot).host;
      if (inBanner || !active || active === document.body) actions.dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions]);

  return (
    <section class="banner" role="alert" aria-labelledby="octf-heading" ref={root}>
      <div class="text">
        <h2 id="octf-heading">{bannerHeading(model)}</h2>
        {bannerSentences(model).map((sentence) => (
          <p>
            <RichText text={sentence} />
          </p>
        ))}
        {model.status && <p class="status" role="status">{model.status}</p>}
        {outcome && outcome.status !== 'opened' && (
          <p class="status">
            {outcome.status === 'not-allowed'
              ? 'Firefox needs your permission first: about:addons → OpenClaw Token Fixer → “Run in Private Windows”. Or copy the link and open a private window yourself'
              : `The private window did not open (${outcome.message}). Copy the link and open a private window yourself`}{' '}
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
            <button type="button" class="primary" disabled={model.busy} onClick={() => actions.undo(true)}>
              Replace with backup
            </button>
            <button type="button" disabled={model.busy} onClick={actions.keepNewer}>
              Keep the newer token
            </button>
          </>
        ) : (
          <>
            {hasA && model.deviceToken === 'stored' && (
              <button type="button" class="primary" disabled={model.busy} onClick={actions.clear}>
                Clear stale device token
              </button>
            )}
            {model.undo === 'available' && (
              <button type="button" disabled={model.busy} onClick={() => actions.undo(false)}>
                Undo
              </button>
            )}
          </>
        )}
        {model.lockouts.length > 0 && (
          <button type="button" onClick={actions.openPrivateWindow}>
            Open in private window
          </button>
        )}
        {outcome && outcome.status !== 'opened' && outcome.url && (
          <button type="button" onClick={() => actions.copyLink(outcome.url!)}>
            Copy link
          </button>
        )}
        <button type="button" class="dismiss" aria-label="Dismiss (Escape)" onClick={actions.dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
