import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../fixtures/demo-dashboard';
import { chromiumPath } from './browser-path';

export const EXTENSION_PATH = path.resolve('.output/chrome-mv3');
/**
 * The e2e build (`wxt build --mode e2e`): the same extension, whose manifest also declares host
 * access to the suite's own host names, so `permissions.request` for them resolves without the
 * prompt a headless browser cannot click. Its content script still runs there only once a site
 * is added.
 */
export const E2E_EXTENSION_PATH = path.resolve('.output/chrome-mv3-e2e');
/** The e2e build's host names, all mapped to loopback in the browser (`--host-resolver-rules`). */
export const TEST_HOSTS = { plain: 'openclaw.test', proxy: 'proxy.openclaw.test', secure: 'secure.openclaw.test' } as const;
const HOST_RESOLVER_RULES = Object.values(TEST_HOSTS)
  .map((host) => `MAP ${host} 127.0.0.1`)
  .join(',');

/** Chromium names an unpacked extension after the SHA-256 of its path, in the letters a–p. */
export function extensionIdFor(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

interface Fixtures {
  context: BrowserContext;
  background: Worker;
  extensionId: string;
  page: Page;
  /** The unpacked extension the browser loads: the normal build, or the e2e build. */
  extensionPath: string;
  /** Options for the browser; a test sets them with `test.use`. */
  allowIncognito: boolean;
  /**
   * Launch the e2e build, with the test host names mapped to 127.0.0.1 and certificate errors
   * ignored (the HTTPS servers use a self-signed certificate made at run time).
   */
  e2eBuild: boolean;
  /**
   * The browser's UI language (`de`, `zh-CN`…), which the extension's texts follow; null: the
   * machine's default (English on the team's machines). Debian's Chromium reads it from the
   * `LANGUAGE` environment variable (`--lang` alone left it en-US), and has only English unless
   * the `chromium-l10n` package is installed (`apt-get install -y chromium-l10n`).
   */
  uiLanguage: string | null;
}

export const test = base.extend<Fixtures, { server: DemoServer }>({
  server: [
    async ({}, use) => {
      const server = await startDemoServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  allowIncognito: [false, { option: true }],
  e2eBuild: [false, { option: true }],
  uiLanguage: [null, { option: true }],
  extensionPath: async ({ e2eBuild }, use) => {
    if (e2eBuild && !existsSync(path.join(E2E_EXTENSION_PATH, 'manifest.json'))) {
      throw new Error(`No e2e build at ${E2E_EXTENSION_PATH}: run \`node_modules/.bin/wxt build --mode e2e\` first (npm test does).`);
    }
    await use(e2eBuild ? E2E_EXTENSION_PATH : EXTENSION_PATH);
  },
  context: async ({ allowIncognito, e2eBuild, extensionPath, uiLanguage }, use) => {
    const profile = mkdtempSync(path.join(tmpdir(), 'octf-profile-'));
    if (allowIncognito) {
      // Allowing incognito without the UI: Chromium keeps this preference for the extension.
      mkdirSync(path.join(profile, 'Default'), { recursive: true });
      const settings = { [extensionIdFor(extensionPath)]: { incognito: true } };
      writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
    }
    const args = [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`];
    if (e2eBuild) args.push(`--host-resolver-rules=${HOST_RESOLVER_RULES}`, '--ignore-certificate-errors');
    if (uiLanguage) args.push(`--lang=${uiLanguage}`);
    const env = uiLanguage ? { ...process.env, LANGUAGE: uiLanguage.replace('-', '_'), LANG: `${uiLanguage.replace('-', '_')}.UTF-8` } : undefined;
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args, ...(env && { env, locale: uiLanguage! }) });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  background: async ({ context, extensionPath }, use) => {
    await use(await extensionWorker(context, extensionPath));
  },
  extensionId: async ({ background }, use) => {
    await use(new URL(background.url()).host);
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});

export { expect };

/**
 * The extension's service worker. Waiting for the `serviceworker` event alone can miss one that
 * started a moment earlier, so poll, and wake it by opening an extension page if it is slow.
 */
async function extensionWorker(context: BrowserContext, extensionPath: string): Promise<Worker> {
  const started = Date.now();
  let woken = false;
  for (;;) {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (worker) return worker;
    if (!woken && Date.now() - started > 5_000) {
      woken = true;
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionIdFor(extensionPath)}/popup.html`).catch(() => undefined);
      await page.close();
    }
    if (Date.now() - started > 30_000) throw new Error('The extension’s service worker did not start within 30 s.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The banner's shadow root content, through Playwright's shadow-piercing locators. */
export const banner = (page: Page) => page.locator('openclaw-token-fixer section.banner');

export async function setAutoFix(background: Worker, autoFix: boolean): Promise<void> {
  await background.evaluate((value) => chrome.storage.local.set({ settings: { autoFix: value } }), autoFix);
}

export const backups = (background: Worker) =>
  background.evaluate(async () => ((await chrome.storage.local.get('backups')).backups ?? []) as { origin: string; changes: { key: string; before: string; after: string | null }[]; trigger: string }[]);

/** The tab id the extension knows for a page URL (the popup is opened with `?tabId=`). */
export async function tabIdOf(background: Worker, url: string): Promise<number> {
  let tabId = 0;
  await expect
    .poll(async () => {
      tabId = await background.evaluate(async (prefix) => {
        const tabs = ((await chrome.storage.session.get('tabs')).tabs ?? {}) as Record<string, { url: string }>;
        const entry = Object.entries(tabs).find(([, tab]) => tab.url.startsWith(prefix));
        return entry ? Number(entry[0]) : 0;
      }, url);
      return tabId;
    })
    .toBeGreaterThan(0);
  return tabId;
}

export const badgeText = (background: Worker, tabId: number) =>
  background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

export const pageStorage = (page: Page) => page.evaluate(() => ({ ...localStorage }) as Record<string, string>);

export const deviceAuthKey = (brand = 'openclaw') => new RegExp(`^${brand}\\.device\\.auth\\.v1(:|$)`);

/** The page's device-auth entry: its key, device id (from the identity if the entry has none) and operator token. */
export async function storedDevice(page: Page, brand = 'openclaw') {
  const storage = await pageStorage(page);
  const key = Object.keys(storage).find((k) => deviceAuthKey(brand).test(k));
  const value = key ? JSON.parse(storage[key]!) : null;
  const identity = JSON.parse(storage[`${brand}-device-identity-v1`] ?? 'null');
  const deviceId = (value?.deviceId ?? identity?.deviceId ?? null) as string | null;
  return { key, deviceId, token: (value?.tokens?.operator?.token as string) ?? null };
}

/** One row of the README's compatibility table, for scripts/compat-table.mjs. */
/**
 * Where the e2e run leaves its screenshots for people (README and store): under `.output/`, so a
 * test run never changes tracked files. `npm run docs` copies them into `docs/`.
 */
export const SCREENSHOT_DIR = path.resolve('.output/screenshots');

/** The path for the screenshot `name` (e.g. `popup.png`), its directory made. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}

export function recordCompat(name: string, data: object): void {
  mkdirSync('.output/compat', { recursive: true });
  writeFileSync(`.output/compat/${name}.json`, JSON.stringify(data, null, 2));
}

/**
 * Adds a dashboard address the way a user does: the options page, "Dashboard address", Add.
 * Resolves once the page says it was added (the background has registered the content script
 * by then). With the e2e build the browser grants the test hosts without a prompt.
 */
export async function addSiteFromOptions(context: BrowserContext, extensionId: string, address: string): Promise<void> {
  const options = await context.newPage();
  try {
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('textbox', { name: 'Dashboard address' }).fill(address);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(options.getByRole('status')).toContainText('Added');
  } finally {
    await options.close();
  }
}

/** The content scripts the background registered for added sites, by match pattern. */
export const registeredSites = (background: Worker) =>
  background.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));

/**
 * The id of the tab showing `urlPrefix`, whether or not the extension runs there (the popup is
 * opened with `?tabId=`). Without the "tabs" permission the browser shows a tab's address only
 * on hosts the extension may access: the e2e build's test hosts and loopback.
 */
export async function tabIdByUrl(background: Worker, urlPrefix: string): Promise<number> {
  let tabId = 0;
  await expect
    .poll(async () => {
      tabId = await background.evaluate(
        async (prefix) => (await chrome.tabs.query({})).find((tab) => tab.url?.startsWith(prefix))?.id ?? 0,
        urlPrefix,
      );
      return tabId;
    })
    .toBeGreaterThan(0);
  return tabId;
}

/** True once a gateway has said `hello-ok` to this page: the connect really succeeded. */
export function watchHelloOk(page: Page): () => boolean {
  let seen = false;
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => (seen ||= String(payload).includes('"hello-ok"'))));
  return () => seen;
}
