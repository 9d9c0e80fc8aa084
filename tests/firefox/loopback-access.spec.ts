/**
 * Firefox treats an MV3 add-on's host permissions as the user's to withdraw (about:addons →
 * Permissions, or the extensions menu). Withdrawn, the loopback loader stops running; the
 * popup says so and offers to ask for it back from the user's click. Firefox's answer to that
 * request is a prompt a headless run cannot click, so the grant is simulated by the background
 * (as about:addons would) and a reload brings the banner back; the click's request itself is a
 * unit test (components/LoopbackAccess.test.tsx) and on the README's manual check list.
 */
import { LOOPBACK_MATCHES } from '../../core/site-address';
import { ADDON_ID, bannerHeading, expect, openExtensionPage, setAutoFix, test } from './fixtures';

test('loopback access withdrawn: no banner; the popup says so and offers it back; allowed again, a reload brings the banner back', async ({ context, page, server, background }) => {
  await setAutoFix(background, false);
  // What the Permissions tab's switch does.
  expect(await background.evaluate<boolean>(`browser.permissions.remove({ origins: ${JSON.stringify(LOOPBACK_MATCHES)} })`)).toBe(true);
  expect(await background.evaluate<boolean>(`browser.permissions.contains({ origins: ['http://127.0.0.1/*'] })`)).toBe(false);

  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect.poll(() => page.locator('.callout.danger').textContent()).toContain('device token mismatch');
  await page.waitForTimeout(1500);
  expect(await page.locator('openclaw-token-fixer').count()).toBe(0);

  const tabId = await background.evaluate<number>(`browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab.id)`);
  const popup = await openExtensionPage(context, background, `/popup.html?tabId=${tabId}`);
  const allow = popup.getByRole('button', { name: 'Allow on local addresses' });
  await expect.poll(async () => ((await allow.count()) ? 'shown' : await popup.locator('main').textContent({ timeout: 1000 }).catch(() => null))).toBe('shown');
  expect(await popup.getByRole('region', { name: 'Access to local addresses' }).textContent()).toContain('may not run on local addresses');

  // The user allows it again, with the call about:addons' Permissions switch makes (the
  // button's own request would show Firefox's prompt, which no headless run can answer).
  await background.evaluateAsBrowser(
    `ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs').ExtensionPermissions.add(${JSON.stringify(ADDON_ID)}, { permissions: [], origins: ${JSON.stringify(LOOPBACK_MATCHES)} }, WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension).then(() => true)`,
  );
  expect(await background.evaluate<boolean>(`browser.permissions.contains({ origins: ${JSON.stringify(LOOPBACK_MATCHES)} })`)).toBe(true);

  await page.reload();
  await expect.poll(() => bannerHeading(page)).toBe('Device token mismatch');
});

test('with loopback access granted (as at install), the popup shows no such notice', async ({ context, page, server, background }) => {
  await page.goto(`${server.origin}/dash/light?scenario=b`);
  await expect.poll(() => bannerHeading(page)).toBe('Gateway token mismatch');
  const tabId = await background.evaluate<number>(`browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab.id)`);
  const popup = await openExtensionPage(context, background, `/popup.html?tabId=${tabId}`);
  await expect.poll(() => popup.locator('dl.facts dd.error').textContent().catch(() => null)).toBe('Gateway token mismatch');
  expect(await popup.getByRole('button', { name: 'Allow on local addresses' }).count()).toBe(0);
});
