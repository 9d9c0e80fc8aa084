import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { uiLanguage } from '@/lib/i18n';
import type { PopupConnector } from '@/lib/popup-connector';

/** Renders the popup into `#app`, in the browser's language. */
export function showPopup(connector: PopupConnector): void {
  document.documentElement.lang = uiLanguage();
  render(<Popup connector={connector} />, document.getElementById('app')!);
}
