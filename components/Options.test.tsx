import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardSite } from '@/core/site-address';
import { StorageWriteError, type Settings } from '@/lib/extension-storage';
import type { OptionsConnector } from '@/lib/options-connector';
import { Options } from './Options';

const LAN: DashboardSite = { address: 'http://192.168.1.20:18789/', origin: 'http://192.168.1.20:18789', pattern: 'http://192.168.1.20/*' };

/** A connector over an in-memory list, calling the watcher as storage would. */
function fakeConnector(initial: DashboardSite[] = [], overrides: Partial<OptionsConnector> = {}) {
  let sites = [...initial];
  let settings: Settings = { autoFix: true, showBanner: true };
  const watchers = new Set<(sites: DashboardSite[]) => void>();
  const changed = () => watchers.forEach((watcher) => watcher([...sites]));
  const connector = {
    listSites: vi.fn(async () => [...sites]),
    watchSites: (callback: (sites: DashboardSite[]) => void) => (watchers.add(callback), () => watchers.delete(callback)),
    requestHostPermission: vi.fn(async (_pattern: string) => true),
    addSite: vi.fn(async (address: string) => {
      const site = { address, origin: new URL(address).origin, pattern: `${new URL(address).protocol}//${new URL(address).hostname}/*` };
      sites = [site, ...sites.filter((other) => other.pattern !== site.pattern)];
      changed();
      return { ok: true as const, site };
    }),
    removeSite: vi.fn(async (pattern: string) => {
      sites = sites.filter((site) => site.pattern !== pattern);
      changed();
    }),
    getSettings: async () => settings,
    setSettings: vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch })),
    watchSettings: () => () => {},
    forgetBackups: vi.fn(async () => {}),
    ...overrides,
  } satisfies OptionsConnector;
  return connector;
}

const container = document.createElement('div');
document.body.append(container);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
async function show(connector: OptionsConnector) {
  act(() => render(<Options connector={connector} />, container));
  await settle();
}
const buttons = () => [...container.querySelectorAll('button')];
const textbox = () => {
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent === 'Dashboard address')!;
  return container.querySelector<HTMLInputElement>(`#${label.htmlFor}`)!;
};
const status = () => container.querySelector('[role="status"]')!.textContent;
const rows = () => [...container.querySelectorAll('.sites li')].map((row) => row.textContent);

/** Types into the address box and submits the form, as Enter or the Add button would. */
function typeAndSubmit(value: string) {
  act(() => {
    textbox().value = value;
    textbox().dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => {
    textbox().form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

afterEach(() => act(() => render(null, container)));

describe('Options', () => {
  it('lists loopback first, always on, then the added sites with a Remove button each', async () => {
    await show(fakeConnector([LAN]));
    expect(rows()[0]).toBe('127.0.0.1, localhost and [::1], any port — always on');
    expect(rows()[1]).toContain('http://192.168.1.20:18789/');
    const remove = buttons().find((b) => b.getAttribute('aria-label') === 'Remove http://192.168.1.20:18789/')!;
    expect(remove.textContent).toBe('Remove');
    // Loopback has no Remove.
    expect(container.querySelector('.sites li.fixed button')).toBeNull();
  });

  it('the Add button submits the form, and so does Enter in the textbox', async () => {
    const connector = fakeConnector();
    await show(connector);
    const add = buttons().find((b) => b.textContent === 'Add')!;
    // A submit button of the textbox's form: Enter in the textbox submits it (implicit submission).
    expect(add.type).toBe('submit');
    expect(add.form).toBe(textbox().form);
    act(() => {
      textbox().value = '192.168.1.20';
      textbox().dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => add.click());
    expect(connector.requestHostPermission).toHaveBeenCalledWith('http://192.168.1.20/*');
  });

  it('adds a valid address: the permission for its host is asked inside the submit, then add-site', async () => {
    const connector = fakeConnector();
    await show(connector);
    typeAndSubmit('  192.168.1.20:18789 ');
    // Nothing awaited before the request: the browser's user gesture is still on.
    expect(connector.requestHostPermission).toHaveBeenCalledWith('http://192.168.1.20/*');
    expect(connector.addSite).not.toHaveBeenCalled();
    await settle();
    expect(connector.addSite).toHaveBeenCalledWith('http://192.168.1.20:18789/');
    expect(status()).toBe("Added http://192.168.1.20:18789/. Reload the dashboard's tab to start.");
    expect(rows()[1]).toContain('http://192.168.1.20:18789/');
    expect(textbox().value).toBe('');
  });

  it('an https address with a path asks for its https host', async () => {
    const connector = fakeConnector();
    await show(connector);
    typeAndSubmit('https://home.example/openclaw');
    expect(connector.requestHostPermission).toHaveBeenCalledWith('https://home.example/*');
    await settle();
    expect(connector.addSite).toHaveBeenCalledWith('https://home.example/openclaw/');
  });

  it('a refused permission adds nothing and says so', async () => {
    const connector = fakeConnector([], { requestHostPermission: vi.fn(async () => false) });
    await show(connector);
    typeAndSubmit('http://192.168.1.20:18789/');
    await settle();
    expect(connector.addSite).not.toHaveBeenCalled();
    expect(status()).toBe('The browser did not allow access to 192.168.1.20:18789, so nothing was added.');
    expect(rows()).toHaveLength(1);
    expect(textbox().getAttribute('aria-invalid')).toBe('true');
    // What was typed stays, to try again.
    expect(textbox().value).toBe('http://192.168.1.20:18789/');
  });

  it('shows the background’s refusal', async () => {
    const connector = fakeConnector([], { addSite: vi.fn(async () => ({ ok: false as const, message: 'The browser did not allow access to x.' })) });
    await show(connector);
    typeAndSubmit('http://192.168.1.20/');
    await settle();
    expect(status()).toBe('The browser did not allow access to x.');
    expect(rows()).toHaveLength(1);
  });

  it.each([
    ['ftp://x', 'Only http and https addresses can be dashboards (this one is ftp).'],
    ['', 'Type the address you open the dashboard at, for example http://192.168.1.20:18789/.'],
    ['not a url', 'That is not an address.'],
    ['http://localhost:3000/', 'covered already'],
  ])('refuses %j with a clear message and asks the browser nothing', async (input, message) => {
    const connector = fakeConnector();
    await show(connector);
    typeAndSubmit(input);
    await settle();
    expect(status()).toContain(message);
    expect(textbox().getAttribute('aria-invalid')).toBe('true');
    expect(connector.requestHostPermission).not.toHaveBeenCalled();
    expect(connector.addSite).not.toHaveBeenCalled();
  });

  it('Remove sends remove-site with the pattern and the row goes', async () => {
    const connector = fakeConnector([LAN]);
    await show(connector);
    act(() => buttons().find((b) => b.getAttribute('aria-label') === 'Remove http://192.168.1.20:18789/')!.click());
    await settle();
    expect(connector.removeSite).toHaveBeenCalledWith('http://192.168.1.20/*');
    expect(rows()).toHaveLength(1);
    expect(status()).toBe("Removed http://192.168.1.20:18789/; the browser's access to 192.168.1.20 was given back.");
  });

  it('follows changes made elsewhere (the popup, the browser’s settings)', async () => {
    const connector = fakeConnector();
    await show(connector);
    await act(async () => void (await connector.addSite('http://10.0.0.5:18789/')));
    expect(rows()[1]).toContain('http://10.0.0.5:18789/');
  });

  it('saves both settings', async () => {
    const connector = fakeConnector();
    await show(connector);
    const box = (name: string) => [...container.querySelectorAll('label')].find((label) => label.textContent!.startsWith(name))!.querySelector('input')!;
    expect(box('Fix automatically').checked).toBe(true);
    expect(box('Show the banner').checked).toBe(true);
    act(() => box('Fix automatically').click());
    await settle();
    expect(connector.setSettings).toHaveBeenLastCalledWith({ autoFix: false });
    act(() => box('Show the banner').click());
    await settle();
    expect(connector.setSettings).toHaveBeenLastCalledWith({ showBanner: false });
    expect(box('Fix automatically').checked).toBe(false);
    expect(box('Show the banner').checked).toBe(false);
  });

  it('storage full: a setting that was not saved says so, and its checkbox goes back to what is stored', async () => {
    const full = "The browser's storage for the extension is full, so the setting was not saved and nothing was changed.";
    const connector = fakeConnector([], { setSettings: vi.fn(async () => Promise.reject(new StorageWriteError(true, full))) });
    await show(connector);
    const box = [...container.querySelectorAll('label')].find((label) => label.textContent!.startsWith('Fix automatically'))!.querySelector('input')!;
    act(() => box.click());
    await settle();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(full);
    expect(box.checked).toBe(true);
  });

  it('storage full: a dashboard address that was not added or removed says why', async () => {
    const message = "The browser's storage for the extension is full, so the list of dashboard addresses was not saved and nothing was changed.";
    const connector = fakeConnector([LAN], {
      addSite: vi.fn(async () => ({ ok: false as const, message })),
      // What a rejection from the background looks like here: a plain Error with its message.
      removeSite: vi.fn(async () => Promise.reject(new Error(message))),
    });
    await show(connector);
    typeAndSubmit('http://10.0.0.5:18789/');
    await settle();
    expect(status()).toBe(message);
    act(() => buttons().find((b) => b.getAttribute('aria-label') === 'Remove http://192.168.1.20:18789/')!.click());
    await settle();
    expect(status()).toBe(`Could not remove http://192.168.1.20:18789/: ${message}`);
    expect(rows()).toHaveLength(2);
  });

  it('explains that only Control UI pages are acted on, and that access is per host', async () => {
    await show(fakeConnector());
    expect(container.textContent).toContain('only acts on pages that are an OpenClaw Control UI');
    expect(container.textContent).toContain('one host at a time');
  });
});

describe('Forget backups', () => {
  it('deletes every backup at once and says that Undo is gone', async () => {
    const connector = fakeConnector();
    await show(connector);
    act(() => buttons().find((button) => button.textContent === 'Forget backups')!.click());
    await settle();
    expect(connector.forgetBackups).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('Every backup is deleted');
  });

  it('says so when it fails, and claims nothing', async () => {
    const connector = fakeConnector([], { forgetBackups: vi.fn(async () => Promise.reject(new Error('quota'))) });
    await show(connector);
    act(() => buttons().find((button) => button.textContent === 'Forget backups')!.click());
    await settle();
    expect(container.textContent).toContain('could not be deleted');
    expect(container.textContent).not.toContain('Every backup is deleted');
  });
});
