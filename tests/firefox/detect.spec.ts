/**
 * Errors A and B on the demo dashboard (tests/fixtures/demo-dashboard.ts) in real Firefox: the
 * loopback loader, the injected dashboard script, the banner, clear with a backup, Undo, the
 * tab report in session storage (which Firefox keeps from content scripts) and the badge.
 */
import { backups, badgeText, banner, bannerHeading, bannerText, expect, pageStorage, setAutoFix, tabIdOf, tabReports, test } from './fixtures';

const operatorToken = async (page: Parameters<typeof pageStorage>[0]) => {
  const storage = await pageStorage(page);
  const key = Object.keys(storage).find((k) => k.startsWith('openclaw.device.auth.v1'));
  return key ? (JSON.parse(storage[key]!).tokens?.operator?.token as string | undefined) ?? null : null;
};

test('A with "Fix automatically" off: detected, the badge, one click clears with a backup and one reload, Undo restores', async ({ page, server, background }) => {
  await setAutoFix(background, false);
  // Firefox reports a content script's errors to the page's console: there must be none (it
  // once threw `"browser.storage.session" is undefined` on every dashboard load).
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect.poll(() => bannerHeading(page)).toBe('Device token mismatch');
  // The tab's report reached the background: the content script never touches storage.session.
  const tabId = await tabIdOf(background, server.origin);
  expect((await tabReports(background))[tabId]!.lockouts.map((lockout) => lockout.kind)).toEqual(['device-token-mismatch']);
  await expect.poll(() => badgeText(background, tabId)).toBe('!');
  expect(await backups(background)).toEqual([]);
  expect(errors).toEqual([]);
  const stale = await operatorToken(page);
  expect(stale).toMatch(/^stale-/);

  const loads = server.requests('/dash/light');
  await banner(page).getByRole('button', { name: 'Clear stale device token' }).click();
  await expect.poll(() => bannerHeading(page)).toBe('Stale device token cleared');
  await expect.poll(() => page.locator('.connected').count()).toBe(1);
  await page.waitForTimeout(1000);
  expect(server.requests('/dash/light') - loads).toBe(1);
  const [backup, ...more] = await backups(background);
  expect(more).toEqual([]);
  expect(backup!.trigger).toBe('manual');
  expect(backup!.origin).toBe(server.origin);
  expect(JSON.parse(backup!.changes[0]!.before).tokens.operator.token).toBe(stale);
  expect(await operatorToken(page)).toMatch(/^good-/);
  await expect.poll(() => badgeText(background, tabId)).toBe('');

  // Undo puts the backed-up value back (and asks first, since the page has a newer token now).
  await banner(page).getByRole('button', { name: 'Undo' }).click();
  const replace = banner(page).getByRole('button', { name: 'Replace with backup' });
  await expect.poll(() => replace.count()).toBe(1);
  await replace.click();
  await expect.poll(() => operatorToken(page)).toBe(stale);
});

test('A with the default settings: cleared automatically with a backup, and Undo restores it', async ({ page, server, background }) => {
  const loads = server.requests('/dash/shadow');
  await page.goto(`${server.origin}/dash/shadow?scenario=a`);
  await expect.poll(() => bannerHeading(page)).toBe('Stale device token cleared');
  await expect.poll(() => page.locator('.connected').count()).toBe(1);
  await page.waitForTimeout(1000);
  expect(server.requests('/dash/shadow') - loads).toBe(2);
  const [backup] = await backups(background);
  expect(backup!.trigger).toBe('auto');
  const stale = JSON.parse(backup!.changes[0]!.before).tokens.operator.token as string;
  expect(stale).toMatch(/^stale-/);
  expect(await bannerText(page)).toContain('kept a backup');

  await banner(page).getByRole('button', { name: 'Undo' }).click();
  const replace = banner(page).getByRole('button', { name: 'Replace with backup' });
  await expect.poll(() => replace.count()).toBe(1);
  await replace.click();
  await expect.poll(() => operatorToken(page)).toBe(stale);
});

test('B: explained, with the command that shows the token, and nothing is cleared', async ({ page, server, background }) => {
  await page.goto(`${server.origin}/dash/light?scenario=b`);
  await expect.poll(() => bannerHeading(page)).toBe('Gateway token mismatch');
  expect(await bannerText(page)).toContain('openclaw gateway auth-token --show');
  expect(await banner(page).getByRole('button', { name: 'Clear stale device token' }).count()).toBe(0);
  const tabId = await tabIdOf(background, server.origin);
  await expect.poll(() => badgeText(background, tabId)).toBe('!');
  await page.waitForTimeout(1000);
  expect(await backups(background)).toEqual([]);
});

test('a page that is not a dashboard is left alone', async ({ page, server, background }) => {
  await page.goto(`${server.origin}/plain`);
  const before = await pageStorage(page);
  await page.waitForTimeout(1500);
  expect(await page.locator('openclaw-token-fixer').count()).toBe(0);
  expect(await pageStorage(page)).toEqual(before);
  expect(await tabReports(background)).toEqual({});
});
