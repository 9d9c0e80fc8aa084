/**
 * Real Control UI releases behind the stand-in gateway (tests/fixtures/stand-in-gateway.ts), in
 * real Firefox. A on 2026.3.8: the release's own code pairs, shows error A after `devices
 * rotate` and keeps the stale token (it retries forever; 2026.4.27+ drop it themselves), the
 * extension clears it with a backup, and the release reconnects as the same device. B on
 * 2026.9.6, the newest release: explained, nothing cleared.
 */
import type { BrowserContext, Page } from 'playwright-core-ff';
import { fetchReleaseUi } from '../fixtures/release-cache';
import { startStandInGateway, type StandInGateway } from '../fixtures/stand-in-gateway';
import { backups, bannerText, expect, pageStorage, tabReports, test } from './fixtures';

const A_VERSION = '2026.3.8';
const B_VERSION = '2026.9.6';
const SECRET = 'the-right-gateway-token-0123456789';
const WRONG = 'a-wrong-gateway-token-9876543210';

let gateway: StandInGateway;
test.beforeAll(() => {
  test.setTimeout(300_000); // the first run fetches the releases with `npm pack`
  for (const version of [A_VERSION, B_VERSION]) fetchReleaseUi('openclaw', version);
});
const startGateway = async (version: string) =>
  (gateway = await startStandInGateway({ uiDir: fetchReleaseUi('openclaw', version).uiDir, version, secret: SECRET }));
test.afterEach(async () => gateway?.close());

/** The page's device-auth entry: its device id and operator token. */
async function storedDevice(page: Page) {
  const storage = await pageStorage(page);
  const key = Object.keys(storage).find((k) => /^openclaw\.device\.auth\.v1(:|$)/.test(k));
  const value = key ? JSON.parse(storage[key]!) : null;
  const identity = JSON.parse(storage['openclaw-device-identity-v1'] ?? 'null');
  return { key, deviceId: (value?.deviceId ?? identity?.deviceId ?? null) as string | null, token: (value?.tokens?.operator?.token as string) ?? null };
}

/** A full load, even when only the `#token=` part differs from the current address. */
async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

async function pairThenRotate(context: BrowserContext) {
  const first = await context.newPage();
  await open(first, `${gateway.origin}/#token=${SECRET}`);
  await expect.poll(async () => (await storedDevice(first)).token, { timeout: 30_000 }).toBeTruthy();
  const paired = await storedDevice(first);
  await first.close();
  gateway.rotateDeviceTokens();
  return paired;
}

test(`openclaw@${A_VERSION}, A: the stale device token is cleared with a backup, and the release reconnects as the same device`, async ({ context, background }) => {
  await startGateway(A_VERSION);
  const paired = await pairThenRotate(context);
  const page = await context.newPage();
  await page.goto(`${gateway.origin}/`);
  await expect.poll(() => bannerText(page), { timeout: 30_000 }).toMatch(/device token/i);
  // While waiting, the poll reads the banner too, so a clear that never came fails with the banner's words.
  await expect
    .poll(async () => ({ cleared: (await backups(background)).flatMap((b) => b.changes.map((c) => c.key)), banner: await bannerText(page) }), { timeout: 30_000 })
    .toMatchObject({ cleared: [paired.key] });
  const [backup] = await backups(background);
  expect(backup!.origin).toBe(gateway.origin);
  expect(JSON.parse(backup!.changes[0]!.before).tokens.operator.token).toBe(paired.token);

  // The user follows the banner: the dashboard with the gateway token; the gateway says hello-ok.
  await open(page, `${gateway.origin}/#token=${SECRET}`);
  await expect.poll(() => gateway.attempts.at(-1)?.outcome, { timeout: 30_000 }).toBe('hello-ok');
  await expect.poll(async () => (await storedDevice(page)).token).toBe(gateway.deviceTokens.get(paired.deviceId!));
  expect((await storedDevice(page)).deviceId).toBe(paired.deviceId);
});

test(`openclaw@${B_VERSION}, B: a wrong gateway token is explained and nothing is cleared`, async ({ context, background }) => {
  await startGateway(B_VERSION);
  const page = await context.newPage();
  await page.goto(`${gateway.origin}/#token=${WRONG}`);
  await expect.poll(() => bannerText(page), { timeout: 30_000 }).toMatch(/^Gateway token mismatch/);
  await expect
    .poll(async () => Object.values(await tabReports(background)).flatMap((tab) => tab.lockouts.map((lockout) => lockout.kind)))
    .toEqual(['gateway-token-mismatch']);
  await page.waitForTimeout(1000);
  expect(await backups(background)).toEqual([]);
});
