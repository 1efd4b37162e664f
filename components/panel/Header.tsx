import { i18n } from '#i18n';
import type { CallState, InterviewBundle } from '../../lib/db/records';
import type { GuideStage } from '../../lib/guides/schema';
import { formatOffset } from '../../lib/format';
import { nextQuestion, pacing, stageClock, statesById, suggestsDuringCall, type StageClock } from '../../lib/client/panel-logic';
import { focusQuestion, requestWrapUp, setCollapsed, setHelpOpen, switchStage } from '../../stores/panel';
import { useSuggestions } from '../../stores/suggestions';
import { MoveButton, type PanelView } from './PanelMode';
import { StageWrap } from './StageWrap';
import { callStateLabel } from '../ui/call-state';
import { IconButton, Icon } from './ui';


const BADGE: Record<CallState, string> = {
  none: 'bg-slate-100 text-slate-700 ring-slate-300',
  lobby: 'bg-amber-50 text-amber-900 ring-amber-300',
  'in-call': 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  left: 'bg-slate-200 text-slate-800 ring-slate-400',
  unknown: 'bg-slate-100 text-slate-700 ring-slate-300 ring-dashed',
};

const DOT: Record<CallState, string> = {
  none: 'bg-slate-400',
  lobby: 'bg-amber-500',
  'in-call': 'bg-emerald-600',
  left: 'bg-slate-500',
  unknown: 'bg-slate-400',
};

/** A small badge with the tab's call state; `unknown` explains itself in its title. */
export function CallBadge({ state }: { state: CallState }) {
  const label = callStateLabel(state);
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ${BADGE[state]}`}
      title={state === 'unknown' ? i18n.t('panel.call.unknownHint') : undefined}
      aria-label={i18n.t('panel.call.label', [label])}
      data-call-state={state}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${DOT[state]}`} />
      {label}
    </span>
  );
}

/** The stage timer as text: `04:12 of 30:00`, `12:00 elapsed`, `02:10 over`, or waiting for the call. */
export function timerText(clock: StageClock): string {
  if (!clock.running) return i18n.t('panel.header.timerWaiting');
  if (clock.plannedMs === null) return i18n.t('panel.header.timerNoLimit', [formatOffset(clock.elapsedMs)]);
  if (clock.remainingMs !== null && clock.remainingMs < 0) return i18n.t('panel.header.overTime', [formatOffset(-clock.remainingMs)]);
  return i18n.t('panel.header.timer', [formatOffset(clock.elapsedMs), formatOffset(clock.plannedMs)]);
}

/** The timer's progress bar: how much of the stage's planned time has gone. */
function TimerBar({ clock }: { clock: StageClock }) {
  if (!clock.running || clock.plannedMs === null) return null;
  const share = Math.min(1, clock.elapsedMs / clock.plannedMs);
  const color = share >= 1 ? 'bg-red-600' : share >= 0.8 ? 'bg-amber-500' : 'bg-indigo-500';
  return (
    <div className="mt-1.5 h-1 overflow-hidden rounded bg-slate-200" aria-hidden="true">
      <div className={`h-full ${color}`} style={{ width: `${share * 100}%` }} />
    </div>
  );
}

/**
 * Candidate, role guide, call state, stage switcher, stage timer, pacing hint and the next-question suggestion
 * (no suggestion or pacing once the call was left). `now` is the clock's time (`stageClockTime`: it stops when the
 * call ends). In the side panel (`view`) there is nothing to collapse.
 */
export function Header({
  bundle,
  stage,
  callState,
  now,
  view = 'overlay',
}: {
  bundle: InterviewBundle;
  stage: GuideStage;
  callState: CallState;
  now: number;
  view?: PanelView;
}) {
  const { interview, guide } = bundle;
  const clock = stageClock(now, interview.stageStartedAt, stage.durationMinutes);
  const states = statesById(bundle.questionStates);
  const pace = pacing(stage, states, clock);
  // Once something was heard, the next question follows the conversation (issue 15); else the guide's order.
  const heardNext = useSuggestions((s) => (s.view && s.view.heard > 0 && s.view.stageId === stage.id ? s.view.next?.questionId : null));
  const fromConversation = heardNext ? stage.questions.find((q) => q.id === heardNext && !states.get(q.id)?.asked) : undefined;
  // After the call ends there is no next question to ask: the wrap-up follows (issue 12, item 6).
  const duringCall = suggestsDuringCall(callState);
  const next = duringCall ? (fromConversation ?? nextQuestion(stage, states, clock)) : null;
  const over = clock.remainingMs !== null && clock.remainingMs < 0 && clock.running;
  return (
    <header className="border-b border-slate-200 bg-white px-3 pb-2.5 pt-2.5">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-[15px] font-semibold leading-5 text-slate-900" data-testid="candidate-name">
            {interview.candidateName}
          </h1>
          <p className="truncate text-xs text-slate-600">{guide.title}</p>
        </div>
        <CallBadge state={callState} />
        <MoveButton view={view} />
        <IconButton label={i18n.t('panel.helpButton')} icon="help" onClick={() => setHelpOpen(true)} />
        {view === 'overlay' ? <IconButton label={i18n.t('panel.collapse')} icon="chevron-right" onClick={() => setCollapsed(true)} /> : null}
      </div>
      {/* The stage gets a row of its own: it is what the interviewer reads most, and names are long. */}
      <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1.5">
        <label className="sr-only" htmlFor="stage-switcher">
          {i18n.t('panel.header.stage')}
        </label>
        <div className="relative min-w-0 basis-full">
          <select
            id="stage-switcher"
            value={interview.currentStageId}
            onChange={(event) => void switchStage(event.target.value)}
            className="w-full appearance-none truncate rounded border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm font-medium text-slate-900"
          >
            {guide.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.durationMinutes ? ` · ${s.durationMinutes} min` : ''}
              </option>
            ))}
          </select>
          <Icon name="chevron-down" className="pointer-events-none absolute right-2 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-500" />
        </div>
        <span
          role="timer"
          aria-live="off"
          className={`min-w-0 flex-1 font-mono text-sm tabular-nums ${over ? 'font-semibold text-red-700' : clock.running ? 'text-slate-900' : 'text-xs text-slate-500'}`}
          data-testid="stage-timer"
        >
          {timerText(clock)}
        </span>
        <button
          type="button"
          onClick={() => requestWrapUp(true)}
          aria-label={i18n.t('panel.header.endLabel')}
          className="shrink-0 rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100"
        >
          {i18n.t('panel.header.end')}
        </button>
      </div>
      <TimerBar clock={clock} />
      {duringCall && (pace.kind === 'short' || pace.kind === 'over') ? (
        <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950" data-testid="pacing-hint">
          {pace.kind === 'short'
            ? i18n.t('panel.pacing.short', [String(pace.unaskedCore), String(Math.max(0, Math.round(pace.remainingMs / 60_000)))])
            : i18n.t('panel.pacing.over', [String(pace.unaskedCore)])}
        </p>
      ) : null}
      <StageWrap bundle={bundle} stage={stage} clock={clock} />
      {next ? (
        <button
          type="button"
          onClick={() => {
            focusQuestion(next.id);
            document.getElementById(`question-${next.id}`)?.focus();
          }}
          // The visible "Next: …" starts the accessible name (WCAG 2.5.3, label in name); the action follows.
          aria-label={`${i18n.t('panel.pacing.next')} ${next.text} (${i18n.t('panel.pacing.goTo')})`}
          className="mt-2 flex w-full items-start gap-1.5 rounded bg-indigo-50 px-2 py-1 text-left text-xs text-indigo-950 hover:bg-indigo-100"
          data-testid="next-question"
          data-from={fromConversation ? 'conversation' : 'guide'}
        >
          <span className="shrink-0 font-semibold">{i18n.t('panel.pacing.next')}</span>
          <span className="line-clamp-2 min-w-0 flex-1">{next.text}</span>
          <Icon name="arrow-right" className="mt-0.5 h-3.5 w-3.5 shrink-0" />
        </button>
      ) : duringCall && stage.questions.length ? (
        <p className="mt-2 text-xs text-slate-500">{i18n.t('panel.pacing.nextNone')}</p>
      ) : null}
    </header>
  );
}
