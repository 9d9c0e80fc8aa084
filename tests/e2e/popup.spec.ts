import type { BrowserContext } from '@playwright/test';
import { backups, banner, expect, pageStorage, screenshotPath, setAutoFix, tabIdOf, test } from './fixtures';
import { loginCardTexts } from '../fixtures/dashboard-texts';
import { DEVICE_ID } from '../fixtures/demo-dashboard';
import { fetchReleaseUi } from '../fixtures/release-cache';


test.beforeEach(async ({ background }) => setAutoFix(background, false));

test('diagnoses the dashboard tab, masks the token, fills in commands, and clears and undoes from the popup', async ({
  page,
  context,
  server,
  background,
  extensionId,
}) => {
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect(banner(page)).toBeVisible();
  await page.setViewportSize({ width: 1000, height: 560 });
  await page.screenshot({ path: screenshotPath('banner.png') });
  const token = JSON.parse((await pageStorage(page))[`openclaw.device.auth.v1:ws://127.0.0.1:${server.port}`]!).tokens.operator.token;

  const tabId = await tabIdOf(background, server.origin);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 900 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);

  const facts = popup.locator('dl.facts');
  await expect(facts).toContainText('OpenClaw Control UI');
  await expect(facts).toContainText(`ws://127.0.0.1:${server.port}`);
  await expect(facts.locator('dd.error')).toHaveText('Device token mismatch');
  await expect(facts).toContainText('stored ••••••••');
  await expect(facts).toContainText('present');
  await expect(popup.locator('body')).not.toContainText(token);
  // The answer first: the lock-out and the one next step; the whole guide opens below it.
  await expect(popup.locator('section.answer h2')).toHaveText('Device token mismatch');
  await expect(popup.locator('section.answer .next')).toContainText('Clear the stale device token');
  await popup.getByText('How to fix it').click();
  await expect(popup.locator('code', { hasText: `openclaw devices rotate --device ${DEVICE_ID} --role operator` })).toBeVisible();
  await expect(popup.getByText('no release has them')).toBeVisible();
  await popup.screenshot({ path: screenshotPath('popup.png'), fullPage: true });

  // The paste box diagnoses any text.
  await popup.getByLabel('Paste an error message').fill('gateway closed (1008): unauthorized: gateway token mismatch (provide gateway auth token)');
  await expect(popup.locator('.pasted h3')).toHaveText(['Gateway token mismatch']);
  await expect(popup.locator('.pasted')).toContainText('docker compose down && docker compose up -d');
  await popup.getByLabel('Paste an error message').fill('hello');
  await expect(popup.getByText('No OpenClaw lock-out found in this text.')).toBeVisible();

  // Clear from the popup: the dashboard reloads once and gets a new token.
  const loads = server.requests('/dash/light');
  await popup.getByRole('button', { name: 'Clear stale device token' }).click();
  await expect(popup.getByRole('status')).toContainText('Cleared openclaw.device.auth.v1:');
  await expect(page.locator('.connected')).toBeVisible();
  await expect(popup.locator('dl.facts dd.error')).toHaveCount(0);
  // The page reconnected with a new device token: no lock-out left to lead with.
  await expect(popup.locator('section.answer h2')).toHaveText('No lock-out on this tab');
  expect(server.requests('/dash/light') - loads).toBe(1);
  expect(await backups(background)).toHaveLength(1);

  // Undo from the popup: the dashboard has a newer token, so it asks first.
  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect(popup.getByRole('status')).toContainText('newer device token');
  await popup.getByRole('button', { name: 'Keep the newer token' }).click();
  expect(JSON.parse((await pageStorage(page))[`openclaw.device.auth.v1:ws://127.0.0.1:${server.port}`]!).tokens.operator.token).toMatch(/^good-/);
  await popup.getByRole('button', { name: 'Undo' }).click();
  await popup.getByRole('button', { name: 'Replace with backup' }).click();
  await expect(popup.getByRole('status')).toContainText('Restored');
  expect(JSON.parse((await pageStorage(page))[`openclaw.device.auth.v1:ws://127.0.0.1:${server.port}`]!).tokens.operator.token).toBe(token);
});

test('the popup on a page that is not a dashboard still diagnoses pasted text, and the setting sticks', async ({ context, background, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=999999`);
  await expect(popup.getByText('This tab is not an OpenClaw dashboard')).toBeVisible();
  await popup.getByLabel('Paste an error message').fill('disconnected (1008): unauthorized: device token mismatch (rotate/reissue device token)');
  await expect(popup.locator('.pasted h3')).toHaveText(['Device token mismatch']);

  const autoFix = popup.getByRole('checkbox', { name: /Fix automatically/ });
  await expect(autoFix).not.toBeChecked();
  await autoFix.check();
  await expect.poll(() => background.evaluate(async () => (await chrome.storage.local.get('settings')).settings)).toMatchObject({ autoFix: true });
});

test.describe('the paste box reads where a text came from', () => {
  const paste = async (context: BrowserContext, extensionId: string, text: string) => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=999999`);
    await popup.getByLabel('Paste an error message').fill(text);
    return popup;
  };

  test('a CLI error gets the CLI’s fix, and no step touches this browser', async ({ context, extensionId }) => {
    const popup = await paste(context, extensionId, 'gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)');
    await expect(popup.locator('.pasted .source').first()).toContainText('the openclaw CLI in a terminal');
    // Said once, not in the source line and the guide both.
    expect((await popup.locator('.pasted').textContent())!.match(/storage is not involved/g)).toHaveLength(1);
    await expect(popup.locator('.pasted h3')).toHaveCount(1);
    await expect(popup.locator('.pasted code').filter({ hasText: 'openclaw config set gateway.remote.token' })).not.toHaveCount(0);
    await expect(popup.locator('.pasted')).not.toContainText(/clear (the )?stale device token/i);
    await popup.screenshot({ path: '.output/paste-cli.png', fullPage: true });
  });

  test('a gateway log line is read by its reason code', async ({ context, extensionId }) => {
    const popup = await paste(
      context,
      extensionId,
      '2026-11-28T09:14:03.512Z [ws] unauthorized conn=7f3c remote=192.168.1.40 client=openclaw-control-ui webchat v2026.9.6 reason=token_missing',
    );
    await expect(popup.locator('.pasted .source').first()).toContainText('a gateway log');
    await expect(popup.locator('.pasted h3')).toHaveText(['Gateway token missing']);
  });

  test('a login card’s text in Japanese, copied from a real 2026.9.6 dashboard, is read as its lock-out', async ({ context, extensionId }) => {
    const texts = loginCardTexts(fetchReleaseUi('openclaw', '2026.9.6').uiDir, 'ja');
    const title = texts.get('login.failure.authFailed.title');
    const summary = texts.get('login.failure.authFailed.summary');
    expect(title, 'the Japanese bundle has the card').toBeTruthy();
    const popup = await paste(context, extensionId, `${title}\n${summary ?? ''}`);
    await expect(popup.locator('.pasted h3')).toHaveText(['Gateway token mismatch']);
  });
});
