/**
 * Writes the compatibility table from the last e2e run's results (.output/compat/) to
 * `.output/compat-table.md`; `npm test` runs it after the e2e tests. With `--readme` (run by
 * `npm run docs`) it also puts the table in README.md between the `compat:start` and
 * `compat:end` markers: a test run never changes tracked files.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const DIR = '.output/compat';
const NAMES = {
  'device-token-mismatch': 'device token mismatch',
  'gateway-token-mismatch': 'gateway token mismatch',
  'gateway-token-missing': 'gateway token missing',
  'connect-failed': 'connect failed (no reason shown)',
};
const name = (kind) => NAMES[kind] ?? kind;
/** Keys name the test's random port; the table shows the shape. */
const key = (k) => (k.startsWith('(') ? k : `\`${k.replace(/:\d+$/, ':<port>')}\``);

if (!existsSync(DIR)) process.exit(0);
const results = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')));

const byVersion = (a, b) => a.localeCompare(b, 'en', { numeric: true });
const releases = results.filter((r) => r.release).sort((a, b) => byVersion(a.release, b.release) || a.scenario.localeCompare(b.scenario));
const gateways = results.filter((r) => !r.release && r.version).sort((a, b) => byVersion(a.version, b.version) || (a.cleared ? -1 : 1));

const lines = [
  '| Release (real Control UI, stand-in gateway) | Error | Extension detected | Storage change | Failed connects | Reconnected as the same device | Test |',
  '|---|---|---|---|---|---|---|',
  ...releases.map(
    (r) =>
      `| ${r.release} | ${r.scenario} | ${r.detected.map(name).join(', ')} | ${r.cleared.length ? r.cleared.map(key).join(', ') : 'none'} | ${r.failedConnects} | ${r.reconnected ? 'yes' : 'no'} | ${r.passed === false ? '**failed**' : 'passed'} |`,
  ),
  '',
  '"Detected" lists what the banner named, in order (after a clear, a tab with no gateway token shows "gateway token missing" until the user enters it). "Reconnected" is after the user opened the dashboard with the right token, as the banner says.',
  '',
  '| Real gateway | Error | Startup | Extension | Failed connects | Reconnected as the same device | Test |',
  '|---|---|---|---|---|---|---|',
  ...gateways.map((g) => {
    const error = g.cleared ? 'A' : 'B';
    const what = g.cleared ? (g.cleared.length ? `cleared ${g.cleared.map(key).join(', ')}` : 'explained (the UI dropped the token itself)') : 'explained, cleared nothing';
    const startup = g.startupMs ? `${(g.startupMs / 1000).toFixed(1)} s` : 'did not start';
    return `| openclaw@${g.version} | ${error} | ${startup} | ${what} | ${g.failedConnects ?? '–'} | ${g.reconnected ? 'yes' : 'no'} | ${g.passed === false ? '**failed**' : 'passed'} |`;
  }),
];

const stamp = `_Written by \`npm run docs\` from the \`npm test\` run of ${new Date(statSync(DIR).mtimeMs).toISOString().slice(0, 10)}._`;
const table = `${stamp}\n\n${lines.join('\n')}\n`;
writeFileSync('.output/compat-table.md', table);

if (process.argv.includes('--readme')) {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('<!-- compat:start -->');
  const end = readme.indexOf('<!-- compat:end -->');
  if (start >= 0 && end >= 0) writeFileSync('README.md', `${readme.slice(0, start)}<!-- compat:start -->\n${table}${readme.slice(end)}`);
}
