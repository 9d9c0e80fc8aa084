/**
 * "Every dashboard address" in real Firefox: the demo dashboard at `http://openclaw.test:<port>/`
 * (Firefox resolves the name to loopback through `network.dns.localDomains`), added from the
 * options page. The e2e build declares that host, so Firefox grants it at install and the
 * options page's `permissions.request` resolves without a prompt; the content script still
 * waits until the site is added, and is registered at runtime (`scripting.registerContentScripts`).
 */
import type { Page } from 'playwright-core-ff';
import { backups, banner, bannerHeading, expect, openExtensionPage, pageStorage, registeredSites, TEST_HOST, test } from './fixtures';

test.use({ e2eBuild: true });

const operatorToken = async (page: Page, key: string) => JSON.parse((await pageStorage(page))[key] ?? 'null')?.tokens?.operator?.token ?? null;
const statusText = (page: Page) => page.getByRole('status').textContent().catch(() => null);

test('a dashboard at an added address: nothing before it is added; after, the banner and the automatic clear with a backup; Remove stops it', async ({
  context,
  background,
  server,
}) => {
  const origin = `http://${TEST_HOST}:${server.port}`;
  const url = `${origin}/dash/light?scenario=a`;
  const deviceKey = `openclaw.device.auth.v1:ws://${TEST_HOST}:${server.port}`;

  // Not added yet: the dashboard shows A, and the extension does not run there.
  const before = await context.newPage();
  await before.goto(url);
  await expect.poll(() => before.locator('.callout.danger').textContent()).toContain('device token mismatch');
  await before.waitForTimeout(1500);
  expect(await before.locator('openclaw-token-fixer').count()).toBe(0);
  expect(await operatorToken(before, deviceKey)).toMatch(/^stale-/);
  expect(await registeredSites(background)).toEqual([]);
  await before.close();

  // Added from the options page, as a user does.
  const options = await openExtensionPage(context, background, '/options.html');
  await options.getByRole('textbox', { name: 'Dashboard address' }).fill(`${origin}/`);
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => statusText(options)).toContain(`Added ${origin}/`);
  expect(await registeredSites(background)).toEqual([`http://${TEST_HOST}/*`]);

  const page = await context.newPage();
  const loads = server.requests('/dash/light');
  await page.goto(url);
  await expect.poll(() => bannerHeading(page)).toBe('Stale device token cleared');
  await expect.poll(() => page.locator('.connected').count()).toBe(1);
  await page.waitForTimeout(1000);
  expect(server.requests('/dash/light') - loads).toBe(2);
  const [backup, ...more] = await backups(background);
  expect(more).toEqual([]);
  expect(backup!.origin).toBe(origin);
  expect(backup!.trigger).toBe('auto');
  expect(backup!.changes.map((change) => change.key)).toEqual([deviceKey]);
  expect(await operatorToken(page, deviceKey)).toMatch(/^good-/);

  // Remove: the registration goes, and a new tab with A sees no banner.
  await options.getByRole('button', { name: `Remove ${origin}/` }).click();
  await expect.poll(() => statusText(options)).toContain(`Removed ${origin}/`);
  expect(await registeredSites(background)).toEqual([]);
  const again = await context.newPage();
  await again.goto(`${url}&tab=again`);
  await expect.poll(() => again.locator('.callout.danger').textContent()).toContain('device token mismatch');
  await again.waitForTimeout(1500);
  expect(await again.locator('openclaw-token-fixer').count()).toBe(0);
  expect(await banner(again).count()).toBe(0);
  expect(await backups(background)).toHaveLength(1);
});
