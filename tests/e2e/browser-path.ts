import { existsSync } from 'node:fs';

/** The Chromium to drive: `CHROME_PATH` (set by scripts/ensure-browser.mjs), else Debian's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) throw new Error('No Chromium found. Run `npm test` (it installs one) or set CHROME_PATH.');
  return found;
}
