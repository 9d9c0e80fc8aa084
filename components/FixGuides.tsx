import { useState } from 'preact/hooks';
import type { FixGuide, FixStep } from '@/core/fix-guide';
import { lockoutTitle } from '@/core/lockout';
import { t } from '@/lib/i18n';
import { RichText } from './RichText';

/** A command as text; any page value in it was validated and shell-quoted by core/fix-guide. */
function CopyableCommand({ command, copy }: { command: string; copy: (text: string) => Promise<boolean> }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div class="command">
      <code>{command}</code>
      <button type="button" class="copy" aria-label={t('popup.guide.copyLabel', { command })} onClick={() => void copy(command).then(setCopied)}>
        {copied === null ? t('popup.guide.copy') : copied ? t('popup.guide.copied') : t('popup.guide.selectAndCopy')}
      </button>
    </div>
  );
}

/** One step or note: its words, then its command with a Copy button. */
export function Step({ step, copy }: { step: FixStep; copy: (text: string) => Promise<boolean> }) {
  return (
    <>
      <span>
        <RichText text={step.text} />
      </span>
      {step.command && <CopyableCommand command={step.command} copy={copy} />}
    </>
  );
}

/** The fix for each lock-out: cause, when it happens, steps in order, and notes. */
export function FixGuides({ guides, copy }: { guides: FixGuide[]; copy: (text: string) => Promise<boolean> }) {
  return (
    <>
      {guides.map((guide, index) => (
        <section class="guide" aria-labelledby={`guide-${guide.kind}`}>
          <h3 id={`guide-${guide.kind}`}>
            {guides.length > 1 ? `${index + 1}. ` : ''}
            {lockoutTitle(guide.kind, t)}
          </h3>
          <p>
            <strong>{t('popup.guide.cause')}</strong> <RichText text={guide.cause} />
          </p>
          <p>
            <strong>{t('popup.guide.when')}</strong> <RichText text={guide.when} />
          </p>
          <ol>
            {guide.steps.map((step) => (
              <li>
                <Step step={step} copy={copy} />
              </li>
            ))}
          </ol>
          {guide.notes.map((note) => (
            <p class="note">
              <Step step={note} copy={copy} />
            </p>
          ))}
        </section>
      ))}
    </>
  );
}
