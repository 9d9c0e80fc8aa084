/**
 * The background's side of "every address": dashboard sites the user added get the same
 * content script as loopback, registered at runtime for their host once the browser granted
 * it (`scripting.registerContentScripts`, persisted across sessions). Registrations follow the
 * granted permissions: at start-up and whenever the user grants or revokes host access, in
 * the extension or in the browser's own settings.
 */
import { browser } from 'wxt/browser';
import { parseDashboardAddress, reconcileSites, type DashboardSite } from '@/core/site-address';
import { getSites, setSites } from './extension-storage';
import type { AddSiteOutcome } from './messages';
import { t } from './i18n';

/** The loader (entrypoints/dashboard-loader.ts): the same file the manifest declares for loopback. */
const CONTENT_SCRIPT = 'dashboard-loader.js';
/** Registration ids name their pattern, so a registration is found again by what it covers. */
const ID_PREFIX = 'site:';


let queue: Promise<unknown> = Promise.resolve();
/** One change to sites and registrations at a time: events can arrive together. */
function inTurn<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step);
  queue = next.catch(() => undefined);
  return next;
}

/** Host patterns the manifest declares: they are not sites the user added (a test build declares some). */
function declaredPatterns(): string[] {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[] };
  return manifest.host_permissions ?? [];
}

async function registeredPatterns(): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts.filter((script) => script.id.startsWith(ID_PREFIX)).map((script) => script.id.slice(ID_PREFIX.length));
}

/** Brings sites and registrations in line with what the browser has granted. Never throws. */
export function reconcileSiteRegistrations(): Promise<DashboardSite[]> {
  return inTurn(async () => {
    const [sites, all, registered] = await Promise.all([getSites(), browser.permissions.getAll(), registeredPatterns()]);
    // A site is granted when the browser says it contains its pattern: a broader grant
    // (`*://*.example/*`) covers it without listing it.
    const contained = await Promise.all(sites.map((site) => browser.permissions.contains({ origins: [site.pattern] }).catch(() => false)));
    const granted = [...(all.origins ?? []), ...sites.filter((_site, index) => contained[index]).map((site) => site.pattern)];
    const plan = reconcileSites(sites, granted, registered, declaredPatterns());
    if (plan.unregister.length) await browser.scripting.unregisterContentScripts({ ids: plan.unregister.map((pattern) => ID_PREFIX + pattern) });
    if (plan.register.length) {
      await browser.scripting.registerContentScripts(
        plan.register.map((pattern) => ({
          id: ID_PREFIX + pattern,
          matches: [pattern],
          js: [CONTENT_SCRIPT],
          runAt: 'document_idle' as const,
          persistAcrossSessions: true,
        })),
      );
    }
    await setSites(plan.sites);
    return plan.sites;
  });
}

/**
 * Adds a dashboard address the user typed or chose in the popup. The extension page asked the
 * browser for the host first, from the user's click; if the browser did not grant it, nothing
 * is added, and the message says so.
 */
export async function addSite(address: string): Promise<AddSiteOutcome> {
  const parsed = parseDashboardAddress(address, t);
  if (!parsed.ok) return parsed;
  const { site } = parsed;
  if (!(await browser.permissions.contains({ origins: [site.pattern] }))) {
    return { ok: false, message: t('options.notAllowed', { host: new URL(site.origin).host }) };
  }
  await inTurn(async () => setSites([site, ...(await getSites()).filter((other) => other.pattern !== site.pattern)]));
  await reconcileSiteRegistrations();
  return { ok: true, site };
}

/** Removes a site: its content script goes, and the host permission is given back. */
export async function removeSite(pattern: string): Promise<void> {
  await inTurn(async () => setSites((await getSites()).filter((site) => site.pattern !== pattern)));
  // A host the manifest declares can't be given back; anything else can.
  if (!declaredPatterns().includes(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  await reconcileSiteRegistrations();
}
