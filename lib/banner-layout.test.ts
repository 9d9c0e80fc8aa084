import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SCROLL_RESTORES, clipsOverflow, fitAppBelowBanner, keepBannerInView, shouldRestoreScroll, type ScrollFacts } from './banner-layout';

const FACTS: ScrollFacts = { userActed: false, restores: 0, bannerTop: -120, focusedBottom: null, viewportHeight: 700 };

describe('undoing a scroll the page made by itself', () => {
  it.each<[string, Partial<ScrollFacts>, boolean]>([
    ['the page scrolled the banner off the top before the user did anything', {}, true],
    ['the banner is still in the window', { bannerTop: 0 }, false],
    ['the user scrolled, typed, clicked or touched the page', { userActed: true }, false],
    ['undone as often as allowed already: the page wins', { restores: MAX_SCROLL_RESTORES }, false],
    ['the last undo allowed', { restores: MAX_SCROLL_RESTORES - 1 }, true],
    ['the field in focus stays in the window', { focusedBottom: 400 }, true],
    ['the field in focus would go below the window', { focusedBottom: 650 }, false],
  ])('%s → %s', (_, patch, expected) => {
    expect(shouldRestoreScroll({ ...FACTS, ...patch })).toBe(expected);
  });
});

describe('making a window-sized app shorter by the banner', () => {
  const host = document.createElement('div');
  const app = document.createElement('openclaw-app');
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.removeAttribute('style');
    document.body.removeAttribute('style');
    app.removeAttribute('style');
  });

  it('changes nothing on a page whose window scrolls', () => {
    document.body.append(host, app);
    expect(clipsOverflow(document)).toBe(false);
    fitAppBelowBanner(host, app).stop();
    expect(app.getAttribute('style')).toBeNull();
  });

  it('on a page that clips (2026.9.6: html, body { overflow: clip }), shortens the app, and puts its own height back', () => {
    document.body.style.overflowY = 'clip';
    app.style.height = '90%';
    document.body.append(host, app);
    expect(clipsOverflow(document)).toBe(true);
    const fit = fitAppBelowBanner(host, app);
    expect(app.style.height).toMatch(/^calc\(100% - \d+px\)$/);
    fit.stop();
    expect(app.style.height).toBe('90%');
  });

  it('with no app element found, does nothing', () => {
    document.body.style.overflowY = 'hidden';
    expect(() => fitAppBelowBanner(host, null).stop()).not.toThrow();
  });
});

describe('a banner that comes after the page scrolled', () => {
  it('is brought into view at once, with no scroll event to wait for', () => {
    const host = document.createElement('div');
    document.body.append(host);
    // The page scrolled 83 px down before the banner was mounted (seen on 4.24 under load).
    host.getBoundingClientRect = () => ({ top: -83, bottom: 0, left: 0, right: 0, width: 0, height: 83, x: 0, y: -83, toJSON() {} });
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    const placed = keepBannerInView(host);
    expect(scrollBy).toHaveBeenCalledWith({ top: -83, behavior: 'instant' });
    placed.stop();
    scrollBy.mockRestore();
    host.remove();
  });
});
