/**
 * The extension against real Control UI releases: each release's own app code runs behind a
 * stand-in gateway (tests/fixtures/stand-in-gateway.ts), shows its own error, and reads and
 * writes its own storage. Results go to .output/compat/ for the README's compatibility table.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { loginCardTexts } from '../fixtures/dashboard-texts';
import { fetchReleaseUi, type ReleaseUi } from '../fixtures/release-cache';
import { startStandInGateway, type StandInGateway } from '../fixtures/stand-in-gateway';
import { backups, banner, deviceAuthKey, expect, pageStorage, recordCompat, screenshotPath, storedDevice, tabIdOf, test } from './fixtures';

const SECRET = 'the-right-gateway-token-0123456789';
const WRONG = 'a-wrong-gateway-token-9876543210';

interface Release {
  name: 'openclaw' | 'clawdbot';
  version: string;
  /** How a user hands the release its gateway token in the address. */
  tokenUrl: (origin: string, token: string) => string;
  /** Up to 2026.2.26 the settings keep the shared token; the tab then recovers from A by itself. */
  sharedTokenInSettings: boolean;
  /** Up to 2026.2.19 (at least) the page closes first and shows every refusal as `disconnected (4008): connect failed`. */
  showsReason: boolean;
  /** Where the page tells its release: 9.x's build id, 4.24–6.11's sidebar once connected, or nowhere. */
  tellsRelease: boolean;
  /**
   * 2026.2.17–2.21: the gateway answers a wrong gateway token with "device token mismatch". When
   * its close wins the race the page shows those words; with no device token stored and no
   * release named, the extension explains both readings and clears nothing (core/lockout.ts).
   */
  wrongTokenReadsAsDevice?: true;
}

const hashToken = (origin: string, token: string) => `${origin}/#token=${token}`;
const queryToken = (origin: string, token: string) => `${origin}/?token=${token}`;
const RELEASES: Release[] = [
  { name: 'clawdbot', version: '2026.1.24', tellsRelease: false, tokenUrl: queryToken, sharedTokenInSettings: true, showsReason: false },
  { name: 'openclaw', version: '2026.1.30', tellsRelease: false, tokenUrl: queryToken, sharedTokenInSettings: true, showsReason: false },
  { name: 'openclaw', version: '2026.2.19', tellsRelease: false, tokenUrl: hashToken, sharedTokenInSettings: true, showsReason: false, wrongTokenReadsAsDevice: true },
  { name: 'openclaw', version: '2026.2.26', tellsRelease: false, tokenUrl: hashToken, sharedTokenInSettings: true, showsReason: true },
  { name: 'openclaw', version: '2026.3.8', tellsRelease: false, tokenUrl: hashToken, sharedTokenInSettings: false, showsReason: true },
  { name: 'openclaw', version: '2026.4.29', tellsRelease: true, tokenUrl: hashToken, sharedTokenInSettings: false, showsReason: true },
  { name: 'openclaw', version: '2026.6.11', tellsRelease: true, tokenUrl: hashToken, sharedTokenInSettings: false, showsReason: true },
  { name: 'openclaw', version: '2026.9.6', tellsRelease: true, tokenUrl: hashToken, sharedTokenInSettings: false, showsReason: true },
];

type Scenario = 'A' | 'B' | 'A+B' | 'A, in German';

interface CompatResult {
  release: string;
  scenario: Scenario;
  /** What the extension named, in the order it saw it. */
  detected: string[];
  /** Keys the extension cleared (with a backup), or what happened instead. */
  cleared: string[];
  failedConnects: number;
  reconnected: boolean;
  /** Whether the test passed: a failing run still gets its row, marked. */
  passed?: boolean;
}

/** Collects, into `seen`, every lock-out the extension reports for any tab while a scenario runs. */
function watchDetections(background: Worker, seen: string[]) {
  let running = true;
  // Every change of the tab reports, as the background stores them: a state the page leaves
  // within a moment (9.6 shows B, then A) is reported at once, but a poll could miss it.
  const listening = background
    .evaluate(() => {
      const global = globalThis as unknown as { detectedKinds?: string[] };
      global.detectedKinds = [];
      chrome.storage.session.onChanged.addListener((changes) => {
        const tabs = (changes.tabs?.newValue ?? {}) as Record<string, { lockouts: { kind: string }[] }>;
        for (const tab of Object.values(tabs)) for (const { kind } of tab.lockouts) global.detectedKinds!.push(kind);
      });
    })
    .catch(() => undefined);
  const loop = (async () => {
    await listening;
    while (running) {
      const kinds = await background
        .evaluate(async () => {
          const tabs = ((await chrome.storage.session.get('tabs')).tabs ?? {}) as Record<string, { lockouts: { kind: string }[] }>;
          const now = Object.values(tabs).flatMap((tab) => tab.lockouts.map((lockout) => lockout.kind));
          return [...((globalThis as unknown as { detectedKinds?: string[] }).detectedKinds ?? []), ...now];
        })
        .catch(() => [] as string[]);
      for (const kind of kinds) if (!seen.includes(kind)) seen.push(kind);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/**
 * Collects every heading the banner on `page` shows while a scenario runs. Tab reports wait for
 * a quiet moment, so a state the page leaves within a second (2026.9.6 shows B, then retries with
 * its stored device token and shows A) can reach the banner but never the report.
 */
function watchBannerHeadings(page: Page, seen: string[]) {
  let running = true;
  const loop = (async () => {
    while (running) {
      // One plain read per turn: a locator with a short timeout, called in a loop across the
      // page's reloads, now and then ran the Playwright worker out of memory.
      const heading = await page
        .evaluate(() => document.querySelector('openclaw-token-fixer')?.shadowRoot?.querySelector('section.banner h2')?.textContent ?? null)
        .catch(() => null);
      if (heading && !seen.includes(heading)) seen.push(heading);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/**
 * Whether the page's own DOM ever held text matching `pattern`, across its reloads: a function
 * exposed to the page, called by an observer the page gets before its scripts. The banner's
 * shadow root is not in the page's text. Returns a getter.
 */
async function watchPageText(page: Page, pattern: RegExp): Promise<() => boolean> {
  let shown = false;
  await page.exposeFunction('__octfTestPageShowed', () => void (shown = true));
  await page.addInitScript((source) => {
    const wanted = new RegExp(source, 'i');
    let told = false;
    new MutationObserver(() => {
      if (told || !wanted.test(document.documentElement?.textContent ?? '')) return;
      told = true;
      void (window as unknown as { __octfTestPageShowed: () => Promise<void> }).__octfTestPageShowed();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, pattern.source);
  return () => shown;
}

/** Opens the dashboard with the right token and waits for the release to store its device token. */
async function connectFirst(page: Page, gateway: StandInGateway, release: Release) {
  await open(page, release.tokenUrl(gateway.origin, SECRET));
  await expect.poll(async () => (await storedDevice(page, release.name)).token, { timeout: 20_000 }).toBeTruthy();
  return storedDevice(page, release.name);
}

/**
 * Pairs the browser in a first tab, then rotates its device token on the gateway, leaving what
 * a user has after a `devices rotate`: a stale token in storage and no tab to recover from.
 */
async function pairThenRotate(context: BrowserContext, gateway: StandInGateway, release: Release, prepare?: (page: Page) => Promise<unknown>) {
  const first = await context.newPage();
  const paired = await connectFirst(first, gateway, release);
  if (release.sharedTokenInSettings) await forgetSharedToken(first, release.name);
  await prepare?.(first);
  const before = await pageStorage(first);
  await first.close();
  gateway.rotateDeviceTokens();
  return { paired, before, attemptsBefore: gateway.attempts.length };
}

/** Without the shared token the page can fall back to, a stale device token locks the tab out. */
async function forgetSharedToken(page: Page, brand: string) {
  await page.evaluate((key) => {
    const settings = JSON.parse(localStorage.getItem(key) ?? '{}');
    delete settings.token;
    localStorage.setItem(key, JSON.stringify(settings));
  }, `${brand}.control.settings.v1`);
}

/** A full load, even when only the `#token=` part differs from the current address. */
async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

/** The popup names the release and gives only the commands it has (`gateway auth-token --show` from 2026.8.2). */
async function expectReleaseInPopup(context: BrowserContext, background: Worker, extensionId: string, origin: string, version: string) {
  const tabId = await tabIdOf(background, origin);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('dl.facts')).toContainText(`Release${version}`);
  await popup.getByLabel('Paste an error message').fill('unauthorized: gateway token mismatch (provide gateway auth token)');
  const commands = popup.locator('.pasted code');
  const hasShow = version >= '2026.8.2';
  await expect(commands.filter({ hasText: 'openclaw gateway auth-token --show' })).toHaveCount(hasShow ? 1 : 0);
  await expect(commands.filter({ hasText: 'openclaw config file' })).toHaveCount(hasShow ? 0 : 1);
  await popup.close();
}

/** The user follows the banner: opens the dashboard with the right token, and the gateway says hello-ok. */
async function reconnect(page: Page, gateway: StandInGateway, release: Release) {
  await open(page, release.tokenUrl(gateway.origin, SECRET));
  await expect.poll(() => gateway.attempts.at(-1)?.outcome, { timeout: 20_000 }).toBe('hello-ok');
}

/** The release stored the gateway's new device token, for the device it first paired as. */
async function expectSameDevice(page: Page, gateway: StandInGateway, release: Release, deviceId: string | null) {
  const after = await storedDevice(page, release.name);
  expect(after.deviceId).toBe(deviceId);
  expect(after.token).toBe(gateway.deviceTokens.get(deviceId!));
}

const failedConnectsSince = (gateway: StandInGateway, index: number) => gateway.attempts.slice(index).filter((a) => a.outcome !== 'hello-ok').length;
const clearedKeys = async (background: Worker) => (await backups(background)).flatMap((b) => b.changes.map((c) => c.key));

const withoutDeviceAuth = (storage: Record<string, string>, brand: string) =>
  Object.fromEntries(Object.entries(storage).filter(([key]) => !deviceAuthKey(brand).test(key)));

for (const release of RELEASES) {
  const id = `${release.name}@${release.version}`;
  test.describe(id, () => {
    let ui: ReleaseUi;
    let gateway: StandInGateway;
    test.beforeAll(async () => {
      test.setTimeout(300_000);
      ui = fetchReleaseUi(release.name, release.version);
    });
    test.beforeEach(async () => {
      gateway = await startStandInGateway({ uiDir: ui.uiDir, version: release.version, secret: SECRET });
    });
    /** This test's row of the compatibility table, filled in as it goes and written even if it fails. */
    let result: CompatResult;
    const begin = (scenario: Scenario): CompatResult => (result = { release: id, scenario, detected: [], cleared: [], failedConnects: 0, reconnected: false });
    test.afterEach(async ({}, testInfo) => {
      await gateway.close();
      recordCompat(`${result.release}-${result.scenario}`, { ...result, passed: testInfo.status === testInfo.expectedStatus });
    });

    test('A: a stale device token is detected, cleared or explained, and the UI reconnects as the same device', async ({ context, background, extensionId }) => {
      const row = begin('A');
      const { paired, before, attemptsBefore } = await pairThenRotate(context, gateway, release);

      const stop = watchDetections(background, row.detected);
      const page = await context.newPage();
      const headings: string[] = [];
      const stopHeadings = watchBannerHeadings(page, headings);
      await page.goto(`${gateway.origin}/`);
      await expect(banner(page)).toContainText(/device token/i);
      // Up to 2026.4.26 the extension clears the token and reloads; the page then asks for the
      // gateway token ("gateway token missing", or ≤2.19's bare "connect failed"). The banner leads
      // with what was done, keeps Undo, and gives that one step; later releases drop the token
      // themselves and the banner keeps A's name. Either way the paste step is said once.
      const extensionClears = release.name === 'clawdbot' || release.version < '2026.4.27';
      if (extensionClears) {
        await expect(banner(page).getByRole('heading')).toHaveText('Stale device token cleared', { timeout: 20_000 });
        await expect(banner(page).getByRole('button', { name: 'Undo' })).toBeVisible();
        await expect(banner(page)).toContainText(/Next: paste the gateway token/);
      } else {
        await expect(banner(page).getByRole('heading')).toHaveText('Device token mismatch');
      }
      await expect.poll(async () => (await banner(page).innerText()).match(/paste the gateway token/gi)?.length ?? 0).toBe(1);
      if (release.version === '2026.9.6') {
        await page.setViewportSize({ width: 1100, height: 640 });
        await page.screenshot({ path: screenshotPath('banner-2026.9.6.png') });
      }
      // The user follows the banner: open the dashboard with the gateway token.
      await page.waitForTimeout(1000);
      row.failedConnects = failedConnectsSince(gateway, attemptsBefore);
      const cleared = await clearedKeys(background);
      row.cleared = cleared.length ? cleared : ['(dropped by the UI itself)'];
      const afterClear = await pageStorage(page);
      await stopHeadings();
      await reconnect(page, gateway, release);
      await stop();
      await expectSameDevice(page, gateway, release, paired.deviceId);
      row.reconnected = true;
      // Named in a tab report, or on the banner: a report waits for a quiet moment, and a clear
      // and its reload can come first ("Device token mismatch", then "Stale device token cleared").
      if (!row.detected.includes('device-token-mismatch')) expect(headings.filter((heading) => /device token/i.test(heading))).not.toEqual([]);
      // What follows the clear is never announced as a problem of its own.
      if (extensionClears) expect(headings).not.toContain('Gateway token missing');
      if (!row.detected.includes('device-token-mismatch')) row.detected.unshift('device-token-mismatch');
      // The extension changed the device token and nothing else: every backed-up change is a
      // device-auth key, and every other key the page had is still there, with its value, except
      // the settings the app itself writes back as it loads and connects.
      for (const key of cleared) expect(key).toMatch(deviceAuthKey(release.name));
      for (const [key, value] of Object.entries(withoutDeviceAuth(before, release.name))) {
        if (/\.control\.settings\.v1/.test(key)) expect(afterClear[key], key).toBeDefined();
        else expect(afterClear[key], key).toBe(value);
      }
      expect((await pageStorage(page))[`${release.name}-device-identity-v1`]).toBe(before[`${release.name}-device-identity-v1`]);
      if (release.tellsRelease) await expectReleaseInPopup(context, background, extensionId, gateway.origin, release.version);
    });

    test('B: a wrong gateway token is explained and nothing is cleared', async ({ context, background }) => {
      const row = begin('B');
      const stop = watchDetections(background, row.detected);
      const page = await context.newPage();
      await page.goto(release.tokenUrl(gateway.origin, WRONG));
      // Up to 2026.2.19 the page never says why; with no device token the gateway token is to blame.
      const headings = release.showsReason ? ['Gateway token mismatch'] : ['Connection failed', ...(release.wrongTokenReadsAsDevice ? ['Device token mismatch'] : [])];
      await expect(banner(page).getByRole('heading')).toHaveText(new RegExp(`^(?:${headings.join('|')})$`));
      await expect(banner(page)).toContainText(/gateway token/i);
      await page.waitForTimeout(1000);
      expect(await backups(background)).toEqual([]);
      row.failedConnects = failedConnectsSince(gateway, 0);
      await reconnect(page, gateway, release);
      row.reconnected = true;
      await stop();
      if (release.showsReason) expect(row.detected).toEqual(['gateway-token-mismatch']);
      else {
        // Up to 2026.2.19 the page shows the gateway's reason when its close wins the race with
        // the page's own 4008, and only "connect failed" otherwise; both are B here, never A.
        expect(row.detected.length).toBeGreaterThan(0);
        const readings = ['gateway-token-mismatch', 'connect-failed', ...(release.wrongTokenReadsAsDevice ? ['device-token-mismatch'] : [])];
        for (const kind of row.detected) expect(readings).toContain(kind);
      }
    });

    if (release.version >= '2026.6.11') {
      test('A with the dashboard in German: detected and handled as in English', async ({ context, background }) => {
        const row = begin('A, in German');
        const german = [...loginCardTexts(ui.uiDir, 'de').values()].filter((text) => text.length > 8 && !text.includes('{'));
        expect(german.length, 'German texts in the bundle').toBeGreaterThan(10);
        // The language the user picked in the dashboard's settings (its own `openclaw.i18n.locale`), before the lock-out.
        const inGerman = (page: Page) => page.evaluate(() => localStorage.setItem('openclaw.i18n.locale', 'de'));
        const { paired, attemptsBefore } = await pairThenRotate(context, gateway, release, inGerman);
        const stop = watchDetections(background, row.detected);
        const page = await context.newPage();
        const headings: string[] = [];
        const stopHeadings = watchBannerHeadings(page, headings);
        await page.goto(`${gateway.origin}/`);
        await expect(banner(page)).toContainText(/device token/i);
        // The page speaks German: its login card shows one of the release's own German texts.
        await expect.poll(async () => { const shown = await page.evaluate(() => document.body.innerText); return german.some((text) => shown.includes(text)); }, { timeout: 20_000 }).toBe(true);
        await page.waitForTimeout(1000);
        await stopHeadings();
        row.failedConnects = failedConnectsSince(gateway, attemptsBefore);
        const cleared = await clearedKeys(background);
        row.cleared = cleared.length ? cleared : ['(dropped by the UI itself)'];
        await reconnect(page, gateway, release);
        await stop();
        await expectSameDevice(page, gateway, release, paired.deviceId);
        row.reconnected = true;
        // Named on the banner (the tab report may miss a state the page leaves within a second).
        expect(headings).toContain('Device token mismatch');
      });
    }

    test('A and B together: both are handled, gateway token first', async ({ context, background }) => {
      const row = begin('A+B');
      const { paired, attemptsBefore } = await pairThenRotate(context, gateway, release);

      const stop = watchDetections(background, row.detected);
      const page = await context.newPage();
      const headings: string[] = [];
      const stopHeadings = watchBannerHeadings(page, headings);
      const pageShowedGatewayError = await watchPageText(page, release.showsReason ? /gateway token mismatch/ : /gateway token mismatch|connect failed/);
      await page.goto(release.tokenUrl(gateway.origin, WRONG));
      // The wrong gateway token is named (up to 2026.2.19 only as "connect failed"), whatever
      // the release does with its stale device token before or after.
      // Up to 2026.2.19 the gateway's reason shows only when its close wins the race with the page's 4008.
      const gatewayHeadings = release.showsReason ? ['Gateway token mismatch'] : ['Gateway token mismatch', 'Connection failed'];
      const firstGatewayHeading = () => headings.findIndex((heading) => gatewayHeadings.includes(heading));
      // On the banner, or in a tab report: 9.6 may show B for a moment only, before it retries
      // with its stored device token and shows A (a 50 ms heading poll once missed it in CI).
      const gatewayKinds = release.showsReason ? ['gateway-token-mismatch'] : ['gateway-token-mismatch', 'connect-failed'];
      const gatewayNamed = () => firstGatewayHeading() >= 0 || row.detected.some((kind) => gatewayKinds.includes(kind));
      // 9.6 may also retry with its device token before it renders B at all (once in a fresh-clone
      // CI run): the extension cannot name what the page never showed, but must name what it did.
      const deviceNamed = () => row.detected.includes('device-token-mismatch') || headings.some((heading) => /device token/i.test(heading));
      await expect.poll(() => gatewayNamed() || (!pageShowedGatewayError() && deviceNamed()), { timeout: 20_000 }).toBe(true);
      if (pageShowedGatewayError()) await expect.poll(gatewayNamed, { timeout: 5_000, message: 'the page showed B: the extension names it' }).toBe(true);
      await expect(banner(page)).toContainText(/gateway token/i);
      await page.waitForTimeout(1500);
      await stopHeadings();
      row.failedConnects = failedConnectsSince(gateway, attemptsBefore);
      row.cleared = await clearedKeys(background);
      await reconnect(page, gateway, release);
      await stop();
      await expectSameDevice(page, gateway, release, paired.deviceId);
      row.reconnected = true;
      // Up to 2026.2.26 the page sends its stored device token before the gateway token, so the
      // gateway names the device token first (read in the 2.19 and 2.26 bundles); later ones the reverse.
      const sendsDeviceTokenFirst = release.name === 'clawdbot' || release.version <= '2026.2.26';
      if (!sendsDeviceTokenFirst) {
        for (const heading of headings) if (/device token/i.test(heading)) expect(firstGatewayHeading(), 'gateway token named first').toBeLessThan(headings.indexOf(heading));
      }
    });
  });
}
