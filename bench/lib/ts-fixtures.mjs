/**
 * Lets this plain-Node bench import the e2e suite's TypeScript fixtures (tests/fixtures/*.ts)
 * instead of copying them. Node 24 strips their types by itself; what it lacks is the bundler
 * resolution they are written for (`import … from './cache-dir'`, no extension), so a relative
 * specifier without an extension, imported from a .ts file, is resolved to `<specifier>.ts`.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    const extensionless = !/\.[cm]?[jt]sx?$/.test(specifier);
    if (relative && extensionless && context.parentURL?.endsWith('.ts')) return nextResolve(`${specifier}.ts`, context);
    return nextResolve(specifier, context);
  },
});
