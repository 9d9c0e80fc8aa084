/**
 * `npm run docs`: copies what the last `npm test` run left under `.output/` into the tracked
 * docs: the screenshots (`.output/screenshots/*.png` → `docs/`) and the compatibility table
 * (into README.md). Run it after a green `npm test`, look at the pictures, then commit.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const SHOTS = '.output/screenshots';
if (!existsSync(SHOTS) && !existsSync('.output/compat')) {
  console.error('Nothing to copy: run `npm test` first (it leaves screenshots in .output/screenshots and results in .output/compat).');
  process.exit(1);
}
mkdirSync('docs', { recursive: true });
const files = existsSync(SHOTS) ? readdirSync(SHOTS).filter((file) => file.endsWith('.png')) : [];
for (const file of files) copyFileSync(`${SHOTS}/${file}`, `docs/${file}`);
console.log(`Copied ${files.length} screenshots to docs/: ${files.join(', ')}`);
const table = spawnSync(process.execPath, ['scripts/compat-table.mjs', '--readme'], { stdio: 'inherit' });
console.log(table.status === 0 ? 'Wrote the compatibility table into README.md.' : 'The compatibility table could not be written.');
process.exit(table.status ?? 1);
