import { render } from 'preact';
import { Options } from '@/components/Options';
import '@/components/options.css';
import { browserOptionsConnector } from '@/lib/options-connector';

render(<Options connector={browserOptionsConnector} />, document.getElementById('app')!);
