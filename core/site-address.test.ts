import { translatorFor } from './test-i18n';
import { describe, expect, it } from 'vitest';
import { parseDashboardAddress, patternForOrigin, reconcileSites, type DashboardSite } from './site-address';

const t = await translatorFor('en');

const site = (address: string): DashboardSite => {
  const parsed = parseDashboardAddress(address, t);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.site;
};

describe('parseDashboardAddress', () => {
  it.each([
    ['http://192.168.1.20:18789/', 'http://192.168.1.20:18789/', 'http://192.168.1.20:18789', 'http://192.168.1.20/*'],
    ['192.168.1.20:18789', 'http://192.168.1.20:18789/', 'http://192.168.1.20:18789', 'http://192.168.1.20/*'],
    ['https://box.tailnet-name.ts.net/', 'https://box.tailnet-name.ts.net/', 'https://box.tailnet-name.ts.net', 'https://box.tailnet-name.ts.net/*'],
    ['  https://Home.Example/openclaw?x=1#token=secret ', 'https://home.example/openclaw/', 'https://home.example', 'https://home.example/*'],
    ['http://[fd7a:115c::1]:18789/chat', 'http://[fd7a:115c::1]:18789/chat/', 'http://[fd7a:115c::1]:18789', 'http://[fd7a:115c::1]/*'],
    ['openclaw.test:4000', 'http://openclaw.test:4000/', 'http://openclaw.test:4000', 'http://openclaw.test/*'],
  ])('%s', (input, address, origin, pattern) => expect(parseDashboardAddress(input, t)).toEqual({ ok: true, site: { address, origin, pattern } }));

  it.each([
    ['', /Type the address/],
    ['ftp://host/', /Only http and https/],
    ['javascript:alert(1)', /Only http and https/],
    ['file:///etc/passwd', /Only http and https/],
    ['http://user:pass@host/', /user name and password/],
    ['http://exa mple.com/', /not an address|not one a browser/],
    ['http://127.0.0.1:18789/', /covered already/],
    ['http://localhost:5173/', /covered already/],
    ['x'.repeat(5000), /too long/],
  ])('refuses %j with a clear message', (input, message) => {
    const parsed = parseDashboardAddress(input, t);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('refuses non-strings without throwing', () => {
    for (const input of [null, undefined, 42, {}, ['http://a/']]) expect(parseDashboardAddress(input, t).ok).toBe(false);
  });

  it('gives the pattern for a page origin', () => {
    expect(patternForOrigin('https://home.example:8443')).toBe('https://home.example/*');
    expect(patternForOrigin('chrome-extension://abc')).toBeNull();
  });
});

describe('reconcileSites', () => {
  const lan = site('http://192.168.1.20:18789/');
  const proxy = site('https://home.example/openclaw/');

  it('registers each granted site once', () => {
    expect(reconcileSites([lan, proxy], [lan.pattern, proxy.pattern], [], [])).toEqual({ sites: [lan, proxy], register: [lan.pattern, proxy.pattern], unregister: [] });
    expect(reconcileSites([lan], [lan.pattern], [lan.pattern], [])).toEqual({ sites: [lan], register: [], unregister: [] });
  });

  it('a permission revoked in the browser’s settings removes the site and its script', () => {
    expect(reconcileSites([lan, proxy], [proxy.pattern], [lan.pattern, proxy.pattern], [])).toEqual({ sites: [proxy], register: [], unregister: [lan.pattern] });
  });

  it('a host granted from the browser’s own menu becomes a site; manifest host permissions do not', () => {
    const result = reconcileSites([], ['https://box.ts.net/*', 'http://openclaw.test/*', '<all_urls>', 'https://*.example/*'], [], ['http://openclaw.test/*']);
    expect(result.sites.map((s) => s.pattern)).toEqual(['https://box.ts.net/*']);
    expect(result.register).toEqual(['https://box.ts.net/*']);
  });

  it('drops registrations nobody asked for', () => {
    expect(reconcileSites([], [], ['http://stale.example/*'], []).unregister).toEqual(['http://stale.example/*']);
  });
});
