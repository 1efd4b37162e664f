import { useState } from 'react';
import { i18n } from '#i18n';
import type { InterviewBundle } from '../../lib/db/records';
import { ratingLabel } from '../ui/rating';
import { endInterview, keys, putOffWrapUp, requestWrapUp, setRecommendation, setSummary, showStartForm, hasLocal, shown, usePanel } from '../../stores/panel';
import { unrated } from '../../lib/client/panel-logic';
import { Button, RatingPicker, SavedTextArea, useShown } from './ui';
import { FaultNotice } from '../ui/FaultNotice';
import type { Fault } from '../../lib/client/fault-text';

/**
 * The wrap-up: overall recommendation, summary, what is still unrated, and "End interview". Opens by itself
 * when the call is left, or from the header's End button. `leftByNavigation`: the page is no longer the call (the
 * app navigated away); "Later" then lets the panel go, the interview waiting in the popup and the options page.
 */
export function WrapUp({ bundle, callLeft, leftByNavigation = false }: { bundle: InterviewBundle; callLeft: boolean; leftByNavigation?: boolean }) {
  const recommendation = useShown(keys.recommendation, bundle.interview.recommendation);
  const local = usePanel((s) => s.local);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ what: 'end' | 'laterWrapUp'; fault: Fault } | null>(null);
  const questionStates = bundle.questionStates.map((row) => ({
    ...row,
    asked: shown({ local }, keys.asked(row.questionId), row.asked),
    rating: shown({ local }, keys.rating(row.questionId), row.rating),
  }));
  const criteria = bundle.criterionRatings.map((row) => ({
    ...row,
    rating: shown({ local }, keys.criterionRating(row.criterionId), row.rating),
  }));
  for (const item of bundle.guide.criteria) {
    const key = keys.criterionRating(item.id);
    if (hasLocal({ local }, key) && !criteria.some((c) => c.criterionId === item.id)) {
      criteria.push({ interviewId: bundle.interview.id, criterionId: item.id, rating: shown({ local }, key, null), note: '', updatedAt: 0 });
    }
  }
  const todo = unrated(bundle.guide, questionStates, criteria, recommendation);
  const nothingLeft = !todo.recommendation && todo.questions.length === 0 && todo.criteria.length === 0;
  const end = async () => {
    setBusy(true);
    const failure = await endInterview();
    setBusy(false);
    setError(failure ? { what: 'end', fault: failure } : null);
  };
  const later = async () => {
    setBusy(true);
    const failure = await putOffWrapUp();
    setBusy(false);
    setError(failure ? { what: 'laterWrapUp', fault: failure } : null);
  };
  return (
    <section aria-labelledby="wrap-up-heading" className="space-y-3 px-3 py-3">
      <div>
        <h2 id="wrap-up-heading" className="text-base font-semibold text-slate-900">
          {i18n.t('panel.wrapUp.heading')}
        </h2>
        {leftByNavigation ? (
          <p className="text-xs text-slate-600">{i18n.t('wrapUpPending.leftCall')}</p>
        ) : callLeft ? (
          <p className="text-xs text-slate-600">{i18n.t('panel.wrapUp.callEnded')}</p>
        ) : null}
      </div>
      <div>
        <p id="recommendation-label" className="mb-1 text-xs font-medium text-slate-700">
          {i18n.t('panel.wrapUp.recommendation')}
        </p>
        <RatingPicker size="md" label={i18n.t('panel.wrapUp.recommendation')} value={recommendation} onChange={setRecommendation} />
      </div>
      <div>
        <label htmlFor="wrap-up-summary" className="mb-1 block text-xs font-medium text-slate-700">
          {i18n.t('panel.wrapUp.summary')}
        </label>
        <SummaryBox bundle={bundle} />
      </div>
      <div className="rounded border border-slate-200 bg-slate-50 px-2 py-1.5">
        <h3 className="text-xs font-semibold text-slate-700">{i18n.t('panel.wrapUp.unrated')}</h3>
        {nothingLeft ? (
          <p className="text-xs text-slate-600">{i18n.t('panel.wrapUp.allRated')}</p>
        ) : (
          <ul className="mt-0.5 list-disc space-y-0.5 pl-4 text-xs text-slate-800" data-testid="unrated">
            {todo.recommendation ? <li>{i18n.t('panel.wrapUp.noRecommendation')}</li> : null}
            {todo.questions.map((q) => (
              <li key={q.id}>
                <span className="text-slate-500">{i18n.t('panel.wrapUp.unratedQuestions')}: </span>
                {q.text}
              </li>
            ))}
            {todo.criteria.map((c) => (
              <li key={c.id}>
                <span className="text-slate-500">{i18n.t('panel.wrapUp.unratedCriteria')}: </span>
                {c.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? <FaultNotice what={i18n.t(`faults.actions.${error.what}`)} fault={error.fault} className="text-sm text-red-700" /> : null}
      <div className="flex gap-2">
        <Button tone="primary" disabled={busy} onClick={() => void end()} className="flex-1">
          {busy ? i18n.t('panel.wrapUp.ending') : i18n.t('panel.wrapUp.end')}
        </Button>
        {leftByNavigation ? (
          <Button disabled={busy} onClick={() => void later()} title={i18n.t('wrapUpPending.laterTitle')}>
            {i18n.t('wrapUpPending.later')}
          </Button>
        ) : (
          <Button onClick={() => requestWrapUp(false)}>{i18n.t('panel.wrapUp.back')}</Button>
        )}
      </div>
    </section>
  );
}

function SummaryBox({ bundle }: { bundle: InterviewBundle }) {
  return (
    <SavedTextArea
      saveKey={keys.summary}
      stored={bundle.interview.summary}
      onSave={setSummary}
      label={i18n.t('panel.wrapUp.summary')}
      placeholder={i18n.t('panel.wrapUp.summaryPlaceholder')}
      maxRows={10}
    />
  );
}

/** An ended interview: its recommendation, and a way to start another on the same meeting. */
export function Ended({ bundle }: { bundle: InterviewBundle }) {
  const { interview } = bundle;
  return (
    <section aria-labelledby="ended-heading" className="space-y-2 px-3 py-3">
      <h2 id="ended-heading" className="text-base font-semibold text-slate-900">
        {i18n.t('panel.ended.heading')}
      </h2>
      <p className="text-sm text-slate-800">{interview.candidateName}</p>
      <p className="text-sm text-slate-700">
        {interview.recommendation ? i18n.t('panel.ended.recommendation', [ratingLabel(interview.recommendation)]) : i18n.t('panel.ended.noRecommendation')}
      </p>
      {interview.summary ? <p className="whitespace-pre-wrap wrap-anywhere text-xs text-slate-700">{interview.summary}</p> : null}
      <Button compact onClick={() => showStartForm(true)}>
        {i18n.t('panel.ended.startAnother')}
      </Button>
    </section>
  );
}
