import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoopbackAccess } from './LoopbackAccess';
import type { LoopbackAccess as Access } from '@/lib/loopback-access';

// Preact runs effects after a frame: wait a few.
const flush = () => new Promise((resolve) => setTimeout(resolve, 50));

async function mount(access: Access) {
  const root = document.createElement('div');
  document.body.append(root);
  render(<LoopbackAccess access={access} />, root);
  await flush();
  return root;
}

describe('LoopbackAccess', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows nothing while the browser grants the loopback addresses', async () => {
    const root = await mount({ granted: async () => true, request: vi.fn() });
    expect(root.textContent).toBe('');
  });

  it('when Firefox withholds them, says so and asks for them back from the click; then says to reload', async () => {
    const request = vi.fn(async () => true);
    const root = await mount({ granted: async () => false, request });
    expect(root.textContent).toContain('may not run on local addresses');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Allow on local addresses')!;
    button.click();
    // Asked within the click, before any await: the browser asks only inside the gesture.
    expect(request).toHaveBeenCalledTimes(1);
    await flush();
    expect(root.textContent).toBe('Allowed. Reload the dashboard to start.');
  });

  it('a refusal says where else to allow it', async () => {
    const root = await mount({ granted: async () => false, request: async () => false });
    root.querySelector('button')!.click();
    await flush();
    expect(root.querySelector('[role=status]')!.textContent).toContain('about:addons');
    expect(root.querySelector('button')).not.toBeNull();
  });
});

describe('browserLoopbackAccess', () => {
  it('asks the browser for exactly the loopback patterns, and counts a browser without the permissions API as granted', async () => {
    const { browserLoopbackAccess } = await import('@/lib/loopback-access');
    const { LOOPBACK_MATCHES } = await import('@/core/site-address');
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const permissions = fakeBrowser as unknown as { permissions?: unknown };
    const saved = permissions.permissions;
    try {
      permissions.permissions = undefined;
      expect(await browserLoopbackAccess.granted()).toBe(true);
      const contains = vi.fn(async () => false);
      const request = vi.fn(async () => true);
      permissions.permissions = { contains, request };
      expect(await browserLoopbackAccess.granted()).toBe(false);
      expect(contains).toHaveBeenCalledWith({ origins: LOOPBACK_MATCHES });
      expect(await browserLoopbackAccess.request()).toBe(true);
      expect(request).toHaveBeenCalledWith({ origins: LOOPBACK_MATCHES });
    } finally {
      permissions.permissions = saved;
    }
  });
});
