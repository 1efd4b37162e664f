import { i18n } from '#i18n';
import type { InterviewBundle, NoteRow } from '../../lib/db/records';
import type { GuideQuestion, GuideStage } from '../../lib/guides/schema';
import { formatOffset } from '../ui/rating';
import { focusQuestion, keys, setAsked, setQuestionNote, setRating, shown, usePanel } from '../../stores/panel';
import { statesById } from '../../stores/panel-logic';
import { RatingPicker, SavedTextArea, Section, useShown } from './ui';

function QuestionItem({ question, index, bundle, notes }: { question: GuideQuestion; index: number; bundle: InterviewBundle; notes: NoteRow[] }) {
  const state = statesById(bundle.questionStates).get(question.id);
  const asked = useShown(keys.asked(question.id), state?.asked ?? false);
  const rating = useShown(keys.rating(question.id), state?.rating ?? null);
  const focused = usePanel((s) => s.focusedQuestionId === question.id);
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
            </p>
            {question.followUps.length ? (
              <ul aria-label={i18n.t('panel.questions.followUps')} className="mt-0.5 space-y-0.5">
                {question.followUps.map((text, i) => (
                  <li key={i} className="flex gap-1 text-xs leading-snug text-slate-600">
                    <span aria-hidden="true" className="text-slate-400">
                      ↳
                    </span>
                    <span>{text}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
        {open ? (
          <div className="mt-1.5 space-y-1.5 pl-6">
            <RatingPicker label={i18n.t('panel.questions.rating', [question.text])} value={rating} onChange={(r) => setRating(question.id, r)} />
            <SavedTextArea
              saveKey={keys.questionNote(question.id)}
              stored={noteStored}
              onSave={(text) => setQuestionNote(question.id, text)}
              label={i18n.t('panel.questions.note', [question.text])}
              placeholder={i18n.t('panel.questions.notePlaceholder')}
              maxRows={5}
            />
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
