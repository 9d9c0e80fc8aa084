import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    // browser.i18n in English (the fake browser has none): tests read the English texts.
    setupFiles: ['tests/setup-i18n.ts'],
    // tests/fixtures checks the stand-in gateway's answers; tests/cli runs every command the guides print against the real CLIs (installed into the cache on first use).
    include: ['{core,lib,components,entrypoints}/**/*.test.{ts,tsx}', 'tests/cli/**/*.test.ts', 'tests/fixtures/**/*.test.ts'],
  },
});
