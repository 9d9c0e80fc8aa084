import { existsSync } from 'node:fs';

/** Where Firefox ESR (or a Firefox that accepts unsigned add-ons with signatures off) may live. */
export const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox/firefox'];

/** The Firefox to drive: `FIREFOX_PATH` (set by scripts/ensure-firefox.mjs), else Debian's. */
export function firefoxPath(): string {
  const found = [process.env.FIREFOX_PATH, ...FIREFOX_CANDIDATES].find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) throw new Error('No Firefox found. Run `npm test` (it installs firefox-esr) or set FIREFOX_PATH.');
  return found;
}
