import { i18n } from '#i18n';
import type { CallState, InterviewState } from '../../lib/db/records';
import { labelMap } from '../../lib/labels';

/** The call state as the interviewer reads it ("In call", "Waiting to join"…). */
export const callStateLabel = labelMap<CallState>({
  none: 'popup.callState.none',
  lobby: 'popup.callState.lobby',
  'in-call': 'popup.callState.inCall',
  left: 'popup.callState.left',
  unknown: 'popup.callState.unknown',
});

/** An interview's state as a short badge text. */
export const interviewStateLabel = labelMap<InterviewState>({
  planned: 'popup.state.planned',
  active: 'popup.state.active',
  ended: 'popup.state.ended',
});

/** A length in whole minutes as "45 min", "2 h" or "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return i18n.t('popup.minutes', [String(m)]);
  if (m === 0) return i18n.t('popup.hours', [String(h)]);
  return i18n.t('popup.hoursMinutes', [String(h), String(m)]);
}

/** "5 stages · 4 h 45 min" for a guide's stages (durations the guide leaves open count as nothing). */
export function stagesSummary(stages: readonly { durationMinutes?: number }[]): string {
  const total = stages.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0);
  const length = total > 0 ? formatMinutes(total) : i18n.t('popup.noDuration');
  return stages.length === 1 ? i18n.t('popup.oneStageSummary', [length]) : i18n.t('popup.stagesSummary', [String(stages.length), length]);
}

/** A stage as a picker option: "2. System design — 60 min". */
export function stageOptionLabel(index: number, stage: { title: string; durationMinutes?: number }): string {
  return stage.durationMinutes
    ? i18n.t('popup.stageOption', [String(index + 1), stage.title, formatMinutes(stage.durationMinutes)])
    : i18n.t('popup.stageOptionNoDuration', [String(index + 1), stage.title]);
}

/** A date as the popup lists it: time only for today, else a short date, in the browser's UI language. */
export function formatWhen(at: number, now: number, locale: string): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date)
    : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date);
}
