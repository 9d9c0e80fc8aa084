import { describe, expect, it } from 'vitest';
import { BRAND_LIST, BRANDS, brandNames } from './brands';

describe('brands', () => {
  it('names every brand’s element and keys in one row (reference §2.1, §2.4)', () => {
    expect(BRANDS.openclaw).toEqual({
      appElement: 'openclaw-app',
      deviceAuthKey: 'openclaw.device.auth.v1',
      identityKey: 'openclaw-device-identity-v1',
      settingsKey: 'openclaw.control.settings.v1',
      tabTokenKey: 'openclaw.control.token.v1',
    });
    expect(BRAND_LIST).toEqual(['openclaw', 'clawdbot', 'moltbot']);
    expect(BRANDS.clawdbot.deviceAuthKey).toBe('clawdbot.device.auth.v1');
  });

  it('knows no brand a page or a message may name', () => {
    for (const value of ['constructor', '__proto__', 'toString', '', 'OpenClaw', null, 42, {}]) expect(brandNames(value)).toBeNull();
    expect(brandNames('moltbot')).toBe(BRANDS.moltbot);
  });
});
