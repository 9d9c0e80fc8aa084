import { render } from 'preact';
import { Popup } from '@/components/Popup';
import '@/components/popup.css';
import { browserConnector } from '@/lib/popup-connector';

render(<Popup connector={browserConnector} />, document.getElementById('app')!);
