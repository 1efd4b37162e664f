import '../../assets/tailwind.css';
import { i18n } from '#i18n';
import { mountView } from '../../components/mount';
import { App } from './App';

mountView(<App />, i18n.t('sidepanel.title'));
