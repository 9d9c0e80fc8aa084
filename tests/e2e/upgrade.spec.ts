import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { chromiumPath } from './browser-path';
import { EXTENSION_PATH, expect, extensionIdFor, pageStorage, tabIdOf, test } from './fixtures';
import { OLD_BACKUP_IDS, storageOf010 } from '../fixtures/storage-0.1.0';

/**
 * The browser with the extension, on a profile that outlives it: the test closes the browser
 * with 0.1.0's data in it and starts it again, as a user's browser starts after an update.
 * (`runtime.reload()` would be closer to an update, but an extension loaded with
 * `--load-extension` does not come back from it in this headless Chromium.)
 */
async function launch(profile: string): Promise<{ context: BrowserContext; worker: Worker }> {
  const args = [`--disable-extensions-except=${EXTENSION_PATH}`, `--load-extension=${EXTENSION_PATH}`];
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args });
  const started = Date.now();
  for (;;) {
    const worker = context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://'));
    if (worker) return { context, worker };
    if (Date.now() - started > 30_000) throw new Error('The extension’s service worker did not start within 30 s.');
    // A worker that has not started yet starts for one of its pages.
    if (Date.now() - started > 3_000) await (await context.newPage()).goto(`chrome-extension://${extensionIdFor(EXTENSION_PATH)}/popup.html`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const stored = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get(null)) as Record<string, unknown>);

test('0.1.0’s data survives the update to 0.2.0: settings kept, Undo restores its backup byte for byte, expired backups go, Forget backups deletes the rest', async ({
  server,
}) => {
  const profile = mkdtempSync(path.join(tmpdir(), 'octf-upgrade-'));
  const extensionId = extensionIdFor(EXTENSION_PATH);
  const browsers: BrowserContext[] = [];
  try {
    const now = Date.now();
    const old = storageOf010(server.origin, now);
    const scoped = old.local.backups.find((backup) => backup.id === OLD_BACKUP_IDS.scoped)!;
    const key = scoped.changes[0]!.key;

    // What 0.1.0 left behind: its values, and no `<key>$` version entries, as it defined no versions.
    const first = await launch(profile);
    browsers.push(first.context);
    await first.worker.evaluate(async (data) => {
      await chrome.storage.local.clear();
      await chrome.storage.local.set(data);
    }, old.local);
    await first.context.close();

    const { context, worker } = await launch(profile);
    browsers.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe('0.2.0');

    // The settings are migrated as the new worker starts: the user's choice kept, the new setting at its default.
    await expect.poll(async () => (await stored(worker))['settings$']).toEqual({ v: 2 });
    expect((await stored(worker)).settings).toEqual({ autoFix: false, showBanner: true });

    // A dashboard of that origin, connected with a token it received after 0.1.0's clear.
    await page.goto(`${server.origin}/dash/light?scenario=none`);
    await expect(page.locator('.connected')).toBeVisible();
    const newer = (await pageStorage(page))[key];
    expect(newer).toContain('good-device-token-');

    // The popup shows what 0.1.0 knew: the release the dashboard showed, and the setting.
    const tabId = await tabIdOf(worker, server.origin);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await expect(popup.locator('dl.facts')).toContainText('2026.3.8');
    await expect(popup.getByLabel('Fix automatically', { exact: false })).not.toBeChecked();
    await expect(popup.getByLabel('Show the banner', { exact: false })).toBeChecked();

    // Undo finds 0.1.0's backup of this gateway and puts its value back byte for byte, after
    // asking, as the page holds a newer token.
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect(popup.getByRole('status')).toContainText('newer device token');
    await popup.getByRole('button', { name: 'Replace with backup' }).click();
    await expect(popup.getByRole('status')).toContainText('Restored');
    expect((await pageStorage(page))[key]).toBe(scoped.changes[0]!.before);
    await expect(popup.locator('body')).not.toContainText('stale-0.1.0');

    // The backups as now stored: migrated (version 2), the undone one marked, the newer token backed
    // up in turn, the other origin's unscoped one kept with its values, the 8-day-old one gone.
    const after = await stored(worker);
    expect(after['backups$']).toEqual({ v: 2 });
    const list = after.backups as { id: string; origin: string; gateway: string; state: string; undoneAt?: number; changes: unknown[] }[];
    expect(list.map((backup) => backup.id)).not.toContain(OLD_BACKUP_IDS.expired);
    expect(list.find((backup) => backup.id === OLD_BACKUP_IDS.scoped)).toMatchObject({ ...scoped, gateway: key.slice(key.indexOf(':') + 1), state: 'applied', undoneAt: expect.any(Number) });
    const unscoped = old.local.backups.find((backup) => backup.id === OLD_BACKUP_IDS.unscoped)!;
    expect(list.find((backup) => backup.id === OLD_BACKUP_IDS.unscoped)).toEqual({ ...unscoped, gateway: 'ws://192.168.1.20:18789', state: 'applied' });
    expect(list.find((backup) => !Object.values(OLD_BACKUP_IDS).includes(backup.id as never))?.changes).toEqual([
      { key, before: newer, after: scoped.changes[0]!.before },
    ]);

    // The options page shows the kept settings; "Forget backups" deletes every backup at once.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByLabel('Fix automatically', { exact: false })).not.toBeChecked();
    await options.getByRole('button', { name: 'Forget backups' }).click();
    await expect(options.getByText('Every backup is deleted')).toBeVisible();
    expect((await stored(worker)).backups).toEqual([]);
    expect((await stored(worker)).releases).toEqual(old.local.releases);
  } finally {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
