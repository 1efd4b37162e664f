import type { GuideSummary } from './schema';

/** A role guide and one of its stages, as the start forms preselect them. */
export interface GuideChoice {
  guideId: string;
  stageId: string | null;
}

/**
 * The guide and stage a start form shows before the interviewer picks (the panel's start form and the popup use
 * the same rule, so both offer the same guide): the guide used last time with its remembered stage (or its first
 * stage when that stage left the guide), else the first guide of `guides`. `guides.list` answers guides in the
 * interface language first, so "first" is the first in the interviewer's language.
 * @param guides the pickers' guides, in `guides.list` order.
 * @param last the remembered choice (`settings.lastGuideId`, `settings.lastStageId`).
 * @returns null when there is no guide at all.
 */
export function defaultGuideChoice(
  guides: readonly GuideSummary[],
  last: { guideId: string | null; stageId: string | null },
): GuideChoice | null {
  const remembered = guides.find((g) => g.id === last.guideId);
  const guide = remembered ?? guides[0];
  if (!guide) return null;
  const stage = (remembered ? guide.stages.find((s) => s.id === last.stageId) : undefined) ?? guide.stages[0];
  return { guideId: guide.id, stageId: stage?.id ?? null };
}
