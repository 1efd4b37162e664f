import { i18n } from '#i18n';
import type { InterviewBundle } from '../../lib/db/records';
import { keys, setCriterionRating } from '../../stores/panel';
import { useSuggestions } from '../../stores/suggestions';
import { formatOffset } from '../../lib/format';
import { RatingPicker, Section, useShown } from './ui';
import { ItemNote } from './ItemNote';

/** The lines that gave evidence for a criterion (issue 15), from the transcript or typed notes. */
function HeardEvidence({ id, text }: { id: string; text: string }) {
  const lines = useSuggestions((s) => s.view?.evidence[id]);
  if (!lines?.length) return null;
  return (
    <ul aria-label={i18n.t('suggest.evidenceLabel', [text])} className="space-y-0.5 rounded bg-emerald-50 px-1.5 py-1" data-testid="heard-evidence">
      {lines.map((line, i) => (
        <li key={line.ref ?? i} className="flex gap-1.5 text-xs leading-snug text-emerald-950">
          <span className="shrink-0 font-mono text-[11px] text-emerald-800">{formatOffset(line.atMs)}</span>
          <span className="min-w-0 wrap-anywhere">
            <span className="sr-only">{line.source === 'note' ? i18n.t('suggest.fromNote') : i18n.t('suggest.fromTranscript')}: </span>“{line.text}”
          </span>
        </li>
      ))}
    </ul>
  );
}

function Criterion({ id, text, bundle }: { id: string; text: string; bundle: InterviewBundle }) {
  const row = bundle.criterionRatings.find((r) => r.criterionId === id);
  const rating = useShown(keys.criterionRating(id), row?.rating ?? null);
  return (
    <li className="space-y-1 py-1">
      <p className="text-sm leading-snug text-slate-900">{text}</p>
      <HeardEvidence id={id} text={text} />
      <RatingPicker label={i18n.t('panel.criteria.rating', [text])} value={rating} onChange={(r) => setCriterionRating(id, r)} />
      <ItemNote kind="criterion" id={id} text={text} stored={row?.note ?? ''} />
    </li>
  );
}

/**
 * "What to look for": each criterion rated on the four-point scale with its evidence, and the notes taken on
 * questions (all stages) to draw the evidence from.
 */
export function Criteria({ bundle }: { bundle: InterviewBundle }) {
  const { guide } = bundle;
  const questionText = new Map(guide.stages.flatMap((s) => s.questions).map((q) => [q.id, q.text]));
  const evidence = [
    ...bundle.questionStates.filter((s) => s.note.trim()).map((s) => ({ key: `s-${s.questionId}`, question: questionText.get(s.questionId) ?? s.questionId, text: s.note })),
    ...bundle.notes
      .filter((n) => n.questionId && n.text.trim())
      .map((n) => ({ key: `n-${n.id}`, question: questionText.get(n.questionId!) ?? n.questionId!, text: n.text })),
  ];
  return (
    <Section title={i18n.t('panel.criteria.heading')}>
      {guide.criteria.length === 0 ? (
        <p className="text-sm text-slate-500">{i18n.t('panel.criteria.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {guide.criteria.map((item) => (
            <Criterion key={item.id} id={item.id} text={item.text} bundle={bundle} />
          ))}
        </ul>
      )}
      {evidence.length ? (
        <details className="mt-2 rounded border border-slate-200 px-2 py-1">
          <summary className="cursor-pointer text-xs font-medium text-slate-700">
            {i18n.t('panel.criteria.fromNotes')} ({evidence.length})
          </summary>
          <ul className="mt-1 space-y-1">
            {evidence.map((e) => (
              <li key={e.key} className="text-xs">
                <p className="text-slate-500">{e.question}</p>
                <p className="whitespace-pre-wrap wrap-anywhere text-slate-800">{e.text}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
