import './start-first-look';
import { render } from 'preact';
import { Popup } from '@/components/Popup';
import '@/components/popup.css';
import { uiLanguage } from '@/lib/i18n';
import { browserConnector } from '@/lib/popup-connector';

document.documentElement.lang = uiLanguage();
render(<Popup connector={browserConnector} />, document.getElementById('app')!);
