import { banner, expect, setAutoFix, test } from './fixtures';

/** The extension in a German browser: the banner and its buttons in German, the commands as they are. */
test.describe('in a German browser', () => {
  test.use({ uiLanguage: 'de' });

  test('shows the banner in German', async ({ page, server, background }) => {
    const language = await background.evaluate(() => chrome.i18n.getUILanguage());
    expect(language, 'Chromium has no German: `apt-get install -y chromium-l10n`').toMatch(/^de/);
    await setAutoFix(background, false);
    await page.goto(`${server.origin}/dash/light?scenario=both`);
    await expect(banner(page).getByRole('heading')).toHaveText('Gateway-Token stimmt nicht überein und Geräte-Token stimmt nicht überein');
    await expect(banner(page)).toContainText('Das Gateway-Token dieser Seite ist nicht das aktuelle des Gateways');
    await expect(banner(page).getByRole('button', { name: 'Veraltetes Geräte-Token löschen' })).toBeVisible();
    await expect(banner(page).getByRole('button', { name: 'Schließen (Esc)' })).toBeVisible();
    // Commands stay commands.
    await expect(banner(page).locator('code', { hasText: 'openclaw gateway auth-token --show' }).first()).toBeVisible();
    // The manifest's name and description come from the German messages too.
    const manifest = await background.evaluate(() => ({ name: chrome.i18n.getMessage('extName'), description: chrome.i18n.getMessage('extDescription') }));
    expect(manifest.description).toMatch(/^Behebt „device token mismatch“/);
  });
});

test('in an English browser the banner stays English', async ({ page, server, background }) => {
  await setAutoFix(background, false);
  await page.goto(`${server.origin}/dash/light?scenario=both`);
  await expect(banner(page).getByRole('heading')).toHaveText('Gateway token mismatch and Device token mismatch');
});
