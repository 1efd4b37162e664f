import { useEffect, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { parseRoute, routeHash, useOptions, type OptionsRoute } from '../../stores/options';
import { hydrateSettings, useSettings } from '../../stores/settings';
import { BackgroundStatus, type BackgroundReach } from '../BackgroundStatus';
import { DataView } from './DataView';
import { GuidesView } from './GuidesView';
import { ImportView } from './ImportView';
import { InterviewDetail } from './InterviewDetail';
import { InterviewList } from './InterviewList';
import { DebriefView } from './DebriefView';
import { SettingsView } from './SettingsView';
import { TeamSyncView } from './TeamSyncView';

/** The current hash route, following `hashchange`. */
function useHashRoute(): OptionsRoute {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

type Section = 'interviews' | 'debrief' | 'guides' | 'import' | 'settings' | 'sync' | 'data';

const SECTIONS: { id: Section; label: () => string }[] = [
  { id: 'interviews', label: () => i18n.t('options.nav.interviews') },
  { id: 'debrief', label: () => i18n.t('debrief.nav') },
  { id: 'guides', label: () => i18n.t('options.nav.guides') },
  { id: 'import', label: () => i18n.t('options.nav.import') },
  { id: 'settings', label: () => i18n.t('options.nav.settings') },
  { id: 'sync', label: () => i18n.t('sync.nav') },
  { id: 'data', label: () => i18n.t('options.nav.data') },
];

function sectionOf(route: OptionsRoute): Section {
  return route.view === 'interview' ? 'interviews' : route.view;
}

/** The options page: a side navigation and one view per hash route. */
export function OptionsApp() {
  const route = useHashRoute();
  const section = sectionOf(route);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const [reach, setReach] = useState<BackgroundReach>('checking');
  const settingsRead = useSettings((s) => s.hydrated);

  useEffect(() => {
    void hydrateSettings();
  }, []);

  const title = SECTIONS.find((s) => s.id === section)!.label();
  useEffect(() => {
    document.title = `${title} · Interview Copilot`;
    // Moving focus to the new view's heading tells screen-reader users the page changed (not on first load).
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.getElementById('interview-title') ?? heading.current;
    target?.focus();
  }, [title, route]);

  return (
    // data-ready: the background answered and the settings are read (tests wait for it; nothing shows it).
    <div data-testid="options" data-ready={reach === 'ok' && settingsRead} className="min-h-screen bg-slate-50 font-sans text-slate-900 print:bg-white">
      <a href="#main" onClick={(e) => { e.preventDefault(); heading.current?.focus(); }} className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {i18n.t('options.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-[90rem] gap-6 px-4 py-6 print:block print:p-0">
        <aside className="w-52 shrink-0 print:hidden">
          <p className="mb-4 px-3 text-lg font-semibold text-indigo-900">Interview Copilot</p>
          <nav aria-label={i18n.t('options.nav.label')}>
            <ul className="flex flex-col gap-0.5">
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a
                    href={routeHash(s.id === 'guides' ? { view: 'guides' } : { view: s.id } as OptionsRoute)}
                    aria-current={s.id === section ? 'page' : undefined}
                    className={`block rounded-md px-3 py-2 text-sm font-medium ${s.id === section ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-200'}`}
                  >
                    {s.label()}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="mt-6 px-3">
            <BackgroundStatus ping={useOptions.getState().ping} onResult={setReach} />
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {route.view !== 'interview' && (
            <h1 ref={heading} tabIndex={-1} className="mb-4 text-2xl font-semibold focus:outline-none">
              {title}
            </h1>
          )}
          {route.view === 'interviews' && <InterviewList />}
          {route.view === 'interview' && <InterviewDetail id={route.id} />}
          {route.view === 'guides' && <GuidesView selectedId={route.id} />}
          {route.view === 'import' && <ImportView />}
          {route.view === 'settings' && <SettingsView />}
          {route.view === 'data' && <DataView />}
          {route.view === 'sync' && <TeamSyncView />}
          {route.view === 'debrief' && <DebriefView />}
        </main>
      </div>
    </div>
  );
}
