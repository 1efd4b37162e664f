import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import type { Guide, GuideQuestion } from '../../lib/guides/schema';
import { builtInLanguageModel, canDraft, DraftError, draftFollowUp } from '../../lib/suggest/draft';
import { languageOf } from '../../lib/suggest/text';
import { useSuggestions } from '../../stores/suggestions';
import { toFault, type Fault } from '../../lib/client/fault-text';
import { FaultNotice } from '../ui/FaultNotice';

/**
 * A failed draft as the interviewer is shown it (issue 12, item 6): the model missing or answering outside the
 * schema get their own sentence, anything else the general one; the model's own text goes behind the details toggle.
 */
export function draftFault(error: unknown): Fault {
  const fault = toFault(error);
  if (!(error instanceof DraftError) || error.reason === 'failed') return fault;
  return { ...fault, code: error.reason === 'unavailable' ? 'model-unavailable' : 'model-answer' };
}

/**
 * "Draft a follow-up" with the browser's on-device model (Chrome's Prompt API), from the current question, the
 * guide's look-for items and the candidate's last answer; labelled as drafted on this device. Hidden where the
 * browser has no such model.
 */
export function DraftFollowUp({ guide, question }: { guide: Guide; question: GuideQuestion }) {
  const language = languageOf(guide.locale);
  const lastAnswer = useSuggestions((s) => (s.view?.followUps?.questionId === question.id ? s.view.lastAnswer : null));
  const [available, setAvailable] = useState(false);
  const [state, setState] = useState<{ busy: boolean; text: string | null; error: Fault | null }>({ busy: false, text: null, error: null });
  useEffect(() => {
    let live = true;
    void canDraft(builtInLanguageModel(), language).then((ok) => live && setAvailable(ok));
    return () => {
      live = false;
    };
  }, [language]);
  if (!available || !lastAnswer) return null;
  const run = async () => {
    setState({ busy: true, text: null, error: null });
    try {
      const text = await draftFollowUp(builtInLanguageModel(), { language, question: question.text, criteria: guide.criteria.map((c) => c.text), lastAnswer });
      setState({ busy: false, text, error: null });
    } catch (error) {
      setState({ busy: false, text: null, error: draftFault(error) });
    }
  };
  return (
    <div className="mt-1 text-xs" data-testid="draft-follow-up">
      <button type="button" disabled={state.busy} onClick={() => void run()} className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-slate-800 hover:bg-slate-100">
        {state.busy ? i18n.t('suggest.drafting') : i18n.t('suggest.draft')}
      </button>
      {state.text ? (
        <p className="mt-1 rounded bg-violet-50 px-1.5 py-1 text-violet-950">
          <span className="mr-1 text-[10px] font-semibold uppercase tracking-wide text-violet-800">{i18n.t('suggest.drafted')}</span>
          {state.text}
        </p>
      ) : null}
      {state.error ? <FaultNotice className="mt-1 text-red-800" what={i18n.t('faults.actions.draft')} fault={state.error} /> : null}
    </div>
  );
}
