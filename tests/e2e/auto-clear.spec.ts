import { backups, badgeText, banner, expect, pageStorage, tabIdOf, test } from './fixtures';

test('error A: clears the stale device token automatically, backs it up, reloads once, and Undo asks before overwriting', async ({
  page,
  server,
  background,
}) => {
  const url = `${server.origin}/dash/light?scenario=a`;
  const before = server.requests('/dash/light');
  await page.goto(url);

  // The cleared page connects again and says what was done.
  await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
  await expect(banner(page)).toContainText('openclaw.device.auth.v1:ws://127.0.0.1');
  await expect(page.locator('.connected')).toBeVisible();
  expect(server.requests('/dash/light') - before).toBe(2);

  const storage = await pageStorage(page);
  const key = `openclaw.device.auth.v1:ws://127.0.0.1:${server.port}`;
  const renewed = JSON.parse(storage[key]!);
  expect(renewed.tokens.operator.token).toMatch(/^good-/);
  expect(renewed.deviceId).toMatch(/^d3a0d3b1c3/);
  // Identity, settings and drafts are untouched.
  expect(storage['openclaw-device-identity-v1']).toContain('demo-public');
  expect(storage['openclaw.control.chatComposer.v4:main']).toBe('an unsent draft');

  const [backup] = await backups(background);
  expect(backup!.origin).toBe(server.origin);
  expect(backup!.trigger).toBe('auto');
  expect(backup!.changes.map((c) => c.key)).toEqual([key]);
  expect(JSON.parse(backup!.changes[0]!.before).tokens.operator.token).toMatch(/^stale-/);

  // Never a second reload.
  await page.waitForTimeout(1500);
  expect(server.requests('/dash/light') - before).toBe(2);
  const tabId = await tabIdOf(background, server.origin);
  await expect.poll(() => badgeText(background, tabId)).toBe('');

  // The page stored a newer token since: Undo asks first.
  await banner(page).getByRole('button', { name: 'Undo' }).click();
  await expect(banner(page)).toContainText('newer device token');
  await banner(page).getByRole('button', { name: 'Replace with backup' }).click();
  await expect(banner(page)).toContainText('Restored the backed-up device token');
  expect(JSON.parse((await pageStorage(page))[key]!).tokens.operator.token).toMatch(/^stale-/);
});
