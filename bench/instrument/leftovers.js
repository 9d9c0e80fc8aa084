/**
 * Bench shim, loaded first in the extension's content-script world, only in the instrumented
 * copy of the build that `npm run bench` makes (never shipped). It wraps the APIs a content
 * script can leave running and counts what is still live: observers observing, timers pending,
 * animation frames and idle callbacks requested, DOM event listeners added and not removed,
 * extension event listeners, and open ports. The bench reads `globalThis.__benchLeftovers()`
 * through the DevTools protocol, in this world.
 *
 * It sees only this world's globals: the page's own timers and listeners are not counted, and
 * neither would be a timer the script set through another window (an iframe's) it created.
 */
(() => {
  const observers = new Set();
  const timers = { timeouts: new Set(), intervals: new Set(), animationFrames: new Set(), idleCallbacks: new Set() };
  /** target → "type|capture" → listeners */
  const domListeners = new Map();
  /** extension event name → listeners */
  const extensionListeners = new Map();
  const ports = new Set();
  /** Where an observer was started: the two frames above the wrapper, for the report. */
  const caller = () => (new Error().stack ?? '').split('\n').slice(3, 5).map((line) => line.trim()).join(' ← ');

  for (const name of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver']) {
    const Native = globalThis[name];
    if (typeof Native !== 'function') continue;
    globalThis[name] = class extends Native {
      observe(...args) {
        observers.add(this);
        this.benchStartedAt ??= `${name} ${caller()}`;
        return super.observe(...args);
      }
      disconnect() {
        observers.delete(this);
        return super.disconnect();
      }
    };
  }

  /** Replaces `set`/`clear` so `pending` holds the ids that will still call back. */
  function trackTimer(setName, clearName, pending, repeats) {
    const nativeSet = globalThis[setName]?.bind(globalThis);
    const nativeClear = globalThis[clearName]?.bind(globalThis);
    if (!nativeSet || !nativeClear) return;
    globalThis[setName] = (callback, ...rest) => {
      const id = nativeSet((...args) => {
        if (!repeats) pending.delete(id);
        return typeof callback === 'function' ? callback(...args) : undefined;
      }, ...rest);
      pending.add(id);
      return id;
    };
    globalThis[clearName] = (id) => {
      pending.delete(id);
      return nativeClear(id);
    };
  }
  trackTimer('setTimeout', 'clearTimeout', timers.timeouts, false);
  trackTimer('setInterval', 'clearInterval', timers.intervals, true);
  trackTimer('requestAnimationFrame', 'cancelAnimationFrame', timers.animationFrames, false);
  trackTimer('requestIdleCallback', 'cancelIdleCallback', timers.idleCallbacks, false);

  const listenerSet = (target, type, options) => {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    let byKey = domListeners.get(target);
    if (!byKey) domListeners.set(target, (byKey = new Map()));
    const key = `${type}|${capture}`;
    if (!byKey.has(key)) byKey.set(key, new Set());
    return byKey.get(key);
  };
  const { addEventListener: nativeAdd, removeEventListener: nativeRemove } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (listener) {
      const set = listenerSet(this, type, options);
      set.add(listener);
      // The DOM drops a `once` listener after it runs: drop it here too.
      if (typeof options === 'object' && options.once) nativeAdd.call(this, type, () => set.delete(listener), { once: true, capture: !!options.capture });
    }
    return nativeAdd.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (listener) listenerSet(this, type, options).delete(listener);
    return nativeRemove.call(this, type, listener, options);
  };

  // Extension events: chrome.* and browser.* share these objects on Chromium 148+.
  const api = globalThis.chrome;
  const events = {
    'runtime.onMessage': api?.runtime?.onMessage,
    'runtime.onConnect': api?.runtime?.onConnect,
    'storage.onChanged': api?.storage?.onChanged,
    'storage.local.onChanged': api?.storage?.local?.onChanged,
    'storage.session.onChanged': api?.storage?.session?.onChanged,
    'storage.sync.onChanged': api?.storage?.sync?.onChanged,
  };
  for (const [name, event] of Object.entries(events)) {
    if (!event?.addListener) continue;
    const listeners = new Set();
    extensionListeners.set(name, listeners);
    const add = event.addListener.bind(event);
    const remove = event.removeListener.bind(event);
    event.addListener = (listener, ...rest) => (listeners.add(listener), add(listener, ...rest));
    event.removeListener = (listener, ...rest) => (listeners.delete(listener), remove(listener, ...rest));
  }
  if (api?.runtime?.connect) {
    const connect = api.runtime.connect.bind(api.runtime);
    api.runtime.connect = (...args) => {
      const port = connect(...args);
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      const disconnect = port.disconnect.bind(port);
      port.disconnect = () => (ports.delete(port), disconnect());
      return port;
    };
  }

  /** Lines like `HTMLDocument visibilitychange ×1`, one per target and type with live listeners. */
  function describeListeners() {
    const lines = [];
    for (const [target, byKey] of domListeners)
      for (const [key, set] of byKey) if (set.size) lines.push(`${target.constructor?.name ?? 'EventTarget'} ${key.split('|')[0]} ×${set.size}`);
    return lines;
  }
  const total = (lines) => lines.reduce((sum, line) => sum + Number(line.split('×').pop()), 0);

  globalThis.__benchLeftovers = () => {
    const listenerLines = describeListeners();
    const extensionLines = [...extensionListeners].filter(([, set]) => set.size).map(([name, set]) => `${name} ×${set.size}`);
    return {
      observers: observers.size,
      timeouts: timers.timeouts.size,
      intervals: timers.intervals.size,
      animationFrames: timers.animationFrames.size,
      idleCallbacks: timers.idleCallbacks.size,
      domListeners: total(listenerLines),
      extensionListeners: total(extensionLines),
      ports: ports.size,
      where: [...[...observers].map((o) => o.benchStartedAt), ...listenerLines, ...extensionLines],
    };
  };
})();
