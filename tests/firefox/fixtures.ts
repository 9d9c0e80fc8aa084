/**
 * Fixtures for the e2e tests in real Firefox (ESR 153 on Debian). Playwright's own Firefox is a
 * patched build we cannot download, and @playwright/test 1.65's `moz-firefox` channel sends a
 * BiDi command ESR 153 does not know, so the browser is driven by playwright-core 1.62.1
 * (installed as `playwright-core-ff`) over WebDriver BiDi, while @playwright/test runs the tests.
 *
 * BiDi refuses to navigate a tab to a moz-extension:// page and cannot reach the background,
 * so the background is reached through Firefox's Remote Debugging Protocol (./rdp.ts), the
 * one about:debugging uses. Extension pages the background opens in a tab can then be driven
 * by Playwright like any page.
 *
 * Only plain values go into `expect` (with `expect.poll` for waiting): @playwright/test's
 * locator matchers belong to another Playwright version than these locators.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base, type TestType } from '@playwright/test';
import { firefox, type BrowserContext, type Page } from 'playwright-core-ff';
import { startDemoServer, type DemoServer } from '../fixtures/demo-dashboard';
import { firefoxPath } from './firefox-path';
import { RdpClient, RDP_PREFS } from './rdp';

export const ADDON_ID = 'openclaw-token-fixer@openclaw-token-fixer.dev';
export const EXTENSION_PATH = path.resolve('.output/firefox-mv3');
/** The e2e build: also declares the suite's host names (see wxt.config.ts), granted at install. */
export const E2E_EXTENSION_PATH = path.resolve('.output/firefox-mv3-e2e');
/** A host name Firefox resolves to loopback (`network.dns.localDomains`): an address away from loopback for the extension. */
export const TEST_HOST = 'openclaw.test';

/** The add-on's background page, reached over the Remote Debugging Protocol. */
export class Background {
  private consoleActor: string | null = null;
  constructor(
    private readonly rdp: RdpClient,
    private readonly descriptor: string,
  ) {}

  /** Evaluates `expression` (awaited) in the background page and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    try {
      return await this.rdp.evaluate<T>(await this.console(), expression);
    } catch (error) {
      // The event page may have been suspended and started again: find its new document once.
      if (!/noSuchActor|timed out|no longer/i.test(String(error))) throw error;
      this.consoleActor = null;
      return this.rdp.evaluate<T>(await this.console(), expression);
    }
  }

  /**
   * Runs `expression` with the browser's own privileges (the parent process, as about:addons
   * does): for what only the user can do, such as granting a permission without a prompt.
   */
  async evaluateAsBrowser<T>(expression: string): Promise<T> {
    const { processDescriptor } = await this.rdp.request('root', 'getProcess', { id: 0 });
    const { process } = await this.rdp.request((processDescriptor as { actor: string }).actor, 'getTarget');
    return this.rdp.evaluate<T>((process as { consoleActor: string }).consoleActor, expression);
  }

  /** Stops the event page, as Firefox does after it has been idle (about:debugging's "Terminate background script"). */
  async terminate(): Promise<void> {
    await this.rdp.request(this.descriptor, 'terminateBackgroundScript');
    this.consoleActor = null;
  }

  /** The background page's documents Firefox has announced, newest last (one per start of the event page). */
  private forms: { actor: string; url?: string; consoleActor?: string }[] = [];
  private watching: Promise<void> | null = null;

  private async console(): Promise<string> {
    if (this.consoleActor) return this.consoleActor;
    // One watcher for the add-on, kept: a second one would not hear of targets the first knows.
    this.watching ??= (async () => {
      const watcher = (await this.rdp.request(this.descriptor, 'getWatcher', { isServerTargetSwitchingEnabled: true })).actor as string;
      this.rdp.on(watcher, 'target-available-form', (packet) => this.forms.push(packet.target as (typeof this.forms)[number]));
      this.rdp.on(watcher, 'target-destroyed-form', (packet) => {
        const gone = (packet.target as { actor: string }).actor;
        this.forms = this.forms.filter((form) => form.actor !== gone);
      });
      await this.rdp.request(watcher, 'watchTargets', { targetType: 'frame' });
    })();
    await this.watching;
    const started = Date.now();
    for (;;) {
      // The first target is DevTools' fallback document; the background page follows.
      const form = this.forms.findLast((f) => f.url?.startsWith('moz-extension://') && f.consoleActor);
      if (form) return (this.consoleActor = form.consoleActor!);
      if (Date.now() - started > 15_000) throw new Error(`The add-on's background page did not show up (saw ${this.forms.map((f) => f.url).join(', ')}).`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

interface Fixtures {
  e2eBuild: boolean;
  context: BrowserContext;
  background: Background;
  page: Page;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const rdpFor = new WeakMap<BrowserContext, { rdp: RdpClient; port: number }>();

const extended = base.extend<Fixtures, { server: DemoServer }>({
  server: [
    async ({}, use) => {
      const server = await startDemoServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  e2eBuild: [false, { option: true }],
  context: async ({ e2eBuild }, use) => {
    const extensionDir = e2eBuild ? E2E_EXTENSION_PATH : EXTENSION_PATH;
    // A missing build would only show as "Firefox did not install the add-on", after 15 s and two retries.
    if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
      throw new Error(`No Firefox build at ${extensionDir}: run \`npm run build:firefox\` and \`npx wxt build -b firefox --mv3 --mode e2e\` first (npm test does).`);
    }
    const profile = mkdtempSync(path.join(tmpdir(), 'octf-firefox-'));
    // An extension proxy file: the profile's extensions/<id> names the unpacked build, which
    // Firefox installs at start-up as a user would have it (from the profile, so no prompt).
    mkdirSync(path.join(profile, 'extensions'));
    writeFileSync(path.join(profile, 'extensions', ADDON_ID), extensionDir);
    const port = await freePort();
    const context = await firefox.launchPersistentContext(profile, {
      channel: 'moz-firefox',
      executablePath: firefoxPath(),
      headless: true,
      args: [`--start-debugger-server=${port}`],
      firefoxUserPrefs: {
        // The build is unsigned; a profile's add-ons start enabled.
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        ...RDP_PREFS,
        // Firefox suspends an idle MV3 event page after 30 s; a suspended page cannot be
        // evaluated in, so tests keep it (event-page.spec.ts suspends it on purpose).
        'extensions.background.idle.timeout': 600_000,
        // Not `extensions.webextOptionalPermissionPrompts: false` (grant without asking): with it,
        // Playwright never reaches the extension pages the background opens.
        ...(e2eBuild && { 'network.dns.localDomains': TEST_HOST }),
      },
    });
    const rdp = await RdpClient.connect(port);
    rdpFor.set(context, { rdp, port });
    // `as never`: the builtin fixture of the same name has the other Playwright's type (see `test` below).
    await use(context as never);
    rdp.close();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  background: async ({ context, e2eBuild }, use) => {
    const { rdp } = rdpFor.get(context as unknown as BrowserContext)!;
    let descriptor: string | undefined;
    const started = Date.now();
    while (!descriptor) {
      const { addons } = await rdp.request('root', 'listAddons');
      descriptor = (addons as { id: string; actor: string }[]).find((addon) => addon.id === ADDON_ID)?.actor;
      if (!descriptor && Date.now() - started > 15_000) throw new Error(`Firefox did not install the add-on from ${e2eBuild ? E2E_EXTENSION_PATH : EXTENSION_PATH}.`);
      if (!descriptor) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await use(new Background(rdp, descriptor));
  },
  page: async ({ context }, use) => {
    const ffContext = context as unknown as BrowserContext;
    await use((ffContext.pages()[0] ?? (await ffContext.newPage())) as never);
  },
});

/**
 * The suite's `test`, typed with these fixtures alone: @playwright/test's own `context` and
 * `page` (another Playwright version's types) would otherwise merge into ours.
 */
export const test = extended as unknown as TestType<Fixtures & { server: DemoServer }, { server: DemoServer }>;

export { expect };

/** The banner's heading, or null while there is none (a plain read that never waits). */
export const bannerHeading = (page: Page) =>
  page
    .evaluate(() => document.querySelector('openclaw-token-fixer')?.shadowRoot?.querySelector('section.banner h2')?.textContent ?? null)
    .catch(() => null);

/** The banner's whole text, or null. */
export const bannerText = (page: Page) =>
  page
    .evaluate(() => document.querySelector('openclaw-token-fixer')?.shadowRoot?.querySelector('section.banner')?.textContent ?? null)
    .catch(() => null);

/** The banner, through Playwright's shadow-piercing locators (for clicks). */
export const banner = (page: Page) => page.locator('openclaw-token-fixer section.banner');

export const pageStorage = (page: Page) => page.evaluate(() => ({ ...localStorage }) as Record<string, string>);

export interface StoredBackup {
  origin: string;
  trigger: string;
  changes: { key: string; before: string; after: string | null }[];
}

export const backups = async (background: Background) =>
  (await background.evaluate<{ backups?: StoredBackup[] }>(`browser.storage.local.get('backups')`)).backups ?? [];

export async function setAutoFix(background: Background, autoFix: boolean): Promise<void> {
  await background.evaluate(`browser.storage.local.set({ settings: { autoFix: ${JSON.stringify(autoFix)} } })`);
}

/** What each tab last reported (session storage, written by the background for the tab's content script). */
export const tabReports = async (background: Background) =>
  (await background.evaluate<{ tabs?: Record<string, { url: string; lockouts: { kind: string }[] }> }>(`browser.storage.session.get('tabs')`)).tabs ?? {};

/** The tab id of the tab that reported from a page under `urlPrefix`. */
export async function tabIdOf(background: Background, urlPrefix: string): Promise<number> {
  let tabId = 0;
  await expect
    .poll(async () => {
      const entry = Object.entries(await tabReports(background)).find(([, tab]) => tab.url.startsWith(urlPrefix));
      return (tabId = entry ? Number(entry[0]) : 0);
    })
    .toBeGreaterThan(0);
  return tabId;
}

export const badgeText = (background: Background, tabId: number) => background.evaluate<string>(`browser.action.getBadgeText({ tabId: ${tabId} })`);

/**
 * Opens one of the extension's pages (`popup.html?tabId=…`, `options.html`) in a new tab. BiDi
 * will not navigate there, but the background may, and the tab is then an ordinary page to
 * Playwright.
 */
export async function openExtensionPage(context: BrowserContext, background: Background, pagePath: string): Promise<Page> {
  const url = await background.evaluate<string>(`browser.runtime.getURL(${JSON.stringify(pagePath)})`);
  const stale = new Set<Page>();
  for (let attempt = 1; ; attempt++) {
    const tabId = await background.evaluate<number>(`browser.tabs.create({ url: ${JSON.stringify(url)} }).then((tab) => tab.id)`);
    let found: Page | undefined;
    await expect.poll(() => (found = context.pages().find((p) => p.url() === url && !stale.has(p))) !== undefined).toBe(true);
    // Now and then Playwright keeps the tab's first document (about:blank) and never reaches
    // the extension page (its title stays empty, reads there never return, and it does not
    // even see the tab close); a reload does not help, a new tab sometimes does. No
    // waitForLoadState: BiDi sends no load event for extension pages.
    const ready = await Promise.race([
      found!.locator('main').count().then((n) => n > 0).catch(() => false),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 3_000)),
    ]);
    if (ready) return found!;
    if (attempt === 3) throw new Error(`Playwright never reached ${pagePath} in a tab (${attempt} tries; see openExtensionPage).`);
    stale.add(found!);
    await background.evaluate(`browser.tabs.remove(${tabId}).then(() => true)`);
  }
}

/** The content scripts the background registered for added sites, by match pattern. */
export const registeredSites = (background: Background) =>
  background.evaluate<string[]>(`browser.scripting.getRegisteredContentScripts().then((scripts) => scripts.flatMap((s) => s.matches || []))`);
