import { create } from 'zustand';
import type { QuestionStateRow } from '../lib/db/records';
import { call } from '../lib/protocol/client';
import type { LiveEvent } from '../lib/protocol/protocol';
import type { SuggestView } from '../lib/suggest/live';
import { toFault, type Fault } from '../lib/client/fault-text';

/**
 * The live suggestions (issue 15) the panel shows for its interview. The background builds them from the
 * transcript and the notes; this store only holds the latest view and sends undo.
 */
export interface SuggestionsState {
  interviewId: string | null;
  view: SuggestView | null;
  /** The last failed read or undo, said in the panel's problems (`faults.actions.<what>`), or null. */
  error: SuggestionsProblem | null;
}

/** A failed suggestions action: reading the suggestions, or undoing an automatic "asked" mark. */
export interface SuggestionsProblem {
  what: 'suggestLoad' | 'undoAuto';
  fault: Fault;
}

/** Dependencies of the store's actions; tests pass a fake `call`. */
export interface SuggestionsDeps {
  call: typeof call;
}

let deps: SuggestionsDeps = { call };

/** Replaces the store's dependencies (tests). */
export function setSuggestionsDeps(next: Partial<SuggestionsDeps>): void {
  deps = { ...deps, ...next };
}

export const useSuggestions = create<SuggestionsState>()(() => ({ interviewId: null, view: null, error: null }));


/** Follows an interview (null: none): reads its suggestions now; live events keep them current. */
export async function followSuggestions(interviewId: string | null): Promise<void> {
  if (useSuggestions.getState().interviewId === interviewId) return;
  useSuggestions.setState({ interviewId, view: null, error: null });
  if (interviewId === null) return;
  await reloadSuggestions();
}

/** Re-reads the followed interview's suggestions (after the worker restarted). */
export async function reloadSuggestions(): Promise<void> {
  const interviewId = useSuggestions.getState().interviewId;
  if (interviewId === null) return;
  try {
    const { view } = await deps.call('suggest.get', { interviewId });
    if (useSuggestions.getState().interviewId === interviewId) useSuggestions.setState({ view, error: null });
  } catch (error) {
    if (useSuggestions.getState().interviewId === interviewId) useSuggestions.setState({ error: { what: 'suggestLoad', fault: toFault(error) } });
  }
}

/** Takes a `suggestions` live event for the followed interview. */
export function handleSuggestionsEvent(event: LiveEvent): void {
  if (event.type === 'suggestions' && event.interviewId === useSuggestions.getState().interviewId) {
    useSuggestions.setState({ view: event.view, error: null });
  }
}

/**
 * Undoes an automatic "asked" mark (never marked automatically again). A failure is kept in `error` for the panel
 * to say, and returned.
 * @returns the failure, or null when it was undone or there was nothing to undo.
 */
export async function undoAutoAsked(interviewId: string, questionId: string): Promise<SuggestionsProblem | null> {
  try {
    await deps.call('suggest.undo', { interviewId, questionId });
    if (useSuggestions.getState().error?.what === 'undoAuto') useSuggestions.setState({ error: null });
    return null;
  } catch (error) {
    const problem: SuggestionsProblem = { what: 'undoAuto', fault: toFault(error) };
    useSuggestions.setState({ error: problem });
    return problem;
  }
}

/** Forgets the last failed suggestions action (the interviewer dismissed it). */
export function dismissSuggestionsError(): void {
  useSuggestions.setState({ error: null });
}

/** The automatic mark to undo with the undo key: the latest one among the given questions, or null. */
export function latestAutoMark(states: readonly QuestionStateRow[], questionIds: readonly string[]): QuestionStateRow | null {
  const ids = new Set(questionIds);
  return (
    states
      .filter((r) => ids.has(r.questionId) && r.asked && r.askedBy === 'auto')
      .sort((a, b) => (b.askedAt ?? 0) - (a.askedAt ?? 0))[0] ?? null
  );
}

/** What is not covered yet near the end of a stage (issue 15's stage wrap). */
export interface StageWrapItems {
  /** Questions of the stage not asked yet, in guide order. */
  notAsked: { id: string; text: string }[];
  /** Criteria with neither heard evidence nor a rating yet. */
  withoutEvidence: { id: string; text: string }[];
}

/**
 * Lists what is not covered yet once the stage is within `leadMs` of its planned end (or over it); null before
 * then, when the stage has no planned length, or when everything is covered.
 */
export function stageWrapItems(input: {
  questions: readonly { id: string; text: string }[];
  criteria: readonly { id: string; text: string }[];
  asked: (questionId: string) => boolean;
  rated: (criterionId: string) => boolean;
  evidence: Readonly<Record<string, unknown[]>>;
  remainingMs: number | null;
  running: boolean;
  leadMs: number;
}): StageWrapItems | null {
  if (!input.running || input.remainingMs === null || input.remainingMs > input.leadMs) return null;
  const notAsked = input.questions.filter((q) => !input.asked(q.id)).map(({ id, text }) => ({ id, text }));
  const withoutEvidence = input.criteria.filter((c) => !input.rated(c.id) && !(input.evidence[c.id]?.length ?? 0)).map(({ id, text }) => ({ id, text }));
  return notAsked.length || withoutEvidence.length ? { notAsked, withoutEvidence } : null;
}
