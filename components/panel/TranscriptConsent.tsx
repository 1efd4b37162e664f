import { useId, useState } from 'react';
import { i18n } from '#i18n';
import { useTranscript } from '../../stores/transcript';
import { errorMessage } from '../../lib/format';
import { FaultDetails } from '../ui/FaultNotice';

/** Copies `text`: the Clipboard API (the panel's frame allows `clipboard-write`), else the older copy command. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (error) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw error;
  }
}

export const button = 'rounded border px-2 py-1 text-xs font-medium disabled:opacity-50';
export const primary = `${button} border-indigo-700 bg-indigo-600 text-white hover:bg-indigo-700`;
export const secondary = `${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-100`;

/** The consent step: the interviewer confirms the candidate was told, with a ready sentence for the call's chat. */
export function ConsentStep({ interviewId }: { interviewId: string }) {
  const busy = useTranscript((s) => s.busy);
  const [told, setTold] = useState(false);
  /** The copy's outcome; a failure keeps the browser's text, shown behind the details toggle (issue 12, item 6). */
  const [copy, setCopy] = useState<{ ok: boolean; text: string; details?: string } | null>(null);
  const sentence = i18n.t('transcript.consent.sentence');
  const sentenceId = useId();
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-2" data-testid="transcript-consent">
      <h3 className="text-sm font-semibold text-amber-950">{i18n.t('transcript.consent.heading')}</h3>
      <p className="text-xs leading-snug text-amber-950">{i18n.t('transcript.consent.body')}</p>
      <div>
        <p id={sentenceId} className="text-[11px] font-medium text-slate-700">
          {i18n.t('transcript.consent.sentenceLabel')}
        </p>
        <p aria-labelledby={sentenceId} className="mt-0.5 select-all rounded border border-slate-300 bg-white px-2 py-1 text-xs leading-snug text-slate-900" data-testid="transcript-sentence">
          {sentence}
        </p>
        <div className="mt-1 flex items-center gap-2">
          <button
            type="button"
            className={secondary}
            onClick={() =>
              void copyText(sentence).then(
                () => setCopy({ ok: true, text: i18n.t('transcript.consent.copied') }),
                (error: unknown) => setCopy({ ok: false, text: i18n.t('transcript.consent.copyFailed'), details: errorMessage(error) }),
              )
            }
          >
            {i18n.t('transcript.consent.copy')}
          </button>
          {copy ? (
            <span role="status" className={`text-[11px] ${copy.ok ? 'text-emerald-800' : 'text-red-700'}`} data-testid="transcript-copy-status">
              {copy.text}
            </span>
          ) : null}
        </div>
        {copy && !copy.ok ? <FaultDetails text={copy.details} /> : null}
      </div>
      <label className="flex items-start gap-2 text-xs text-slate-900">
        <input type="checkbox" className="mt-0.5" checked={told} onChange={(event) => setTold(event.target.checked)} data-testid="transcript-told" />
        <span>{i18n.t('transcript.consent.confirm')}</span>
      </label>
      <div className="flex gap-2">
        <button type="button" className={primary} disabled={!told || busy} onClick={() => void useTranscript.getState().setOn(interviewId, true, true)}>
          {i18n.t('transcript.consent.start')}
        </button>
        <button type="button" className={secondary} disabled={busy} onClick={() => void useTranscript.getState().setOn(interviewId, false)}>
          {i18n.t('transcript.consent.cancel')}
        </button>
      </div>
    </div>
  );
}

