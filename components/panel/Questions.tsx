import { i18n } from '#i18n';
import type { InterviewBundle, NoteRow } from '../../lib/db/records';
import type { GuideQuestion, GuideStage } from '../../lib/guides/schema';
import { formatOffset } from '../../lib/format';
import { focusQuestion, keys, setAsked, setRating, shown, usePanel } from '../../stores/panel';
import { statesById } from '../../lib/client/panel-logic';
import { undoAutoAsked, useSuggestions } from '../../stores/suggestions';
import { DraftFollowUp } from './DraftFollowUp';
import { RatingPicker, Section, useShown } from './ui';
import { ItemNote } from './ItemNote';

/** "Asked" set from what was said (issue 15): says so, shows the line on hover, and undoes in one click. */
function AutoMark({ interviewId, questionId, line }: { interviewId: string; questionId: string; line: string }) {
  return (
    <span className="ml-1.5 inline-flex items-center gap-1 align-[1px]" data-testid="auto-mark">
      <span
        title={i18n.t('suggest.autoHint', [line])}
        className="rounded bg-emerald-100 px-1 text-[10px] font-semibold uppercase tracking-wide text-emerald-900"
      >
        {i18n.t('suggest.auto')}
      </span>
      <button
        type="button"
        onClick={() => void undoAutoAsked(interviewId, questionId)}
        aria-label={i18n.t('suggest.undoLabel')}
        className="rounded px-1 text-[11px] text-slate-700 underline hover:bg-slate-100"
        data-testid="auto-undo"
      >
        {i18n.t('suggest.undo')}
      </button>
    </span>
  );
}

/** The question's follow-ups; while the candidate answers it, untouched ones first and the first one suggested. */
function FollowUps({ question }: { question: GuideQuestion }) {
  const ranking = useSuggestions((s) => (s.view?.followUps?.questionId === question.id ? s.view.followUps.ranking : null));
  const items = ranking ?? question.followUps.map((text, index) => ({ index, text, touched: false, score: 0 }));
  const suggested = ranking?.find((f) => !f.touched)?.index ?? null;
  return (
    <ul aria-label={i18n.t('panel.questions.followUps')} className="mt-0.5 space-y-0.5" data-ranked={ranking !== null}>
      {items.map((f) => (
        <li
          key={f.index}
          className={`flex gap-1 text-xs leading-snug ${f.touched ? 'text-slate-400' : f.index === suggested ? 'font-medium text-indigo-900' : 'text-slate-600'}`}
          data-touched={f.touched}
          data-suggested={f.index === suggested}
        >
          <span aria-hidden="true" className="text-slate-400">
            {f.touched ? '✓' : '↳'}
          </span>
          <span>
            {f.text}
            {f.index === suggested ? <span className="sr-only"> ({i18n.t('suggest.followUpSuggested')})</span> : null}
            {f.touched ? <span className="sr-only"> ({i18n.t('suggest.followUpTouched')})</span> : null}
          </span>
          {f.index === suggested ? (
            <span aria-hidden="true" className="ml-auto shrink-0 self-start rounded bg-indigo-100 px-1 text-[10px] font-semibold uppercase text-indigo-800">
              {i18n.t('suggest.followUpSuggested')}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function QuestionItem({ question, index, bundle, notes }: { question: GuideQuestion; index: number; bundle: InterviewBundle; notes: NoteRow[] }) {
  const state = statesById(bundle.questionStates).get(question.id);
  const asked = useShown(keys.asked(question.id), state?.asked ?? false);
  const rating = useShown(keys.rating(question.id), state?.rating ?? null);
  const focused = usePanel((s) => s.focusedQuestionId === question.id);
  const auto = asked && state?.askedBy === 'auto' && state.asked;
  const partly = useSuggestions((s) => !asked && (s.view?.next?.partlyCovered.includes(question.id) ?? false));
  const noteStored = state?.note ?? '';
  const note = useShown(keys.questionNote(question.id), noteStored);
  const open = focused || asked || note !== '';
  const textId = `question-text-${question.id}`;
  return (
    <li>
      <article
        id={`question-${question.id}`}
        tabIndex={-1}
        aria-labelledby={textId}
        data-focused={focused}
        data-asked={asked}
        data-auto={auto}
        onFocus={() => {
          if (!focused) focusQuestion(question.id);
        }}
        className={`rounded-md border px-2 py-1.5 outline-none ${
          focused ? 'border-indigo-400 bg-indigo-50/60 ring-1 ring-indigo-400' : 'border-transparent hover:bg-slate-50'
        }`}
      >
        <div className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={asked}
            onChange={(event) => setAsked(question.id, event.target.checked)}
            aria-label={i18n.t('panel.questions.asked', [question.text])}
            className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600"
          />
          <div className="min-w-0 flex-1">
            <p id={textId} className={`text-sm leading-snug ${asked ? 'text-slate-500' : 'text-slate-900'}`}>
              <span className="mr-1 font-mono text-[11px] text-slate-500">{index + 1}.</span>
              {question.text}
              {question.core ? (
                <span
                  title={i18n.t('panel.questions.coreHint')}
                  className="ml-1.5 inline-block rounded bg-indigo-100 px-1 align-[1px] text-[10px] font-semibold uppercase tracking-wide text-indigo-800"
                >
                  {i18n.t('panel.questions.core')}
                </span>
              ) : null}
              {auto ? <AutoMark interviewId={bundle.interview.id} questionId={question.id} line={state.autoLine?.text ?? ''} /> : null}
              {partly ? (
                <span
                  title={i18n.t('suggest.partlyHint')}
                  className="ml-1.5 inline-block rounded bg-amber-100 px-1 align-[1px] text-[10px] font-semibold uppercase tracking-wide text-amber-900"
                  data-testid="partly-covered"
                >
                  {i18n.t('suggest.partly')}
                </span>
              ) : null}
            </p>
            {question.followUps.length ? <FollowUps question={question} /> : null}
            <DraftFollowUp guide={bundle.guide} question={question} />
          </div>
        </div>
        {open ? (
          <div className="mt-1.5 space-y-1.5 pl-6">
            <RatingPicker label={i18n.t('panel.questions.rating', [question.text])} value={rating} onChange={(r) => setRating(question.id, r)} />
            <ItemNote kind="question" id={question.id} text={question.text} stored={noteStored} />
            {notes.map((n) => (
              <p key={n.id} className="text-xs text-slate-700">
                <span className="mr-1 font-mono text-slate-500">{n.offsetMs === null ? '' : formatOffset(n.offsetMs)}</span>
                <span className="whitespace-pre-wrap wrap-anywhere">{n.text}</span>
              </p>
            ))}
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** The current stage's questions: ask, rate, note; core questions marked, follow-ups under each. */
export function Questions({ bundle, stage }: { bundle: InterviewBundle; stage: GuideStage }) {
  const states = statesById(bundle.questionStates);
  const local = usePanel((s) => s.local);
  const askedCount = stage.questions.filter((q) => shown({ local }, keys.asked(q.id), states.get(q.id)?.asked ?? false)).length;
  return (
    <Section title={i18n.t('panel.questions.heading')} aside={i18n.t('panel.questions.count', [String(askedCount), String(stage.questions.length)])}>
      {stage.description ? <p className="mb-1.5 text-xs text-slate-600">{stage.description}</p> : null}
      {stage.questions.length === 0 ? (
        <p className="text-sm text-slate-500">{i18n.t('panel.questions.empty')}</p>
      ) : (
        <ol className="-mx-1 space-y-0.5">
          {stage.questions.map((q, i) => (
            <QuestionItem key={q.id} question={q} index={i} bundle={bundle} notes={bundle.notes.filter((n) => n.questionId === q.id && n.text.trim())} />
          ))}
        </ol>
      )}
    </Section>
  );
}
