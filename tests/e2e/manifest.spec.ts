/** The built manifest as the browser loaded it: the permissions asked for, and the icons the build drew. */
import { expect, test } from './fixtures';

test('asks for the fewest permissions: storage, scripting, activeTab, loopback hosts; other hosts only on request', async ({ background }) => {
  const manifest = await background.evaluate(() => chrome.runtime.getManifest() as import("webextension-polyfill").Manifest.WebExtensionManifest & { optional_host_permissions?: string[] });
  expect(manifest.permissions?.sort()).toEqual(['activeTab', 'scripting', 'storage']);
  expect(manifest.optional_host_permissions?.sort()).toEqual(['http://*/*', 'https://*/*']);
  for (const host of manifest.host_permissions ?? []) expect(host).toMatch(/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):?\*?\/\*$/);
});

test('the toolbar icons are drawn by the build from public/icon.svg, at 16, 32, 48 and 128 px', async ({ context, background, extensionId }) => {
  const manifest = await background.evaluate(() => chrome.runtime.getManifest());
  expect(Object.keys(manifest.icons ?? {}).sort()).toEqual(['128', '16', '32', '48']);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  for (const [size, file] of Object.entries(manifest.icons!)) {
    const drawn = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      // The tile's red in the corner area's middle, and the key's white at the centre line.
      const at = (x: number, y: number) => [...context.getImageData(Math.floor(x * image.width), Math.floor(y * image.height), 1, 1).data];
      return { width: image.width, height: image.height, tile: at(0.5, 0.15), key: at(0.62, 0.5) };
    }, `/${file}`);
    expect(drawn, `icon ${size}`).toMatchObject({ width: Number(size), height: Number(size) });
    expect(drawn.tile[0]! - drawn.tile[2]!, `icon ${size}: red tile`).toBeGreaterThan(100);
    expect(Math.min(...drawn.key.slice(0, 3)), `icon ${size}: white key`).toBeGreaterThan(200);
  }
});
