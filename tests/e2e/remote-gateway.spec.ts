/**
 * "Every dashboard address" against the real thing, away from loopback:
 *
 * - Real Control UI releases behind the stand-in gateway (tests/fixtures/stand-in-gateway.ts)
 *   at `http://openclaw.test:<port>/` (a LAN address over plain HTTP, not a secure context),
 *   at `https://secure.openclaw.test:<port>/` (a TLS reverse proxy with a self-signed
 *   certificate made at run time, standing in for Tailscale Serve), and two gateways on one
 *   HTTPS origin under `/a/` and `/b/`.
 * - The real 2026.9.6 gateway on its own host name (origin not allowed) and behind a reverse
 *   proxy that reports a LAN client (pairing required, approved with the real CLI).
 *
 * The browser maps the test host names to 127.0.0.1; the e2e build may access them, and each
 * test adds its sites from the options page first.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { fetchReleaseUi } from '../fixtures/release-cache';
import { startGateway } from '../fixtures/real-gateway';
import { startReverseProxy, type ReverseProxyOptions } from '../fixtures/reverse-proxy';
import { startStandInGateway, type StandInGateway } from '../fixtures/stand-in-gateway';
import {
  addSiteFromOptions,
  backups,
  banner,
  expect,
  pageStorage,
  storedDevice,
  tabIdByUrl,
  TEST_HOSTS,
  test,
  watchHelloOk,
} from './fixtures';

test.use({ e2eBuild: true });

const SECRET = 'the-right-gateway-token-0123456789';
const WRONG = 'a-wrong-gateway-token-9876543210';

/** What each test started, stopped after it in reverse order, also when it fails. */
let cleanups: (() => Promise<unknown>)[] = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups = [];
});

async function standIn(version: string, options: { basePath?: string; requireDeviceIdentity?: boolean } = {}) {
  const ui = fetchReleaseUi('openclaw', version);
  const gateway = await startStandInGateway({ uiDir: ui.uiDir, version, secret: SECRET, ...options });
  cleanups.push(() => gateway.close());
  return gateway;
}

async function reverseProxy(options: ReverseProxyOptions) {
  const proxy = await startReverseProxy(options);
  cleanups.push(() => proxy.close());
  return proxy;
}

/** The words of a command as a POSIX shell splits it; enough for the popup's commands (plain words and '…' quoting). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

/** A full load, even when only the `#token=` part differs from the current address. */
async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

async function newTab(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The popup for the tab at `url`, opened as a tab with `?tabId=`. */
async function popupFor(context: BrowserContext, background: Worker, extensionId: string, url: string) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${await tabIdByUrl(background, url)}`);
  return popup;
}

/** The operator token entry of a device-auth value, or null (no value, or no token in it). */
const operatorOf = (value: string | undefined): { token: string } | null => JSON.parse(value ?? 'null')?.tokens?.operator ?? null;

/** Keys of every change the extension backed up (and so cleared) so far. */
const clearedKeys = async (background: Worker) => (await backups(background)).flatMap((backup) => backup.changes.map((change) => change.key));

/** The user follows the banner: opens the dashboard with the right token; the gateway says hello-ok. */
async function reconnect(page: Page, gateway: StandInGateway, url: string) {
  const before = gateway.attempts.length;
  await open(page, `${url}#token=${SECRET}`);
  await expect.poll(() => gateway.attempts.slice(before).map((a) => a.outcome), { timeout: 20_000 }).toContain('hello-ok');
}

/**
 * A wrong gateway token (B), then a stale device token (A: the gateway rotated it), then both,
 * on one origin, each in a new tab and each followed by the fix the banner gives. The device
 * token is stored under `deviceKey`; after every fix the release reconnects as the same device.
 */
async function bThenAThenBoth(context: BrowserContext, background: Worker, gateway: StandInGateway, url: string, deviceKey: string) {
  // B, in a profile that never connected here: explained, nothing cleared.
  const b = await newTab(context, `${url}#token=${WRONG}`);
  await expect(banner(b).getByRole('heading')).toHaveText('Gateway token mismatch');
  await expect(banner(b)).toContainText(/gateway token/i);
  await b.waitForTimeout(1000);
  expect(await backups(background)).toEqual([]);
  await reconnect(b, gateway, url);
  await expect.poll(async () => (await storedDevice(b)).token, { timeout: 20_000 }).toBeTruthy();
  const paired = await storedDevice(b);
  expect(paired.key).toBe(deviceKey);
  await b.close();

  // A: releases from 2026.4.27 drop the stale token themselves; the banner gives the next step.
  gateway.rotateDeviceTokens();
  const a = await newTab(context, url);
  await expect(banner(a)).toContainText(/device token/i);
  await expect.poll(async () => (await storedDevice(a)).token).toBeNull();
  for (const key of await clearedKeys(background)) expect(key).toBe(deviceKey);
  await reconnect(a, gateway, url);
  await expect.poll(async () => (await storedDevice(a)).token, { timeout: 20_000 }).toBe(gateway.deviceTokens.get(paired.deviceId!));
  expect((await storedDevice(a)).deviceId).toBe(paired.deviceId);
  await a.close();

  // Both: the gateway token comes first.
  gateway.rotateDeviceTokens();
  const both = await newTab(context, `${url}#token=${WRONG}`);
  await expect(banner(both)).toContainText(/gateway token mismatch/i);
  await both.waitForTimeout(1000);
  for (const key of await clearedKeys(background)) expect(key).toBe(deviceKey);
  await reconnect(both, gateway, url);
  await expect.poll(async () => (await storedDevice(both)).token, { timeout: 20_000 }).toBe(gateway.deviceTokens.get(paired.deviceId!));
  expect((await storedDevice(both)).deviceId).toBe(paired.deviceId);
  return both;
}

test.describe('real Control UI releases away from loopback (stand-in gateway)', () => {
  test.beforeAll(() => {
    test.setTimeout(300_000); // the first run fetches the releases with `npm pack`
    fetchReleaseUi('openclaw', '2026.4.29');
    fetchReleaseUi('openclaw', '2026.9.6');
  });

  test('openclaw@2026.4.29: on plain HTTP the secure-context guide; over HTTPS (Tailscale Serve) A, B and both', async ({
    context,
    background,
    extensionId,
  }) => {
    test.setTimeout(120_000);
    const gateway = await standIn('2026.4.29', { requireDeviceIdentity: true });
    const plain = `http://${TEST_HOSTS.plain}:${gateway.port}/`;
    const proxy = await reverseProxy({ tls: true, routes: [{ prefix: '', target: `http://127.0.0.1:${gateway.port}` }] });
    const secure = `${proxy.origin(TEST_HOSTS.secure)}/`;
    await addSiteFromOptions(context, extensionId, plain);
    await addSiteFromOptions(context, extensionId, secure);

    // Plain HTTP away from loopback is no secure context: before 9.x the UI has no device
    // identity to send, and the gateway refuses it.
    const page = await newTab(context, `${plain}#token=${SECRET}`);
    await expect(banner(page).getByRole('heading')).toHaveText('Secure context required');
    await expect(banner(page)).toContainText('HTTPS');
    expect(gateway.attempts.map((a) => a.outcome)).toContain('CONTROL_UI_DEVICE_IDENTITY_REQUIRED');
    const popup = await popupFor(context, background, extensionId, plain);
    await expect(popup.locator('dl.facts dd.error')).toHaveText('Secure context required');
    await expect(popup.locator('section.guide h3')).toHaveText(['Secure context required']);
    await expect(popup.locator('section.guide')).toContainText('HTTPS');
    await expect(popup.locator('section.guide')).toContainText('Tailscale Serve');
    await popup.close();
    expect(await backups(background)).toEqual([]);
    await page.close();

    // The same gateway over HTTPS: the release's own code shows A, B and both.
    await bThenAThenBoth(context, background, gateway, secure, 'openclaw.device.auth.v1');
  });

  test('openclaw@2026.9.6 on plain HTTP at a LAN-style address: A, B and both, with its key scoped to that address', async ({
    context,
    background,
    extensionId,
  }) => {
    test.setTimeout(150_000);
    const gateway = await standIn('2026.9.6', { requireDeviceIdentity: true });
    const url = `http://${TEST_HOSTS.plain}:${gateway.port}/`;
    await addSiteFromOptions(context, extensionId, url);
    // 9.x makes its device identity without WebCrypto, so plain HTTP works.
    const last = await bThenAThenBoth(context, background, gateway, url, `openclaw.device.auth.v1:ws://${TEST_HOSTS.plain}:${gateway.port}`);
    const popup = await popupFor(context, background, extensionId, url);
    await expect(popup.locator('dl.facts')).toContainText(`Gateway${`ws://${TEST_HOSTS.plain}:${gateway.port}`}`);
    await expect(popup.locator('dl.facts')).toContainText('Release2026.9.6');
    await popup.close();
    await last.close();
  });

  test('two 2026.9.6 gateways on one HTTPS origin (/a/ and /b/ behind a proxy): only the stale gateway’s scoped key changes', async ({
    context,
    background,
    extensionId,
  }) => {
    test.setTimeout(120_000);
    const [gatewayA, gatewayB] = [await standIn('2026.9.6', { basePath: '/a' }), await standIn('2026.9.6', { basePath: '/b' })];
    const proxy = await reverseProxy({
      tls: true,
      routes: [
        { prefix: '/a', target: `http://127.0.0.1:${gatewayA.port}` },
        { prefix: '/b', target: `http://127.0.0.1:${gatewayB.port}` },
      ],
    });
    const origin = proxy.origin(TEST_HOSTS.secure);
    const host = `${TEST_HOSTS.secure}:${proxy.port}`;
    const keyA = `openclaw.device.auth.v1:wss://${host}/a`;
    const keyB = `openclaw.device.auth.v1:wss://${host}/b`;
    await addSiteFromOptions(context, extensionId, `${origin}/a/`);

    // The browser pairs with both gateways: one identity, one device token per gateway.
    let before: Record<string, string> = {};
    for (const [path, gateway, key] of [['/b/', gatewayB, keyB], ['/a/', gatewayA, keyA]] as const) {
      const tab = await newTab(context, `${origin}${path}#token=${SECRET}`);
      await expect.poll(async () => operatorOf((await pageStorage(tab))[key])?.token, { timeout: 20_000 }).toBeTruthy();
      expect(gateway.attempts.at(-1)?.outcome).toBe('hello-ok');
      before = await pageStorage(tab);
      await tab.close();
    }
    expect(operatorOf(before[keyB])?.token).toBe(gatewayB.deviceTokens.values().next().value);

    // Gateway A rotates its token; B's stays good.
    gatewayA.rotateDeviceTokens();
    const page = await newTab(context, `${origin}/a/`);
    await expect(banner(page)).toContainText(/device token/i);
    await expect.poll(async () => operatorOf((await pageStorage(page))[keyA])).toBeNull();
    const after = await pageStorage(page);
    expect(after[keyB]).toBe(before[keyB]);
    expect(after['openclaw-device-identity-v1']).toBe(before['openclaw-device-identity-v1']);
    for (const key of await clearedKeys(background)) expect(key).toBe(keyA);

    // The popup names this page's gateway, base path included.
    const popup = await popupFor(context, background, extensionId, `${origin}/a/`);
    await expect(popup.locator('dl.facts')).toContainText(`wss://${host}/a`);
    await popup.close();

    // The fix reconnects A as the same device; B's token is still untouched.
    await reconnect(page, gatewayA, `${origin}/a/`);
    const deviceId = JSON.parse(after['openclaw-device-identity-v1']!).deviceId as string;
    await expect.poll(async () => operatorOf((await pageStorage(page))[keyA])?.token, { timeout: 20_000 }).toBe(gatewayA.deviceTokens.get(deviceId));
    expect((await pageStorage(page))[keyB]).toBe(before[keyB]);
    expect(gatewayB.deviceTokens.get(deviceId)).toBe(operatorOf(before[keyB])?.token);
  });
});

test.describe('real gateway openclaw@2026.9.6 away from loopback', () => {
  const TOKEN = 'real-gateway-test-token-0123456789abcdef';
  /** The client a LAN browser would be, as the proxy reports it. */
  const LAN_CLIENT = '192.168.1.50';

  test('origin not allowed on its own host name; behind a proxy, pairing required, approved with the popup’s command', async ({
    context,
    background,
    extensionId,
  }) => {
    test.setTimeout(240_000); // installing takes up to a minute the first time
    // The proxy first: its origin goes into the gateway's allowed origins.
    const proxy = await reverseProxy({ forwardedFor: LAN_CLIENT, routes: [{ prefix: '/openclaw', target: 'http://127.0.0.1:9' }] });
    const proxyOrigin = proxy.origin(TEST_HOSTS.proxy);
    // Without `trustedProxies` and the proxy's X-Forwarded-For, 9.6 takes every connection from
    // 127.0.0.1 as local (`direct-local`) and pairs it silently; with them it sees the LAN client.
    const gateway = await startGateway('2026.9.6', TOKEN, {
      config: { gateway: { trustedProxies: ['127.0.0.1'], controlUi: { basePath: '/openclaw', allowedOrigins: [proxyOrigin] } } },
    });
    cleanups.push(() => gateway.stop());
    proxy.setTarget('/openclaw', gateway.origin);
    const direct = `http://${TEST_HOSTS.plain}:${gateway.port}/openclaw/`;
    const proxied = `${proxyOrigin}/openclaw/`;
    await addSiteFromOptions(context, extensionId, direct);
    await addSiteFromOptions(context, extensionId, proxied);

    // Its own host name, not in `gateway.controlUi.allowedOrigins`: the gateway refuses the origin.
    const refused = await newTab(context, `${direct}#token=${TOKEN}`);
    await expect(banner(refused).getByRole('heading')).toHaveText('Origin not allowed');
    await expect(banner(refused)).toContainText('gateway.controlUi.allowedOrigins');
    const originPopup = await popupFor(context, background, extensionId, direct);
    await expect(originPopup.locator('section.guide h3')).toContainText(['Origin not allowed']);
    // The commands name this page's origin, for gateway.controlUi.allowedOrigins.
    const directOrigin = `http://${TEST_HOSTS.plain}:${gateway.port}`;
    await originPopup.locator('details.fold summary').click(); // the whole guide is folded below the answer
    await expect(originPopup.locator('section.guide code', { hasText: directOrigin }).first()).toBeVisible();
    expect(gateway.log()).toContain('reason=origin not allowed');

    // The popup's fix, with the real CLI on the gateway's config: read the list, then set it to
    // what it printed plus this origin. 2026.9.6 applies it without a restart.
    const originCodes = await originPopup.locator('section.guide code').allTextContents();
    await originPopup.close();
    const getCommand = originCodes.find((code) => code.startsWith('openclaw config get gateway.controlUi.allowedOrigins'));
    const setCommand = originCodes.find((code) => code.startsWith('openclaw config set gateway.controlUi.allowedOrigins') && code.includes('<existingOrigin>'));
    expect(getCommand, originCodes.join('\n')).toBeTruthy();
    expect(setCommand, originCodes.join('\n')).toBeTruthy();
    const printed = await gateway.run(shellWords(getCommand!).slice(1), { connect: false, onGatewayHome: true });
    const existing = printed.match(/https?:\/\/[^\s"',\]]+/g) ?? [];
    expect(existing).toEqual([proxyOrigin]);
    const filled = setCommand!.replace('"<existingOrigin>"', existing.map((entry) => JSON.stringify(entry)).join(','));
    await gateway.run(shellWords(filled).slice(1), { connect: false, onGatewayHome: true });
    test.info().annotations.push({ type: 'ran', description: `node openclaw.mjs ${shellWords(filled).slice(1).join(' ')} (on the gateway's config)` });
    const fixed = watchHelloOk(refused);
    await expect(async () => {
      await open(refused, `${direct}#token=${TOKEN}`);
      await expect.poll(fixed, { timeout: 5_000 }).toBe(true);
    }).toPass({ timeout: 30_000 });
    await expect(banner(refused)).toHaveCount(0, { timeout: 10_000 });
    await refused.close();

    // Through the proxy: an allowed origin, a LAN client, a browser the gateway never saw.
    const page = await context.newPage();
    const helloOk = watchHelloOk(page);
    await page.goto(`${proxied}#token=${TOKEN}`);
    await expect(banner(page).getByRole('heading')).toHaveText('Pairing required');
    const popup = await popupFor(context, background, extensionId, proxied);
    await expect(popup.locator('section.guide h3')).toContainText(['Pairing required']);
    const approvals = (await popup.locator('section.guide code').allTextContents()).filter((code) => code.startsWith('openclaw devices approve '));
    const requestId = /^openclaw devices approve ([0-9a-f-]{36})(?: |$)/.exec(approvals[0] ?? '')?.[1];
    expect(requestId, approvals.join('\n')).toBeTruthy();
    for (const approval of approvals) expect(approval).toContain(requestId);
    // The request the gateway holds: this id, from the LAN client the proxy reported.
    const { pending } = (await gateway.cli(['devices', 'list'])) as { pending: { requestId: string }[] };
    expect(pending.map((request) => request.requestId)).toEqual([requestId]);
    expect(JSON.stringify(pending[0])).toContain(LAN_CLIENT);

    // The popup's command, run with the real CLI on the gateway host: its loopback form, with
    // what the user fills in by hand (`<port>`, `<token>`), or the plain form pointed at loopback.
    // Behind a proxy the page cannot know the gateway's own port: the command must leave `<port>`
    // to the user (or name the right one), never the proxy's. Checked softly, so the rest still runs.
    const loopbackForm = approvals.find((approval) => approval.includes(' --url '));
    if (loopbackForm) {
      expect.soft(loopbackForm, 'the loopback --url names the gateway’s port, or leaves <port>').toMatch(new RegExp(`--url ws://127\\.0\\.0\\.1:(<port>|${gateway.port}) `));
    }
    const command = loopbackForm
      ? loopbackForm.replace(/--url ws:\/\/127\.0\.0\.1:(<port>|\d+)/, `--url ws://127.0.0.1:${gateway.port}`).replace('<token>', TOKEN)
      : `${approvals[0]} --url ws://127.0.0.1:${gateway.port} --token ${TOKEN}`;
    const [name, ...args] = shellWords(command);
    expect(name).toBe('openclaw');
    test.info().annotations.push({ type: 'ran', description: `node openclaw.mjs ${args.join(' ').replace(TOKEN, '<token>')} (gateway started in ${gateway.startupMs} ms)` });
    await gateway.run(args, { connect: false });
    await expect.poll(helloOk, { timeout: 30_000 }).toBe(true);
    await expect
      .poll(async () => JSON.parse((await pageStorage(page))[`openclaw.device.auth.v1:ws://${TEST_HOSTS.proxy}:${proxy.port}/openclaw`] ?? 'null')?.tokens?.operator?.token, {
        timeout: 20_000,
      })
      .toBeTruthy();
    await expect(banner(page)).toHaveCount(0, { timeout: 15_000 });
    await popup.close();
    expect(await backups(background)).toEqual([]);
  });
});
