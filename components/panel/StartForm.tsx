import { guideLabel } from '../ui/rating';
import { defaultGuideChoice } from '../../lib/guides/default-choice';
import { useEffect, useState, type FormEvent } from 'react';
import { i18n } from '#i18n';
import { startInterview, startPlanned, usePanel } from '../../stores/panel';
import { useSettings } from '../../stores/settings';
import { TranscriptOption, useTranscriptOption } from '../ui/TranscriptOption';
import { GuideTips } from '../ui/GuideTips';
import { FaultNotice } from '../ui/FaultNotice';
import type { Fault } from '../../lib/client/fault-text';
import { Field, Input, Select } from '../ui/Field';
import { Button } from './ui';

/** Starts an interview on this meeting: candidate, role guide and stage (the stage list follows the guide). */
export function StartForm() {
  const guides = usePanel((s) => s.guides);
  const planned = usePanel((s) => s.session?.planned ?? null);
  const settings = useSettings((s) => s.settings);
  const updateSettings = useSettings((s) => s.update);
  const [candidate, setCandidate] = useState('');
  const [guideId, setGuideId] = useState('');
  const [stageId, setStageId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fault, setFault] = useState<Fault | null>(null);
  const [busy, setBusy] = useState(false);
  const [transcript, setTranscript] = useTranscriptOption(usePanel((s) => s.session?.tab?.platform ?? null));

  // Default to the guide and stage used last time, else the first guide in the interface language (as the popup).
  useEffect(() => {
    if (guideId) return;
    const choice = defaultGuideChoice(guides, { guideId: settings.lastGuideId, stageId: settings.lastStageId });
    if (!choice) return;
    setGuideId(choice.guideId);
    setStageId(choice.stageId ?? '');
  }, [guides, guideId, settings.lastGuideId, settings.lastStageId]);

  const guide = guides.find((g) => g.id === guideId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!candidate.trim()) {
      setError(i18n.t('panel.start.candidateRequired'));
      document.getElementById('start-candidate')?.focus();
      return;
    }
    if (!guide) return;
    setBusy(true);
    setError(null);
    setFault(null);
    const failure = await startInterview({ candidateName: candidate.trim(), guideId: guide.id, stageId: stageId || guide.stages[0]!.id, transcript });
    setBusy(false);
    setFault(failure);
    if (!failure) void updateSettings({ lastGuideId: guide.id, lastStageId: stageId || null });
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-3 px-3 py-3" noValidate aria-labelledby="start-heading">
      <div>
        <h2 id="start-heading" className="text-base font-semibold text-slate-900">
          {i18n.t('panel.start.heading')}
        </h2>
        <p className="text-xs text-slate-600">{i18n.t('panel.start.intro')}</p>
      </div>
      {planned ? (
        <div className="rounded border border-indigo-200 bg-indigo-50 px-2 py-1.5 text-sm text-indigo-950">
          <p>{i18n.t('panel.start.planned', [planned.candidateName, planned.guideTitle])}</p>
          <button
            type="button"
            className="mt-1 rounded bg-indigo-600 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-700"
            onClick={() =>
              void startPlanned().then((failure) => {
                setFault(failure);
              })
            }
          >
            {i18n.t('panel.start.usePlanned')}
          </button>
        </div>
      ) : null}
      <Field look="panel" id="start-candidate" label={i18n.t('panel.start.candidate')}>
        <Input
          value={candidate}
          autoComplete="off"
          placeholder={i18n.t('panel.start.candidatePlaceholder')}
          aria-invalid={error === i18n.t('panel.start.candidateRequired')}
          onChange={(event) => setCandidate(event.target.value)}
        />
      </Field>
      {guides.length === 0 ? (
        <p className="text-sm text-slate-600">{i18n.t('panel.start.noGuides')}</p>
      ) : (
        <>
          <Field look="panel" id="start-guide" label={i18n.t('panel.start.guide')}>
            <Select
              value={guideId}
              onChange={(event) => {
                const next = guides.find((g) => g.id === event.target.value);
                setGuideId(event.target.value);
                setStageId(next?.stages[0]?.id ?? '');
              }}
            >
              {guides.map((g) => (
                <option key={g.id} value={g.id}>
                  {guideLabel(g, guides)}
                </option>
              ))}
            </Select>
          </Field>
          <Field look="panel" id="start-stage" label={i18n.t('panel.start.stage')}>
            <Select value={stageId} onChange={(event) => setStageId(event.target.value)}>
              {guide?.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                  {s.durationMinutes ? ` · ${s.durationMinutes} min` : ''}
                </option>
              ))}
            </Select>
          </Field>
          {/* The guide's advice for the interviewer, read while preparing (issue 12, item 4). */}
          {guide ? <GuideTips tips={guide.tips} /> : null}
        </>
      )}
      <TranscriptOption checked={transcript} onChange={setTranscript} />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {fault ? <FaultNotice what={i18n.t('faults.actions.start')} fault={fault} className="text-sm text-red-700" /> : null}
      <Button tone="primary" type="submit" disabled={busy || !guide} className="w-full">
        {busy ? i18n.t('panel.start.starting') : i18n.t('panel.start.submit')}
      </Button>
    </form>
  );
}
