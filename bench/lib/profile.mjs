/**
 * Reads a V8 CPU profile (CDP `Profiler.stop`) for the extension's share: each sample is given
 * to the innermost frame of the extension's scripts on its stack, so a function's time includes
 * the DOM and built-in calls it makes (TreeWalker steps, `closest`, regular expressions), which
 * the profiler shows as native frames under it. Blink's own work for an observer (queuing
 * mutation records while the page changes the DOM) runs under the page's frames and is not
 * visible here: compare the total with the with − without difference to see how much that is.
 */
import { readFileSync } from 'node:fs';

/**
 * Reads an unminified bundle: `moduleOf(line)` is the source module of a line (0-based), from the
 * `// <path>` comments the bundler writes before each module, and `textOf(line)` the line itself,
 * trimmed, which names an anonymous function by what it is (`new MutationObserver((records) => {`).
 */
export function readBundle(bundleFile) {
  const lines = readFileSync(bundleFile, 'utf8').split('\n');
  const modules = [];
  let current = '(bundle)';
  for (const line of lines) {
    const match = /^\s*\/\/ (\S+\.(?:ts|tsx|js|mjs))$/.exec(line);
    if (match) current = match[1].replace(/^(?:\.\.\/)+[^/]+\/node_modules\//, 'node_modules/');
    modules.push(current);
  }
  return {
    moduleOf: (line) => modules[line] ?? '(bundle)',
    textOf: (line) => (lines[line] ?? '').trim().slice(0, 90),
  };
}

/** A frame's function name, or for an anonymous one the start of its line (`new MutationObserver((records) => {`). */
const nameOf = ({ functionName, url, lineNumber }, bundleFor) => {
  if (functionName) return functionName;
  const text = bundleFor(url).textOf(lineNumber);
  return `(anonymous: ${text.length > 48 ? `${text.slice(0, 47)}…` : text})`;
};

/**
 * Summarizes `profile` for scripts whose URL starts with `urlPrefix`; `bundleFor(url)` gives a
 * script's `readBundle` to name modules and lines. Returns `{ sampledMs,
 * busyMs, extensionMs, gcMs, functions }` in ms: all sampled time, the part not idle, the
 * extension's inclusive share, garbage collection (anyone's), and the extension's functions by
 * time (`{ name, file, module, line, source, ms, selfMs, calledFrom }`: `ms` with the native calls under it,
 * `selfMs` when the sample's top frame is the function itself, its two main callers), longest first.
 */
export function summarizeProfile(profile, urlPrefix, bundleFor = () => ({ moduleOf: () => '', textOf: () => '' })) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isExtension = (node) => node.callFrame.url.startsWith(urlPrefix);
  /** The innermost extension frame on a node's stack, cached per node. */
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const node = byId.get(id);
    const found = isExtension(node) ? node : parent.has(id) ? ownerOf(parent.get(id)) : null;
    owner.set(id, found);
    return found;
  };

  const functions = new Map();
  let sampledMs = 0;
  let extensionMs = 0;
  let gcMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one; the last one's length is unknown, so it counts as 0.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    sampledMs += ms;
    if (node.callFrame.functionName === '(garbage collector)') gcMs += ms;
    if (node.callFrame.functionName === '(idle)') idleMs += ms;
    const fn = ownerOf(id);
    if (!fn) return;
    extensionMs += ms;
    const { functionName, lineNumber, columnNumber, url } = fn.callFrame;
    const key = `${url}:${functionName}@${lineNumber}:${columnNumber}`;
    if (!functions.has(key)) {
      const bundle = bundleFor(url);
      const file = url.slice(urlPrefix.length);
      functions.set(key, { name: functionName || '(anonymous)', file, module: bundle.moduleOf(lineNumber), line: lineNumber + 1, source: bundle.textOf(lineNumber), ms: 0, selfMs: 0, callers: new Map() });
    }
    const entry = functions.get(key);
    entry.ms += ms;
    if (node === fn) entry.selfMs += ms;
    const caller = parent.has(fn.id) ? ownerOf(parent.get(fn.id)) : null;
    const callerName = caller ? nameOf(caller.callFrame, bundleFor) : '(the browser)';
    entry.callers.set(callerName, (entry.callers.get(callerName) ?? 0) + ms);
  });
  // Each function's callers, most time first: where to cut the call.
  const sorted = [...functions.values()]
    .sort((a, b) => b.ms - a.ms)
    .map(({ callers, ...entry }) => ({ ...entry, calledFrom: [...callers].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([name]) => name) }));
  return { sampledMs, busyMs: sampledMs - idleMs, extensionMs, gcMs, functions: sorted };
}
