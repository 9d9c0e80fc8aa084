/**
 * What the popup leads with: what happened on the tab (or what the extension did about it) and
 * the one step to take next. The long guide comes below it, folded (issue 11: "leads with the
 * answer"). Pure: the popup passes the tab's facts and the guides `buildFixGuides` made for it.
 */
import { followsTheClear } from './banner-text';
import { showTokenHint, stepInRunMode, TOKEN_COMMANDS, tokenHintWay, type FixGuide, type FixStep } from './fix-guide';
import { richT, type Translate } from './i18n';
import type { Lockout, LockoutKind } from './lockout';
import type { Release } from './release';
import type { RunMode } from './run-mode';

/** The tab's facts the lead depends on (a `KnownTab`'s, without the page's other strings). */
export interface AnswerFacts {
  lockouts: readonly Lockout[];
  /** The page still stores a device token for its gateway. */
  deviceTokenStored: boolean;
  /** A backup of a clear the extension made on this page can still be restored. */
  undoable: boolean;
  /**
   * The page was read once through `activeTab`: the extension does not run there, so it has no
   * Clear button for it until the user lets it run on the address.
   */
  probed: boolean;
}

/** What the next step's words depend on besides the tab. */
export interface AnswerWords {
  t: Translate;
  release: Release | null;
  /** "How do you run OpenClaw?": the next step's commands take its form, as the guide's do. */
  runMode: RunMode | null;
}

/**
 * - `cleared`: the extension removed the stale device token here (Undo can put it back), and all
 *   the page shows now follows from that clear, by the banner's rule (`followsTheClear`): on
 *   2026.4.24 a cleared page shows "gateway token missing", which is the next step, not a new
 *   problem. A new problem beside it (B, too many attempts…) leads instead.
 * - `lockouts`: the page shows lock-outs (their titles come from the tab's facts).
 * - `none`: no lock-out on the page.
 */
export type AnswerLead = 'cleared' | 'lockouts' | 'none';

export interface PopupAnswer {
  lead: AnswerLead;
  /** The extension's clear stands (a backup, no token stored): said once, under any lead. */
  cleared: boolean;
  /** The first thing to do, with its command when it has one; null when there is nothing to do. */
  next: FixStep | null;
}

/**
 * Lock-outs whose next step in this browser is pasting the gateway's current token into the login
 * form: the page has none, the wrong one, or was refused without a reason (and the device token
 * mismatch once its stale token is gone). Their guides start with how to find the token, a long
 * step; the popup says it the banner's way, in one sentence with where the token is.
 */
const PASTE_NEXT: ReadonlySet<LockoutKind> = new Set(['gateway-token-missing', 'gateway-token-mismatch', 'unauthorized']);


/**
 * The popup's lead and next step. The next step is the first step of the first guide (guides are
 * in fix order, and the popup's are the browser's), said shorter for the lock-outs the gateway
 * token fixes: "Paste the gateway token (where it is) into the login form and click Connect.", with
 * the command that shows it. In the device token mismatch's guide with no device token stored, the
 * first step is the clear that is done already or was not needed ("Done: …", "Nothing to clear:
 * …"): the next step is then the paste. On a page read once the clear is not there yet: the next
 * step is to let the extension run on the address. Every `openclaw …` command in the step, in its
 * words or to copy, is in the run mode's form, as in the guide.
 */
export function popupAnswer(facts: AnswerFacts, guides: readonly FixGuide[], { t, release, runMode }: AnswerWords): PopupAnswer {
  const cleared = facts.undoable && !facts.deviceTokenStored;
  const lead: AnswerLead = cleared && facts.lockouts.every(followsTheClear) ? 'cleared' : facts.lockouts.length ? 'lockouts' : 'none';
  const answer = (next: FixStep | null): PopupAnswer => ({ lead, cleared, next: next && stepInRunMode(next, runMode, true) });
  const guide = guides[0];
  if (!guide) return answer(null);
  const staleTokenHere = guide.kind === 'device-token-mismatch' && facts.deviceTokenStored;
  // A page read once has no Clear button: the way there is to let the extension run on it.
  if (staleTokenHere && facts.probed) return answer({ text: richT(t, 'popup.answer.runHereFirst') });
  const pasteNext = guide.client !== 'cli' && (PASTE_NEXT.has(guide.kind) || (guide.kind === 'device-token-mismatch' && !facts.deviceTokenStored));
  if (pasteNext) return answer({ text: richT(t, 'banner.pasteSentence', { hint: showTokenHint(release, t) }), command: tokenCommand(release) });
  return answer(guide.steps[0] ?? null);
}

/** The command that shows where the token is, when the release has one way; none when both may apply. */
function tokenCommand(release: Release | null): string | undefined {
  const way = tokenHintWay(release);
  return way === 'both' ? undefined : TOKEN_COMMANDS[way];
}
