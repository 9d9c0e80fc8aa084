import { describe, expect, it } from 'vitest';
import {
  AUTO_FIX_COOLDOWN_MS,
  BACKUP_ORIGINS_KEPT,
  BACKUP_TTL_MS,
  BACKUPS_PER_ORIGIN,
  backupMeta,
  decideAutoFix,
  latestBackupFor,
  shouldAnnounce,
  withBackup,
  type Backup,
} from './backup';

const GATEWAY = 'ws://127.0.0.1:1';
const backup = (over: Partial<Backup>): Backup => ({
  id: 'b',
  origin: 'http://127.0.0.1:1',
  gateway: GATEWAY,
  createdAt: NOW,
  trigger: 'auto',
  state: 'applied',
  changes: [{ key: 'openclaw.device.auth.v1', before: 'x', after: 'y' }],
  ...over,
});
const NOW = 100 * 60 * 60_000;

describe('decideAutoFix', () => {
  it('fixes when enabled and nothing happened before', () => expect(decideAutoFix(true, 'http://127.0.0.1:1', [], NOW)).toBe('fix'));
  it('does nothing when disabled', () => expect(decideAutoFix(false, 'http://127.0.0.1:1', [], NOW)).toBe('disabled'));
  it('never clears twice in a row on one origin', () => {
    const recent = [backup({ createdAt: NOW - 1000 })];
    expect(decideAutoFix(true, 'http://127.0.0.1:1', recent, NOW)).toBe('cooling-down');
    expect(decideAutoFix(true, 'http://127.0.0.1:2', recent, NOW)).toBe('fix');
    expect(decideAutoFix(true, 'http://127.0.0.1:1', [backup({ createdAt: NOW - AUTO_FIX_COOLDOWN_MS - 1 })], NOW)).toBe('fix');
  });
  it('a manual clear does not block the next automatic one', () =>
    expect(decideAutoFix(true, 'http://127.0.0.1:1', [backup({ createdAt: NOW - 1000, trigger: 'manual' })], NOW)).toBe('fix'));
  it('respects an Undo', () =>
    expect(decideAutoFix(true, 'http://127.0.0.1:1', [backup({ createdAt: NOW - 1e9, undoneAt: NOW - 1000 })], NOW)).toBe('user-undid'));
  it('a backup saved but never applied pauses nothing and announces nothing', () => {
    const pending = backup({ createdAt: NOW - 1000, state: 'pending' });
    expect(decideAutoFix(true, 'http://127.0.0.1:1', [pending], NOW)).toBe('fix');
    expect(shouldAnnounce(pending, NOW)).toBe(false);
    expect(shouldAnnounce({ ...pending, state: 'applied' }, NOW)).toBe(true);
  });
});

describe('backup list', () => {
  it('keeps each origin’s newest backups, newest first', () => {
    let list: Backup[] = [];
    for (let i = 0; i < BACKUPS_PER_ORIGIN + 5; i++) list = withBackup(list, backup({ id: String(i) }), NOW);
    expect(list).toHaveLength(BACKUPS_PER_ORIGIN);
    expect(list[0]!.id).toBe(String(BACKUPS_PER_ORIGIN + 4));
    expect(latestBackupFor(list, 'http://127.0.0.1:1', GATEWAY)?.id).toBe(String(BACKUPS_PER_ORIGIN + 4));
    expect(latestBackupFor(list, 'http://other', GATEWAY)).toBeNull();
  });

  it('storage filling: clears on other origins, within the origin bound, never push this origin’s backup out', () => {
    let list = withBackup([], backup({ id: 'mine', origin: 'http://127.0.0.1:18789' }), NOW);
    for (let port = 1; port <= 100; port++) list = withBackup(list, backup({ id: `other-${port}`, origin: `http://127.0.0.1:${port}` }), NOW);
    // Clears on every other origin the bound allows keep it (before, 20 clears anywhere pushed it out).
    let twenty = withBackup([], backup({ id: 'mine', origin: 'http://127.0.0.1:18789' }), NOW);
    for (let port = 1; port < BACKUP_ORIGINS_KEPT; port++) twenty = withBackup(twenty, backup({ id: `other-${port}`, origin: `http://127.0.0.1:${port}` }), NOW);
    expect(twenty.some((b) => b.id === 'mine')).toBe(true);
    expect(new Set(list.map((b) => b.origin)).size).toBe(BACKUP_ORIGINS_KEPT);
  });

  it('backups expire after 7 days', () => {
    const old = backup({ id: 'old', createdAt: NOW - BACKUP_TTL_MS - 1 });
    expect(withBackup([old], backup({ id: 'new', origin: 'http://x' }), NOW).map((b) => b.id)).toEqual(['new']);
  });

  it('another gateway on the same origin: a backup belongs to its own gateway only', () => {
    // Both gateways used the unscoped key of releases before 8.2.
    const a = backup({ id: 'a', gateway: 'wss://h/a' });
    const b = backup({ id: 'b', gateway: 'wss://h/b' });
    expect(latestBackupFor([b, a], 'http://127.0.0.1:1', 'wss://h/a')?.id).toBe('a');
    expect(latestBackupFor([b], 'http://127.0.0.1:1', 'wss://h/a')).toBeNull();
  });

  it('metadata carries key names but no values', () => {
    const meta = backupMeta(backup({ changes: [{ key: 'k', before: 'secret-token', after: 'cleared' }] }));
    expect(meta.keys).toEqual(['k']);
    expect(JSON.stringify(meta)).not.toContain('secret-token');
  });
});
