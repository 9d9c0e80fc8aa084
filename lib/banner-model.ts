/** The banner's state and actions: the content script's session owns them, the Banner draws them. */
import type { BannerFacts } from '@/core/banner-text';
import type { PrivateWindowOutcome } from './messages';

/** Everything the banner shows; the content script owns it and re-renders on every change. */
export interface BannerModel extends BannerFacts {
  busy: boolean;
  /** The outcome of the last action, in words. */
  status: string | null;
  privateWindow: PrivateWindowOutcome | null;
}

/** The banner before anything happened on the page. */
export const initialBannerModel = (release: string | null): BannerModel => ({
  lockouts: [],
  release,
  deviceToken: 'none',
  clearedKeys: [],
  clearedAutomatically: false,
  undo: null,
  sharedTokenInTab: false,
  busy: false,
  status: null,
  privateWindow: null,
});

export interface BannerActions {
  clear(): void;
  undo(overwriteNewer: boolean): void;
  keepNewer(): void;
  openPrivateWindow(): void;
  copyLink(url: string): void;
  dismiss(): void;
}
