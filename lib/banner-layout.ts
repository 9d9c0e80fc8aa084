/**
 * Where the banner sits on the page. It is a block in the page's flow, first in `<body>`, so it
 * never lies over the app: the login card, the header and the Connect button come below it
 * (tests/e2e/banner-layout.spec.ts checks the boxes on real releases). Two kinds of page need
 * more than that:
 *
 * - Pages that size themselves to the window and clip the rest. 2026.9.6 sets
 *   `html, body { height: 100%; overflow: clip }` and `openclaw-app { height: 100% }`, and its
 *   login gate scrolls inside `max-height: 100%` (read in the 9.6 bundle's CSS). Pushed down by the
 *   banner, the app's bottom would fall under the clip, out of reach: the card's last lines, and on
 *   a short window its Connect button. `fitAppBelowBanner` makes the app that much shorter instead.
 * - Pages that scroll the window by themselves. 2026.4.24 and 2026.6.11 scroll their chat to the
 *   bottom after each update, and while the login gate hides the chat that scroll falls back to the
 *   document (`document.scrollingElement`, read in both bundles), which takes the banner off the top
 *   of the window before the user did anything. `keepBannerInView` undoes such a scroll, a few
 *   times at most, and never once the user has scrolled, typed, clicked or touched the page. It
 *   also looks once when the banner comes, in case the page scrolled before it.
 */

/** Overflow values with which a page cuts off what does not fit, instead of letting the window scroll. */
const CLIPPING = new Set(['clip', 'hidden']);

/** True when the page clips its overflow at `<html>` or `<body>`: pushed-down content is out of reach. */
export function clipsOverflow(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  return [doc.documentElement, doc.body].some((el) => el && CLIPPING.has(view.getComputedStyle(el).overflowY));
}

/**
 * On a page that clips its overflow (`clipsOverflow`), sets the app element's height to the
 * window's less the banner's (`calc(100% - <px>)`, as an inline style), and follows the banner's
 * height while it changes. `stop` puts back the app's own inline height, whatever it was. On other
 * pages it changes nothing (the window scrolls to what the banner pushed down).
 */
export function fitAppBelowBanner(host: HTMLElement, app: HTMLElement | null): { stop(): void } {
  const doc = host.ownerDocument;
  if (!app || !clipsOverflow(doc)) return { stop() {} };
  const before = { value: app.style.getPropertyValue('height'), priority: app.style.getPropertyPriority('height') };
  const fit = () => app.style.setProperty('height', `calc(100% - ${Math.ceil(host.getBoundingClientRect().height)}px)`);
  fit();
  const View = doc.defaultView as (Window & typeof globalThis) | null;
  const observer = View?.ResizeObserver ? new View.ResizeObserver(fit) : null;
  observer?.observe(host);
  return {
    stop() {
      observer?.disconnect();
      if (before.value) app.style.setProperty('height', before.value, before.priority);
      else app.style.removeProperty('height');
    },
  };
}

/** The most times a page's own scroll is undone: a page that keeps scrolling wins, with no tug of war. */
export const MAX_SCROLL_RESTORES = 4;

/** What `keepBannerInView` looks at after a scroll, in the window's coordinates (px). */
export interface ScrollFacts {
  /** The user has scrolled, typed, clicked or touched the page since it loaded. */
  userActed: boolean;
  /** Scrolls undone so far. */
  restores: number;
  /** The banner's top edge: negative when the page scrolled it off the top. */
  bannerTop: number;
  /** The bottom edge of the element with the focus (not `<body>`), if any, and the window's height. */
  focusedBottom: number | null;
  viewportHeight: number;
}

/**
 * Whether to scroll the window back up by `-bannerTop`: only for a scroll the page made by itself
 * (no user input yet), at most `MAX_SCROLL_RESTORES` times, and never when that would move the
 * field the user is in (the focused element) below the window.
 */
export function shouldRestoreScroll(facts: ScrollFacts): boolean {
  if (facts.userActed || facts.restores >= MAX_SCROLL_RESTORES || facts.bannerTop >= 0) return false;
  return facts.focusedBottom === null || facts.focusedBottom - facts.bannerTop <= facts.viewportHeight;
}

/** Input that means the user is steering the page: from then on the scroll position is theirs. */
const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown', 'mousedown'] as const;

/** See the module comment; `stop` removes the listeners. */
export function keepBannerInView(host: HTMLElement): { stop(): void } {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  if (!view) return { stop() {} };
  let userActed = false;
  let restores = 0;
  const acted = () => (userActed = true);
  const onScroll = () => {
    const focused = doc.activeElement && doc.activeElement !== doc.body ? doc.activeElement : null;
    const facts: ScrollFacts = {
      userActed,
      restores,
      bannerTop: host.getBoundingClientRect().top,
      focusedBottom: focused ? focused.getBoundingClientRect().bottom : null,
      viewportHeight: view.innerHeight,
    };
    if (!shouldRestoreScroll(facts)) return;
    restores++;
    view.scrollBy({ top: facts.bannerTop, behavior: 'instant' });
  };
  for (const type of USER_INPUT) view.addEventListener(type, acted, { capture: true, passive: true });
  view.addEventListener('scroll', onScroll, { passive: true });
  // The page may have scrolled before the banner came (on a slow machine the banner mounts after
  // 4.24's own scrolls, and after the clear's reload): no scroll event would follow, so look now,
  // and once more after the banner's first layout.
  onScroll();
  const frame = view.requestAnimationFrame?.(onScroll);
  return {
    stop() {
      if (frame !== undefined) view.cancelAnimationFrame(frame);
      for (const type of USER_INPUT) view.removeEventListener(type, acted, { capture: true });
      view.removeEventListener('scroll', onScroll);
    },
  };
}

/** Both of the above for a banner just mounted in front of `app` (the page's app element, if found); `stop` undoes both. */
export function placeBanner(host: HTMLElement, app: HTMLElement | null): { stop(): void } {
  const parts = [fitAppBelowBanner(host, app), keepBannerInView(host)];
  return { stop: () => parts.forEach((part) => part.stop()) };
}
