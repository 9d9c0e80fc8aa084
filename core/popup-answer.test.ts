import { describe, expect, it } from 'vitest';
import { plainText } from './command-values';
import { buildFixGuides, type GuideContext } from './fix-guide';
import type { Lockout } from './lockout';
import { popupAnswer, type AnswerFacts } from './popup-answer';
import { parseRelease } from './release';
import { translatorFor } from './test-i18n';

const t = await translatorFor('en');

const A: Lockout = { kind: 'device-token-mismatch' };
const B: Lockout = { kind: 'gateway-token-mismatch' };
const MISSING: Lockout = { kind: 'gateway-token-missing' };

/** The lead and the next step's words, for guides built from the same facts the popup passes. */
function answer(facts: AnswerFacts, ctx: GuideContext = {}, version = '2026.4.24') {
  const release = parseRelease(version);
  const guides = buildFixGuides(facts.lockouts, {
    release,
    deviceTokenStored: facts.deviceTokenStored,
    deviceTokenCleared: facts.undoable && !facts.deviceTokenStored,
    ...ctx,
  }, t);
  const { lead, next } = popupAnswer(facts, guides, { t, release, runMode: ctx.runMode ?? null });
  return { lead, next: next ? plainText(next.text) : null, command: next?.command ?? null };
}

describe('popupAnswer', () => {
  const PASTE = /^Paste the gateway token \(it is gateway\.auth\.token in the config file openclaw config file names.*\) into the login form and click Connect\.$/;
  it.each<[string, AnswerFacts, RegExp, string | null]>([
    ['A with the stale token still stored: the clear is the next step', { lockouts: [A], deviceTokenStored: true, undoable: false, probed: false }, /^Clear the stale device token/, null],
    ['A after the extension cleared it: paste the gateway token, not the clear again', { lockouts: [A], deviceTokenStored: false, undoable: true, probed: false }, PASTE, 'openclaw config file'],
    ['A with the token dropped by the page itself: paste the gateway token', { lockouts: [A], deviceTokenStored: false, undoable: false, probed: false }, PASTE, 'openclaw config file'],
    ['the page asks for the gateway token after the clear (2026.4.24)', { lockouts: [MISSING], deviceTokenStored: false, undoable: true, probed: false }, PASTE, 'openclaw config file'],
    ['B: paste the right gateway token', { lockouts: [B], deviceTokenStored: false, undoable: false, probed: false }, PASTE, 'openclaw config file'],
    ['B and A: B is fixed first', { lockouts: [A, B], deviceTokenStored: true, undoable: false, probed: false }, PASTE, 'openclaw config file'],
    ['pairing required: the guide\'s first step', { lockouts: [{ kind: 'pairing-required' }], deviceTokenStored: false, undoable: false, probed: false }, /./, null],
  ])('%s', (_name, facts, words, command) => {
    const got = answer(facts);
    expect(got.next).toMatch(words);
    expect(got.command).toBe(command ?? got.command);
    // The next step never repeats what was done.
    expect(got.next).not.toMatch(/^Done:|^Nothing to clear/);
  });

  it('names the command of the release: auth-token --show from 2026.8.2, both ways when the release is unknown', () => {
    const facts: AnswerFacts = { lockouts: [MISSING], deviceTokenStored: false, undoable: true, probed: false };
    expect(answer(facts, {}, '2026.9.6')).toMatchObject({ next: 'Paste the gateway token (openclaw gateway auth-token --show prints it) into the login form and click Connect.', command: 'openclaw gateway auth-token --show' });
    const unknown = popupAnswer(facts, buildFixGuides(facts.lockouts, {}, t), { t, release: null, runMode: null });
    expect(plainText(unknown.next!.text)).toContain('before 2026.8.2');
    expect(unknown.next!.command).toBeUndefined();
  });

  it('gives a CLI guide its own first step, never the browser\'s paste', () => {
    const guides = buildFixGuides([{ kind: 'gateway-token-mismatch', client: 'cli' }], { release: parseRelease('2026.9.6') }, t);
    const { next } = popupAnswer({ lockouts: [], deviceTokenStored: false, undoable: false, probed: false }, guides, { t, release: parseRelease('2026.9.6'), runMode: null });
    expect(plainText(next!.text)).not.toMatch(/login form/);
  });

  it('leads with the clear when the extension removed the token and the page shows what follows from it', () => {
    expect(answer({ lockouts: [MISSING], deviceTokenStored: false, undoable: true, probed: false }).lead).toBe('cleared');
    expect(answer({ lockouts: [A], deviceTokenStored: false, undoable: true, probed: false }).lead).toBe('cleared');
    expect(answer({ lockouts: [], deviceTokenStored: false, undoable: true, probed: false }).lead).toBe('cleared');
  });

  it('leads with a new problem, not the clear, and still says the clear once (the banner\'s rule)', () => {
    for (const lockout of [B, { kind: 'rate-limited' } as Lockout]) {
      const got = popupAnswer({ lockouts: [lockout], deviceTokenStored: false, undoable: true, probed: false }, buildFixGuides([lockout], {}, t), { t, release: null, runMode: null });
      expect(got).toMatchObject({ lead: 'lockouts', cleared: true });
    }
    const pairing = popupAnswer({ lockouts: [{ kind: 'pairing-required' }], deviceTokenStored: false, undoable: true, probed: false }, buildFixGuides([{ kind: 'pairing-required' }], {}, t), {
      t,
      release: null,
      runMode: null,
    });
    expect(pairing).toMatchObject({ lead: 'cleared', cleared: true });
  });

  it('on a page read once, the next step is letting the extension run there, not a Clear button it does not have', () => {
    const got = popupAnswer({ lockouts: [A], deviceTokenStored: true, undoable: false, probed: true }, buildFixGuides([A], { untrustedPage: true }, t), { t, release: null, runMode: null });
    expect(plainText(got.next!.text)).toBe('First let the extension run on this page (below), then clear the stale device token.');
    expect(got.next!.command).toBeUndefined();
  });

  it('gives the next step\'s commands in the run mode\'s form, in its words and to copy', () => {
    const runMode = { kind: 'compose', service: 'openclaw-gateway' } as const;
    const facts: AnswerFacts = { lockouts: [B], deviceTokenStored: false, undoable: false, probed: false };
    const got = popupAnswer(facts, buildFixGuides([B], { runMode }, t), { t, release: parseRelease('2026.9.6'), runMode });
    expect(got.next!.command).toBe('docker compose exec openclaw-gateway openclaw gateway auth-token --show');
    expect(plainText(got.next!.text)).toContain('docker compose exec openclaw-gateway openclaw gateway auth-token --show prints it');
  });

  it('leads with the lock-outs when nothing was cleared, or the token is back after Undo', () => {
    expect(answer({ lockouts: [A], deviceTokenStored: true, undoable: false, probed: false }).lead).toBe('lockouts');
    expect(answer({ lockouts: [A], deviceTokenStored: true, undoable: true, probed: false }).lead).toBe('lockouts');
  });

  it('has no next step when the page shows no lock-out', () => {
    expect(answer({ lockouts: [], deviceTokenStored: true, undoable: false, probed: false })).toEqual({ lead: 'none', next: null, command: null });
  });
});
