/**
 * Chromium with an unpacked extension, the way the e2e suite launches it (headless, Debian's
 * Chromium, a throwaway profile), and the two extensions the bench generates: the baseline of
 * the "without" column (empty content scripts, an empty service worker, a static popup) and an
 * instrumented copy of the build that counts what its content script leaves running.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** Chromium names an unpacked extension after the SHA-256 of its path, in the letters a–p. */
export function extensionIdFor(dir) {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Launches Chromium with the unpacked extension in `extensionDir` and waits for its service
 * worker. Returns `{ context, worker, extensionId, close }`; `close` also deletes the profile.
 */
export async function launchWithExtension(executablePath, extensionDir) {
  const profile = mkdtempSync(path.join(tmpdir(), 'octf-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const extensionId = extensionIdFor(extensionDir);
    const worker = await serviceWorker(context, extensionId);
    return { context, worker, extensionId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The extension's service worker; the `serviceworker` event alone can miss one that started earlier. */
async function serviceWorker(context, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
    if (worker) return worker;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The service worker of ${extensionId} did not start within 30 s.`);
}

const readManifest = (dir) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** The same first render the real popup makes (`<main><h1>`), but static: the cost of opening any extension page. */
const BASELINE_POPUP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><div id="app"><main><h1>OpenClaw Token Fixer</h1></main></div></body></html>`;

/**
 * The least any popup that answers can do: one module script that reads the tabs' reports from
 * session storage once and then shows a `dl.facts`. No framework, no words, no checks. Its answer
 * time is the floor for a popup with script on this machine (the script's context and the
 * storage round trip), beside the static page's, which runs no script at all.
 */
const MINIMAL_POPUP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Minimal</title>
<script type="module" src="popup-minimal.js"></script></head><body><div id="app"></div></body></html>`;
const MINIMAL_POPUP_SCRIPT = `chrome.storage.session.get('tabs').then(() => {
  document.getElementById('app').innerHTML = '<main><h1>OpenClaw Token Fixer</h1><dl class="facts"><dt>Error</dt><dd>Device token mismatch</dd></dl></main>';
});
`;

/**
 * Writes the "without" extension into a temp dir: the built manifest's content scripts with the
 * same matches and run_at but empty files, an empty service worker, a static popup and a minimal
 * one (`popup-minimal.html`). Measured
 * against it, a figure shows what the extension's own code costs, not what any extension with a
 * content script costs (an isolated world, the injection itself). Returns the dir.
 */
export function writeBaselineExtension(builtDir) {
  const built = readManifest(builtDir);
  const dir = mkdtempSync(path.join(tmpdir(), 'octf-bench-baseline-'));
  const contentScripts = (built.content_scripts ?? []).map((script, index) => {
    writeFileSync(path.join(dir, `empty-${index}.js`), '// intentionally empty\n');
    return { ...script, js: [`empty-${index}.js`], css: undefined };
  });
  writeFileSync(path.join(dir, 'background.js'), '// intentionally empty\n');
  writeFileSync(path.join(dir, 'popup.html'), BASELINE_POPUP);
  writeFileSync(path.join(dir, 'popup-minimal.html'), MINIMAL_POPUP);
  writeFileSync(path.join(dir, 'popup-minimal.js'), MINIMAL_POPUP_SCRIPT);
  const manifest = {
    manifest_version: 3,
    name: 'Bench baseline (empty content scripts)',
    version: '0.0.0',
    permissions: built.permissions,
    background: { service_worker: 'background.js' },
    action: { default_popup: 'popup.html' },
    content_scripts: contentScripts,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Copies the build into a temp dir and puts `shimFile` first in every content script entry, so
 * it runs in the same isolated world just before the extension's own code. Returns the dir.
 */
export function writeInstrumentedExtension(builtDir, shimFile) {
  const dir = mkdtempSync(path.join(tmpdir(), 'octf-bench-instrumented-'));
  cpSync(builtDir, dir, { recursive: true });
  cpSync(shimFile, path.join(dir, 'bench-shim.js'));
  const manifest = readManifest(dir);
  for (const script of manifest.content_scripts ?? []) script.js = ['bench-shim.js', ...(script.js ?? [])];
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export const removeDir = (dir) => rmSync(dir, { recursive: true, force: true });
