import { describe, expect, it } from 'vitest';
import { AUTO_FIX_COOLDOWN_MS, UNDO_RESPECT_MS, ANNOUNCE_WINDOW_MS, type BackupMeta } from './backup';
import {
  afterOutcome,
  announcedClear,
  autoClearDecision,
  bannerShown,
  decisionStatus,
  dismissalAfter,
  dismissed,
  initialBannerState,
  NOT_DISMISSED,
  refusesStoredDeviceToken,
  withPageFacts,
  type BannerState,
} from './dashboard-decisions';
import { bannerHeading } from './banner-text';
import type { Lockout } from './lockout';
import { translatorFor } from './test-i18n';

const t = await translatorFor('en');

const A: Lockout = { kind: 'device-token-mismatch' };
const B: Lockout = { kind: 'gateway-token-mismatch' };
const A_OR_B: Lockout = { kind: 'device-token-mismatch', uncertain: true, reportedAs: 'gateway-token-mismatch' } as Lockout;
const NOW = 1_800_000_000_000;
const ORIGIN = 'http://127.0.0.1:18789';
const state = (patch: Partial<BannerState> = {}): BannerState => ({ ...initialBannerState(null), ...patch });

describe('when to clear automatically', () => {
  it.each([
    ['A, a token stored', [A], true, false, true],
    ['A, nothing stored (4.27+ dropped it)', [A], false, false, false],
    ['A while the page reloads after a clear', [A], true, true, false],
    ['B only', [B], true, false, false],
    ['A and B', [B, A], true, false, true],
    ['A or B, uncertain: explained, left to a click', [A_OR_B], true, false, false],
    ['no lock-out', [], true, false, false],
  ] as const)('%s', (_, lockouts, deviceTokenStored, reloading, expected) => {
    expect(refusesStoredDeviceToken(lockouts, { deviceTokenStored, reloading })).toBe(expected);
  });

  const backup = (patch: Record<string, unknown>) => ({ origin: ORIGIN, state: 'applied' as const, trigger: 'auto' as const, createdAt: NOW, ...patch });
  it.each([
    ['setting on, no earlier clear', true, [], 'fix'],
    ['setting off', false, [], 'disabled'],
    ['the background did not answer: never clear', true, null, 'cooling-down'],
    ['an automatic clear a minute ago', true, [backup({ createdAt: NOW - 60_000 })], 'cooling-down'],
    ['an automatic clear past the cooldown', true, [backup({ createdAt: NOW - AUTO_FIX_COOLDOWN_MS - 1 })], 'fix'],
    ['a clear on another origin', true, [backup({ origin: 'http://127.0.0.1:3000' })], 'fix'],
    ['a pending backup (never applied) pauses nothing', true, [backup({ state: 'pending' })], 'fix'],
    ['the user undid a clear within the hour', true, [backup({ trigger: 'manual', createdAt: NOW - 120_000, undoneAt: NOW - 60_000 })], 'user-undid'],
    ['an Undo more than an hour ago', true, [backup({ trigger: 'manual', createdAt: NOW - 2 * UNDO_RESPECT_MS, undoneAt: NOW - UNDO_RESPECT_MS - 1 })], 'fix'],
  ] as const)('%s → %s', (_, autoFix, backups, expected) => {
    expect(autoClearDecision(autoFix, ORIGIN, backups as never, NOW)).toBe(expected);
  });

  it('says why it did not clear only when that is news', () => {
    expect(decisionStatus('cooling-down', t)).toMatch(/cleared a moment ago/);
    expect(decisionStatus('disabled', t)).toBeNull();
    expect(decisionStatus('user-undid', t)).toBeNull();
    expect(decisionStatus('fix', t)).toBeNull();
  });
});

describe('when to announce an earlier clear', () => {
  const meta = (patch: Partial<BackupMeta> = {}): BackupMeta =>
    ({ id: 'b1', origin: ORIGIN, gateway: 'ws://127.0.0.1:18789', trigger: 'auto', state: 'applied', createdAt: NOW - 1_000, keys: ['k'], ...patch }) as BackupMeta;
  it.each([
    ['a clear just before the reload', meta(), true],
    ['no backup', null, false],
    ['announced already', meta({ announced: true } as Partial<BackupMeta>), false],
    ['undone', meta({ undoneAt: NOW - 500 } as Partial<BackupMeta>), false],
    ['pending: the write never happened', meta({ state: 'pending' } as Partial<BackupMeta>), false],
    ['too old', meta({ createdAt: NOW - ANNOUNCE_WINDOW_MS - 1 }), false],
  ] as const)('%s → %s', (_, backup, expected) => {
    const next = announcedClear(state(), backup, NOW);
    expect(next !== null).toBe(expected);
    if (next) expect(next).toMatchObject({ deviceToken: 'cleared', clearedKeys: ['k'], clearedAutomatically: true, undo: 'available' });
  });
});

describe('what the banner shows', () => {
  it.each([
    ['a lock-out', state({ lockouts: [A] }), NOT_DISMISSED, true, true],
    ['a lock-out, "Show the banner" off', state({ lockouts: [A] }), NOT_DISMISSED, false, false],
    ['a lock-out the user dismissed', state({ lockouts: [A] }), dismissed([A]), true, false],
    ['other lock-outs than the dismissed ones', state({ lockouts: [B] }), dismissed([A]), true, true],
    ['nothing', state(), NOT_DISMISSED, true, false],
    ['the news of a clear', state({ deviceToken: 'cleared' }), NOT_DISMISSED, true, true],
    ['the news of a clear, dismissed', state({ deviceToken: 'cleared' }), dismissed([]), true, false],
    ['the news of a restore', state({ undo: 'restored', deviceToken: 'stored' }), NOT_DISMISSED, true, true],
  ] as const)('%s → %s', (_, banner, dismissal, showBanner, expected) => {
    expect(bannerShown(banner, dismissal, showBanner)).toBe(expected);
  });

  it('a dismissal lasts only for the set it was made for', () => {
    expect(dismissalAfter(dismissed([A]), [A]).lockouts).toBe('device-token-mismatch');
    expect(dismissalAfter(dismissed([A]), [B]).lockouts).toBeNull();
    expect(dismissalAfter(dismissed([A]), [B]).news).toBe(true);
  });

  it.each([
    ['a token stored', state(), [], { deviceToken: {}, sharedToken: null }, false, 'stored'],
    ['no token', state(), [], { deviceToken: null, sharedToken: null }, false, 'none'],
    ['our clear stays the news', state({ deviceToken: 'cleared' }), [], { deviceToken: null, sharedToken: null }, false, 'cleared'],
    ['a refused token after our clear is a new one', state({ deviceToken: 'cleared' }), [A], { deviceToken: {}, sharedToken: null }, false, 'stored'],
    ['…but not while the page reloads', state({ deviceToken: 'cleared' }), [A], { deviceToken: {}, sharedToken: null }, true, 'cleared'],
  ] as const)('device token: %s → %s', (_, banner, lockouts, stored, reloading, expected) => {
    expect(withPageFacts(banner, [...lockouts], stored, reloading).deviceToken).toBe(expected);
  });

  it.each([
    [{ status: 'cleared', keys: ['k'] }, { deviceToken: 'cleared', clearedKeys: ['k'], undo: 'available', clearedAutomatically: true }, false],
    [{ status: 'restored', keys: ['k'] }, { deviceToken: 'stored', clearedKeys: [], undo: 'restored' }, false],
    [{ status: 'needs-confirmation', keys: ['k'] }, { undo: 'confirm-overwrite' }, true],
    [{ status: 'nothing-to-undo' }, { undo: null }, true],
    [{ status: 'failed', message: 'quota' }, { undo: 'available', status: 'quota' }, true],
  ] as const)('after %o', (outcome, expected, newsStaysDismissed) => {
    const before = state({ undo: 'available', busy: true });
    const { state: next, dismissal } = afterOutcome(before, dismissed([]), outcome as never, true, t);
    expect(next).toMatchObject({ ...expected, busy: false });
    expect(next.status).toBeTruthy();
    expect(dismissal.news).toBe(newsStaysDismissed);
  });
});

describe('the page after the clear and its reload: the clear leads until a new problem shows', () => {
  const MISSING: Lockout = { kind: 'gateway-token-missing' };
  const meta = { id: 'b1', origin: ORIGIN, gateway: 'ws://127.0.0.1:18789', trigger: 'auto', state: 'applied', createdAt: NOW - 1_000, keys: ['openclaw.device.auth.v1'] } as BackupMeta;
  const NOTHING = { deviceToken: null, sharedToken: null };
  // Each step: what the page shows next, what it stores then, and the banner's heading after it.
  it('4.24: cleared, then "gateway token missing", then a wrong pasted token, then A for a new token', () => {
    let s = announcedClear(state({ release: '2026.4.24' }), meta, NOW)!;
    const steps: [Lockout[], { deviceToken: unknown; sharedToken: unknown }, string][] = [
      [[MISSING], NOTHING, 'Stale device token cleared'],
      [[A, MISSING], NOTHING, 'Stale device token cleared'],
      [[B], { deviceToken: null, sharedToken: 'set' }, 'Gateway token mismatch'],
      [[], { deviceToken: {}, sharedToken: 'set' }, 'Stale device token cleared'],
      [[A], { deviceToken: {}, sharedToken: null }, 'Device token mismatch'],
    ];
    for (const [lockouts, stored, heading] of steps) {
      s = withPageFacts(s, lockouts, stored, false);
      expect(bannerShown(s, NOT_DISMISSED, true)).toBe(true);
      expect(bannerHeading(s, t), JSON.stringify(lockouts)).toBe(heading);
    }
  });
});
