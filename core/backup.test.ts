import { describe, expect, it } from 'vitest';
import { AUTO_FIX_COOLDOWN_MS, BACKUPS_KEPT, decideAutoFix, latestBackupFor, withBackup, type Backup } from './backup';

const backup = (over: Partial<Backup>): Backup => ({
  id: 'b',
  origin: 'http://127.0.0.1:1',
  createdAt: 0,
  trigger: 'auto',
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
});

describe('backup list', () => {
  it('keeps the newest first and bounded', () => {
    let list: Backup[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 5; i++) list = withBackup(list, backup({ id: String(i) }));
    expect(list).toHaveLength(BACKUPS_KEPT);
    expect(list[0]!.id).toBe(String(BACKUPS_KEPT + 4));
    expect(latestBackupFor(list, 'http://127.0.0.1:1', ['openclaw.device.auth.v1'])?.id).toBe(String(BACKUPS_KEPT + 4));
    expect(latestBackupFor(list, 'http://other', ['openclaw.device.auth.v1'])).toBeNull();
  });

  it('finds the backup of this gateway when several share an origin', () => {
    const a = backup({ id: 'a', changes: [{ key: 'openclaw.device.auth.v1:wss://h/a', before: '1', after: '2' }] });
    const b = backup({ id: 'b', changes: [{ key: 'openclaw.device.auth.v1:wss://h/b', before: '1', after: '2' }] });
    expect(latestBackupFor([b, a], 'http://127.0.0.1:1', ['openclaw.device.auth.v1:wss://h/a'])?.id).toBe('a');
  });
});
