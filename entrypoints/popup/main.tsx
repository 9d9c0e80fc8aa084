/**
 * The popup's entry. It starts the one read its answer waits for (which tab, and what that tab
 * reported) before the UI's code has even loaded: the storage round trip then overlaps the UI
 * chunk's download, parse and first render instead of following them (`npm run bench`: popup).
 */
import '@/components/popup.css';
import { browserConnector } from '@/lib/popup-connector';

void browserConnector.firstLook();
void import('./show-popup').then(({ showPopup }) => showPopup(browserConnector));
