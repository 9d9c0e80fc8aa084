/**
 * Finds a Firefox for the Firefox e2e tests, or installs Debian's `firefox-esr` where apt is
 * usable as root (as scripts/ensure-browser.mjs does for Chromium). The suite needs a release
 * Firefox that accepts an unsigned add-on with `xpinstall.signatures.required` off: ESR,
 * Developer Edition, Nightly or an unbranded build (Debian's `firefox-esr` is one); FIREFOX_PATH
 * names another. Sets FIREFOX_PATH for the processes started after it, or returns null, having
 * said why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox/firefox'];
const INSTALL = 'apt-get update && apt-get install -y firefox-esr';

const found = () => [process.env.FIREFOX_PATH, ...CANDIDATES].find((path) => path && existsSync(path));

const canUseApt = () => process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;

/** The Firefox binary to drive, installing firefox-esr if need be; null (with the reason printed) when there is none. */
export function ensureFirefox() {
  let path = found();
  if (!path && canUseApt()) {
    console.log(`No Firefox found: installing Debian's firefox-esr (${INSTALL}), about half a minute, once per machine…`);
    const result = spawnSync('sh', ['-c', `${INSTALL} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) console.error('Installing firefox-esr failed.');
    path = found();
  }
  if (!path) {
    console.error(
      'No Firefox found, so the Firefox e2e tests cannot run (they count as failed). Install it and run again:\n' +
        `  sudo sh -c '${INSTALL}'        (Debian/Ubuntu)\n` +
        'or point FIREFOX_PATH at Firefox ESR, Developer Edition or Nightly (release Firefox refuses unsigned add-ons).',
    );
    return null;
  }
  process.env.FIREFOX_PATH = path;
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureFirefox();
  if (!path) process.exit(1);
  console.log(`${path}: ${execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()}`);
}
