import { banner, expect, setAutoFix, tabIdOf, test } from './fixtures';

test.beforeEach(async ({ background }) => setAutoFix(background, false));

test('the banner reopens the dashboard in a private window, without the query or hash', async ({ page, context, server }) => {
  await page.goto(`${server.origin}/dash/light?scenario=a#token=secret`);
  const opened = context.waitForEvent('page');
  await banner(page).getByRole('button', { name: 'Open in private window' }).click();
  const privatePage = await opened;
  expect(privatePage.url()).toBe(`${server.origin}/dash/light`);
  // Chrome resolves null when the extension is not allowed in incognito: still a success.
  await expect(banner(page)).toContainText('Opened a private window');
});

test.describe('allowed in incognito', () => {
  test.use({ allowIncognito: true });

  test('the popup reopens the tab’s dashboard in a private window', async ({ page, context, server, background, extensionId }) => {
    expect(await background.evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(true);
    await page.goto(`${server.origin}/dash/light?scenario=b`);
    await expect(banner(page)).toBeVisible();
    const tabId = await tabIdOf(background, server.origin);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    const opened = context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Reopen in private window' }).click();
    const privatePage = await opened;
    expect(privatePage.url()).toBe(`${server.origin}/dash/light`);
    expect(await background.evaluate(async () => (await chrome.windows.getAll()).some((w) => w.incognito))).toBe(true);
  });
});
