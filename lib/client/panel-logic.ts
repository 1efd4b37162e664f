import type { CriterionRatingRow, QuestionStateRow, Rating, RedFlagCheckRow } from '../db/records';
import type { Guide, GuideItem, GuideQuestion, GuideStage } from '../guides/schema';

/**
 * The panel's pure logic: stage timer, pacing, next-question suggestion, in-panel keys and what is still
 * unrated. No React, no browser: everything here is unit-tested with plain values. Times are epoch ms.
 */

/** Where the current stage's clock stands. */
export interface StageClock {
  /** Ms since the stage started; 0 before the call started. */
  elapsedMs: number;
  /** The stage's planned length from the guide (`durationMinutes`), in ms; null when the guide gives none. */
  plannedMs: number | null;
  /** Ms left of the planned length (negative when over time); null without a planned length. */
  remainingMs: number | null;
  /** The timer is running (the call reached "in call", so `stageStartedAt` is set). */
  running: boolean;
}

/**
 * The stage timer: counts from `stageStartedAt` (set by the background at the call's start and on each stage
 * switch) towards the guide's `durationMinutes`.
 */
export function stageClock(now: number, stageStartedAt: number | null, durationMinutes: number | undefined): StageClock {
  const plannedMs = durationMinutes ? durationMinutes * 60_000 : null;
  const running = stageStartedAt !== null;
  const elapsedMs = running ? Math.max(0, now - stageStartedAt) : 0;
  return { elapsedMs, plannedMs, remainingMs: plannedMs === null ? null : plannedMs - elapsedMs, running };
}

/**
 * The time the stage clock reads: now while the call goes on; once the call was left, the moment it ended (the
 * tab's last state change, `since`), so the timer stops there instead of counting on through the wrap-up.
 * @param tab the tab's call (`state`, `since` in epoch ms), if known.
 */
export function stageClockTime(now: number, tab: { state: string; since: number } | null | undefined): number {
  return tab?.state === 'left' ? Math.min(now, tab.since) : now;
}

/** Whether the panel suggests a next question and pacing: only while the call has not been left. */
export function suggestsDuringCall(callState: string): boolean {
  return callState !== 'left';
}

/**
 * Relative weight of a question in the stage's time: a question with follow-ups usually takes longer. One unit
 * per question plus half a unit per follow-up (a rough, documented heuristic: guides carry no per-question time).
 */
export function questionWeight(question: GuideQuestion): number {
  return 1 + 0.5 * question.followUps.length;
}

/** Estimated ms a question takes: the stage's planned length shared out by weight. Null without a planned length. */
export function estimateQuestionMs(stage: GuideStage, question: GuideQuestion): number | null {
  if (!stage.durationMinutes || stage.questions.length === 0) return null;
  const total = stage.questions.reduce((sum, q) => sum + questionWeight(q), 0);
  return (stage.durationMinutes * 60_000 * questionWeight(question)) / total;
}

const isAsked = (states: ReadonlyMap<string, QuestionStateRow>, id: string) => states.get(id)?.asked === true;

/** Indexes question states by question id. */
export function statesById<T extends { questionId: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.questionId, row]));
}

/** The pacing verdict shown under the timer. */
export type Pacing =
  /** No planned length, or the timer has not started. */
  | { kind: 'idle' }
  | { kind: 'on-track' }
  /** The core questions still unasked need more time than is left. */
  | { kind: 'short'; unaskedCore: number; neededMs: number; remainingMs: number }
  /** The stage's time is over and core questions are unasked. */
  | { kind: 'over'; unaskedCore: number };

/**
 * Compares the time left with the estimated time of the core questions still unasked.
 * `short` when they need more than what is left, `over` when the time is up with core questions unasked.
 */
export function pacing(stage: GuideStage, states: ReadonlyMap<string, QuestionStateRow>, clock: StageClock): Pacing {
  if (!clock.running || clock.remainingMs === null) return { kind: 'idle' };
  const unasked = stage.questions.filter((q) => q.core && !isAsked(states, q.id));
  if (unasked.length === 0) return { kind: 'on-track' };
  if (clock.remainingMs <= 0) return { kind: 'over', unaskedCore: unasked.length };
  const neededMs = unasked.reduce((sum, q) => sum + (estimateQuestionMs(stage, q) ?? 0), 0);
  return neededMs > clock.remainingMs
    ? { kind: 'short', unaskedCore: unasked.length, neededMs, remainingMs: clock.remainingMs }
    : { kind: 'on-track' };
}

/**
 * The question to ask next: the first unasked core question (in guide order) whose estimated time fits in
 * the time left; without core questions left, the first unasked other question that fits. Before the timer
 * runs (or without a planned length) every question fits. Null when nothing unasked fits.
 */
export function nextQuestion(stage: GuideStage, states: ReadonlyMap<string, QuestionStateRow>, clock: StageClock): GuideQuestion | null {
  const fits = (q: GuideQuestion) => {
    if (!clock.running || clock.remainingMs === null) return true;
    const estimate = estimateQuestionMs(stage, q);
    return estimate === null || estimate <= clock.remainingMs;
  };
  const unasked = stage.questions.filter((q) => !isAsked(states, q.id));
  const core = unasked.filter((q) => q.core);
  if (core.length > 0) return core.find(fits) ?? null;
  return unasked.find(fits) ?? null;
}

/** Red flags of a stage as the checklist shows them: the guide's global flags, then the stage's own. */
export function redFlagsFor(guide: Guide, stage: GuideStage): { item: GuideItem; scope: 'global' | 'stage' }[] {
  return [
    ...guide.redFlags.map((item) => ({ item, scope: 'global' as const })),
    ...stage.redFlags.map((item) => ({ item, scope: 'stage' as const })),
  ];
}

/** What the wrap-up lists as still to do. */
export interface Unrated {
  /** Asked questions (any stage) without a rating. */
  questions: GuideQuestion[];
  /** "What to look for" criteria without a rating. */
  criteria: GuideItem[];
  recommendation: boolean;
}

/** Lists what is still unrated: asked but unrated questions, unrated criteria, a missing recommendation. */
export function unrated(
  guide: Guide,
  questionStates: readonly QuestionStateRow[],
  criterionRatings: readonly CriterionRatingRow[],
  recommendation: Rating | null,
): Unrated {
  const states = statesById(questionStates);
  const rated = new Set(criterionRatings.filter((r) => r.rating !== null).map((r) => r.criterionId));
  return {
    questions: guide.stages.flatMap((s) => s.questions).filter((q) => states.get(q.id)?.asked && !states.get(q.id)?.rating),
    criteria: guide.criteria.filter((c) => !rated.has(c.id)),
    recommendation: recommendation === null,
  };
}

/** Counts ticked red flags. */
export function tickedRedFlags(checks: readonly RedFlagCheckRow[]): number {
  return checks.filter((c) => c.checked).length;
}

/** An in-panel keyboard action. */
export type KeyAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'toggle-asked' }
  /** Undo the latest automatic "asked" mark (issue 15). */
  | { type: 'undo-auto' }
  | { type: 'rate'; rating: Rating }
  | { type: 'help' }
  | { type: 'focus-notes' }
  | { type: 'escape' };

/** The parts of a `KeyboardEvent` the mapping needs. */
export interface KeyInput {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The event's target takes text (input, textarea, select, contenteditable). */
  inTextField: boolean;
}

const RATING_BY_KEY: Record<string, Rating> = { '1': 'strong-no', '2': 'no', '3': 'yes', '4': 'strong-yes' };

/**
 * Maps a key press to a panel action. Never takes keys while the interviewer types in a text field (only
 * `Escape` works there), and leaves browser and system shortcuts (Ctrl, Alt, Meta) alone.
 */
export function keyAction(input: KeyInput): KeyAction | null {
  if (input.key === 'Escape') return { type: 'escape' };
  if (input.inTextField || input.ctrlKey || input.metaKey || input.altKey) return null;
  switch (input.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'next' };
    case 'k':
    case 'ArrowUp':
      return { type: 'previous' };
    case 'a':
      return { type: 'toggle-asked' };
    case 'u':
      return { type: 'undo-auto' };
    case '?':
      return { type: 'help' };
    case 'n':
      return { type: 'focus-notes' };
  }
  const rating = RATING_BY_KEY[input.key];
  return rating ? { type: 'rate', rating } : null;
}

/** Whether a DOM element takes typed text, so panel keys must leave it alone. */
export function isTextField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** Moves a focus index by `delta` within `count` items, clamped (no wrap: j at the end stays at the end). */
export function moveIndex(index: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

/**
 * How much earlier to stamp a free note: the note is dated from the moment typing began (`startedAt`),
 * optionally `earlierSeconds` before that, and the repository takes it as "ms before now" at send time.
 * Clamped to the protocol's 0…600 000 ms.
 */
export function stampEarlierMs(now: number, startedAt: number, earlierSeconds: number): number {
  return Math.min(600_000, Math.max(0, now - startedAt + earlierSeconds * 1000));
}
