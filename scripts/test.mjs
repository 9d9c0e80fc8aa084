/**
 * `npm test`: typecheck, unit tests, build (and the e2e build), then the e2e tests in real
 * Chromium. Ends with one line, `N passed, M failed`, counting every test plus the typecheck
 * and the two builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

let passed = 0;
let failed = 0;
const count = (ok) => (ok ? passed++ : failed++);

mkdirSync('.output', { recursive: true });
ensureBrowser();

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

// The compatibility table of this run goes to .output/compat-table.md; `npm run docs` puts it in the README.
spawnSync(process.execPath, ['scripts/compat-table.mjs'], { stdio: 'inherit' });

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
