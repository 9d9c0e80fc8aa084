import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { probePage } from '@/lib/page-probe';

/**
 * Injected once into the active tab when the popup opens on a page the extension does not run
 * on (`activeTab`). Its result is the script's completion value, which `scripting.executeScript`
 * hands back to the background.
 */
export default defineUnlistedScript(() => probePage(document, location.href));
