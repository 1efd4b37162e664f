import { useState } from 'react';
import { i18n } from '#i18n';
import { formatOffset, platformName } from '../../lib/format';
import { activeInterviewOf, isCallTab, usePopup } from '../../stores/popup';
import { callStateLabel, formatMinutes, stageOptionLabel } from './labels';
import { ClockIcon, VideoIcon } from './icons';
import { useNow } from './useNow';
import { TranscriptSwitchRow } from '../ui/TranscriptOption';
import { Field, Select } from '../ui/Field';
import { Button } from './Button';

const STATE_DOT: Record<string, string> = {
  'in-call': 'bg-emerald-500',
  lobby: 'bg-amber-400',
  unknown: 'bg-slate-400',
  left: 'bg-slate-300',
  none: 'bg-slate-300',
};

/** What the popup's tab is: its platform and call state, the interview running on it, or the one prepared. */
export function CurrentTab() {
  const session = usePopup((s) => s.session);
  const tab = session?.tab ?? null;
  const active = activeInterviewOf(session);
  const planned = session?.planned ?? null;

  return (
    <section aria-labelledby="this-tab" className="space-y-3">
      <h2 id="this-tab" className="sr-only">
        {i18n.t('popup.thisTab')}
      </h2>
      <div data-testid="tab-status" data-state={tab?.state ?? 'none'} className="flex items-center gap-2.5 rounded-xl border border-slate-200 bg-slate-50 px-3 py-2">
        <span className={`grid size-8 shrink-0 place-items-center rounded-lg ${tab ? 'bg-indigo-100 text-indigo-700' : 'bg-slate-200 text-slate-500'}`}>
          <VideoIcon />
        </span>
        {tab ? (
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
              {platformName(tab.platform)}
              <span className="text-slate-300" aria-hidden="true">
                ·
              </span>
              <span className="inline-flex items-center gap-1.5 font-normal text-slate-700">
                <span className={`size-2 rounded-full ${STATE_DOT[tab.state] ?? 'bg-slate-300'}`} aria-hidden="true" />
                {callStateLabel(tab.state)}
              </span>
            </p>
            {tab.meetingId ? <p className="truncate font-mono text-xs text-slate-500">{tab.meetingId}</p> : null}
          </div>
        ) : (
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-slate-900">{i18n.t('popup.noCall')}</p>
            <p className="text-xs leading-snug text-slate-500">{i18n.t('popup.noCallHint')}</p>
          </div>
        )}
      </div>
      {tab?.state === 'left' && !active ? <p className="px-1 text-xs text-slate-500">{i18n.t('popup.leftHint')}</p> : null}
      {active ? <ActiveInterview /> : null}
      {planned && !active ? <PlannedInterview /> : null}
    </section>
  );
}

function ActiveInterview() {
  const session = usePopup((s) => s.session);
  const busy = usePopup((s) => s.busy);
  const switchStage = usePopup((s) => s.switchStage);
  const panel = usePopup((s) => s.panel);
  const end = usePopup((s) => s.end);
  const [confirming, setConfirming] = useState(false);
  const active = activeInterviewOf(session);
  const now = useNow(active?.interview.callStartedAt != null);
  if (!active || !session) return null;
  const { interview, guide } = active;
  const stage = guide.stages.find((s) => s.id === interview.currentStageId);
  // The stage timer starts with the call and restarts on each stage switch (the background sets stageStartedAt).
  const stageElapsedMs = interview.stageStartedAt !== null ? Math.max(0, now - interview.stageStartedAt) : null;
  const over = stageElapsedMs !== null && stage?.durationMinutes !== undefined && stageElapsedMs > stage.durationMinutes * 60_000;
  const onCall = isCallTab(session.tab);
  const collapsed = session.tab?.collapsed ?? false;

  return (
    <div data-testid="active-interview" className="overflow-hidden rounded-xl border border-indigo-200 bg-white shadow-sm">
      <div className="flex items-start justify-between gap-3 border-b border-indigo-100 bg-indigo-50/60 px-3 py-2.5">
        <div className="min-w-0">
          <p className="text-[11px] font-semibold tracking-wide text-indigo-700 uppercase">{i18n.t('popup.activeInterview')}</p>
          <p className="truncate text-base font-semibold text-slate-900">{interview.candidateName}</p>
          <p className="truncate text-xs text-slate-600">{interview.guideTitle || guide.title}</p>
        </div>
        <div className="shrink-0 text-right">
          <p className="text-[11px] text-slate-600">{i18n.t('popup.elapsed')}</p>
          {interview.callStartedAt !== null ? (
            <p className="font-mono text-lg leading-tight font-semibold text-slate-900 tabular-nums" data-testid="elapsed">
              {formatOffset(now - interview.callStartedAt)}
            </p>
          ) : (
            <p className="max-w-28 text-xs leading-tight text-slate-500">{i18n.t('popup.waitingForCall')}</p>
          )}
        </div>
      </div>
      <div className="space-y-2.5 px-3 py-2.5">
        <div>
          <Field look="popup" id="active-stage" label={i18n.t('popup.stage')}>
            <Select value={interview.currentStageId} disabled={busy !== null} onChange={(e) => void switchStage(e.target.value)}>
              {guide.stages.map((s, i) => (
                <option key={s.id} value={s.id}>
                  {stageOptionLabel(i, s)}
                </option>
              ))}
            </Select>
          </Field>
          {stageElapsedMs !== null ? (
            <p className={`mt-1 flex items-center gap-1 text-xs tabular-nums ${over ? 'text-red-700' : 'text-slate-500'}`}>
              <ClockIcon />
              {stage?.durationMinutes
                ? i18n.t('popup.stageTime', [formatOffset(stageElapsedMs), formatMinutes(stage.durationMinutes)])
                : i18n.t('popup.stageTimeOpen', [formatOffset(stageElapsedMs)])}
            </p>
          ) : null}
        </div>
        <TranscriptSwitchRow
          interview={interview}
          disabled={busy !== null}
          onChange={(on) => void usePopup.getState().setTranscript(on)}
        />
        {confirming ? (
          <div role="group" aria-labelledby="confirm-end" className="rounded-lg border border-red-200 bg-red-50 p-2.5">
            <p id="confirm-end" className="mb-2 text-sm text-red-900">
              {i18n.t('popup.confirmEnd', [interview.candidateName])}
            </p>
            <div className="flex gap-2">
              <Button tone="danger" autoFocus disabled={busy !== null} onClick={() => void end().then(() => setConfirming(false))}>
                {i18n.t('popup.confirmEndYes')}
              </Button>
              <Button tone="plain" onClick={() => setConfirming(false)}>
                {i18n.t('popup.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="flex gap-2">
            {onCall ? (
              <Button tone="secondary" disabled={busy !== null} onClick={() => void panel(collapsed ? 'expand' : 'collapse')} className="flex-1">
                {collapsed ? i18n.t('popup.showPanel') : i18n.t('popup.collapsePanel')}
              </Button>
            ) : null}
            <Button tone="warning" disabled={busy !== null} onClick={() => setConfirming(true)} className="flex-1">
              {i18n.t('popup.endInterview')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

function PlannedInterview() {
  const planned = usePopup((s) => s.session?.planned ?? null);
  const guides = usePopup((s) => s.guides);
  const busy = usePopup((s) => s.busy);
  const discard = usePopup((s) => s.discardPlanned);
  if (!planned) return null;
  const stage = guides.find((g) => g.id === planned.guideId)?.stages.find((s) => s.id === planned.currentStageId);
  return (
    <div data-testid="planned-interview" className="flex items-start gap-3 rounded-xl border border-amber-200 bg-amber-50 px-3 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="text-[11px] font-semibold tracking-wide text-amber-800 uppercase">{i18n.t('popup.prepared')}</p>
        <p className="truncate text-sm font-semibold text-slate-900">{planned.candidateName}</p>
        <p className="truncate text-xs text-slate-600">
          {planned.guideTitle}
          {stage ? ` · ${stage.title}` : ''}
        </p>
        <p className="mt-0.5 text-xs text-amber-900/80">{i18n.t('popup.preparedHint')}</p>
      </div>
      <button
        type="button"
        disabled={busy !== null}
        onClick={() => void discard()}
        className="shrink-0 rounded-lg border border-amber-300 bg-white px-2.5 py-1 text-xs font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60"
      >
        {i18n.t('popup.discard')}
      </button>
    </div>
  );
}
