import { toFault, type Fault } from '../lib/client/fault-text';
import type { SaveQueue, SaveStatus } from '../lib/client/save-queue';
import { fieldId, type FieldRef } from '../lib/client/writes';
import type { InterviewBundle, NoteRow, Platform } from '../lib/db/records';
import { isDraftNote } from '../lib/db/values';
import type { GuideSummary } from '../lib/guides/schema';
import type { call } from '../lib/protocol/client';
import type { SessionInfo } from '../lib/protocol/protocol';
import type { PanelMode } from '../lib/settings';

/**
 * The in-call panel's state: the tab's session (call + interview bundle) as the background answers
 * `session.get`, plus what the interviewer changed that has not landed yet.
 *
 * Every write (ticks, ratings and every typed text) goes through one save queue, keyed per field: the latest
 * value wins, typing is debounced, failed sends are retried until they land, and the queue is flushed when the
 * page may go away. Until a write lands, its value is kept in `local` and shown instead of the stored one, so
 * a live refresh never wipes what is being typed.
 */

/** The free note being typed in the "Notes" box: saved as a row from the first keystroke, so it survives a crash. */
export interface NoteDraft {
  id: string;
  text: string;
  /** When typing began (or when the add-note shortcut was pressed), epoch ms: the note is dated from here. */
  startedAt: number;
}

/** A note entered in this panel whose row has not come back from the background yet. */
export type LocalNote = Pick<NoteRow, 'id' | 'text' | 'createdAt' | 'offsetMs' | 'questionId'>;

/** What a failed panel action was, for its sentence (`faults.actions.<what>`). */
export type PanelAction = 'stage' | 'collapse' | 'guides' | 'autoMark';

/**
 * A problem shown in the panel's banner: a failed action with its fault (said by `FaultNotice`), or a sentence
 * already written for the interviewer (e.g. the browser refused to open its side panel).
 */
export type PanelProblem = { what: PanelAction; fault: Fault } | { text: string };

/** The panel's data (the store's actions are in `PanelActions`, see `stores/panel.ts`). */
export interface PanelState {
  status: 'loading' | 'ready' | 'error';
  /** Why the session could not be read (its sentence and technical text, see `FaultNotice`). */
  loadError: Fault | null;
  session: SessionInfo | null;
  guides: GuideSummary[];
  /** Values written but not yet landed, by `fieldId` of the field (see `keys`), for the interview shown. */
  local: Record<string, unknown>;
  /** Save status by `fieldId`, mirrored from the queue, for the interview shown. */
  saves: Record<string, SaveStatus>;
  /** The last failure of a non-text action (stage switch, collapse, guide list, moving the panel). */
  actionError: PanelProblem | null;
  /** The question the in-panel keys act on. */
  focusedQuestionId: string | null;
  helpOpen: boolean;
  /** The interviewer asked for the wrap-up (End); it also opens by itself when the call is left. */
  wrapUpRequested: boolean;
  /** The start form is shown although an ended interview exists for this meeting. */
  startAnother: boolean;
  draft: NoteDraft | null;
  localNotes: Record<string, LocalNote>;
  /** Bumped when something asks to focus the Notes box (the add-note shortcut, the `n` key). */
  notesFocusRequest: number;
  /**
   * The call tab this panel shows. `undefined`: the sender's own tab (the overlay framed in the call page).
   * A number: that tab (the side panel, following the active tab). `null`: no tab to show (the side panel's
   * window has no usable active tab).
   */
  targetTabId: number | null | undefined;
}

/** The panel's state before its session is read. */
export const initialPanelState: PanelState = {
  status: 'loading',
  loadError: null,
  session: null,
  guides: [],
  local: {},
  saves: {},
  actionError: null,
  focusedQuestionId: null,
  helpOpen: false,
  wrapUpRequested: false,
  startAnother: false,
  draft: null,
  localNotes: {},
  notesFocusRequest: 0,
  targetTabId: undefined,
};

/** Dependencies of the panel store; the panel passes the real ones (`stores/panel.ts`), tests pass fakes. */
export interface PanelDeps {
  call: typeof call;
  now: () => number;
  newId: () => string;
  /** The "stamp earlier" setting, in seconds (`stampEarlierSeconds`). */
  stampEarlierSeconds: () => number;
  queue: SaveQueue;
  /** Opens the browser's side panel on a tab (see `lib/client/side-panel.ts`); must run inside the click. */
  openSidePanel: (tabId: number) => Promise<boolean>;
  /** Saves where the panel shows on a platform (`settings.panelMode`). @returns the settings' error text, or null. */
  savePanelMode: (platform: Platform, mode: PanelMode) => Promise<string | null>;
}

/** The store a concern module of the panel works on: zustand's `setState`/`getState` of the panel store, and its deps. */
export interface PanelContext {
  set: (change: Partial<PanelState> | ((state: PanelState) => Partial<PanelState>)) => void;
  get: () => PanelState;
  deps: PanelDeps;
}

/**
 * The fields the panel writes, as typed refs (see `lib/client/writes.ts`). With the interview's id they make the
 * save queue's and the journal's keys, so edits of different fields, or of two interviews, never replace each other.
 */
export const keys = {
  asked: (id: string): FieldRef => ({ kind: 'question', id, field: 'asked' }),
  rating: (id: string): FieldRef => ({ kind: 'question', id, field: 'rating' }),
  questionNote: (id: string): FieldRef => ({ kind: 'question', id, field: 'note' }),
  criterionRating: (id: string): FieldRef => ({ kind: 'criterion', id, field: 'rating' }),
  criterionNote: (id: string): FieldRef => ({ kind: 'criterion', id, field: 'note' }),
  flagChecked: (id: string): FieldRef => ({ kind: 'redFlag', id, field: 'checked' }),
  flagNote: (id: string): FieldRef => ({ kind: 'redFlag', id, field: 'note' }),
  note: (id: string): FieldRef => ({ kind: 'note', id }),
  summary: { kind: 'interview', field: 'summary' } as FieldRef,
  recommendation: { kind: 'interview', field: 'recommendation' } as FieldRef,
} as const;

/** Longest time a change may wait while typing goes on, in ms (the save queue's `maxWaitMs`). */
export const MAX_WAIT_MS = 700;

/** A failure as the panel shows it: its code for the interviewer's sentence, its own text behind a toggle. */
export const errorFault = (error: unknown): Fault => toFault(error);

/** `rows` with `row` in place of the first one `same` matches, or appended. */
export function replaceBy<T>(rows: T[], row: T, same: (a: T) => boolean): T[] {
  const index = rows.findIndex(same);
  if (index < 0) return [...rows, row];
  const copy = rows.slice();
  copy[index] = row;
  return copy;
}

/**
 * The stored value a field stands for in a bundle (see `keys`), to know when a locally shown value has
 * reached the database.
 */
export function storedValue(bundle: InterviewBundle | null | undefined, ref: FieldRef): unknown {
  if (!bundle) return undefined;
  switch (ref.kind) {
    case 'question': {
      const row = bundle.questionStates.find((r) => r.questionId === ref.id);
      return ref.field === 'asked' ? (row?.asked ?? false) : ref.field === 'rating' ? (row?.rating ?? null) : (row?.note ?? '');
    }
    case 'criterion': {
      const row = bundle.criterionRatings.find((r) => r.criterionId === ref.id);
      return ref.field === 'rating' ? (row?.rating ?? null) : (row?.note ?? '');
    }
    case 'redFlag': {
      const row = bundle.redFlagChecks.find((r) => r.redFlagId === ref.id);
      return ref.field === 'checked' ? (row?.checked ?? false) : (row?.note ?? '');
    }
    case 'note':
      return bundle.notes.find((n) => n.id === ref.id)?.text ?? '';
    case 'interview':
      return ref.field === 'summary' ? bundle.interview.summary : bundle.interview.recommendation;
    case 'utterance':
      return undefined;
  }
}

/** Whether a field has a value written here and not yet landed. */
export function hasLocal(state: Pick<PanelState, 'local'>, ref: FieldRef): boolean {
  return fieldId(ref) in state.local;
}

/** The value shown for a field: what was typed and not yet saved, else the stored value. */
export function shown<T>(state: Pick<PanelState, 'local'>, ref: FieldRef, stored: T): T {
  const id = fieldId(ref);
  return id in state.local ? (state.local[id] as T) : stored;
}

/** The save status of a field of the interview shown. */
export function saveStatus(state: Pick<PanelState, 'saves'>, ref: FieldRef): SaveStatus | undefined {
  return state.saves[fieldId(ref)];
}

/**
 * The Notes box's draft saved for an interview (issue 17): its newest free note still marked draft, as the box
 * left it before a reload, or null. Older drafts (another panel's) stay in the timeline as they are.
 */
export function draftFromBundle(bundle: InterviewBundle | null | undefined): NoteDraft | null {
  let newest: NoteRow | undefined;
  for (const note of bundle?.notes ?? []) {
    if (note.questionId !== null || !isDraftNote(note) || !note.text.trim()) continue;
    if (!newest || note.updatedAt > newest.updatedAt) newest = note;
  }
  return newest ? { id: newest.id, text: newest.text, startedAt: newest.createdAt } : null;
}

/** The notes of the interview as entries: stored rows plus ones entered here and not yet back, oldest first. */
export function noteEntries(state: Pick<PanelState, 'session' | 'localNotes' | 'draft' | 'local'>): LocalNote[] {
  const stored = state.session?.interview?.notes ?? [];
  const byId = new Map<string, LocalNote>(stored.map((n) => [n.id, n]));
  for (const note of Object.values(state.localNotes)) if (!byId.has(note.id)) byId.set(note.id, note);
  if (state.draft) byId.delete(state.draft.id);
  return [...byId.values()]
    .filter((n) => n.questionId === null)
    .map((n) => ({ ...n, text: shown(state, keys.note(n.id), n.text) }))
    .filter((n) => n.text.trim() !== '' || hasLocal(state, keys.note(n.id)))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
