/**
 * What a clear or an Undo of the page's device token came to, and how that reads. Shared by the
 * content script (which does the work), the background (which relays it) and the popup.
 */
import { displayList, displayText } from './command-values';

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
function keyNames(keys: readonly string[]): string {
  const { shown, more } = displayList(keys);
  return shown.join(', ') + (more ? ` and ${more} more` : '');
}

/**
 * The outcome of a clear or an Undo in words, the same in the banner and the popup. Plain text
 * (both show it as text, never as rich text), with page strings (key names, error text) bounded.
 */
export function outcomeText(outcome: ClearOutcome | UndoOutcome): string {
  switch (outcome.status) {
    case 'cleared':
      return `Cleared ${keyNames(outcome.keys)} and kept a backup. The dashboard reloads to read its storage again…`;
    case 'nothing-stored':
      return outcome.otherGateways
        ? `No device token is stored for this page’s gateway. The ${outcome.otherGateways === 1 ? 'token' : `${outcome.otherGateways} tokens`} of other gateways on this address ${outcome.otherGateways === 1 ? 'was' : 'were'} left alone.`
        : 'No device token is stored for this gateway any more.';
    case 'needs-confirmation':
      return 'The dashboard has saved a newer device token since the clear. Replace it with the backup?';
    case 'restored':
      return `Restored the backed-up device token (${keyNames(outcome.keys)}). Reload the dashboard to use it; automatic clearing pauses here for an hour.`;
    case 'nothing-to-undo':
      return 'There is nothing left to undo.';
    case 'failed':
      return displayText(outcome.message);
  }
}
