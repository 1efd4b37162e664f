import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { InterviewRow, NoteRow, UtteranceRow } from '../lib/db/records';
import { call } from '../lib/protocol/client';
import type { CaptionsStatus, LiveEvent } from '../lib/protocol/protocol';
import { interviewerSpeaker } from '../lib/transcript/utterance';
import { toFault, type Fault } from '../lib/client/fault-text';

/** What a failed Transcript action was, for its sentence (`faults.actions.<what>`). */
export type TranscriptAction = 'transcript' | 'transcriptLoad' | 'transcriptSpeaker' | 'transcriptNote' | 'transcriptDelete' | 'transcriptCaptions';

/** A failed Transcript action: which one, and the failure (said once, its text behind a toggle: issue 12, item 6). */
export interface TranscriptProblem {
  what: TranscriptAction;
  fault: Fault;
}

/**
 * The Transcript section's state (issue 14), kept apart from the panel's large store: the lines of the interview
 * shown, the tab's captions status as its reader last saw it, the search, and the last failure with its text.
 * Lines come from `transcript.list` when the interview changes and from `transcript-utterance` live events after
 * that (partial lines are replaced in place by id). Switching on/off, consent and the interviewer's speaker are
 * interview fields: the background broadcasts `interview-changed` and the panel re-reads its session.
 */
export interface TranscriptViewState {
  /** The interview whose lines are held; null before `follow`. */
  interviewId: string | null;
  /** The call tab whose captions status is held (the side panel's target); null: the sender's own tab. */
  tabId: number | null;
  /** Lines in time order (`startMs`, then `createdAt`, then id), as `transcript.list` returns them. */
  lines: UtteranceRow[];
  loaded: boolean;
  captions: CaptionsStatus | null;
  query: string;
  /** The last failed action and its failure; cleared by the next success or `dismiss`. */
  error: TranscriptProblem | null;
  /** Ids of lines added to the notes from this view (to mark them at once, before the session re-read). */
  added: Record<string, true>;
  /** An action is in flight (buttons disable themselves). */
  busy: boolean;
}

/** The background calls the store makes; tests pass the real handlers through `dispatch`. */
export type TranscriptCaller = typeof call;

export interface TranscriptDeps {
  call: TranscriptCaller;
  newId: () => string;
}

export interface TranscriptActions {
  /** Holds `interviewId`'s lines (re-read when it changes or `force`) and the captions status of `tabId`. */
  follow(interviewId: string | null, tabId: number | null, force?: boolean): Promise<void>;
  /** Applies a live event: a new or changed line of the interview held, or the captions status of its tab. */
  onLive(event: LiveEvent, ownTabId: number | null): void;
  /**
   * Turns capture on or off. `consent: true` records that the interviewer confirmed the candidate was told
   * (stored once). @returns the updated interview, or null on failure (`error` set).
   */
  setOn(interviewId: string, on: boolean, consent?: boolean): Promise<InterviewRow | null>;
  /** Marks the caption speaker that is the interviewer (null: back to the guess). */
  markInterviewer(interviewId: string, speaker: string | null): Promise<InterviewRow | null>;
  /** Makes a free note from a line, dated when the line began and linked to it. */
  addToNotes(line: UtteranceRow): Promise<NoteRow | null>;
  /** Deletes every line of the interview held. */
  deleteAll(): Promise<boolean>;
  /** Asks the reader to press Meet's own captions button (only called from the interviewer's click). */
  captionsOn(): Promise<boolean>;
  setQuery(query: string): void;
  dismiss(): void;
}

export type TranscriptStore = UseBoundStore<StoreApi<TranscriptViewState & TranscriptActions>>;


/** Lowercase without accents, for a search that finds "perché" when "perche" is typed. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The lines whose text or speaker contain every word of `query` (case- and accent-insensitive); all when empty. */
export function searchLines<T extends Pick<UtteranceRow, 'text' | 'speaker'>>(lines: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return lines.slice();
  return lines.filter((line) => {
    const hay = fold(`${line.speaker} ${line.text}`);
    return words.every((w) => hay.includes(w));
  });
}

/** The distinct speakers of the lines, in order of first appearance ('' for an unknown speaker is left out). */
export function speakersOf(lines: readonly Pick<UtteranceRow, 'speaker'>[]): string[] {
  const seen = new Set<string>();
  for (const line of lines) if (line.speaker) seen.add(line.speaker);
  return [...seen];
}

/** Inserts or replaces `row` by id, keeping time order. */
export function mergeLine(lines: readonly UtteranceRow[], row: UtteranceRow): UtteranceRow[] {
  const rest = lines.filter((l) => l.id !== row.id);
  let at = rest.length;
  while (at > 0 && order(rest[at - 1]!, row) > 0) at--;
  return [...rest.slice(0, at), row, ...rest.slice(at)];
}

function order(a: UtteranceRow, b: UtteranceRow): number {
  return a.startMs - b.startMs || a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** The text of a note made from a line: the speaker's name, a colon, the words (plain text). */
export function noteTextOf(line: Pick<UtteranceRow, 'speaker' | 'text'>): string {
  return line.speaker ? `${line.speaker}: ${line.text}` : line.text;
}

/** One row of the options page's timeline: a note or a transcript line, at its offset from the call's start. */
export type TimelineEntry = { kind: 'note'; atMs: number | null; note: NoteRow } | { kind: 'line'; atMs: number; line: UtteranceRow };

/**
 * Notes and transcript lines interleaved by their offset from the call's start (notes taken before the call
 * first); at the same offset a line comes before the note made from it. With `query`, only entries whose text (or
 * speaker) contain every word, ignoring case and accents. Empty notes are left out.
 */
export function interleave(notes: readonly NoteRow[], lines: readonly UtteranceRow[], query = ''): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...notes.filter((n) => n.text.trim() !== '').map((note) => ({ kind: 'note' as const, atMs: note.offsetMs, note })),
    ...lines.filter((l) => l.text.trim() !== '').map((line) => ({ kind: 'line' as const, atMs: line.startMs, line })),
  ];
  const words = fold(query).split(/\s+/).filter(Boolean);
  const kept = words.length === 0 ? entries : entries.filter((e) => {
    const hay = fold(e.kind === 'note' ? e.note.text : `${e.line.speaker} ${e.line.text}`);
    return words.every((w) => hay.includes(w));
  });
  const created = (e: TimelineEntry) => (e.kind === 'note' ? e.note.createdAt : e.line.createdAt);
  return kept.sort((a, b) => {
    if (a.atMs === null || b.atMs === null) return a.atMs === b.atMs ? created(a) - created(b) : a.atMs === null ? -1 : 1;
    return a.atMs - b.atMs || (a.kind === b.kind ? created(a) - created(b) : a.kind === 'line' ? -1 : 1);
  });
}

/** The interviewer's label for `interview` given the lines seen (the marked one, else Meet's "You"). */
export function interviewerOf(interview: Pick<InterviewRow, 'transcript'> | null, lines: readonly UtteranceRow[]): string | null {
  return interview ? interviewerSpeaker(interview, speakersOf(lines)) : null;
}

const initial: TranscriptViewState = {
  interviewId: null,
  tabId: null,
  lines: [],
  loaded: false,
  captions: null,
  query: '',
  error: null,
  added: {},
  busy: false,
};

/** Makes a transcript store over `deps` (the views use `useTranscript`; tests make their own). */
export function createTranscriptStore(deps: TranscriptDeps): TranscriptStore {
  return create<TranscriptViewState & TranscriptActions>()((set, get) => {
    const act = async <T>(what: TranscriptAction, run: () => Promise<T>): Promise<T | null> => {
      set({ busy: true });
      try {
        const value = await run();
        set({ busy: false, error: null });
        return value;
      } catch (error) {
        set({ busy: false, error: { what, fault: toFault(error) } });
        return null;
      }
    };
    return {
      ...initial,
      async follow(interviewId, tabId, force = false) {
        const s = get();
        const sameInterview = s.interviewId === interviewId;
        if (sameInterview && s.tabId === tabId && s.loaded && !force) return;
        set(sameInterview ? { tabId } : { ...initial, interviewId, tabId });
        const tabInput = tabId === null ? {} : { tabId };
        try {
          const [lines, tab] = await Promise.all([
            interviewId === null ? Promise.resolve([] as UtteranceRow[]) : deps.call('transcript.list', { interviewId }),
            deps.call('transcript.tab', tabInput),
          ]);
          if (get().interviewId !== interviewId) return;
          // Live lines that arrived while the list was read are newer than it.
          let merged = lines;
          for (const live of get().lines) {
            const stored = merged.find((l) => l.id === live.id);
            if (!stored || stored.updatedAt < live.updatedAt) merged = mergeLine(merged, live);
          }
          set({ lines: merged, captions: tab.captions, loaded: true });
        } catch (error) {
          if (get().interviewId === interviewId) set({ loaded: true, error: { what: 'transcriptLoad', fault: toFault(error) } });
        }
      },
      onLive(event, ownTabId) {
        const s = get();
        if (event.type === 'transcript-utterance') {
          if (s.interviewId === null || event.interviewId !== s.interviewId) return;
          const current = s.lines.find((l) => l.id === event.utterance.id);
          if (current && current.updatedAt > event.utterance.updatedAt) return;
          set({ lines: mergeLine(s.lines, event.utterance) });
        } else if (event.type === 'transcript-status') {
          const tab = s.tabId ?? ownTabId;
          if (tab !== null && event.tabId === tab) set({ captions: event.captions });
        } else if (event.type === 'interview-changed' && s.interviewId !== null && event.interviewId === s.interviewId) {
          // Lines deleted (here or in the options page): re-read.
          void get().follow(s.interviewId, s.tabId, true);
        }
      },
      setOn(interviewId, on, consent) {
        return act('transcript', async () => {
          const row = await deps.call('transcript.set', { interviewId, on, ...(consent ? { consent: true } : {}) }, { retryForMs: 5000 });
          if (!on) set({ captions: null });
          return row;
        });
      },
      markInterviewer(interviewId, speaker) {
        return act('transcriptSpeaker', () => deps.call('transcript.speaker', { interviewId, speaker }));
      },
      addToNotes(line) {
        return act('transcriptNote', async () => {
          const row = await deps.call(
            'notes.upsert',
            { id: deps.newId(), interviewId: line.interviewId, questionId: null, stageId: null, text: noteTextOf(line), stampEarlierMs: 0, utteranceId: line.id },
            { retryForMs: 10_000 },
          );
          set((s) => ({ added: { ...s.added, [line.id]: true } }));
          return row;
        });
      },
      async deleteAll() {
        const interviewId = get().interviewId;
        if (interviewId === null) return false;
        const done = await act('transcriptDelete', () => deps.call('transcript.delete', { interviewId }));
        if (done) set({ lines: [], added: {} });
        return done !== null;
      },
      async captionsOn() {
        const tabId = get().tabId;
        const result = await act('transcriptCaptions', () => deps.call('transcript.captionsOn', tabId === null ? {} : { tabId }));
        return result?.pressed ?? false;
      },
      setQuery(query) {
        set({ query });
      },
      dismiss() {
        set({ error: null });
      },
    };
  });
}

/** The Transcript section's store in the panel and side panel. */
export const useTranscript: TranscriptStore = createTranscriptStore({ call: call as TranscriptCaller, newId: () => crypto.randomUUID() });
