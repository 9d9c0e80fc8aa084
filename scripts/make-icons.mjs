/** Draws the toolbar icons (public/icon/*.png) from one SVG with headless Chromium. Run by hand. */
import { chromium } from '@playwright/test';
import { ensureBrowser } from './ensure-browser.mjs';

// A key on a claw-red tile: the extension fixes the dashboard's keys.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#c2412d"/>
  <circle cx="46" cy="64" r="22" fill="none" stroke="#fff" stroke-width="12"/>
  <path d="M66 64h44M96 64v18M84 64v12" stroke="#fff" stroke-width="12" stroke-linecap="round"/>
</svg>`;

const browser = await chromium.launch({ executablePath: ensureBrowser(), headless: true });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}" width="${size}" height="${size}">`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
