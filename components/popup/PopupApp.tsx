import { useEffect, useRef } from 'react';
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { activeInterviewOf, popupFailure, usePopup } from '../../stores/popup';
import { FaultNotice } from '../ui/FaultNotice';
import { useLive } from '../useLive';
import type { LiveEvent } from '../../lib/protocol/protocol';
import { CurrentTab } from './CurrentTab';
import { LogoIcon, SettingsIcon } from './icons';
import { NewInterview } from './NewInterview';
import { PendingWrapUps } from './PendingWrapUps';
import { RecentInterviews } from './RecentInterviews';
import { SyncMark } from './SyncMark';
import { resolveTargetTab } from './target-tab';

type Refresh = 'session' | 'recent' | 'guides';

/**
 * Keeps the popup in step with the background: each change event marks what to re-read, and the reads of one
 * burst (a start broadcasts several events) are coalesced into one round.
 */
function useLiveRefresh() {
  const pending = useRef(new Set<Refresh>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const schedule = (...what: Refresh[]) => {
    for (const w of what) pending.current.add(w);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const store = usePopup.getState();
      const due = [...pending.current];
      pending.current.clear();
      if (!store.ready) return;
      void Promise.all(
        due.map((w) => (w === 'session' ? store.refreshSession() : w === 'recent' ? store.refreshRecent() : store.refreshGuides())),
      ).catch((error: unknown) => usePopup.setState({ error: popupFailure('load', error) }));
    }, 60);
  };
  useLive(
    (event: LiveEvent) => {
      const { tabId, session } = usePopup.getState();
      switch (event.type) {
        case 'tab-changed':
          if (event.tabId === tabId) schedule('session');
          break;
        case 'interview-changed':
          if (event.interviewId === session?.interview?.interview.id || event.interviewId === session?.planned?.id) schedule('session');
          break;
        case 'interviews-changed':
          // A planned interview may have been attached or replaced elsewhere.
          schedule('session', 'recent');
          break;
        case 'guides-changed':
          schedule('guides');
          break;
        default:
          break;
      }
    },
    () => schedule('session', 'recent', 'guides'),
  );
}

/** The toolbar popup: this tab's call and interview, the form for the next interview, recent interviews. */
export function PopupApp() {
  const ready = usePopup((s) => s.ready);
  const error = usePopup((s) => s.error);
  const notice = usePopup((s) => s.notice);
  const hasActive = usePopup((s) => activeInterviewOf(s.session) !== null);
  useLiveRefresh();

  useEffect(() => {
    void resolveTargetTab(window.location.search, browser.tabs).then((tabId) => usePopup.getState().init(tabId));
  }, []);

  return (
    <div data-testid="popup" data-ready={ready} className="w-[380px] bg-white [color-scheme:light] font-sans text-slate-900 antialiased">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5">
        <h1 className="flex items-center gap-2 text-[15px] font-semibold tracking-tight text-slate-900">
          <span className="text-indigo-600">
            <LogoIcon />
          </span>
          {i18n.t('popup.title')}
        </h1>
        <SyncMark />
        <button
          type="button"
          onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}
          aria-label={i18n.t('popup.openOptions')}
          title={i18n.t('popup.openOptions')}
          className="grid size-8 place-items-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <SettingsIcon />
        </button>
      </header>
      <main className="space-y-3 px-4 py-3">
        {!ready ? (
          <Skeleton />
        ) : (
          <>
            {error ? (
              <FaultNotice
                what={i18n.t(`faults.actions.${error.what}`)}
                fault={error.fault}
                className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-900"
              />
            ) : null}
            <CurrentTab />
            {/* The start form comes before the wrap-ups left pending elsewhere: on a call tab, "Start interview"
                must stay in view in a 600 px popup however many wrap-ups wait. */}
            {hasActive ? null : <NewInterview />}
            <PendingWrapUps />
            <RecentInterviews />
          </>
        )}
        <p role="status" className="sr-only">
          {notice ? i18n.t(notice) : ''}
        </p>
      </main>
      <footer className="border-t border-slate-200 px-4 py-2.5">
        <button
          type="button"
          onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}
          className="text-sm font-medium text-indigo-700 hover:text-indigo-900 hover:underline"
        >
          {i18n.t('popup.allInterviews')}
        </button>
      </footer>
    </div>
  );
}

/** Placeholder blocks while settings, guides and the session load, so no default flashes before them. */
function Skeleton() {
  return (
    <div aria-busy="true" className="space-y-3">
      <p className="sr-only">{i18n.t('popup.loading')}</p>
      <div className="h-14 animate-pulse rounded-xl bg-slate-100" />
      <div className="h-4 w-32 animate-pulse rounded bg-slate-100" />
      <div className="grid grid-cols-2 gap-2">
        <div className="h-9 animate-pulse rounded-lg bg-slate-100" />
        <div className="h-9 animate-pulse rounded-lg bg-slate-100" />
      </div>
      <div className="h-48 animate-pulse rounded-xl bg-slate-100" />
    </div>
  );
}
