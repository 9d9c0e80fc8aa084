/**
 * Firefox runs an MV3 background as an event page and suspends it when idle (Chrome's service
 * worker stops likewise). Everything the background knows must survive that: a dashboard opened
 * after the suspension wakes it with the loader's message, gets the dashboard script injected,
 * and its report and backup land in storage as before.
 */
import { backups, bannerHeading, expect, tabIdOf, test } from './fixtures';

test('after Firefox suspends the event page, a dashboard with error A wakes it: banner, report and backup as usual', async ({ page, server, background }) => {
  // Something in storage first, to see that it survives the suspension.
  await background.evaluate(`browser.storage.local.set({ settings: { autoFix: true } })`);
  await background.terminate();
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect.poll(() => bannerHeading(page)).toBe('Stale device token cleared');
  await expect.poll(() => page.locator('.connected').count()).toBe(1);
  expect(await tabIdOf(background, server.origin)).toBeGreaterThan(0);
  const [backup] = await backups(background);
  expect(backup!.trigger).toBe('auto');
});
