import type { ClearOutcome, UndoOutcome } from './messages';

/** The outcome of a clear or an Undo in words, the same in the banner and the popup. */
export function outcomeText(outcome: ClearOutcome | UndoOutcome): string {
  switch (outcome.status) {
    case 'cleared':
      return `Cleared ${outcome.keys.join(', ')} and kept a backup. The dashboard reloads to read its storage again…`;
    case 'nothing-stored':
      return 'No device token is stored for this gateway any more.';
    case 'needs-confirmation':
      return 'The dashboard has saved a newer device token since the clear. Replace it with the backup?';
    case 'restored':
      return `Restored the backed-up device token (${outcome.keys.join(', ')}). Reload the dashboard to use it; automatic clearing pauses here for an hour.`;
    case 'nothing-to-undo':
      return 'There is nothing left to undo.';
    case 'failed':
      return outcome.message;
  }
}
