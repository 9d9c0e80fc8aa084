/**
 * Finds a Chromium that can load an unpacked extension, or installs Debian's `chromium` where
 * apt is usable. Branded Chrome 137+ ignores --load-extension, so only Chromium builds count
 * (or whatever CHROME_PATH names). Sets CHROME_PATH for the processes started after it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
// chromium-l10n: Debian's chromium ships only en-US; the e2e run in a German browser needs its
// translations (with LANGUAGE=de it falls back to English without them).
const INSTALL = 'apt-get update && apt-get install -y chromium chromium-l10n';
const INSTALL_L10N = 'apt-get update && apt-get install -y chromium-l10n';
/** Where Debian's chromium-l10n puts the German UI strings; absent when only `chromium` is installed. */
const GERMAN_PAK = '/usr/lib/chromium/locales/de.pak';

const found = () => [process.env.CHROME_PATH, ...CANDIDATES].find((path) => path && existsSync(path));

function canUseApt() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return false;
  return process.getuid?.() === 0;
}

export function ensureBrowser() {
  let path = found();
  if (!path && canUseApt()) {
    console.log(`No Chromium found: installing Debian's chromium (${INSTALL}), about a minute, once per machine…`);
    const result = spawnSync('sh', ['-c', `${INSTALL} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) console.error('Installing chromium failed.');
    path = found();
  }
  if (!path) {
    console.error(
      'No Chromium found. Install it and run again:\n' +
        `  sudo sh -c '${INSTALL}'        (Debian/Ubuntu)\n` +
        'or point CHROME_PATH at a Chromium binary (branded Chrome 137+ cannot load unpacked extensions).',
    );
    process.exit(1);
  }
  if (path.startsWith('/usr/') && existsSync('/usr/lib/chromium/chromium') && !existsSync(GERMAN_PAK) && canUseApt()) {
    console.log(`Debian's chromium has no UI translations: installing chromium-l10n (${INSTALL_L10N}), once…`);
    spawnSync('sh', ['-c', `${INSTALL_L10N} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  process.env.CHROME_PATH = path;
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureBrowser();
  console.log(`${path}: ${execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()}`);
}
