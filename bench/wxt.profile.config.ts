/**
 * The same extension, built unminified for the bench's CPU profile (`wxt build --mode
 * bench-profile -c bench/wxt.profile.config.ts` → .output/chrome-mv3-bench-profile), so the
 * profile names the source's functions. Timed figures always use the normal, minified build.
 */
import { defineConfig } from 'wxt';
import config from '../wxt.config';

export default defineConfig({
  ...config,
  vite: async (env) => {
    const base = (await config.vite?.(env)) ?? {};
    return { ...base, build: { ...base.build, minify: false } };
  },
});
