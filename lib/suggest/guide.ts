import type { Guide } from '../guides/schema';
import type { SuggestStage } from './engine';
import { languageOf } from './text';

/** Cues a guide item may carry (optional in the format). */
type WithCues = { cues?: string[] };

/**
 * What the engine needs of one stage of a guide: its questions, the guide's criteria, and the red flags that apply
 * (the guide's own, then the stage's). Throws when the stage id is not in the guide.
 */
export function suggestStage(guide: Guide, stageId: string): SuggestStage {
  const stage = guide.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`stage "${stageId}" is not in guide "${guide.id}" (stages: ${guide.stages.map((s) => s.id).join(', ')})`);
  const cues = (x: object) => (x as WithCues).cues ?? [];
  return {
    language: languageOf(guide.locale),
    durationMs: stage.durationMinutes ? stage.durationMinutes * 60_000 : null,
    questions: stage.questions.map((q) => ({ id: q.id, text: q.text, core: q.core, followUps: q.followUps, cues: cues(q) })),
    criteria: guide.criteria.map((c) => ({ id: c.id, text: c.text, cues: cues(c) })),
    redFlags: [...guide.redFlags, ...stage.redFlags].map((f) => ({ id: f.id, text: f.text, cues: cues(f) })),
  };
}
