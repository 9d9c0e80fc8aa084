import { render } from 'preact';
import { Options } from '@/components/Options';
import '@/components/options.css';
import { t, uiLanguage } from '@/lib/i18n';
import { browserOptionsConnector } from '@/lib/options-connector';

document.documentElement.lang = uiLanguage();
document.title = t('options.pageTitle');
render(<Options connector={browserOptionsConnector} />, document.getElementById('app')!);
