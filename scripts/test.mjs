/**
 * `npm test`: typecheck, unit tests, build (and the e2e build), then the e2e tests in real
 * Chromium, then the Firefox builds and the Firefox e2e tests in real Firefox ESR. Ends with one
 * line, `N passed, M failed`, counting every test plus the typecheck and the four builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';
import { ensureFirefox } from './ensure-firefox.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

let passed = 0;
let failed = 0;
const count = (ok) => (ok ? passed++ : failed++);

mkdirSync('.output', { recursive: true });
ensureBrowser();
// Found (or installed) up front; a machine without one still runs everything else.
const firefox = ensureFirefox();

console.log('\n▶ typecheck');
count(run(bin('tsc'), ['--noEmit']));

console.log('\n▶ unit tests');
const unitReport = '.output/unit-results.json';
rmSync(unitReport, { force: true });
const unitOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`]);
const unit = readJson(unitReport);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
if (!unit || (!unitOk && unit.numFailedTests === 0)) failed++; // the runner itself failed

console.log('\n▶ build');
const built = run(bin('wxt'), ['build']);
count(built);

// The e2e build (.output/chrome-mv3-e2e) declares the suite's own host names, so the tests of
// dashboards away from loopback can add them without a permission prompt.
console.log('\n▶ e2e build');
count(run(bin('wxt'), ['build', '--mode', 'e2e']));

console.log('\n▶ e2e tests (Chromium with the built extension)');
const e2eReport = '.output/e2e-results.json';
rmSync(e2eReport, { force: true });
rmSync('.output/compat', { recursive: true, force: true });
rmSync('.output/screenshots', { recursive: true, force: true });
if (built) {
  const e2eOk = run(bin('playwright'), ['test']);
  const stats = readJson(e2eReport)?.stats;
  if (stats) {
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  if (!stats || (!e2eOk && stats.unexpected === 0)) failed++;
}

/**
 * Runs a Playwright suite and adds its results to the counts: every test, and one failure more
 * when the runner itself failed without a failing test (no report, a crash, a bad config).
 */
function playwrightSuite(args, report) {
  rmSync(report, { force: true });
  const ok = run(bin('playwright'), args);
  const stats = readJson(report)?.stats;
  if (stats) {
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  if (!stats || (!ok && stats.unexpected === 0)) failed++;
}

// Firefox MV3: the store build and its e2e build (.output/firefox-mv3-e2e), then the Firefox
// e2e tests (tests/firefox, their own Playwright config) in real Firefox ESR.
console.log('\n▶ Firefox build');
const firefoxBuilt = run(bin('wxt'), ['build', '-b', 'firefox', '--mv3']);
count(firefoxBuilt);
console.log('\n▶ Firefox e2e build');
const firefoxE2eBuilt = run(bin('wxt'), ['build', '-b', 'firefox', '--mv3', '--mode', 'e2e']);
count(firefoxE2eBuilt);

console.log('\n▶ e2e tests (Firefox ESR with the built add-on)');
if (!firefox) failed++; // said why above
else if (firefoxBuilt && firefoxE2eBuilt) playwrightSuite(['test', '-c', 'tests/firefox'], '.output/firefox-results.json');

// The store packages: the Chrome, Firefox and sources zips, and web-ext lint with 0 errors.
console.log('\n▶ store packages (npm run zip)');
count(run(process.execPath, ['scripts/zip.mjs']));

// The compatibility table of this run goes to .output/compat-table.md; `npm run docs` puts it in the README.
spawnSync(process.execPath, ['scripts/compat-table.mjs'], { stdio: 'inherit' });

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
