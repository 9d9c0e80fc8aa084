import type { ConsoleMessage } from '@playwright/test';
import { MAX_BACKUP_VALUE_CHARS } from '../../core/device-auth';
import { startHostileServer, type HostileServer, type HostileVariant } from '../fixtures/hostile-dashboard';
import { backups, banner, expect, pageStorage, test } from './fixtures';

const VARIANTS: HostileVariant[] = ['own-gateway', 'claims-real-gateway', 'deep'];

/** The key each hostile variant keeps its one small stale token under: the only key it may lose. */
function clearableKey(hostile: HostileServer, realPort: number): string {
  if (hostile.variant === 'own-gateway') return `openclaw.device.auth.v1:ws://127.0.0.1:${hostile.port}`;
  if (hostile.variant === 'claims-real-gateway') return `openclaw.device.auth.v1:ws://127.0.0.1:${realPort}`;
  return 'openclaw.device.auth.v1';
}

test('hostile fake dashboards on other loopback ports break nothing: the real dashboard’s backup, clear and Undo still work', async ({
  context,
  page,
  server,
  background,
}) => {
  test.setTimeout(150_000);

  // Anything the extension throws or logs as an error, in any page or in the service worker.
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(`weberror: ${error.error().message}`));
  const fromExtension = (message: ConsoleMessage) => message.type() === 'error' && /^chrome-extension:\/\//.test(message.location().url);
  background.on('console', (message) => {
    if (message.type() === 'error') errors.push(`service worker: ${message.text()}`);
  });
  const watch = (p: typeof page) => {
    p.on('pageerror', (error) => errors.push(`pageerror on ${p.url()}: ${error.message}`));
    p.on('console', (message) => {
      if (fromExtension(message)) errors.push(`console on ${p.url()}: ${message.text()}`);
    });
  };

  // 1. Three hostile dashboards, loaded first, each on its own loopback port, and left churning.
  const hostiles = await Promise.all(VARIANTS.map((variant) => startHostileServer(server.port, variant)));
  try {
    for (const hostile of hostiles) {
      const tab = await context.newPage();
      watch(tab);
      await tab.goto(`${hostile.origin}/`);
      // The page really stored what it meant to: megabytes, 20,000-deep JSON, prototype-named keys.
      const stored = JSON.parse((await tab.locator('html').getAttribute('data-stored'))!) as Record<string, number | string>;
      expect(stored.error).toBeUndefined();
      expect(Object.values(stored).filter((length) => typeof length === 'number' && length >= 1024 * 1024).length).toBeGreaterThanOrEqual(1);
      expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual(expect.any(Number));
      // The extension clears each hostile page's one small stale token once, backs it up and reloads once.
      await expect
        .poll(async () => (await backups(background)).filter((backup) => backup.origin === hostile.origin).length, { timeout: 20_000 })
        .toBe(1);
      await expect.poll(() => hostile.loads(), { timeout: 10_000 }).toBe(2);
    }

    // 2. The real dashboard, on its own port, with error A (auto-clear on by default). Its page
    // script's first write of the stale token is recorded with the whole storage at that moment.
    watch(page);
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        setItem.call(this, key, value);
        if (this === localStorage && key.startsWith('openclaw.device.auth.v1:') && String(value).includes('"token":"stale-') && !sessionStorage.getItem('e2e.original')) {
          sessionStorage.setItem('e2e.original', JSON.stringify({ ...localStorage }));
        }
      };
    });
    await page.bringToFront();
    const key = `openclaw.device.auth.v1:ws://127.0.0.1:${server.port}`;
    const loadsBefore = server.requests('/dash/light');
    await page.goto(`${server.origin}/dash/light?scenario=a`);

    // Cleared, backed up, reloaded once, and the dashboard connected again.
    await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
    await expect(page.locator('.connected')).toBeVisible();
    expect(server.requests('/dash/light') - loadsBefore).toBe(2);
    const original = JSON.parse((await page.evaluate(() => sessionStorage.getItem('e2e.original')))!) as Record<string, string>;
    expect(JSON.parse(original[key]!).tokens.operator.token).toMatch(/^stale-/);

    const realBackups = (await backups(background)).filter((backup) => backup.origin === server.origin);
    expect(realBackups).toHaveLength(1);
    expect(realBackups[0]!.trigger).toBe('auto');
    expect(realBackups[0]!.changes.map((change) => change.key)).toEqual([key]);
    expect(realBackups[0]!.changes[0]!.before).toBe(original[key]);
    const renewed = await pageStorage(page);
    expect(JSON.parse(renewed[key]!).tokens.operator.token).toMatch(/^good-/);
    // The clear changed that key only.
    expect(Object.keys(renewed).sort()).toEqual(Object.keys(original).sort());
    for (const other of Object.keys(original).filter((k) => k !== key)) expect(renewed[other], other).toBe(original[other]);

    // Never a second reload.
    await page.waitForTimeout(1_500);
    expect(server.requests('/dash/light') - loadsBefore).toBe(2);

    // 3. Undo through the banner: the page stored a newer token since, so it asks first; then the
    // storage is exactly what it was before the clear, byte for byte.
    await banner(page).getByRole('button', { name: 'Undo' }).click();
    await expect(banner(page)).toContainText('newer device token');
    await banner(page).getByRole('button', { name: 'Replace with backup' }).click();
    await expect(banner(page)).toContainText('Restored the backed-up device token');
    const restored = await pageStorage(page);
    expect(restored[key]).toBe(original[key]);
    expect(restored).toEqual(original);

    // 4. The hostile pages, still churning, never made the extension clear twice or reload in a
    // loop; what it backed up for them is small and only their own one stale token.
    for (const hostile of hostiles) expect(hostile.loads(), hostile.variant).toBe(2);
    const all = await backups(background);
    for (const hostile of hostiles) {
      const mine = all.filter((backup) => backup.origin === hostile.origin);
      expect(mine, hostile.variant).toHaveLength(1);
      expect(mine[0]!.trigger).toBe('auto');
      expect(mine[0]!.changes.map((change) => change.key), hostile.variant).toEqual([clearableKey(hostile, server.port)]);
      for (const change of mine[0]!.changes) {
        expect(change.before!.length).toBeLessThanOrEqual(MAX_BACKUP_VALUE_CHARS);
        expect(change.before).toContain('stale-hostile-');
      }
    }
    // The real dashboard's backups (the clear's, and the newer token's Undo kept) name its key only.
    expect(all.filter((backup) => backup.origin === server.origin).every((backup) => backup.changes.every((change) => change.key === key))).toBe(true);

    // Extension storage stays small whatever the pages stored (megabytes each).
    const bytes = await background.evaluate(async () => ({
      local: await chrome.storage.local.getBytesInUse(null),
      session: await chrome.storage.session.getBytesInUse(null),
    }));
    expect(bytes.local).toBeLessThan(1024 * 1024);
    expect(bytes.session).toBeLessThan(1024 * 1024);

    // No page errors, no extension errors, anywhere (each distinct error once, with its count).
    const distinct = [...new Set(errors)].map((error) => `${error} (×${errors.filter((e) => e === error).length})`);
    expect(distinct, 'errors in the pages or the extension’s service worker').toEqual([]);
  } finally {
    await Promise.all(hostiles.map((hostile) => hostile.close()));
  }
});
