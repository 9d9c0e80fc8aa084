import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getSites } from './extension-storage';
import { addSite, reconcileSiteRegistrations, removeSite } from './site-registrations';

/** What fakeBrowser lacks: the permissions and scripting APIs, with a user who answers the prompt. */
function stubBrowser(options: { declared?: string[] } = {}) {
  const granted = new Set<string>(options.declared ?? []);
  const registered = new Map<string, { id: string; matches: string[]; js: string[]; persistAcrossSessions?: boolean }>();
  const permissions = {
    getAll: vi.fn(async () => ({ origins: [...granted], permissions: [] })),
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.has(origin))),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      origins.forEach((origin) => granted.delete(origin));
      return true;
    }),
  };
  const scripting = {
    getRegisteredContentScripts: vi.fn(async () => [...registered.values()]),
    registerContentScripts: vi.fn(async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.set(script.id, script);
      }
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.forEach((id) => registered.delete(id))),
  };
  Object.assign(fakeBrowser, { permissions, scripting });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ host_permissions: options.declared ?? [] } as never);
  return { granted, registered, permissions, scripting };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('dashboard sites', () => {
  it('adds a granted address: the site is kept and the content script registered for its host', async () => {
    const browser = stubBrowser();
    browser.granted.add('http://192.168.1.20/*'); // the options page got the user's yes
    expect(await addSite('http://192.168.1.20:18789/')).toMatchObject({ ok: true, site: { pattern: 'http://192.168.1.20/*' } });
    expect([...browser.registered.values()]).toEqual([
      { id: 'site:http://192.168.1.20/*', matches: ['http://192.168.1.20/*'], js: ['dashboard-loader.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    expect((await getSites()).map((site) => site.address)).toEqual(['http://192.168.1.20:18789/']);
  });

  it('a denied request adds nothing, half or whole', async () => {
    const browser = stubBrowser();
    const outcome = await addSite('https://box.tailnet-name.ts.net/');
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/did not allow access/) });
    expect(await getSites()).toEqual([]);
    expect(browser.registered.size).toBe(0);
  });

  it('refuses what is not an http(s) address, with a message', async () => {
    stubBrowser();
    expect(await addSite('ftp://host/')).toMatchObject({ ok: false, message: expect.stringMatching(/http and https/) });
  });

  it('remove unregisters the script and gives the permission back', async () => {
    const browser = stubBrowser();
    browser.granted.add('https://home.example/*');
    await addSite('https://home.example/openclaw/');
    await removeSite('https://home.example/*');
    expect(browser.registered.size).toBe(0);
    expect(browser.granted.has('https://home.example/*')).toBe(false);
    expect(await getSites()).toEqual([]);
  });

  it('a permission revoked in the browser’s settings also removes the site', async () => {
    const browser = stubBrowser();
    browser.granted.add('https://home.example/*');
    await addSite('https://home.example/openclaw/');
    browser.granted.delete('https://home.example/*'); // chrome://extensions → Site access
    await reconcileSiteRegistrations();
    expect(await getSites()).toEqual([]);
    expect(browser.registered.size).toBe(0);
  });

  it('reconciling twice registers nothing twice', async () => {
    const browser = stubBrowser();
    browser.granted.add('http://192.168.1.20/*');
    await addSite('http://192.168.1.20:18789/');
    await Promise.all([reconcileSiteRegistrations(), reconcileSiteRegistrations()]);
    expect(browser.registered.size).toBe(1);
  });

  it('hosts the manifest declares (the e2e build) are not sites until the user adds them', async () => {
    const browser = stubBrowser({ declared: ['http://openclaw.test/*'] });
    await reconcileSiteRegistrations();
    expect(browser.registered.size).toBe(0);
    await addSite('http://openclaw.test:4000/');
    expect(browser.registered.size).toBe(1);
    await removeSite('http://openclaw.test/*');
    expect(browser.registered.size).toBe(0);
    expect(browser.permissions.remove).not.toHaveBeenCalled();
  });
});
