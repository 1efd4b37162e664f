import '../../assets/tailwind.css';
import { i18n } from '#i18n';
import { mountView } from '../../components/mount';
import { App } from './App';

// Loaded by main.tsx once the static shell has painted: the app's code is most of the panel's start-up time.
performance.mark('panel:app');
mountView(<App />, i18n.t('panel.title'));
