/**
 * "Every dashboard address": the extension on a dashboard away from loopback. The demo
 * dashboard is served at `http://openclaw.test:<port>/` (the browser maps the name to
 * 127.0.0.1). The e2e build declares that host, so adding it needs no permission prompt, but
 * the content script must still wait until the user adds the site: from the options page, or
 * from the popup's "Always run on …".
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import {
  addSiteFromOptions,
  backups,
  badgeText,
  banner,
  expect,
  pageStorage,
  registeredSites,
  screenshotPath,
  tabIdByUrl,
  TEST_HOSTS,
  test,
} from './fixtures';

test.use({ e2eBuild: true });

const SITE_PATTERN = `http://${TEST_HOSTS.plain}/*`;

/** The demo dashboard at a non-loopback name, its storage key for the device token, and a page showing error A. */
function demoAt(port: number) {
  const origin = `http://${TEST_HOSTS.plain}:${port}`;
  return { origin, url: `${origin}/dash/light?scenario=a`, deviceKey: `openclaw.device.auth.v1:ws://${TEST_HOSTS.plain}:${port}` };
}

/**
 * The automatic clear reloaded the demo and it connected. While waiting, the poll reads the
 * banner's status line, so a failed clear fails with the banner's own words.
 */
async function expectClearedAndConnected(page: Page) {
  // Reads that never wait: the page reloads in between, and a waiting read would outlast the poll.
  const state = async () => ((await page.locator('.connected').count()) ? 'connected' : (await banner(page).locator('p.status').allTextContents()).join(' ') || 'waiting');
  await expect
    .poll(() => state().catch(() => 'reloading'), { message: 'the demo reconnects after the automatic clear (else: what the banner says)' })
    .toBe('connected');
}

const operatorToken = async (page: Page, key: string) => JSON.parse((await pageStorage(page))[key] ?? 'null')?.tokens?.operator?.token ?? null;

/**
 * The extension is working (its banner is up on a loopback copy of the demo), and yet `page`
 * shows nothing: no banner, no report, no badge, and its stale token is still there.
 */
async function expectUntouched(context: BrowserContext, background: Worker, page: Page, loopbackUrl: string, deviceKey: string) {
  const control = await context.newPage();
  await control.goto(loopbackUrl.replace('scenario=a', 'scenario=b')); // B clears nothing, so the control leaves no backup
  await expect(banner(control)).toBeVisible();
  await control.close();
  await page.waitForTimeout(500);
  await expect(page.locator('openclaw-token-fixer')).toHaveCount(0);
  expect(await operatorToken(page, deviceKey)).toMatch(/^stale-/);
  // Not even a report: a tab the content script runs in reports itself to the background.
  const tabId = await tabIdByUrl(background, page.url());
  const reports = await background.evaluate(async () => ((await chrome.storage.session.get('tabs')).tabs ?? {}) as Record<string, unknown>);
  expect(reports[tabId]).toBeUndefined();
  expect(await badgeText(background, tabId)).toBe('');
}

test('a dashboard at an address that was not added sees nothing: no banner, and nothing is cleared', async ({ context, background, server }) => {
  const demo = demoAt(server.port);
  const page = await context.newPage();
  await page.goto(demo.url);
  await expect(page.locator('.callout.danger')).toContainText('device token mismatch');
  await expectUntouched(context, background, page, `${server.origin}/dash/light?scenario=a`, demo.deviceKey);
  expect(await backups(background)).toEqual([]);
  expect(await registeredSites(background)).toEqual([]);
});

test('added from the options page: the banner and the automatic clear with a backup; Remove makes it stop', async ({
  context,
  background,
  extensionId,
  server,
}) => {
  const demo = demoAt(server.port);
  await addSiteFromOptions(context, extensionId, `${demo.origin}/`);
  expect(await registeredSites(background)).toEqual([SITE_PATTERN]);

  // A second address (Tailscale Serve style), and the README's screenshot of the list.
  const options = await context.newPage();
  await options.setViewportSize({ width: 820, height: 640 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('button', { name: `Remove ${demo.origin}/` })).toBeVisible();
  await options.getByRole('textbox', { name: 'Dashboard address' }).fill(`https://${TEST_HOSTS.secure}/openclaw/`);
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(options.getByRole('status')).toContainText(`Added https://${TEST_HOSTS.secure}/openclaw/`);
  await expect(options.getByRole('button', { name: /^Remove / })).toHaveCount(2);
  await options.getByRole('textbox', { name: 'Dashboard address' }).blur();
  await options.screenshot({ path: screenshotPath('options.png'), fullPage: true });
  expect((await registeredSites(background)).sort()).toEqual([SITE_PATTERN, `https://${TEST_HOSTS.secure}/*`]);

  // Fix automatically is on by default: the stale token is backed up, cleared, and the page reloaded once.
  const page = await context.newPage();
  const loads = server.requests('/dash/light');
  await page.goto(demo.url);
  await expect(banner(page)).toBeVisible();
  await expectClearedAndConnected(page);
  expect(server.requests('/dash/light') - loads).toBe(2);
  const [backup, ...more] = await backups(background);
  expect(more).toEqual([]);
  expect(backup!.origin).toBe(demo.origin);
  expect(backup!.trigger).toBe('auto');
  expect(backup!.changes.map((change) => change.key)).toEqual([demo.deviceKey]);
  expect(JSON.parse(backup!.changes[0]!.before).tokens.operator.token).toMatch(/^stale-/);
  expect(await operatorToken(page, demo.deviceKey)).toMatch(/^good-/);
  await expect(banner(page)).toContainText(/cleared/i);

  // Remove: the content script is unregistered for that host (the other address stays).
  await options.getByRole('button', { name: `Remove ${demo.origin}/` }).click();
  await expect(options.getByRole('status')).toContainText(`Removed ${demo.origin}/`);
  await expect(options.getByRole('button', { name: /^Remove / })).toHaveCount(1);
  expect(await registeredSites(background)).toEqual([`https://${TEST_HOSTS.secure}/*`]);

  // A new tab with error A again: the extension no longer runs there.
  const again = await context.newPage();
  await again.goto(`${demo.url}&tab=again`); // its own address, to find its tab by
  await expect(again.locator('.callout.danger')).toContainText('device token mismatch');
  await expectUntouched(context, background, again, `${server.origin}/dash/light?scenario=a`, demo.deviceKey);
  // And the first tab, reloaded, shows A again (the new tab stored a stale token for the origin), with no banner.
  await page.reload();
  await expect(page.locator('.callout.danger')).toContainText('device token mismatch');
  await page.waitForTimeout(500);
  await expect(page.locator('openclaw-token-fixer')).toHaveCount(0);
  expect(await backups(background)).toHaveLength(1);
});

test('added from the popup: "Always run on …" on a dashboard the extension does not run on, then a reload starts it', async ({
  context,
  background,
  extensionId,
  server,
}) => {
  const demo = demoAt(server.port);
  const page = await context.newPage();
  await page.goto(demo.url);
  await expect(page.locator('.callout.danger')).toContainText('device token mismatch');
  const tabId = await tabIdByUrl(background, demo.origin);

  // The popup looks once (the e2e build may access the host; a user's click grants activeTab).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  const facts = popup.locator('dl.facts');
  await expect(facts).toContainText('OpenClaw Control UI');
  await expect(facts).toContainText(`ws://${TEST_HOSTS.plain}:${server.port}`);
  await expect(facts.locator('dd.error')).toHaveText('Device token mismatch');
  await expect(popup.getByText("The extension doesn't run on this address yet")).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Clear stale device token' })).toHaveCount(0);
  // Looking changed nothing.
  expect(await operatorToken(page, demo.deviceKey)).toMatch(/^stale-/);
  expect(await registeredSites(background)).toEqual([]);

  await popup.getByRole('button', { name: `Always run on ${demo.origin}` }).click();
  await expect(popup.getByRole('status')).toHaveText('Added. Reload the dashboard to start.');
  expect(await registeredSites(background)).toEqual([SITE_PATTERN]);
  expect(await backups(background)).toEqual([]);
  expect(await operatorToken(page, demo.deviceKey)).toMatch(/^stale-/);

  await popup.getByRole('button', { name: 'Reload the tab' }).click();
  await expect(banner(page)).toBeVisible();
  await expectClearedAndConnected(page);
  expect((await backups(background)).flatMap((b) => b.changes.map((c) => c.key))).toEqual([demo.deviceKey]);
  expect(await operatorToken(page, demo.deviceKey)).toMatch(/^good-/);

  // The options page lists what the popup added (the tab's address, for its whole host).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('button', { name: /^Remove / })).toHaveCount(1);
  await expect(options.getByRole('button', { name: /^Remove / })).toHaveAccessibleName(new RegExp(`^Remove ${demo.origin.replace(/[.]/g, '\\.')}/`));
});
