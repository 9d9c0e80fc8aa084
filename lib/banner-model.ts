/** The banner's state and actions: the content script's session owns them, the Banner draws them. */
import { initialBannerState, type BannerState } from '@/core/dashboard-decisions';
import type { PrivateWindowOutcome } from './messages';

/** Everything the banner shows: the state the decisions in `core/dashboard-decisions.ts` keep, and the private window's outcome. */
export interface BannerModel extends BannerState {
  privateWindow: PrivateWindowOutcome | null;
}

/** The banner before anything happened on the page. */
export const initialBannerModel = (release: string | null): BannerModel => ({ ...initialBannerState(release), privateWindow: null });

export interface BannerActions {
  clear(): void;
  undo(overwriteNewer: boolean): void;
  keepNewer(): void;
  openPrivateWindow(): void;
  copyLink(url: string): void;
  dismiss(): void;
}
