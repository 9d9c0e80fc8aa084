import { beforeEach, describe, expect, it } from 'vitest';
import { BRAND_LIST, BRANDS } from './brands';
import { privateWindowUrl, recognizeDashboard } from './dashboard-page';
import { DASHBOARD_SELECTOR } from './dashboard-selector';

describe('recognizeDashboard', () => {
  beforeEach(() => {
    document.documentElement.removeAttribute('data-openclaw-control-ui-build-id');
    document.documentElement.removeAttribute('data-openclaw-control-ui-base-path');
    document.title = '';
    document.body.innerHTML = '';
  });

  it('recognises the app element of every brand', () => {
    document.body.innerHTML = '<openclaw-app></openclaw-app>';
    expect(recognizeDashboard(document)).toEqual({ brand: 'openclaw', release: null, basePath: '' });
    document.body.innerHTML = '<clawdbot-app></clawdbot-app>';
    expect(recognizeDashboard(document)?.brand).toBe('clawdbot');
    document.body.innerHTML = '<moltbot-app></moltbot-app>';
    expect(recognizeDashboard(document)?.brand).toBe('moltbot');
  });

  it('reads the 9.x build id and base path', () => {
    document.documentElement.setAttribute('data-openclaw-control-ui-build-id', '2026.9.6-release-1a2b3c');
    document.documentElement.setAttribute('data-openclaw-control-ui-base-path', '/openclaw');
    expect(recognizeDashboard(document)).toEqual({ brand: 'openclaw', release: '2026.9.6', basePath: '/openclaw' });
  });

  it('recognises the 6.x+ mount fallback', () => {
    document.body.innerHTML = '<section id="openclaw-mount-fallback"></section>';
    expect(recognizeDashboard(document)).toEqual({ brand: 'openclaw', release: null, basePath: '' });
  });

  it('recognises the static title together with the app element', () => {
    document.title = 'OpenClaw Control';
    document.body.innerHTML = '<openclaw-app></openclaw-app>';
    expect(recognizeDashboard(document)?.brand).toBe('openclaw');
  });

  it('turns any other page away with one query on the document, reading nothing else of it', () => {
    // In a content script every other DOM object read costs a wrapper in the isolated world.
    const queries: string[] = [];
    const plainPage = new Proxy({} as Document, {
      get(_target, key) {
        if (key === 'querySelector') return (selector: string) => (queries.push(selector), null);
        throw new Error(`read document.${String(key)}`);
      },
    });
    expect(recognizeDashboard(plainPage)).toBeNull();
    expect(queries).toEqual([DASHBOARD_SELECTOR]);
  });

  it("the one query names every brand's app element", () => {
    for (const brand of BRAND_LIST) expect(DASHBOARD_SELECTOR.split(',')).toContain(BRANDS[brand].appElement);
  });

  it.each([
    ['<openclaw-app></openclaw-app>'],
    ['<clawdbot-app></clawdbot-app>'],
    ['<moltbot-app></moltbot-app>'],
    ['<section id="openclaw-mount-fallback"></section>'],
  ])('the one query matches %s', (html) => {
    document.body.innerHTML = html;
    expect(document.querySelector(DASHBOARD_SELECTOR)).not.toBeNull();
  });

  it('the one query matches a build id on <html>, even an empty one', () => {
    document.documentElement.setAttribute('data-openclaw-control-ui-build-id', '');
    expect(recognizeDashboard(document)).toEqual({ brand: 'openclaw', release: null, basePath: '' });
  });

  it('ignores other pages, even with the same error text', () => {
    document.title = 'My dev server';
    document.body.innerHTML = '<div>unauthorized: device token mismatch (rotate/reissue device token)</div>';
    expect(recognizeDashboard(document)).toBeNull();
  });
});

describe('title-only fingerprint', () => {
  beforeEach(() => {
    document.documentElement.removeAttribute('data-openclaw-control-ui-build-id');
    document.documentElement.removeAttribute('data-openclaw-control-ui-base-path');
    document.body.innerHTML = '';
  });

  it.each(['OpenClaw Control', 'Clawdbot Control', '  OpenClaw Control  '])('does not trust the title %j alone', (title) => {
    document.title = title;
    document.body.innerHTML = '<form><input name="token"></form>';
    expect(recognizeDashboard(document)).toBeNull();
  });

  it.each([
    ['/openclaw', '/openclaw'],
    ['/openclaw/', '/openclaw/'],
    ['', ''],
    ['/', '/'],
    ['openclaw', ''],
    ['//evil.example/x', ''],
    ['/a b', ''],
    ['/a?b', ''],
    ['/a#b', ''],
    ['/a\\b', ''],
    ['/a\nb', ''],
    ['javascript:alert(1)', ''],
    [`/${'a'.repeat(255)}`, `/${'a'.repeat(255)}`],
    [`/${'a'.repeat(256)}`, ''],
    [`/${'/'.repeat(1_000_000)}x`, ''],
  ])('bounds the base path %j to %j', (attribute, basePath) => {
    document.body.innerHTML = '<openclaw-app></openclaw-app>';
    document.documentElement.setAttribute('data-openclaw-control-ui-base-path', attribute);
    expect(recognizeDashboard(document)?.basePath).toBe(basePath);
  });

  it('reads the release from the start of a build id, however long (9.6’s run to about 170 characters)', () => {
    document.documentElement.setAttribute('data-openclaw-control-ui-build-id', `2026.9.6-${'x'.repeat(1_000_000)}`);
    expect(recognizeDashboard(document)).toEqual({ brand: 'openclaw', release: '2026.9.6', basePath: '' });
  });
});

describe('privateWindowUrl', () => {
  it.each([
    ['http://127.0.0.1:18789/chat?session=main#token=secret', 'http://127.0.0.1:18789/chat'],
    ['https://host.ts.net/openclaw/?token=x', 'https://host.ts.net/openclaw/'],
    ['http://[::1]:18789/', 'http://[::1]:18789/'],
  ])('%s → %s', (url, expected) => expect(privateWindowUrl(url)).toBe(expected));
  it.each(['javascript:alert(1)', 'chrome://extensions', 'not a url', undefined])('refuses %j', (url) =>
    expect(privateWindowUrl(url)).toBeNull(),
  );
});
