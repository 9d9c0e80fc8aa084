import { fetchReleaseUi } from '../fixtures/release-cache';
import { startStandInGateway } from '../fixtures/stand-in-gateway';
import { banner, expect, screenshotPath, setAutoFix, storedDevice, tabIdOf, test } from './fixtures';

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

  test('shows the popup and the options page in German', async ({ context, page, server, background, extensionId }) => {
    await setAutoFix(background, false);
    await page.goto(`${server.origin}/dash/light?scenario=a`);
    await expect(banner(page).getByRole('heading')).toHaveText('Geräte-Token stimmt nicht überein');
    const tabId = await tabIdOf(background, server.origin);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await expect(popup.locator('html')).toHaveAttribute('lang', /^de/);
    await expect(popup.getByRole('heading', { name: 'Dieser Tab' })).toBeVisible();
    await expect(popup.locator('dd.error')).toHaveText('Geräte-Token stimmt nicht überein');
    await expect(popup.getByRole('button', { name: 'Veraltetes Geräte-Token löschen' })).toBeVisible();
    // The README's German popup: what fits Chrome's popup (at most 800×600) without scrolling.
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.screenshot({ path: screenshotPath('popup-de-light.png') });
    await popup.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(popup).toHaveTitle('OpenClaw Token Fixer: Dashboard-Adressen und Einstellungen');
    await expect(popup.getByRole('heading', { name: 'Dashboard-Adressen' })).toBeVisible();
  });
});

test.describe('in a German browser, on a real 2026.9.6 dashboard', () => {
  test.use({ uiLanguage: 'de', colorScheme: 'light' });

  test('the banner names the stale device token in German, above the dashboard’s own (German) login card', async ({ context }) => {
    test.setTimeout(120_000);
    const SECRET = 'the-right-gateway-token-0123456789';
    const ui = fetchReleaseUi('openclaw', '2026.9.6');
    const gateway = await startStandInGateway({ uiDir: ui.uiDir, version: '2026.9.6', secret: SECRET });
    try {
      // Paired, then the token rotated on the gateway: 9.6 drops the stale token itself, and the banner says what is next.
      const first = await context.newPage();
      await first.goto(`${gateway.origin}/#token=${SECRET}`);
      await expect.poll(async () => (await storedDevice(first)).token, { timeout: 20_000 }).toBeTruthy();
      await first.close();
      gateway.rotateDeviceTokens();
      const page = await context.newPage();
      await page.setViewportSize({ width: 1100, height: 640 });
      await page.goto(`${gateway.origin}/`);
      await expect(banner(page).getByRole('heading')).toHaveText('Geräte-Token stimmt nicht überein', { timeout: 20_000 });
      await expect(banner(page)).toContainText('Als Nächstes fügen Sie das Gateway-Token');
      await expect(banner(page).locator('code', { hasText: 'openclaw gateway auth-token --show' })).toBeVisible();
      await page.screenshot({ path: screenshotPath('banner-2026.9.6-de-light.png') });
    } finally {
      await gateway.close();
    }
  });
});

test('in an English browser the banner stays English', async ({ page, server, background }) => {
  await setAutoFix(background, false);
  await page.goto(`${server.origin}/dash/light?scenario=both`);
  await expect(banner(page).getByRole('heading')).toHaveText('Gateway token mismatch and Device token mismatch');
});
