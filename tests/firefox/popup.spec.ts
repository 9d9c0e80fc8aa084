/**
 * The popup in real Firefox, opened in a tab for the dashboard's tab (`popup.html?tabId=`), as
 * the Chromium suite does: what it shows, its clear, and the private window, which Firefox
 * refuses until the user allows "Run in Private Windows".
 */
import type { Page } from 'playwright-core-ff';
import { ADDON_ID, backups, expect, openExtensionPage, pageStorage, setAutoFix, tabIdOf, test } from './fixtures';

// A read that gives up after a second, so `expect.poll` keeps its own timing.
const text = (page: Page, selector: string) => page.locator(selector).first().textContent({ timeout: 1000 }).catch(() => null);

test('the popup names error A and clears it; "Reopen in private window" explains how to allow it and offers the link', async ({
  context,
  page,
  server,
  background,
}) => {
  await setAutoFix(background, false);
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  const tabId = await tabIdOf(background, server.origin);
  const popup = await openExtensionPage(context, background, `/popup.html?tabId=${tabId}`);
  await expect.poll(() => text(popup, 'dl.facts dd.error')).toBe('Device token mismatch');

  // Firefox rejects `windows.create({ incognito: true })` while the add-on may not run in
  // private windows: the popup says how to allow it, and gives the link and the shortcut.
  await popup.getByRole('button', { name: 'Reopen in private window' }).click();
  await expect.poll(() => text(popup, '[role=status]')).toContain('Run in Private Windows');
  expect(await text(popup, '[role=status]')).toContain('Ctrl+Shift+P');
  expect(await popup.getByRole('button', { name: 'Copy link' }).count()).toBe(1);
  expect(context.pages().filter((p) => p.url().startsWith(server.origin))).toHaveLength(1);

  const loads = server.requests('/dash/light');
  await popup.getByRole('button', { name: 'Clear stale device token' }).click();
  await expect.poll(async () => (await backups(background)).length).toBe(1);
  await expect.poll(() => page.locator('.connected').count()).toBe(1);
  expect(server.requests('/dash/light') - loads).toBe(1);
  const key = Object.keys(await pageStorage(page)).find((k) => k.startsWith('openclaw.device.auth.v1'))!;
  expect(JSON.parse((await pageStorage(page))[key]!).tokens.operator.token).toMatch(/^good-/);
});

test('with "Run in Private Windows" allowed, "Reopen in private window" opens the dashboard in a private window', async ({ context, page, server, background }) => {
  // What about:addons' "Run in Private Windows" switch does (it has no pref and no API).
  await background.evaluateAsBrowser(
    `ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs').ExtensionPermissions.add(${JSON.stringify(ADDON_ID)}, { permissions: ['internal:privateBrowsingAllowed'], origins: [] }, WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension).then(() => true)`,
  );
  await expect.poll(() => background.evaluate<boolean>(`browser.extension.isAllowedIncognitoAccess()`)).toBe(true);
  await setAutoFix(background, false);
  await page.goto(`${server.origin}/dash/light?scenario=a#token=not-to-be-carried`);
  const tabId = await tabIdOf(background, server.origin);
  const popup = await openExtensionPage(context, background, `/popup.html?tabId=${tabId}`);
  await popup.getByRole('button', { name: 'Reopen in private window' }).click();
  await expect.poll(() => text(popup, '.status')).toBe('Opened a private window.');
  const windows = await background.evaluate<{ incognito: boolean; tabs: { url?: string }[] }[]>(
    `browser.windows.getAll({ populate: true }).then((all) => all.map((w) => ({ incognito: w.incognito, tabs: w.tabs.map((t) => ({ url: t.url })) })))`,
  );
  const privateWindows = windows.filter((w) => w.incognito);
  expect(privateWindows).toHaveLength(1);
  // Origin and path only: the `#token=` stays behind.
  expect(privateWindows[0]!.tabs.map((t) => t.url)).toEqual([`${server.origin}/dash/light`]);
});
