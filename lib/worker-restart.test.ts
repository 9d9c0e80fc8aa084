/**
 * The MV3 service worker can be stopped between any two messages of a flow (Chrome stops an
 * idle worker after 30 s, and at will). Each step here is handled by a freshly imported
 * background, as a restarted worker would be, with only the extension's storage carried over:
 * the flow must finish, or leave a state that the next step reads correctly.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { clearDeviceToken, undoClear, type TokenActionsContext } from './device-token-actions';
import { sendToBackground } from './messages';

const ORIGIN = 'http://127.0.0.1:18789';
const KEY = 'openclaw.device.auth.v1:ws://127.0.0.1:18789';
const STALE = JSON.stringify({ version: 1, deviceId: 'd', tokens: { operator: { token: 'stale-token', role: 'operator' } } });
const sender = { id: 'test-extension-id', tab: { id: 3, incognito: false } as Browser.tabs.Tab, frameId: 0, url: `${ORIGIN}/chat` };

/** A background as a restarted worker has it: its modules imported anew, so nothing is left in memory. */
async function restartedWorker() {
  vi.resetModules();
  return (await import('./background-service')).handleBackgroundMessage;
}

/** Sends each message to a worker restarted just before it; `stopAfter` names the messages after which the worker is never reached again. */
function sendThroughRestarts(stopAfter?: string): typeof sendToBackground {
  let stopped = false;
  return (async (type: string, request: object) => {
    if (stopped) throw new Error('Could not establish connection. Receiving end does not exist.');
    const handle = await restartedWorker();
    const answer = await handle({ type, ...request }, sender);
    if (type === stopAfter) stopped = true;
    return answer;
  }) as typeof sendToBackground;
}

function context(send: typeof sendToBackground): TokenActionsContext {
  return { storage: localStorage, origin: ORIGIN, brand: 'openclaw', gatewayUrl: () => 'ws://127.0.0.1:18789', send };
}

async function storedBackups() {
  const { getBackups } = await import('./extension-storage');
  return getBackups({ incognito: false });
}

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  localStorage.setItem(KEY, STALE);
});

describe('a worker restarted between the steps of a flow', () => {
  it('clear then Undo, every message to a new worker: backed up, applied, restored byte for byte', async () => {
    const send = sendThroughRestarts();
    expect(await clearDeviceToken(context(send), 'auto')).toMatchObject({ status: 'cleared', keys: [KEY] });
    expect(await storedBackups()).toMatchObject([{ origin: ORIGIN, state: 'applied', changes: [{ key: KEY, before: STALE }] }]);
    expect(await undoClear(context(send), false)).toMatchObject({ status: 'restored' });
    expect(localStorage.getItem(KEY)).toBe(STALE);
  });

  it('the worker gone after the backup was saved: the clear still happens, the backup stays pending, and Undo finds it', async () => {
    const outcome = await clearDeviceToken(context(sendThroughRestarts('save-backup')), 'auto');
    expect(outcome.status).toBe('cleared');
    // The "applied" mark never arrived: the backup is kept, but announces nothing and pauses nothing.
    expect(await storedBackups()).toMatchObject([{ state: 'pending', changes: [{ before: STALE }] }]);
    expect(await undoClear(context(sendThroughRestarts()), false)).toMatchObject({ status: 'restored' });
    expect(localStorage.getItem(KEY)).toBe(STALE);
  });

  it('the worker stopped while the backup was in flight, its answer lost: sent again to a new worker, saved once, and the clear finishes', async () => {
    const handled: string[] = [];
    let lostOne = false;
    const send = (async (type: string, request: object) => {
      const handle = await restartedWorker();
      const answer = await handle({ type, ...request }, sender);
      handled.push(type);
      if (type === 'save-backup' && !lostOne) {
        lostOne = true; // stored, but the worker stopped before it could answer
        throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
      }
      return answer;
    }) as typeof sendToBackground;
    expect(await clearDeviceToken(context(send), 'auto')).toMatchObject({ status: 'cleared' });
    expect(handled.filter((type) => type === 'save-backup')).toHaveLength(2);
    expect(await storedBackups()).toMatchObject([{ state: 'applied', changes: [{ before: STALE }] }]);
  });

  it('the worker gone before the backup was saved: nothing is changed, and the outcome says so', async () => {
    const unreachable = (async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as unknown as typeof sendToBackground;
    expect(await clearDeviceToken(context(unreachable), 'auto')).toEqual({ status: 'failed', message: 'The backup could not be saved, so nothing was changed.' });
    expect(localStorage.getItem(KEY)).toBe(STALE);
    expect(await storedBackups()).toEqual([]);
  });
});
