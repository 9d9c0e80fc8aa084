/**
 * `npm run zip`: the store packages, named from package.json's name and version, in .output/:
 *
 * - `<name>-<version>-chrome.zip`   Chrome Web Store (and Edge Add-ons), the Chrome MV3 build
 * - `<name>-<version>-firefox.zip`  addons.mozilla.org, the Firefox MV3 build
 * - `<name>-<version>-sources.zip`  the sources AMO asks for (the Firefox bundles are minified)
 *
 * then lints the Firefox build with web-ext (Mozilla's own linter, the one AMO runs). web-ext is
 * not a devDependency: it brings addons-linter and some 300 packages for this one step, so it
 * runs through npx at a pinned version (cached in ~/.npm after the first run). Exits non-zero
 * when a zip fails or the lint reports an error; warnings are printed and explained in the README.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const WEB_EXT = 'web-ext@10.7.0';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;
const wxt = (args) => run('node_modules/.bin/wxt', args);

const steps = [
  ['Chrome zip', () => wxt(['zip'])],
  // `--mv3`: the Firefox build is MV3 like Chrome's; WXT writes the sources zip beside it.
  ['Firefox zip and sources zip', () => wxt(['zip', '-b', 'firefox', '--mv3'])],
];
let ok = true;
for (const [title, step] of steps) {
  console.log(`\n▶ ${title}`);
  ok = step() && ok;
}

const zips = ['chrome', 'firefox', 'sources'].map((kind) => `.output/${name}-${version}-${kind}.zip`);
for (const zip of zips) {
  if (!existsSync(zip)) {
    console.error(`Missing ${zip}`);
    ok = false;
  }
}

console.log(`\n▶ web-ext lint (${WEB_EXT}) of .output/firefox-mv3`);
const lint = spawnSync('npx', ['--yes', WEB_EXT, 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report = null;
try {
  report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
} catch {
  console.error(lint.stdout, lint.stderr);
}
if (!report) ok = false;
else {
  for (const level of ['errors', 'warnings', 'notices']) {
    for (const item of report[level]) console.log(`  ${level.slice(0, -1)}: ${item.code} ${item.file ?? ''}${item.line ? `:${item.line}` : ''} ${item.message}`);
  }
  const [errors, warnings, notices] = [report.errors.length, report.warnings.length, report.notices.length];
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  if (errors > 0) ok = false;
}

if (ok) console.log(`\nPackages:\n${zips.map((zip) => `  ${zip}`).join('\n')}`);
process.exit(ok ? 0 : 1);
