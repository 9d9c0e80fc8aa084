import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { forgetBackups, getBackups, migrateStoredData, rememberedRelease, rememberRelease, RELEASES_KEPT, saveBackup } from './extension-storage';
import type { Backup } from '@/core/backup';

beforeEach(() => fakeBrowser.reset());

const backup = (id: string): Backup => ({
  id,
  origin: 'http://127.0.0.1:18789',
  gateway: 'ws://127.0.0.1:18789',
  createdAt: Date.now(),
  trigger: 'auto',
  state: 'applied',
  changes: [{ key: 'openclaw.device.auth.v1', before: 'a', after: 'b' }],
});

describe('extension storage', () => {
  it('storage filling: the page-keyed release map keeps only the dashboards seen last', async () => {
    for (let i = 0; i < RELEASES_KEPT + 30; i++) await rememberRelease(`http://127.0.0.1:${1000 + i}/base-${i}`, '2026.4.24');
    await rememberRelease('http://127.0.0.1:18789', '2026.9.6');
    const stored = (await browser.storage.local.get('releases')).releases as Record<string, string>;
    expect(Object.keys(stored)).toHaveLength(RELEASES_KEPT);
    expect(await rememberedRelease('http://127.0.0.1:18789')).toBe('2026.9.6');
    expect(await rememberedRelease('http://127.0.0.1:1000/base-0')).toBeNull();
    // Keys longer than any dashboard address are not kept at all.
    await rememberRelease(`http://127.0.0.1:1/${'x'.repeat(10_000)}`, '2026.9.6');
    expect(Object.keys((await browser.storage.local.get('releases')).releases as object)).toHaveLength(RELEASES_KEPT);
  });

  it('prototype keys: a dashboard named after an Object.prototype member is just a name', async () => {
    expect(await rememberedRelease('constructor')).toBeNull();
    expect(await rememberedRelease('__proto__')).toBeNull();
  });

  it('“Forget backups” deletes every backup at once, private ones too', async () => {
    await saveBackup({ incognito: false }, backup('a'));
    await saveBackup({ incognito: true }, backup('b'));
    await forgetBackups();
    expect(await getBackups({ incognito: false })).toEqual([]);
    expect(await getBackups({ incognito: true })).toEqual([]);
  });

  it('0.1.0 backups are migrated: nothing lost, gateway named, counted as applied', async () => {
    const old = { id: 'old', origin: 'http://127.0.0.1:18789', createdAt: Date.now() - 1000, trigger: 'auto', announced: true,
      changes: [{ key: 'openclaw.device.auth.v1:ws://127.0.0.1:18789', before: 'stale', after: 'cleared' }] };
    await browser.storage.local.set({ backups: [old] });
    await migrateStoredData();
    expect(await getBackups({ incognito: false })).toEqual([{ ...old, gateway: 'ws://127.0.0.1:18789', state: 'applied' }]);
  });
});
