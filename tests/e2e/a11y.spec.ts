/**
 * Accessibility (issue 11): axe on the popup, the options page and the banner (on a real Control
 * UI release), in light and dark; the flow from the keyboard; the banner never takes the focus
 * from the dashboard's login form; status changes are announced once; reduced motion.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fetchReleaseUi } from '../fixtures/release-cache';
import { startStandInGateway } from '../fixtures/stand-in-gateway';
import { backups, banner, expect, screenshotPath, setAutoFix, tabIdOf, test } from './fixtures';

const SCHEMES = ['light', 'dark'] as const;

/** axe's serious and critical violations on `page` (or within `include`), as readable lines. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test('popup and options page: no serious or critical axe violations', async ({ context, page, server, background, extensionId }) => {
      await setAutoFix(background, false);
      await page.goto(`${server.origin}/dash/light?scenario=a`);
      await expect(banner(page)).toBeVisible();
      const tabId = await tabIdOf(background, server.origin);
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
      await expect(popup.locator('dl.facts')).toBeVisible();
      expect(await seriousViolations(popup), 'popup').toEqual([]);
      // Chrome's popup limit is 800×600: what the user sees without scrolling is the shot.
      await popup.screenshot({ path: screenshotPath(`popup-${scheme}.png`) });
      // It leads with the answer: the lock-out, the next step and the buttons are in view within
      // Chrome's popup limits, nothing is wider than them, and the long guide is folded below.
      const answerBottom = await popup.locator('section.actions').evaluate((el) => el.getBoundingClientRect().bottom);
      expect(answerBottom).toBeLessThanOrEqual(600);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await expect(popup.locator('section.answer h2')).toHaveText('Device token mismatch');
      await expect(popup.locator('section.guide').first()).toBeHidden();
      // The fold opens from the keyboard, and the guide in it passes axe too.
      await popup.locator('details.fold summary').focus();
      await popup.keyboard.press('Enter');
      await expect(popup.locator('section.guide').first()).toBeVisible();
      expect(await seriousViolations(popup), 'popup, guide unfolded').toEqual([]);

      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(options.getByRole('heading').first()).toBeVisible();
      expect(await seriousViolations(options), 'options page').toEqual([]);
      await options.setViewportSize({ width: 900, height: 700 });
      await options.screenshot({ path: screenshotPath(`options-${scheme}.png`) });
    });

    test('the banner on a real 2026.9.6 dashboard: no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const ui = fetchReleaseUi('openclaw', '2026.9.6');
      const gateway = await startStandInGateway({ uiDir: ui.uiDir, version: '2026.9.6', secret: 'the-right-gateway-token-0123456789' });
      try {
        // A fresh browser with a wrong gateway token: error B, explained by the banner.
        await page.goto(`${gateway.origin}/#token=a-wrong-gateway-token-9876543210`);
        await expect(banner(page)).toBeVisible({ timeout: 20_000 });
        expect(await seriousViolations(page, 'openclaw-token-fixer')).toEqual([]);
        await page.setViewportSize({ width: 1100, height: 640 });
        await page.screenshot({ path: screenshotPath(`banner-2026.9.6-b-${scheme}.png`) });
      } finally {
        await gateway.close();
      }
    });
  });
}

test('the banner never takes the focus from the login form, and its news is announced once', async ({ page, server, background }) => {
  await setAutoFix(background, false);
  // The error shows 1.5 s after the load, while the user is already typing in the login form.
  await page.goto(`${server.origin}/dash/late?scenario=a`);
  await page.locator('#login-gate-credential').focus();
  await page.keyboard.type('abc');
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-gate-credential');
  await page.keyboard.type('def');
  await expect(page.locator('#login-gate-credential')).toHaveValue('abcdef');

  // The banner is one live region (an alert): its status line is part of it, never a second region
  // that would announce the same outcome twice.
  const liveRegions = () =>
    page.evaluate(() => document.querySelector('openclaw-token-fixer')!.shadowRoot!.querySelectorAll('[role="alert"], [role="status"], [aria-live]').length);
  expect(await liveRegions()).toBe(1);
  await banner(page).getByRole('button', { name: 'Clear stale device token' }).click();
  await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
  await expect(banner(page).locator('p.status')).toHaveCount(0); // the reloaded page says it in the heading only
  expect(await liveRegions()).toBe(1);
});

test('the whole flow works from the keyboard, with a visible focus ring', async ({ page, server, background }) => {
  await setAutoFix(background, false);
  await page.goto(`${server.origin}/dash/light?scenario=a`);
  await expect(banner(page)).toBeVisible();
  // The banner comes first in the page: Tab from the address bar reaches its first button.
  const clear = banner(page).getByRole('button', { name: 'Clear stale device token' });
  for (let i = 0; i < 8 && !(await clear.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(clear).toBeFocused();
  const ring = await clear.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(ring).toMatch(/^solid [1-9]/);
  await page.keyboard.press('Enter');
  await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared');
  expect(await backups(background)).toHaveLength(1);

  // Undo by keyboard too (the page reloaded: Tab to it again).
  const undo = banner(page).getByRole('button', { name: 'Undo' });
  for (let i = 0; i < 8 && !(await undo.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(banner(page)).toContainText(/newer device token|Restored/);
});

test('with reduced motion asked for, nothing in the extension animates', async ({ context, page, server, extensionId }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.origin}/dash/light?scenario=b`);
  await expect(banner(page)).toBeVisible();
  const moving = (p: Page, root: string) =>
    p.evaluate((selector) => {
      const scope = selector ? document.querySelector(selector)!.shadowRoot! : document;
      return [...scope.querySelectorAll('*')].filter((el) => {
        const style = getComputedStyle(el);
        return style.animationName !== 'none' || parseFloat(style.transitionDuration) > 0;
      }).length;
    }, root);
  expect(await moving(page, 'openclaw-token-fixer')).toBe(0);
  const popup = await context.newPage();
  await popup.emulateMedia({ reducedMotion: 'reduce' });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  expect(await moving(popup, '')).toBe(0);
});
