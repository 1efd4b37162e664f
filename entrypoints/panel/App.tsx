import { i18n } from '#i18n';
import { BackgroundStatus } from '../../components/BackgroundStatus';

export function App() {
  return (
    <main className="p-4 font-sans text-slate-900 bg-white">
      <h1 className="text-lg font-semibold">{i18n.t('panel.title')}</h1>
      <BackgroundStatus from="panel" />
    </main>
  );
}
