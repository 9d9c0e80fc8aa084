/**
 * Starts the one read the popup's answer waits for (which tab, and what that tab reported) as
 * soon as the storage layer is loaded. Imported first by main.tsx: modules run in import order,
 * so the read's round trip overlaps the running of Preact, the components and the fix guides'
 * code instead of following it (`npm run bench`: popup).
 *
 * A static import, not a dynamic `import()` of the UI: that made the UI's chunk wait for this
 * one before its download began, and the popup answered later (A/B runs, 30 opens each).
 */
import { browserConnector } from '@/lib/popup-connector';

void browserConnector.firstLook();
