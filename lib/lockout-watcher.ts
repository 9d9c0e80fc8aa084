/**
 * Watches a dashboard for lock-out messages without rescanning it: one full pass at start,
 * then only the nodes each mutation batch added or changed. Text is read from the text nodes
 * (as `textContent` joins them, not `innerText`), so messages inside collapsed `<details>` count,
 * and open shadow roots are observed too. The page is hostile input: at most 64 Ki characters
 * of any text node or element are read, and `data-kind` names are looked up in a `Map`.
 */
import { classifyError, combineFailureKind, FAILURE_KIND_NAMES, MAX_ERROR_TEXT_LENGTH, MAY_BE_LOCKOUT, withoutVague } from '@/core/classify-error';
import type { Lockout } from '@/core/lockout';

export interface LockoutWatcher {
  current(): Lockout[];
  stop(): void;
}

export interface WatchOptions {
  /** Nodes the watcher must not read: the extension's own banner. */
  ignore?: (node: Node) => boolean;
}

/**
 * How each part of the page is observed. Text the watcher never reads (the conversation, code,
 * the user's typing: `NOT_SHOWN`) is also not observed, since a streamed chat reply changes the
 * DOM thousands of times, and an observer of the whole document with an empty callback already
 * cost the busy dashboard about 8 % more main-thread time (bench, same-page comparison). So the observer covers the page in three kinds of
 * registration: a subtree with no conversation in it is observed whole; an element with
 * conversation somewhere inside (the "spine": `<body>`, the chat thread, each message group)
 * only for its own children, `data-kind` and, for each text child, its text; and each
 * conversation or code element only for whether it stops being one (its class or
 * `contenteditable`). Nodes added to a spine element are scanned and covered the same way.
 */
const OBSERVE_WHOLE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-kind'] };
const OBSERVE_SPINE: MutationObserverInit = { childList: true, attributes: true, attributeFilter: ['data-kind'] };
const OBSERVE_TEXT: MutationObserverInit = { characterData: true };
const OBSERVE_SKIPPED: MutationObserverInit = { attributes: true, attributeFilter: ['class', 'contenteditable'] };
/**
 * When to look again at a custom element that had no shadow root yet: its definition may
 * arrive after the element (Lit upgrades at once; a lazily loaded component library such as
 * Web Awesome's `wa-tooltip` can take seconds). After the last look it is left alone.
 */
const HOST_CHECK_DELAYS_MS = [50, 250, 1_000, 3_000, 10_000];
/** Custom elements waiting for a shadow root; a page that adds more is not looked at again for them. */
const MAX_PENDING_HOSTS = 1_000;
/** Elements naming a lock-out that are read again on every batch (a real page shows one to three). */
const MAX_SOURCES = 16;

/** Where text is read: an element, or a shadow root whose own children are text. */
type Container = Element | ShadowRoot;
/** The element a container stands for in the page: itself, or its shadow root's host. */
const elementOf = (container: Container): Element => (container instanceof ShadowRoot ? container.host : container);

/**
 * Text that is not the page's own error: code, the user's typing, the conversation (chat
 * messages and tool output) and the Logs page (2.26 to 9.6), where an error string may be
 * quoted, printed by a command the assistant ran, or logged for another client. Each selector
 * looks at the element alone (tag, class, attribute), which the observer's cover relies on.
 */
const NOT_SHOWN = [
  'script, style, noscript, template, textarea, [contenteditable]:not([contenteditable="false"])',
  '.chat-text, .chat-bubble, .chat-tool-card, .log-stream, .log-row',
  // The chat thread as a whole: 1.24 to 9.6 render only the conversation in it (messages, the
  // stream, "Loading chat…", 9.x's virtual rows) and show their errors beside it, in the chat
  // card's callout, the status pill or the login gate (templates read in each release's bundle).
  // Skipping it whole leaves no registration inside it: the observers registered on each
  // message group cost a streaming reply about 10 % more page script time (bench A/B, Chromium
  // 156, 2026-11-30), though they heard nothing of it. Except 9.6's new-session page: it adds
  // `chat-thread` to its scroll area in place while a session starts, and shows the request's
  // error (`div.callout.danger.new-session-page__error`) inside it (control-ui-boot-new, `Sp`).
  '.chat-thread:not(.new-session-page__scroll)',
  // 9.6 also quotes conversation text in reply previews, the sidebar's session previews and
  // its markdown reader, and transcript notices (class names read in the 2026.9.6 bundle).
  '.chat-reply-preview, .sidebar-session-attention-tooltip__preview, .sidebar-markdown-reader, .transcripts-notice',
].join(', ');

export function watchLockouts(doc: Document, onChange: (lockouts: Lockout[]) => void, options: WatchOptions = {}): LockoutWatcher {
  const ignore = options.ignore ?? (() => false);
  /** Elements (or shadow roots) that name a lock-out now, each with how to read it again when anything changes. */
  const sources = new Map<Container, (container: Container) => Lockout[]>();
  /** What each source read last; kept until a batch changes the source. */
  const readings = new Map<Container, Lockout[]>();
  const observedRoots = new WeakSet<Node>();
  /** Nodes observed with `OBSERVE_WHOLE` and with `OBSERVE_SPINE` (see there). */
  const whole = new WeakSet<Node>();
  const spine = new WeakSet<Node>();
  let reported: Lockout[] = [];
  let lastKey = '';
  let stopped = false;
  /** Custom elements added without a shadow root yet, each with how many times it was looked at since (`HOST_CHECK_DELAYS_MS`). */
  const pendingHosts = new Map<Element, number>();

  function onRecords(records: MutationRecord[]) {
    /** The sources this batch changed, which are read again (`null`: all of them). */
    let touched: Set<Container> | null = new Set();
    for (const record of records) {
      const target = record.target;
      if (touched && sources.size) {
        if (record.type === 'attributes' && record.attributeName !== 'data-kind') touched = null; // something may have become conversation
        else for (const source of sources.keys()) if (source === target || source.contains(target)) touched.add(source);
      }
      if (record.type === 'characterData') considerText(target);
      else if (record.type === 'attributes') {
        if (record.attributeName === 'data-kind') considerFailureKind(target as Element);
        else unskip(target as Element);
      } else for (const node of record.addedNodes) added(node, target);
    }
    settle(touched);
  }
  const observer = new MutationObserver(onRecords);
  /** Its own observer, so that a skipped element shown again gets a new registration rather than a changed one. */
  const skippedObserver = new MutationObserver(onRecords);

  /**
   * Reads the element of one text node that may name a lock-out. The whole element is read
   * because a release may split a message over several text nodes ("disconnected (", code, …).
   * A text node straight under a shadow root (a Lit template whose top level is `${error}`) is
   * read with its root.
   */
  function considerText(node: Node, knownShown = false) {
    const container = node.parentElement ?? (node.parentNode instanceof ShadowRoot ? node.parentNode : null);
    // A node a later record of the same batch removed is gone: a streamed chat reply re-renders
    // and drops the nodes it added a moment before, and reading those cost the most (bench).
    if (!container || readsText(sources.get(container)) || !node.isConnected || !MAY_BE_LOCKOUT.test(head((node as Text).data))) return;
    if (sources.size >= MAX_SOURCES && !sources.has(container)) return; // before reading it: see MAX_SOURCES
    const element = elementOf(container);
    if (ignore(element) || (!knownShown && element.closest(NOT_SHOWN))) return;
    if (readText(container).length) addSource(container, readText);
  }

  /** 6.x–9.x's login gate names the kind of failure in `data-kind`, in every language. */
  function considerFailureKind(element: Element) {
    const known = sources.get(element);
    if (known !== readFailureKind && known !== readBoth && readFailureKind(element).length) addSource(element, readFailureKind);
  }

  /**
   * Tracks `container` as naming a lock-out. An element read both ways (a `data-kind` and text
   * of its own) keeps both readings. A real page shows a few error elements; a page that shows
   * more than `MAX_SOURCES` gets no more, since each is read again on every mutation batch.
   */
  function addSource(container: Container, read: (container: Container) => Lockout[]) {
    const known = sources.get(container);
    if (known && known !== read) {
      sources.set(container, readBoth);
      readings.delete(container); // read again, both ways
    }
    else if (!known && sources.size < MAX_SOURCES) sources.set(container, read);
  }

  /**
   * A newly added subtree, in one pass: its text nodes (each tested cheaply before its element
   * is read), 9.x `data-kind` attributes, and shadow roots to observe. Returns the conversation
   * and code elements it skipped (the node itself when it is one), or `null` when the node is
   * gone, ignored or inside the conversation: nothing there to read or observe.
   */
  function scan(node: Node): Element[] | null {
    if (!node.isConnected || ignore(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      considerText(node);
      return [];
    }
    const isElement = node.nodeType === Node.ELEMENT_NODE;
    if (!isElement && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return null;
    if (isElement && (node as Element).matches(NOT_SHOWN)) return [node as Element];
    // Conversation and code are skipped as whole subtrees: one check per subtree, not one per text node.
    if (isElement && node.parentElement?.closest(NOT_SHOWN)) return null;
    const skipped: Element[] = [];
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (child) => {
        if (child.nodeType !== Node.ELEMENT_NODE || !(child as Element).matches(NOT_SHOWN)) return NodeFilter.FILTER_ACCEPT;
        skipped.push(child as Element);
        return NodeFilter.FILTER_REJECT; // and its whole subtree
      },
    });
    for (let current: Node | null = walker.currentNode; current; current = walker.nextNode()) {
      if (current.nodeType === Node.TEXT_NODE) {
        considerText(current, true);
        continue;
      }
      if (current.nodeType !== Node.ELEMENT_NODE) continue;
      const el = current as Element;
      if (el.hasAttribute('data-kind')) considerFailureKind(el);
      if (el.shadowRoot) enterShadowRoot(el.shadowRoot);
      // A custom element may attach its shadow root when its definition arrives: look once more later.
      else if (el.localName.includes('-') && pendingHosts.size < MAX_PENDING_HOSTS && !pendingHosts.has(el)) pendingHosts.set(el, 0);
    }
    return skipped;
  }

  /**
   * Registers the observer on `node`, a subtree just scanned, `skipped` the conversation and
   * code elements the scan skipped: whole when it has none, else the spine from `node` down to
   * each of them observed for its own children, and everything beside the spine whole.
   */
  function cover(node: Node, skipped: readonly Element[]) {
    if (node.nodeType === Node.TEXT_NODE) return observer.observe(node, OBSERVE_TEXT);
    // A spine element stays one (its children get registrations of their own): `observe` on a
    // node this observer already watches changes the options only where the DOM spec is followed.
    if (skipped.length === 0 && !spine.has(node)) {
      observer.observe(node, OBSERVE_WHOLE);
      whole.add(node);
      return;
    }
    const isSkipped = new Set<Node>(skipped);
    if (isSkipped.has(node)) return skippedObserver.observe(node, OBSERVE_SKIPPED);
    // Each element's ancestors up to `node`, stopping at one already marked: linear in the subtree.
    const path = new Set<Node>([node]);
    for (const element of skipped) {
      for (let up = element.parentNode; up && !path.has(up); up = up.parentNode) path.add(up);
    }
    for (const element of path) {
      observer.observe(element, OBSERVE_SPINE);
      whole.delete(element);
      spine.add(element);
      for (const child of element.childNodes) {
        if (path.has(child)) continue;
        if (isSkipped.has(child)) skippedObserver.observe(child, OBSERVE_SKIPPED);
        else if (child.nodeType === Node.TEXT_NODE) observer.observe(child, OBSERVE_TEXT);
        else if (child.nodeType === Node.ELEMENT_NODE) {
          observer.observe(child, OBSERVE_WHOLE);
          whole.add(child);
        }
      }
    }
  }

  /** A node a childList record added under `parent`. */
  function added(node: Node, parent: Node) {
    const skipped = scan(node);
    if (!skipped) return;
    // Under a spine element nothing observes the new node yet; elsewhere a whole subtree already
    // does, and new conversation inside it is cut out of it so that its changes stop arriving.
    if (spine.has(parent)) cover(node, skipped);
    else if (skipped.length) carve(parent);
  }

  /** Observes the whole subtree around `node` again, without the conversation that appeared in it. */
  function carve(node: Node) {
    let around: Node | null = node;
    while (around && !whole.has(around)) around = around.parentNode;
    const skipped = around?.isConnected ? scan(around) : null;
    if (around && skipped) cover(around, skipped);
  }

  /** A conversation or code element whose class or `contenteditable` changed: maybe it is shown now. */
  function unskip(element: Element) {
    if (!element.isConnected || element.matches(NOT_SHOWN) || !spine.has(element.parentNode!)) return;
    const skipped = scan(element);
    if (skipped) cover(element, skipped);
  }

  /** A document or open shadow root: read it all, then observe it. */
  function enterRoot(root: Document | ShadowRoot) {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    const skipped = scan(root);
    if (skipped) cover(root, skipped);
  }

  function enterShadowRoot(root: ShadowRoot) {
    if (!ignore(root.host)) enterRoot(root);
  }

  /** Drops sources that went away or changed, then tells the caller if the set of lock-outs changed. */
  function settle(touched: ReadonlySet<Container> | null = null) {
    const byKind = new Map<string, Lockout>();
    for (const [source, read] of sources) {
      // Only what this batch changed is read again: a source can hold 64 Ki characters.
      const known = touched && !touched.has(source) ? readings.get(source) : undefined;
      const now = !source.isConnected ? [] : (known ?? read(source));
      readings.set(source, now);
      if (now.length === 0) {
        sources.delete(source);
        readings.delete(source);
      }
      for (const lockout of now) byKind.set(lockout.kind, { ...byKind.get(lockout.kind), ...lockout });
    }
    // One page, one answer: a gate's data-kind and its raw error element say the same thing twice.
    const next = withoutVague([...byKind.values()]);
    const key = JSON.stringify(next.map((l) => [l.kind, l.requestId]).sort());
    if (key !== lastKey) {
      lastKey = key;
      reported = next;
      onChange(next);
    }
    if (pendingHosts.size) scheduleHostCheck();
  }

  // A timer, not an animation frame: frames stop in background tabs and the set would grow.
  let hostCheck: ReturnType<typeof setTimeout> | 0 = 0;
  function scheduleHostCheck() {
    if (hostCheck) return;
    const round = Math.min(...pendingHosts.values());
    hostCheck = setTimeout(() => {
      hostCheck = 0;
      if (stopped) return;
      let found = false;
      for (const [host, checks] of pendingHosts) {
        if (host.shadowRoot) {
          pendingHosts.delete(host);
          if (!observedRoots.has(host.shadowRoot)) {
            enterShadowRoot(host.shadowRoot);
            found = true;
          }
        } else if (checks + 1 >= HOST_CHECK_DELAYS_MS.length || !host.isConnected) pendingHosts.delete(host);
        else pendingHosts.set(host, checks + 1);
      }
      if (found) settle();
      else if (pendingHosts.size) scheduleHostCheck();
    }, HOST_CHECK_DELAYS_MS[round]);
  }

  enterRoot(doc);
  settle();

  return {
    current: () => reported,
    stop() {
      stopped = true;
      observer.disconnect();
      skippedObserver.disconnect();
      if (hostCheck) clearTimeout(hostCheck);
      sources.clear();
      readings.clear();
    },
  };
}

/**
 * An element's text without the code or typing inside it (a `<body>` holds the page's scripts),
 * as `textContent` joins it but at most `MAX_ERROR_TEXT_LENGTH` characters (64 Ki): an error
 * element holds a few hundred, and a page with a 10 MB text node must not cost a 10 MB read
 * (and a classification of it) on every mutation batch. The walk stops once that much is read.
 */
function shownText(element: Container): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.TEXT_NODE
        ? NodeFilter.FILTER_ACCEPT
        : (node as Element).matches(NOT_SHOWN)
          ? NodeFilter.FILTER_REJECT // skips its whole subtree
          : NodeFilter.FILTER_SKIP,
  });
  let text = '';
  for (let node = walker.nextNode(); node && text.length < MAX_ERROR_TEXT_LENGTH; node = walker.nextNode()) {
    const data = (node as Text).data;
    text += data.length > MAX_ERROR_TEXT_LENGTH - text.length ? data.slice(0, MAX_ERROR_TEXT_LENGTH - text.length) : data;
  }
  return text;
}

/** The part of a text node the watcher reads: its first `MAX_ERROR_TEXT_LENGTH` characters. */
const head = (data: string) => (data.length > MAX_ERROR_TEXT_LENGTH ? data.slice(0, MAX_ERROR_TEXT_LENGTH) : data);

/** 3.x and later show their errors in a login gate; the page's era tells some readings apart (`diagnose`). */
const LOGIN_GATE = '.login-gate, openclaw-login-gate';
const dated = (container: Container, lockouts: Lockout[]): Lockout[] =>
  lockouts.length && elementOf(container).closest(LOGIN_GATE) ? lockouts.map((lockout) => ({ ...lockout, shownIn: 'login-gate' as const })) : lockouts;

/** Read again on every batch while it names a lock-out: by then it may be conversation (its class changed). */
const readText = (container: Container): Lockout[] =>
  elementOf(container).closest(NOT_SHOWN) ? [] : dated(container, classifyError(shownText(container)));

const readsText = (read: unknown) => read === readText || read === readBoth;

/** An element with a `data-kind` and error text of its own: both readings. */
const readBoth = (container: Container): Lockout[] =>
  container instanceof ShadowRoot ? readText(container) : [...readFailureKind(container), ...readText(container)];

/** The `data-kind` values a release writes; a `Set`, so a page's `constructor` or `__proto__` is no member. */
const KNOWN_FAILURE_KINDS: ReadonlySet<string> = new Set(FAILURE_KIND_NAMES);
/** The failure callout (6.x–8.x) or section (9.x) of the login gate: its text holds the raw error, in a collapsed `<details>`. */
const GATE_FAILURE_CLASS = 'login-gate__failure';

/**
 * A login gate's failure: its `data-kind` (never translated) with the raw error inside it (never
 * translated either), so the dashboard in German or Japanese reads the same as in English.
 * `auth-required` and `auth-failed` say only that a credential was missing or refused: read from
 * the gate's own failure element, where the raw error says which (a 9.x `auth-required` beside
 * "device token mismatch" is A, the token the UI already dropped), and the gateway token otherwise.
 */
function readFailureKind(container: Container): Lockout[] {
  if (container instanceof ShadowRoot) return [];
  const element = container;
  const dataKind = element.getAttribute('data-kind');
  if (dataKind === null || !KNOWN_FAILURE_KINDS.has(dataKind)) return [];
  const gate = element.classList.contains(GATE_FAILURE_CLASS);
  if (!gate && (dataKind === 'auth-required' || dataKind === 'auth-failed')) return [];
  // The raw error's own element when it has one (the title and summary are translated words).
  const raw = gate ? (element.querySelector(`.${GATE_FAILURE_CLASS}-raw`) ?? element) : null;
  return dated(element, combineFailureKind(dataKind, raw ? classifyError(shownText(raw)) : []));
}
