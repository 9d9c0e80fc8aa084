/**
 * The privacy promises, checked on the built extension through a whole flow: the extension makes
 * no network request of its own, and no token byte reaches a console or the extension's UI.
 */
import type { BrowserContext, Request, Worker } from '@playwright/test';
import { backups, banner, expect, pageStorage, tabIdOf, test } from './fixtures';
import { GOOD_SHARED_TOKEN } from '../fixtures/demo-dashboard';

/** Every request the browser makes, with who made it: a page (by its frame's address) or a service worker. */
function recordRequests(context: BrowserContext) {
  const seen: { url: string; by: string }[] = [];
  const note = (request: Request) => seen.push({ url: request.url(), by: request.serviceWorker()?.url() ?? request.frame().url() });
  context.on('request', note);
  return seen;
}

const fromExtension = (entry: { url: string; by: string }) => entry.by.startsWith('chrome-extension://') || entry.url.startsWith('chrome-extension://');

test('the recorder sees a request the extension’s background makes (so the next test can fail)', async ({ context, background, server }) => {
  const seen = recordRequests(context);
  await background.evaluate((url) => fetch(url).then(() => undefined, () => undefined), `${server.origin}/canary`);
  await expect.poll(() => seen.filter(fromExtension).map((entry) => new URL(entry.url).pathname)).toContain('/canary');
});

test('a full flow makes no request of its own, and no token byte reaches a console or the extension’s UI', async ({
  context,
  page,
  server,
  background,
  extensionId,
}) => {
  const seen = recordRequests(context);
  const logs: string[] = [];
  const listen = (source: { on(event: 'console', listener: (message: { text(): string }) => void): unknown }) => source.on('console', (message) => logs.push(message.text()));
  listen(page);
  listen(background as Worker);

  // Error A, cleared automatically with a backup, the page reloaded and connected again.
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
  await expect(page.locator('.connected')).toBeVisible();
  const [backup] = await backups(background);
  const stale = JSON.parse(backup!.changes[0]!.before!).tokens.operator.token as string;
  const key = backup!.changes[0]!.key;
  const fresh = JSON.parse((await pageStorage(page))[key]!).tokens.operator.token as string;
  expect(stale).toMatch(/^stale-/);
  expect(fresh).toMatch(/^good-/);

  // The popup and the options page, as a user opens them.
  const tabId = await tabIdOf(background, server.origin);
  const popup = await context.newPage();
  listen(popup);
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('dl.facts')).toContainText('OpenClaw Control UI');
  const options = await context.newPage();
  listen(options);
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading').first()).toBeVisible();

  // Undo, confirmed: the newer token is backed up too.
  await banner(page).getByRole('button', { name: 'Undo' }).click();
  await banner(page).getByRole('button', { name: /Replace/ }).click().catch(() => undefined);

  const shown = [await banner(page).textContent(), await popup.locator('body').innerText(), await options.locator('body').innerText()].join('\n');
  for (const secret of [stale, fresh, GOOD_SHARED_TOKEN]) {
    // Any 8 characters in a row of a token are already too many.
    const pieces = [...secret.matchAll(/.{8}/g)].map(([piece]) => piece).filter((piece) => !/^(?:stale-|good-)/.test(piece));
    for (const piece of pieces) {
      expect(shown, 'the extension’s UI').not.toContain(piece);
      expect(logs.join('\n'), 'a console').not.toContain(piece);
    }
  }
  // The popup shows that a device token is stored, masked.
  await popup.reload();
  await expect(popup.locator('dl.facts')).toContainText('••••••••');

  // Every request went to the demo server, from its own pages; none came from the extension.
  expect(seen.filter(fromExtension).filter((entry) => !entry.url.startsWith(`chrome-extension://${extensionId}/`))).toEqual([]);
  expect(seen.filter((entry) => !entry.url.startsWith('chrome-extension://') && !entry.url.startsWith(server.origin))).toEqual([]);
});
