import type { InterviewBundle, NoteRow, UtteranceRow } from '../db/records';
import { interviewerSpeaker, utteranceRole } from '../transcript/utterance';
import { SuggestEngine, type RankedFollowUp, type SuggestEvent } from './engine';
import { suggestStage } from './guide';

/** The candidate's last answer is kept up to this many characters (its end), for a drafted follow-up. */
export const MAX_ANSWER_CHARS = 1500;

/** At most this many lines are kept per criterion's evidence and per red flag's cues (the latest ones). */
export const MAX_LINES_PER_ITEM = 5;

/** A line (transcript or typed note) that raised a suggestion. `atMs`: offset from the call's start, ms. */
export interface SuggestLine {
  text: string;
  atMs: number;
  source: 'transcript' | 'note';
  /** The utterance's or note's id. */
  ref?: string;
}

/**
 * What the live suggestions show for an interview's current stage (issue 15). Built by the background from the
 * stored transcript and notes; views only render it. Automatic "asked" marks are not here: they are stored on the
 * question states (`askedBy: 'auto'`), which every view already reads.
 */
export interface SuggestView {
  interviewId: string;
  stageId: string;
  /** Transcript lines and typed notes matched so far in this stage. */
  heard: number;
  /** Lines spoken by the interviewer and by the candidate among them (0 and 0 when only notes were typed). */
  interviewerLines: number;
  candidateLines: number;
  /** The question to ask next, following what was said; null before anything was heard. */
  next: { questionId: string | null; partlyCovered: string[] } | null;
  /** The current question's follow-ups, untouched by the answer first; null before an answer. */
  followUps: { questionId: string; ranking: RankedFollowUp[] } | null;
  /** Per criterion id: the lines that gave evidence for it (latest `MAX_LINES_PER_ITEM`). */
  evidence: Record<string, SuggestLine[]>;
  /** What the candidate said since the interviewer last spoke (at most `MAX_ANSWER_CHARS`, the latest); null before. */
  lastAnswer: string | null;
  /** Per red flag id: the lines that may show it (latest `MAX_LINES_PER_ITEM`). Never ticks the flag. */
  redFlagCues: Record<string, SuggestLine[]>;
}

/** An empty view for a stage. */
export function emptyView(interviewId: string, stageId: string): SuggestView {
  return { interviewId, stageId, heard: 0, interviewerLines: 0, candidateLines: 0, next: null, followUps: null, evidence: {}, lastAnswer: null, redFlagCues: {} };
}

const lineOf = (e: { text: string; atMs: number; source: 'transcript' | 'note'; ref?: string }): SuggestLine => ({
  text: e.text,
  atMs: e.atMs,
  source: e.source,
  ...(e.ref ? { ref: e.ref } : {}),
});

function pushLine(map: Record<string, SuggestLine[]>, id: string, line: SuggestLine): Record<string, SuggestLine[]> {
  const lines = (map[id] ?? []).filter((l) => !(l.ref && l.ref === line.ref));
  return { ...map, [id]: [...lines, line].slice(-MAX_LINES_PER_ITEM) };
}

/** Folds engine events into the view (a new object; the input is not changed). */
export function applyEvents(view: SuggestView, events: readonly SuggestEvent[]): SuggestView {
  let next = view;
  for (const e of events) {
    switch (e.kind) {
      case 'next':
        next = { ...next, next: { questionId: e.questionId, partlyCovered: e.partlyCovered } };
        break;
      case 'follow-ups':
        next = { ...next, followUps: { questionId: e.questionId, ranking: e.ranking } };
        break;
      case 'evidence':
        next = { ...next, evidence: pushLine(next.evidence, e.criterionId, lineOf(e)) };
        break;
      case 'red-flag-cue':
        next = { ...next, redFlagCues: pushLine(next.redFlagCues, e.redFlagId, lineOf(e)) };
        break;
      case 'asked':
      case 'stage-wrap':
        // Asked marks are stored on the question states; the panel computes the wrap from its own clock.
        break;
    }
  }
  return next;
}

/** One item to feed the engine, in time order. */
export type HeardItem = { kind: 'line'; row: UtteranceRow } | { kind: 'note'; row: NoteRow };

/** An automatic "asked" mark the engine made, to store. */
export interface AutoAsked {
  questionId: string;
  line: { text: string; atMs: number };
}

/** A live engine for one interview's current stage, with its view. */
export interface LiveSuggestions {
  engine: SuggestEngine;
  view: SuggestView;
  /** Utterance ids already heard (a final line is fed once). */
  heardIds: Set<string>;
  /** The interviewer's caption speaker used to tell who spoke. */
  interviewer: string | null;
  /** The stage's start as an offset from the call's start (ms); lines before it belong to an earlier stage. */
  stageStartMs: number | null;
}

/**
 * Builds the engine for the interview's current stage and replays its stored transcript (final lines) and typed
 * notes in time order. Stored question states are restored first: manual states win, undone automatic marks are
 * never made again. @returns the live engine and the automatic marks the replay made that are not stored yet,
 * or null when the guide has no such stage or the interview is shared read-only.
 */
export function replayInterview(bundle: InterviewBundle): { live: LiveSuggestions; toStore: AutoAsked[] } | null {
  const { interview, guide } = bundle;
  if (interview.sharedBy || !guide.stages.some((s) => s.id === interview.currentStageId)) return null;
  const stage = suggestStage(guide, interview.currentStageId);
  const engine = new SuggestEngine(stage);
  const stageStartMs =
    interview.stageStartedAt !== null && interview.callStartedAt !== null ? Math.max(0, interview.stageStartedAt - interview.callStartedAt) : null;
  if (stageStartMs !== null) engine.startStage(stageStartMs);
  const inStage = new Set(stage.questions.map((q) => q.id));
  for (const row of bundle.questionStates) {
    if (!inStage.has(row.questionId)) continue;
    if (row.autoUndone) engine.refuse(row.questionId);
    const by = row.askedBy ?? (row.asked ? 'manual' : null);
    if (by) engine.restore(row.questionId, { asked: row.asked, by });
  }
  const utterances = (bundle.utterances ?? []).filter((u) => u.final);
  const interviewer = interviewerSpeaker(interview, new Set(utterances.map((u) => u.speaker)));
  const live: LiveSuggestions = { engine, view: emptyView(interview.id, interview.currentStageId), heardIds: new Set(), interviewer, stageStartMs };
  const items: HeardItem[] = [
    ...utterances.map((row) => ({ kind: 'line' as const, row })),
    ...bundle.notes.filter((n) => n.text.trim() && n.offsetMs !== null).map((row) => ({ kind: 'note' as const, row })),
  ].sort((a, b) => atOf(a) - atOf(b));
  const toStore: AutoAsked[] = [];
  for (const item of items) toStore.push(...feed(live, item));
  const stored = new Set(bundle.questionStates.filter((q) => q.asked).map((q) => q.questionId));
  return { live, toStore: toStore.filter((a) => !stored.has(a.questionId)) };
}

const atOf = (item: HeardItem) => (item.kind === 'line' ? item.row.startMs : (item.row.offsetMs ?? 0));

/**
 * Feeds one item to a live engine and folds the events into its view. Lines from before the stage started, and
 * partial lines, are skipped. @returns the automatic "asked" marks it made.
 */
export function feed(live: LiveSuggestions, item: HeardItem): AutoAsked[] {
  const at = atOf(item);
  if (live.stageStartMs !== null && at < live.stageStartMs) return [];
  let events: SuggestEvent[];
  if (item.kind === 'line') {
    if (!item.row.final || live.heardIds.has(item.row.id)) return [];
    live.heardIds.add(item.row.id);
    const speaker = utteranceRole(item.row, live.interviewer);
    events = live.engine.hear({ speaker, text: item.row.text, atMs: at, ref: item.row.id });
    live.view =
      speaker === 'interviewer'
        ? { ...live.view, interviewerLines: live.view.interviewerLines + 1, lastAnswer: null }
        : {
            ...live.view,
            candidateLines: live.view.candidateLines + 1,
            lastAnswer: (live.view.lastAnswer === null ? item.row.text : `${live.view.lastAnswer} ${item.row.text}`).slice(-MAX_ANSWER_CHARS),
          };
  } else {
    events = live.engine.note({ text: item.row.text, atMs: at, ref: item.row.id, ...(item.row.questionId ? { questionId: item.row.questionId } : {}) });
  }
  live.view = applyEvents({ ...live.view, heard: live.view.heard + 1 }, events);
  return events.flatMap((e) => (e.kind === 'asked' ? [{ questionId: e.questionId, line: { text: e.text, atMs: e.atMs } }] : []));
}
