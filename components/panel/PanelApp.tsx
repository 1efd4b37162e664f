import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { i18n } from '#i18n';
import { flushOnLeave } from '../../lib/client/save-queue';
import { hasSidePanel } from '../../lib/client/side-panel';
import type { InterviewBundle } from '../../lib/db/records';
import type { GuideStage } from '../../lib/guides/schema';
import {
  dismissActionError,
  focusQuestion,
  handleLiveEvent,
  refreshSession,
  requestNoteAt,
  setAsked,
  setCollapsed,
  setHelpOpen,
  setRating,
  shown,
  keys,
  usePanel,
} from '../../stores/panel';
import { dismissSuggestionsError, followSuggestions, handleSuggestionsEvent, latestAutoMark, reloadSuggestions, undoAutoAsked, useSuggestions } from '../../stores/suggestions';
import { isTextField, keyAction, moveIndex, stageClock, stageClockTime } from '../../lib/client/panel-logic';
import { hydrateSettings } from '../../stores/settings';
import { useLive } from '../useLive';
import { CallBadge, Header, timerText } from './Header';
import { Help } from './Help';
import { Criteria } from './Criteria';
import { NoteComposer, NoteTimeline } from './Notes';
import { Questions } from './Questions';
import { RedFlags } from './RedFlags';
import { StartForm } from './StartForm';
import { TranscriptSection } from './Transcript';
import { Ended, WrapUp } from './WrapUp';
import { MoveButton, NoCall, OverlayModeNotice, PresentingHandle, type PanelView } from './PanelMode';
import { Icon, SaveFailureBanner, useNow } from './ui';
import { FaultNotice } from '../ui/FaultNotice';
import { useSettings } from '../../stores/settings';

/**
 * The panel's loading line. `data-loading` marks it for the panel page's shell (entrypoints/panel/index.html),
 * which stays on screen, and keeps this line for screen readers only, until the app draws something else.
 */
function LoadingLine() {
  return (
    <p role="status" data-loading="" className="p-3 text-sm text-slate-600">
      {i18n.t('panel.loading')}
    </p>
  );
}

function currentStage(bundle: InterviewBundle): GuideStage {
  return bundle.guide.stages.find((s) => s.id === bundle.interview.currentStageId) ?? bundle.guide.stages[0]!;
}

/** The collapsed panel: a handle filling the small frame, with the stage, its timer, the candidate and an expand button. */
function CollapsedHandle({ bundle, now }: { bundle: InterviewBundle | null; now: number }) {
  const callState = usePanel((s) => s.session?.tab?.state ?? 'unknown');
  const presenting = usePanel((s) => s.session?.tab?.presenting ?? false);
  const stage = bundle ? currentStage(bundle) : null;
  const clock = bundle && stage ? stageClock(now, bundle.interview.stageStartedAt, stage.durationMinutes) : null;
  const over = clock?.running && clock.remainingMs !== null && clock.remainingMs < 0;
  if (presenting && hasSidePanel()) return <PresentingHandle onExpand={() => setCollapsed(false)} />;
  return (
    <button
      type="button"
      onClick={() => setCollapsed(false)}
      // Named by what it shows (stage and timer, or the call state), so the spoken name contains the visible
      // text (WCAG 2.5.3); aria-expanded says it opens the panel, the title says so in words.
      title={i18n.t('panel.expand')}
      aria-expanded="false"
      className="flex h-full w-full items-center gap-2 bg-white px-2.5 text-left hover:bg-slate-50"
      data-testid="panel-handle"
    >
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[13px] font-semibold leading-4 text-slate-900">{stage ? stage.title : i18n.t('panel.title')}</span>
        {/* Whose interview it is, beside the timer: with several calls in a day the stage alone is ambiguous. */}
        <span className="flex min-w-0 items-baseline gap-1 text-[11px] leading-4">
          <span className={`shrink-0 font-mono tabular-nums ${over ? 'font-semibold text-red-700' : 'text-slate-600'}`}>
            {clock ? timerText(clock) : <CallBadge state={callState} />}
          </span>
          {bundle ? (
            <span className="min-w-0 truncate text-slate-700" data-testid="handle-candidate">
              · {bundle.interview.candidateName}
            </span>
          ) : null}
        </span>
      </span>
      <Icon name="chevron-left" className="h-4 w-4 shrink-0 text-slate-600" />
    </button>
  );
}

/** Global keys of the drawer: j/k/arrows move, a marks asked, 1–4 rate, n notes, ? help, Esc collapses (overlay). */
function useKeys(bundle: InterviewBundle | null, view: PanelView) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = keyAction({
        key: event.key,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        inTextField: isTextField(event.target),
      });
      if (!action || event.defaultPrevented) return;
      const s = usePanel.getState();
      if (action.type === 'escape') {
        event.preventDefault();
        if (s.helpOpen) setHelpOpen(false);
        else if (view === 'overlay') setCollapsed(true);
        return;
      }
      if (action.type === 'help') {
        event.preventDefault();
        setHelpOpen(!s.helpOpen);
        return;
      }
      if (action.type === 'focus-notes') {
        if (!bundle) return;
        event.preventDefault();
        requestNoteAt(Date.now());
        return;
      }
      if (!bundle || s.helpOpen) return;
      const questions = currentStage(bundle).questions;
      const index = questions.findIndex((q) => q.id === s.focusedQuestionId);
      const moveTo = (i: number) => {
        const q = questions[i];
        if (!q) return;
        focusQuestion(q.id);
        requestAnimationFrame(() => {
          const el = document.getElementById(`question-${q.id}`);
          el?.focus({ preventScroll: true });
          el?.scrollIntoView({ block: 'nearest' });
        });
      };
      event.preventDefault();
      switch (action.type) {
        case 'next':
          moveTo(index < 0 ? 0 : moveIndex(index, 1, questions.length));
          return;
        case 'previous':
          moveTo(index < 0 ? 0 : moveIndex(index, -1, questions.length));
          return;
        case 'toggle-asked': {
          const q = questions[index];
          if (!q) return;
          const stored = bundle.questionStates.find((r) => r.questionId === q.id)?.asked ?? false;
          setAsked(q.id, !shown(s, keys.asked(q.id), stored));
          return;
        }
        case 'undo-auto': {
          const mark = latestAutoMark(bundle.questionStates, questions.map((q) => q.id));
          if (mark) void undoAutoAsked(bundle.interview.id, mark.questionId);
          return;
        }
        case 'rate': {
          const q = questions[index];
          if (q) setRating(q.id, action.rating);
          return;
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [bundle, view]);
}

/** Problems worth the interviewer's eye: failed actions and writes not saved yet, each said once (issue 12, item 6). */
export function Problems() {
  const actionError = usePanel((s) => s.actionError);
  const suggestionsError = useSuggestions((s) => s.error);
  const failing = usePanel((s) => Object.values(s.saves).some((st) => st.state === 'error'));
  if (!actionError && !suggestionsError && !failing) return null;
  const dismiss = (
    <button type="button" className="shrink-0 underline" onClick={dismissActionError}>
      {i18n.t('panel.dismiss')}
    </button>
  );
  return (
    <div role="alert" className="space-y-1 border-b border-red-200 bg-red-50 px-3 py-2 text-xs text-red-900">
      <SaveFailureBanner />
      {actionError && 'what' in actionError ? (
        <FaultNotice alert={false} what={i18n.t(`faults.actions.${actionError.what}`)} fault={actionError.fault} action={dismiss} />
      ) : actionError ? (
        <p className="flex items-start justify-between gap-2">
          <span>{actionError.text}</span>
          {dismiss}
        </p>
      ) : null}
      {suggestionsError ? (
        <FaultNotice
          alert={false}
          what={i18n.t(`faults.actions.${suggestionsError.what}`)}
          fault={suggestionsError.fault}
          action={
            <button type="button" className="shrink-0 underline" onClick={dismissSuggestionsError}>
              {i18n.t('panel.dismiss')}
            </button>
          }
        />
      ) : null}
    </div>
  );
}

/**
 * The in-call panel: reads its tab's session from the background, follows live changes, and shows the
 * collapsed handle, the start form, the running interview's drawer, or the wrap-up.
 * `view` `sidepanel` is the same app in the browser's side panel (Chrome) or sidebar (Firefox): full height,
 * no collapse, an empty state on tabs without a call, and a notice where the call shows its guide as an
 * overlay. Its tab is set with `setTargetTab` (see `entrypoints/sidepanel`).
 */
export function PanelApp({ view = 'overlay' }: { view?: PanelView }) {
  const { status, loadError, session, helpOpen, wrapUpRequested, startAnother } = usePanel(
    useShallow((s) => ({ status: s.status, loadError: s.loadError, session: s.session, helpOpen: s.helpOpen, wrapUpRequested: s.wrapUpRequested, startAnother: s.startAnother })),
  );
  const now = useNow(1000);

  const modeOfTab = useSettings((s) => (session?.tab ? s.settings.panelMode[session.tab.platform] : null));
  const settingsReady = useSettings((s) => s.hydrated);

  useEffect(() => {
    void hydrateSettings();
    // The side panel reads its session once its tab is known (`setTargetTab`).
    if (view === 'overlay') void refreshSession();
    const removeLeave = flushOnLeave(usePanel.getState().queue, window);
    // Closing the call tab runs `beforeunload` in this frame, but a message sent from `pagehide` no longer
    // reaches the background in Chromium (measured): flush at the earlier moment too.
    const flush = () => void usePanel.getState().queue.flush();
    window.addEventListener('beforeunload', flush);
    return () => {
      removeLeave();
      window.removeEventListener('beforeunload', flush);
    };
  }, [view]);
  useLive(
    (event) => {
      handleLiveEvent(event);
      handleSuggestionsEvent(event);
    },
    () => {
      void refreshSession();
      void reloadSuggestions();
    },
  );

  const bundle = session?.interview ?? null;
  const running = bundle && bundle.interview.state !== 'ended' ? bundle : null;
  const runningId = running?.interview.id ?? null;
  useEffect(() => {
    void followSuggestions(runningId);
  }, [runningId]);
  useKeys(running, view);
  useEffect(() => {
    // A User Timing mark for the benchmark (bench `loads`): when the panel first shows more than its loading line.
    if (status !== 'loading' && performance.getEntriesByName('panel:content').length === 0) performance.mark('panel:content');
  }, [status]);

  const collapsed = view === 'overlay' && (session?.tab?.collapsed ?? false);
  useEffect(() => {
    document.documentElement.dataset.collapsed = String(collapsed);
  }, [collapsed]);

  if (status === 'loading') {
    return <LoadingLine />;
  }
  if (status === 'error' || !session) {
    return (
      <div role="alert" className="space-y-2 p-3 text-sm text-red-800">
        <FaultNotice alert={false} what={i18n.t('faults.actions.load')} fault={loadError ?? { details: '', issues: [] }} />
        <button type="button" onClick={() => void refreshSession()} className="rounded border border-red-300 bg-white px-2 py-1 text-xs">
          {i18n.t('panel.retry')}
        </button>
      </div>
    );
  }
  // The stage timer stops when the call ends (issue 12, item 6).
  const clockNow = stageClockTime(now, session.tab);
  if (collapsed) return <CollapsedHandle bundle={running} now={clockNow} />;
  if (view === 'sidepanel') {
    if (!session.tab) return <NoCall />;
    if (!settingsReady) return <LoadingLine />;
    if (modeOfTab === 'overlay') return <OverlayModeNotice />;
  }

  const callState = session.tab?.state ?? 'unknown';
  let body;
  if (running) {
    const stage = currentStage(running);
    // The call was left by navigating away (Teams to a chat, Meet to its home page): the wrap-up stays here.
    const leftByNavigation = Boolean(session.tab && !session.tab.meetingId && session.tab.wrapUpId === running.interview.id);
    const wrapUp = wrapUpRequested || callState === 'left' || leftByNavigation;
    body = (
      <>
        <Header bundle={running} stage={stage} callState={callState} now={clockNow} view={view} />
        <Problems />
        <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="panel-scroll">
          {wrapUp ? (
            <WrapUp bundle={running} callLeft={callState === 'left'} leftByNavigation={leftByNavigation} />
          ) : (
            <>
              <Questions bundle={running} stage={stage} />
              <Criteria bundle={running} />
              <RedFlags bundle={running} stage={stage} />
              <TranscriptSection bundle={running} />
              <NoteTimeline />
            </>
          )}
        </div>
        <NoteComposer />
      </>
    );
  } else {
    body = (
      <>
        <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
          <h1 className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">{i18n.t('panel.title')}</h1>
          <CallBadge state={callState} />
          <MoveButton view={view} />
          {view === 'overlay' ? (
            <button
              type="button"
              aria-label={i18n.t('panel.collapse')}
              title={i18n.t('panel.collapse')}
              onClick={() => setCollapsed(true)}
              className="inline-flex h-7 w-7 items-center justify-center rounded text-slate-600 hover:bg-slate-200"
            >
              <Icon name="chevron-right" />
            </button>
          ) : null}
        </div>
        <Problems />
        <div className="min-h-0 flex-1 overflow-y-auto">{bundle && !startAnother ? <Ended bundle={bundle} /> : <StartForm />}</div>
      </>
    );
  }
  return (
    <div className="relative flex h-screen flex-col bg-white text-slate-900" data-testid="panel-drawer">
      {body}
      {helpOpen ? <Help /> : null}
    </div>
  );
}
