import { backups, badgeText, banner, expect, pageStorage, setAutoFix, tabIdOf, test } from './fixtures';

const A_HEADING = 'Device token mismatch';

test.describe('with “Fix automatically” off', () => {
  test.beforeEach(async ({ background }) => setAutoFix(background, false));

  for (const placement of ['light', 'shadow', 'details'] as const) {
    test(`detects error A in the ${placement} DOM and offers the clear`, async ({ page, server, background }) => {
      await page.goto(`${server.origin}/dash/${placement}?scenario=a`);
      await expect(banner(page).getByRole('heading')).toHaveText(A_HEADING);
      await expect(banner(page)).toHaveAttribute('role', 'alert');
      await expect(banner(page).getByRole('button', { name: 'Clear stale device token' })).toBeVisible();
      const tabId = await tabIdOf(background, server.origin);
      await expect.poll(() => badgeText(background, tabId)).toBe('!');
      // Nothing was changed without the user's click.
      expect(await backups(background)).toEqual([]);
    });
  }

  test('detects error A that appears late', async ({ page, server }) => {
    await page.goto(`${server.origin}/dash/late?scenario=a`);
    await page.waitForTimeout(300);
    await expect(page.locator('openclaw-token-fixer')).toHaveCount(0);
    await expect(banner(page).getByRole('heading')).toHaveText(A_HEADING);
  });

  test('clears in one click, with a backup and exactly one reload', async ({ page, server, background }) => {
    await page.goto(`${server.origin}/dash/light?scenario=a`);
    const loads = server.requests('/dash/light');
    await banner(page).getByRole('button', { name: 'Clear stale device token' }).click();
    await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
    await expect(page.locator('.connected')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(server.requests('/dash/light') - loads).toBe(1);
    const [backup] = await backups(background);
    expect(backup!.trigger).toBe('manual');
    expect(JSON.parse((await pageStorage(page))[backup!.changes[0]!.key]!).tokens.operator.token).toMatch(/^good-/);
  });

  test('names both errors, gateway token first', async ({ page, server }) => {
    await page.goto(`${server.origin}/dash/light?scenario=both`);
    await expect(banner(page).getByRole('heading')).toHaveText('Gateway token mismatch and Device token mismatch');
  });

  test('never covers the dashboard’s login form, and Escape dismisses it', async ({ page, server }) => {
    await page.goto(`${server.origin}/dash/light?scenario=a`);
    await expect(banner(page)).toBeVisible();
    const bannerBox = (await page.locator('openclaw-token-fixer').boundingBox())!;
    for (const selector of ['.login-gate__card', '#login-gate-credential', '.login-gate__connect']) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.y, selector).toBeGreaterThanOrEqual(bannerBox.y + bannerBox.height);
    }
    await page.keyboard.press('Escape');
    await expect(page.locator('openclaw-token-fixer')).toHaveCount(0);
  });
});

test('error B: explains, clears nothing', async ({ page, server, background }) => {
  await page.goto(`${server.origin}/dash/light?scenario=b`);
  await expect(banner(page).getByRole('heading')).toHaveText('Gateway token mismatch');
  await expect(banner(page)).toContainText('openclaw gateway auth-token --show');
  await expect(banner(page).getByRole('button', { name: 'Clear stale device token' })).toHaveCount(0);
  const tabId = await tabIdOf(background, server.origin);
  await expect.poll(() => badgeText(background, tabId)).toBe('!');
  await page.waitForTimeout(500);
  expect(await backups(background)).toEqual([]);
});

test('both errors: clears the device token automatically, then explains the gateway token', async ({ page, server, background }) => {
  const loads = server.requests('/dash/light');
  await page.goto(`${server.origin}/dash/light?scenario=both`);
  await expect(banner(page).getByRole('heading')).toHaveText('Gateway token mismatch');
  await expect(banner(page)).toContainText('the extension cleared this page’s saved device token');
  await page.waitForTimeout(1000);
  expect(server.requests('/dash/light') - loads).toBe(2);
  expect(await backups(background)).toHaveLength(1);
});

test('a page that is not a dashboard is left alone, even with the same text', async ({ page, server, background }) => {
  await page.goto(`${server.origin}/plain`);
  const before = await pageStorage(page);
  await page.waitForTimeout(1500);
  await expect(page.locator('openclaw-token-fixer')).toHaveCount(0);
  expect(await pageStorage(page)).toEqual(before);
  expect(await backups(background)).toEqual([]);
  expect(await background.evaluate(async () => (await chrome.storage.session.get('tabs')).tabs ?? {})).toEqual({});
});
