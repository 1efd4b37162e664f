import { i18n } from '#i18n';
import type { InterviewBundle } from '../../lib/db/records';
import type { GuideStage } from '../../lib/guides/schema';
import { STAGE_WRAP_LEAD_MS } from '../../lib/suggest/constants';
import { keys, shown, usePanel } from '../../stores/panel';
import { statesById, type StageClock } from '../../lib/client/panel-logic';
import { stageWrapItems, useSuggestions } from '../../stores/suggestions';

const NO_EVIDENCE: Readonly<Record<string, unknown[]>> = Object.freeze({});

/** Near the stage's planned end: what is not asked yet and which criteria have no evidence yet (issue 15). */
export function StageWrap({ bundle, stage, clock }: { bundle: InterviewBundle; stage: GuideStage; clock: StageClock }) {
  const local = usePanel((s) => s.local);
  const evidence = useSuggestions((s) => s.view?.evidence ?? NO_EVIDENCE);
  const states = statesById(bundle.questionStates);
  const items = stageWrapItems({
    questions: stage.questions,
    criteria: bundle.guide.criteria,
    asked: (id) => shown({ local }, keys.asked(id), states.get(id)?.asked ?? false),
    rated: (id) => bundle.criterionRatings.some((r) => r.criterionId === id && r.rating !== null),
    evidence,
    remainingMs: clock.remainingMs,
    running: clock.running,
    leadMs: STAGE_WRAP_LEAD_MS,
  });
  if (!items) return null;
  return (
    <div role="status" className="mt-2 rounded border border-sky-300 bg-sky-50 px-2 py-1 text-xs text-sky-950" data-testid="stage-wrap">
      <p className="font-semibold">{i18n.t('suggest.wrapHeading')}</p>
      {items.notAsked.length ? <p>{i18n.t('suggest.wrapNotAsked', [items.notAsked.map((q) => q.text).join(' · ')])}</p> : null}
      {items.withoutEvidence.length ? <p>{i18n.t('suggest.wrapNoEvidence', [items.withoutEvidence.map((c) => c.text).join(' · ')])}</p> : null}
    </div>
  );
}
