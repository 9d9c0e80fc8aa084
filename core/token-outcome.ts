/**
 * What a clear or an Undo of the page's device token came to, and how that reads. Shared by the
 * content script (which does the work), the background (which relays it) and the popup.
 */
import { displayList, displayText } from './command-values';
import type { Translate } from './i18n';

export type ClearOutcome =
  | { status: 'cleared'; keys: string[] }
  /** The app already dropped its token (2026.4.27+), or there never was one. */
  | { status: 'nothing-stored'; otherGateways?: number }
  | { status: 'failed'; message: string };

export type UndoOutcome =
  | { status: 'restored'; keys: string[] }
  /** The page stored a newer value since the clear; Undo needs the user's yes to overwrite it. */
  | { status: 'needs-confirmation'; keys: string[] }
  | { status: 'nothing-to-undo' }
  | { status: 'failed'; message: string };

/** Key names the page chose, as plain text: each cut to length, at most five, then a count. */
function keyNames(keys: readonly string[], t: Translate): string {
  const { shown, more } = displayList(keys);
  const list = shown.join(t('list.separator'));
  return more ? t('list.more', more, { list }) : list;
}

/**
 * The outcome of a clear or an Undo in words, the same in the banner and the popup. Plain text
 * (both show it as text, never as rich text), with page strings (key names, error text) bounded.
 */
export function outcomeText(outcome: ClearOutcome | UndoOutcome, t: Translate): string {
  switch (outcome.status) {
    case 'cleared':
      return t('outcome.cleared', { keys: keyNames(outcome.keys, t) });
    case 'nothing-stored':
      return outcome.otherGateways ? t('outcome.nothingStoredOthers', outcome.otherGateways) : t('outcome.nothingStored');
    case 'needs-confirmation':
      return t('outcome.needsConfirmation');
    case 'restored':
      return t('outcome.restored', { keys: keyNames(outcome.keys, t) });
    case 'nothing-to-undo':
      return t('outcome.nothingToUndo');
    case 'failed':
      return displayText(outcome.message);
  }
}
