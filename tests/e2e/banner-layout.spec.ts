/**
 * Where the banner sits on real Control UI releases (each release's own app behind the stand-in
 * gateway), after a stale device token, in light and dark: above the page's login card, header
 * and Connect button, never over them; in the window when the page has finished loading (4.24
 * and 6.11 scroll the window by themselves); and with every part of the login card still within
 * reach (9.6 clips what does not fit). The releases lay out differently:
 *
 * - 2026.1.30: no login gate; the app shell (header, tabs, chat) fills the window, the error is a
 *   pill in the page header.
 * - 2026.4.24: a centered card in a `min-height: 100dvh` gate, taller than a 700 px window; the
 *   extension clears the stale token (the last release before the UI did it itself).
 * - 2026.6.11: the same gate, a taller card with numbered steps; the UI drops the token itself.
 * - 2026.9.6: `html, body { overflow: clip }`, a gate of the window's height that scrolls inside.
 *
 * Screenshots go to .output/layout/ (not docs/): for a person to look at after a run.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { fetchReleaseUi } from '../fixtures/release-cache';
import { startStandInGateway } from '../fixtures/stand-in-gateway';
import { banner, expect, storedDevice, test } from './fixtures';

const SECRET = 'the-right-gateway-token-0123456789';

interface Layout {
  version: string;
  /** Up to 2026.1.30 the token comes in `?token=`. */
  tokenUrl: (origin: string) => string;
  /** The extension clears the token (≤4.26); later releases drop it themselves. */
  extensionClears: boolean;
  /** The page's own parts the banner must never lie over. */
  parts: Record<string, string>;
  /** The login card, whose every part must stay within reach; none before the 3.x login gate. */
  card: string | null;
  /** The button that sends the credential. */
  connect: string | null;
}

const GATE = { card: '.login-gate__card', connect: '.login-gate__card button.btn.primary, button.login-gate__connect' };
const LAYOUTS: Layout[] = [
  {
    version: '2026.1.30',
    tokenUrl: (origin) => `${origin}/?token=${SECRET}`,
    extensionClears: true,
    parts: { header: '.topbar', 'error pill': '.page-meta .pill.danger' },
    card: null,
    connect: null,
  },
  { version: '2026.4.24', tokenUrl: (origin) => `${origin}/#token=${SECRET}`, extensionClears: true, parts: { 'login card': GATE.card, 'Connect button': GATE.connect }, ...GATE },
  { version: '2026.6.11', tokenUrl: (origin) => `${origin}/#token=${SECRET}`, extensionClears: false, parts: { 'login card': GATE.card, 'Connect button': GATE.connect }, ...GATE },
  { version: '2026.9.6', tokenUrl: (origin) => `${origin}/#token=${SECRET}`, extensionClears: false, parts: { 'login card': GATE.card, 'Connect button': GATE.connect }, ...GATE },
];

/** An element's box in the window's coordinates. */
const box = (locator: Locator) => locator.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * True when `selector`'s element can be seen and clicked where it is: scrolled into view the way
 * a user would (the window, or the gate that scrolls inside), the point just inside its bottom
 * edge (or its center, `at: 'center'`) is inside the window and hit-tests to the element itself,
 * not to the banner over it and not to nothing under a clip.
 */
async function withinReach(page: Page, selector: string, at: 'center' | 'bottom'): Promise<string | true> {
  return page.locator(selector).first().evaluate((el, at) => {
    // A card taller than the window shows its bottom edge only when scrolled to its end.
    el.scrollIntoView({ block: at === 'center' ? 'nearest' : 'end' });
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = at === 'center' ? r.top + r.height / 2 : r.bottom - 3;
    if (y < 0 || y > innerHeight) return `at y=${Math.round(y)}, outside the window (0–${innerHeight})`;
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit)) ? true : `covered by <${hit?.localName ?? 'nothing'}>`;
  }, at);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    for (const layout of LAYOUTS) {
      test(`${layout.version}: the banner sits above the page's own parts and leaves them within reach`, async ({ context }) => {
        test.setTimeout(120_000);
        const ui = fetchReleaseUi('openclaw', layout.version);
        const gateway = await startStandInGateway({ uiDir: ui.uiDir, version: layout.version, secret: SECRET });
        try {
          // Paired in a first tab, then the token rotated on the gateway: a stale token and no tab to recover from.
          const first = await context.newPage();
          await first.goto(layout.tokenUrl(gateway.origin));
          await expect.poll(async () => (await storedDevice(first)).token, { timeout: 20_000 }).toBeTruthy();
          // Up to 2026.2.26 the settings keep the gateway token, from which the tab would recover by itself.
          if (layout.version <= '2026.2.26') {
            await first.evaluate(() => {
              const settings = JSON.parse(localStorage.getItem('openclaw.control.settings.v1') ?? '{}');
              delete settings.token;
              localStorage.setItem('openclaw.control.settings.v1', JSON.stringify(settings));
            });
          }
          await first.close();
          gateway.rotateDeviceTokens();

          const page = await context.newPage();
          await page.setViewportSize({ width: 1100, height: 700 });
          await page.goto(`${gateway.origin}/`);
          // After the extension's clear the page asks for the gateway token: the clear leads, the step said once.
          const heading = layout.extensionClears ? 'Stale device token cleared' : 'Device token mismatch';
          await expect(banner(page).getByRole('heading')).toHaveText(heading, { timeout: 20_000 });
          expect((await banner(page).innerText()).match(/paste the gateway token/gi)).toHaveLength(1);
          if (layout.extensionClears) await expect(banner(page).getByRole('button', { name: 'Undo' })).toBeVisible();
          // The page's own scrolls come within about 2 s of the load (4.24: at 1.4 s and 2.0 s).
          await page.waitForTimeout(2_500);

          const bannerBox = await box(banner(page));
          expect(bannerBox.top, 'the banner’s top is in the window').toBeGreaterThanOrEqual(0);
          expect(bannerBox.bottom, 'the banner fits in the window').toBeLessThanOrEqual(700);
          for (const [name, selector] of Object.entries(layout.parts)) {
            const part = page.locator(selector).first();
            await expect(part, name).toBeVisible();
            const partBox = await box(part);
            expect(overlaps(bannerBox, partBox), `the banner (${JSON.stringify(bannerBox)}) lies over the ${name} (${JSON.stringify(partBox)})`).toBe(false);
            expect(partBox.top, `the ${name} comes below the banner`).toBeGreaterThanOrEqual(bannerBox.bottom);
          }
          mkdirSync('.output/layout', { recursive: true });
          await page.screenshot({ path: `.output/layout/banner-${layout.version}-${scheme}.png` });

          // Every part of the login card within reach: the Connect button, and the card's last line.
          if (layout.connect) expect(await withinReach(page, layout.connect, 'center'), 'the Connect button').toBe(true);
          if (layout.card) expect(await withinReach(page, layout.card, 'bottom'), 'the login card’s bottom edge').toBe(true);
        } finally {
          await gateway.close();
        }
      });
    }
  });
}
