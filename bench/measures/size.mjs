/**
 * Size: gzip bytes (zlib level 9, what a download or a store review sees; the browser reads the
 * files unpacked) of each entrypoint of the built extension with everything it loads, and of what
 * a page that is not a dashboard loads: the content scripts the manifest declares for loopback.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A JS file and the relative modules it imports statically (`import …"./x.js"`), transitively. */
function withImports(dir, file, seen = new Set()) {
  if (seen.has(file) || !existsSync(path.join(dir, file))) return seen;
  seen.add(file);
  const code = readFileSync(path.join(dir, file), 'utf8');
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) withImports(dir, path.posix.join(path.posix.dirname(file), spec), seen);
  return seen;
}

/** An HTML entry: the page, its scripts, stylesheets and modulepreloads, and what the scripts import. */
function htmlEntryFiles(dir, html) {
  const files = new Set([html]);
  const markup = readFileSync(path.join(dir, html), 'utf8');
  for (const [, ref] of markup.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) {
    if (ref.endsWith('.js')) withImports(dir, ref, files);
    else files.add(ref);
  }
  return files;
}

const total = (dir, files) => [...files].reduce((sum, file) => sum + gzipBytes(path.join(dir, file)), 0);
const LOOPBACK = /^(https?|\*):\/\/(127\.0\.0\.1|localhost|\[::1\]|\*)\//;

/**
 * Sizes of the build in `dir`. Returns `{ files, entrypoints, nonDashboardPage }`: every JS, CSS
 * and HTML file (`{ file, bytes, gzip }`), each entrypoint's total gzip with the files it loads,
 * and the gzip of the content scripts (JS and CSS) a loopback page gets, with their names.
 */
export function measureSize(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const all = [];
  const walk = (sub) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else if (/\.(js|css|html)$/.test(name)) all.push({ file: rel, bytes: statSync(path.join(dir, rel)).size, gzip: gzipBytes(path.join(dir, rel)) });
    }
  };
  walk('');

  const entrypoints = [];
  const background = manifest.background?.service_worker;
  if (background) entrypoints.push({ name: 'background', files: [...withImports(dir, background)] });
  for (const script of manifest.content_scripts ?? []) for (const js of script.js ?? []) entrypoints.push({ name: js.replace(/\.js$/, ''), files: [...withImports(dir, js), ...(script.css ?? [])] });
  for (const html of [manifest.action?.default_popup, manifest.options_ui?.page].filter(Boolean)) entrypoints.push({ name: html.replace(/\.html$/, ''), files: [...htmlEntryFiles(dir, html)] });
  // Unlisted scripts (injected with scripting.executeScript): the top-level JS files not yet counted.
  const counted = new Set(entrypoints.flatMap((e) => e.files));
  for (const { file } of all) if (!file.includes('/') && file.endsWith('.js') && !counted.has(file)) entrypoints.push({ name: `${file.replace(/\.js$/, '')} (unlisted)`, files: [...withImports(dir, file)] });

  const loopbackScripts = (manifest.content_scripts ?? []).filter((script) => (script.matches ?? []).some((match) => LOOPBACK.test(match)));
  const loopbackFiles = new Set(loopbackScripts.flatMap((script) => [...(script.js ?? []).flatMap((js) => [...withImports(dir, js)]), ...(script.css ?? [])]));
  return {
    files: all,
    entrypoints: entrypoints.map((entry) => ({ ...entry, gzip: total(dir, entry.files) })),
    nonDashboardPage: { files: [...loopbackFiles], gzip: total(dir, loopbackFiles) },
  };
}
