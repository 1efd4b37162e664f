import { useState } from 'react';
import { i18n } from '#i18n';
import type { InterviewRow, Platform } from '../../lib/db/records';
import { useSettings } from '../../stores/settings';
import { TranscriptSwitch } from './TranscriptSwitch';

/**
 * The start forms' "Transcript" choice (panel and popup): defaults to the platform's `transcriptOnStart` setting
 * until the interviewer changes it. @returns the value to pass as `interviews.start`'s `transcript`, and the box.
 */
export function useTranscriptOption(platform: Platform | null): [boolean, (on: boolean) => void] {
  const byDefault = useSettings((s) => (platform ? s.settings.transcriptOnStart[platform] : false));
  const [chosen, setChosen] = useState<boolean | null>(null);
  return [chosen ?? byDefault, setChosen];
}

/** A checkbox "Transcript from the call's captions" with its hint (the consent step comes before anything is kept). */
export function TranscriptOption({ checked, onChange, className = '' }: { checked: boolean; onChange: (on: boolean) => void; className?: string }) {
  return (
    <label className={`flex items-start gap-2 text-xs text-slate-700 ${className}`} data-testid="start-transcript">
      <input type="checkbox" className="mt-0.5 size-4 shrink-0 accent-indigo-600" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>
        <span className="block font-medium text-slate-800">{i18n.t('transcript.startLabel')}</span>
        <span className="block text-slate-500">{i18n.t('transcript.startHint')}</span>
      </span>
    </label>
  );
}

/** A running interview's transcript as one line with an on/off switch (the popup); `onChange` calls `transcript.set`. */
export function TranscriptSwitchRow({ interview, onChange, disabled }: { interview: InterviewRow; onChange: (on: boolean) => void; disabled: boolean }) {
  const on = interview.transcript?.on ?? false;
  const waiting = on && (interview.transcript?.consentAt ?? null) === null;
  return (
    <div className="flex items-center justify-between gap-2" data-testid="popup-transcript">
      <TranscriptSwitch on={on} onChange={onChange} disabled={disabled} className="gap-2 px-0.5 text-sm text-slate-800 disabled:opacity-60" />
      <span className={`text-xs ${waiting ? 'text-amber-800' : 'text-slate-500'}`}>
        {!on ? i18n.t('transcript.stateOff') : waiting ? i18n.t('transcript.popupConfirm') : i18n.t('transcript.stateOn')}
      </span>
    </div>
  );
}
