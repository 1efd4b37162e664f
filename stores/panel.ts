import { i18n } from '#i18n';
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { createJournal } from '../lib/client/journal';
import { createSaveQueue, type SaveQueue, type SaveStatus, type Send } from '../lib/client/save-queue';
import { fieldId, writeMessage, type FieldRef, type WriteKey, type WriteMessage } from '../lib/client/writes';
import type { CriterionRatingRow, InterviewBundle, InterviewRow, NoteRow, QuestionStateRow, Rating, RedFlagCheckRow } from '../lib/db/records';
import type { GuideSummary } from '../lib/guides/schema';
import { call } from '../lib/protocol/client';
import type { LiveEvent, SessionInfo } from '../lib/protocol/protocol';
import { ApiCallError } from '../lib/protocol/result';
import { failureText, hasFaultText } from '../lib/client/fault-text';
import { openSidePanel } from '../lib/client/side-panel';
import type { PanelMode } from '../lib/settings';
import { stampEarlierMs } from './panel-logic';
import { useSettings } from './settings';

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

export interface PanelState {
  status: 'loading' | 'ready' | 'error';
  /** Why the session could not be read, with the background's text. */
  loadError: string | null;
  session: SessionInfo | null;
  guides: GuideSummary[];
  /** Values written but not yet landed, by `fieldId` of the field (see `keys`), for the interview shown. */
  local: Record<string, unknown>;
  /** Save status by `fieldId`, mirrored from the queue, for the interview shown. */
  saves: Record<string, SaveStatus>;
  /** The last failure of a non-text action (start, end, stage switch), with its text. */
  actionError: string | null;
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

const initial: PanelState = {
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

export const usePanel = create<PanelState>()(() => ({ ...initial }));

/** A failure's text; storage failures (full disk, database reopening) in the interviewer's words first. */
const errorText = (error: unknown) =>
  error instanceof ApiCallError && hasFaultText(error.code) ? failureText(error) : error instanceof Error ? error.message : String(error);

/** Dependencies of the panel's actions; tests pass fakes. */
export interface PanelDeps {
  call: typeof call;
  now: () => number;
  newId: () => string;
  /** The "stamp earlier" setting, in seconds (`stampEarlierSeconds`). */
  stampEarlierSeconds: () => number;
  queue: SaveQueue;
  /** Opens the browser's side panel on a tab (see `lib/client/side-panel.ts`); must run inside the click. */
  openSidePanel: (tabId: number) => Promise<boolean>;
}

let deps: PanelDeps = {
  call,
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  stampEarlierSeconds: () => useSettings.getState().settings.stampEarlierSeconds,
  // Journaled in extension storage until committed, so a reload right after typing loses nothing.
  queue: createSaveQueue({ debounceMs: 250, maxWaitMs: MAX_WAIT_MS, journal: createJournal(browser.storage.local) }),
  openSidePanel,
};
let unsubscribeQueue = subscribeQueue(deps.queue);

/** When each field's last write landed (epoch ms), by `fieldId`, to tell a stale session read from a newer one. */
const landedAt = new Map<string, number>();
/** The typed ref of each `fieldId` the panel wrote. */
const refs = new Map<string, FieldRef>();

function subscribeQueue(queue: SaveQueue): () => void {
  return queue.subscribe((key, status) => {
    // A write of another interview (flushed after the side panel moved on) is not this view's to show.
    const shownId = usePanel.getState().session?.interview?.interview.id;
    if (shownId !== undefined && key.interviewId !== shownId) return;
    const id = fieldId(key.field);
    refs.set(id, key.field);
    if (status.state === 'saved') landedAt.set(id, deps.now());
    usePanel.setState((s) => {
      const saves = { ...s.saves, [id]: status };
      return { saves, local: settleLocal({ local: s.local, saves }, s.session, Number.NEGATIVE_INFINITY, [id]) };
    });
  });
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

/**
 * Drops local values that no write is waiting for any more: the stored value equals them, or the session was
 * read after their write landed (another view changed the field since).
 */
function settleLocal(
  s: Pick<PanelState, 'local' | 'saves'>,
  session: SessionInfo | null,
  requestedAt: number,
  only?: string[],
): Record<string, unknown> {
  let local = s.local;
  for (const key of only ?? Object.keys(s.local)) {
    if (!(key in local)) continue;
    const status = s.saves[key]?.state;
    if (status !== undefined && status !== 'saved') continue;
    const ref = refs.get(key);
    const equal = ref !== undefined && storedValue(session?.interview, ref) === local[key];
    const landed = landedAt.get(key);
    if (equal || (landed !== undefined && landed <= requestedAt)) {
      if (local === s.local) local = { ...s.local };
      delete local[key];
    }
  }
  return local;
}

/** Replaces the panel's dependencies (tests) and resets its state. */
export function configurePanel(next: Partial<PanelDeps>): void {
  unsubscribeQueue();
  landedAt.clear();
  refs.clear();
  deps = { ...deps, ...next };
  unsubscribeQueue = subscribeQueue(deps.queue);
  usePanel.setState({ ...initial }, true);
}

/** The panel's save queue (for `flushOnLeave`). */
export function panelQueue(): SaveQueue {
  return deps.queue;
}

/** Updates the interview bundle held in the session, if it is still the same interview. */
function updateBundle(interviewId: string, change: (bundle: InterviewBundle) => InterviewBundle): void {
  usePanel.setState((s) => {
    const bundle = s.session?.interview;
    if (!s.session || !bundle || bundle.interview.id !== interviewId) return {};
    return { session: { ...s.session, interview: change(bundle) } };
  });
}

function replaceBy<T>(rows: T[], row: T, same: (a: T) => boolean): T[] {
  const index = rows.findIndex(same);
  if (index < 0) return [...rows, row];
  const copy = rows.slice();
  copy[index] = row;
  return copy;
}

function mergeNote(row: NoteRow): void {
  updateBundle(row.interviewId, (b) => ({ ...b, notes: replaceBy(b.notes, row, (n) => n.id === row.id) }));
}

/**
 * Queues a write of `value` to a field of an interview, shows the value at once, and sends it: `message` (the
 * write as data, journaled until it lands) is sent as is and `landed` merges the returned row, unless `send`
 * is given (a message whose input depends on when it is sent).
 */
function write(
  interviewId: string,
  field: FieldRef,
  value: unknown,
  write: { message?: WriteMessage; landed?: (row: never) => void; send?: Send },
): void {
  const id = fieldId(field);
  refs.set(id, field);
  usePanel.setState((s) => ({ local: { ...s.local, [id]: value } }));
  const { message, landed } = write;
  const send: Send =
    write.send ??
    (async () => {
      const row = await deps.call(message!.name, message!.input as never);
      landed?.(row as never);
    });
  const key: WriteKey = { interviewId, field };
  deps.queue.schedule({ key, send, message });
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

function currentInterview(): InterviewBundle | null {
  return usePanel.getState().session?.interview ?? null;
}

/** The `tabId` field for messages about the panel's tab: omitted for the overlay (the background uses the sender's). */
function tabField(): { tabId?: number } {
  const target = usePanel.getState().targetTabId;
  return typeof target === 'number' ? { tabId: target } : {};
}

/**
 * Points the panel at another call tab (the side panel following the active tab): flushes what was typed for
 * the previous one, forgets its session, and reads the new tab's. `null` shows the "no tab" state.
 */
export async function setTargetTab(tabId: number | null): Promise<void> {
  const s = usePanel.getState();
  if (s.targetTabId === tabId && s.status !== 'loading') return;
  void deps.queue.flush();
  usePanel.setState({
    targetTabId: tabId,
    session: null,
    status: tabId === null ? 'ready' : 'loading',
    loadError: null,
    local: {},
    draft: null,
    localNotes: {},
    focusedQuestionId: null,
    wrapUpRequested: false,
    startAnother: false,
    actionError: null,
  });
  if (tabId === null) {
    usePanel.setState({ session: { tab: null, interview: null, planned: null } });
    return;
  }
  await refreshSession();
}

/** Re-reads the tab's session (and the guides when the start form needs them). Never throws. */
export async function refreshSession(): Promise<void> {
  const requestedAt = deps.now();
  const target = usePanel.getState().targetTabId;
  if (target === null) return;
  try {
    const session = await deps.call('session.get', tabField());
    // The side panel moved to another tab meanwhile: this answer is about the old one.
    if (usePanel.getState().targetTabId !== target) return;
    usePanel.setState((s) => {
      const localNotes = { ...s.localNotes };
      for (const note of session.interview?.notes ?? []) delete localNotes[note.id];
      const sameInterview = s.session?.interview?.interview.id === session.interview?.interview.id;
      return {
        session,
        status: 'ready',
        loadError: null,
        localNotes,
        local: settleLocal(s, session, requestedAt),
        ...(sameInterview ? {} : { wrapUpRequested: false, focusedQuestionId: null }),
      };
    });
    if (!session.interview || session.interview.interview.state === 'ended') await loadGuides();
  } catch (error) {
    if (usePanel.getState().targetTabId !== target) return;
    usePanel.setState((s) => ({ status: s.session ? 'ready' : 'error', loadError: errorText(error) }));
  }
}

/** Reads the role guides for the start form. */
export async function loadGuides(): Promise<void> {
  try {
    const guides = await deps.call('guides.list', {});
    usePanel.setState({ guides });
  } catch (error) {
    usePanel.setState({ actionError: errorText(error) });
  }
}

/** Reacts to a live event: re-reads the session when it concerns this tab or its interview. */
export function handleLiveEvent(event: LiveEvent): void {
  const s = usePanel.getState();
  const tabId = s.session?.tab?.tabId ?? (typeof s.targetTabId === 'number' ? s.targetTabId : null);
  const interviewId = s.session?.interview?.interview.id ?? null;
  switch (event.type) {
    case 'interview-changed':
      if (interviewId === null || event.interviewId === interviewId || !s.session?.interview) void refreshSession();
      return;
    case 'tab-changed':
      if (tabId === null || event.tabId === tabId) void refreshSession();
      return;
    case 'guides-changed':
      if (!s.session?.interview) void loadGuides();
      return;
    case 'panel-command':
      if (tabId !== null && event.tabId === tabId && event.command === 'add-note') requestNoteAt(event.at);
      return;
    case 'storage-error':
      usePanel.setState({ actionError: event.message });
      return;
    case 'interviews-changed':
      return;
  }
}

/** Opens the Notes box for a note dated `at` (the add-note shortcut's press time). */
export function requestNoteAt(at: number): void {
  usePanel.setState((s) => ({
    notesFocusRequest: s.notesFocusRequest + 1,
    draft: s.draft ?? { id: deps.newId(), text: '', startedAt: at },
    wrapUpRequested: false,
    helpOpen: false,
  }));
  // The side panel (a target tab) has no overlay to expand.
  const s = usePanel.getState();
  if (s.targetTabId === undefined && s.session?.tab?.collapsed) setCollapsed(false);
}

/** Asks the content script to collapse or expand the panel's frame; shows the change at once. */
export function setCollapsed(collapsed: boolean): void {
  usePanel.setState((s) =>
    s.session?.tab ? { session: { ...s.session, tab: { ...s.session.tab, collapsed } }, helpOpen: collapsed ? false : s.helpOpen } : {},
  );
  if (collapsed) void deps.queue.flush();
  deps.call('panel.command', { ...tabField(), command: collapsed ? 'collapse' : 'expand' }, { retryForMs: 3000 }).catch((error: unknown) => {
    usePanel.setState({ actionError: errorText(error) });
  });
}

/**
 * Shows this call platform's panel in the browser's side panel or over the call (the per-platform `panelMode`
 * setting; the call tab's content script follows the setting at once). Call it synchronously from the click:
 * going to the side panel opens it first, inside the click's user gesture, unless `opened` says it is the side
 * panel itself asking. When the browser refuses, the setting stays as it was, since the overlay would otherwise
 * vanish with nothing in its place. Writes typed here are flushed before the overlay goes away.
 * @returns an error text, or null when the setting changed.
 */
export async function movePanel(mode: PanelMode, options: { opened?: boolean } = {}): Promise<string | null> {
  const tab = usePanel.getState().session?.tab;
  if (!tab) return null;
  const opening = mode === 'sidepanel' && !options.opened ? deps.openSidePanel(tab.tabId) : Promise.resolve(true);
  await deps.queue.flush();
  if (!(await opening)) return i18n.t('sidepanel.openFailed');
  const settings = useSettings.getState();
  await settings.update({ panelMode: { ...settings.settings.panelMode, [tab.platform]: mode } });
  return useSettings.getState().error;
}

export interface StartInput {
  candidateName: string;
  guideId: string;
  stageId: string;
  /** Start with the transcript on (the consent step follows in the panel). */
  transcript?: boolean;
}

/**
 * Starts an interview on this tab's meeting with a client id (so a retried start is idempotent).
 * @returns an error text, or null when it started.
 */
export async function startInterview(input: StartInput): Promise<string | null> {
  try {
    await deps.call('interviews.start', { ...input, ...tabField(), candidateRef: '', id: deps.newId() });
    usePanel.setState({ startAnother: false, actionError: null });
    await refreshSession();
    return null;
  } catch (error) {
    const issues = error instanceof ApiCallError && error.issues.length ? `: ${error.issues.join('; ')}` : '';
    return errorText(error) + issues;
  }
}

/** Attaches the interview prepared in the popup (`session.planned`) to this call by starting it here. */
export async function startPlanned(): Promise<string | null> {
  const planned = usePanel.getState().session?.planned;
  if (!planned) return null;
  try {
    await deps.call('interviews.start', {
      ...tabField(),
      id: deps.newId(),
      candidateName: planned.candidateName,
      candidateRef: planned.candidateRef,
      guideId: planned.guideId,
      stageId: planned.currentStageId,
      transcript: planned.transcript?.on ?? false,
    });
    // The planned row stays planned otherwise and would be offered again.
    await deps.call('interviews.delete', { ids: [planned.id] });
    await refreshSession();
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** Switches the current stage (restarts the stage timer in the background). */
export async function switchStage(stageId: string): Promise<void> {
  const bundle = currentInterview();
  if (!bundle || bundle.interview.currentStageId === stageId) return;
  const id = bundle.interview.id;
  updateBundle(id, (b) => ({ ...b, interview: { ...b.interview, currentStageId: stageId } }));
  usePanel.setState({ focusedQuestionId: null });
  try {
    const row = await deps.call('interviews.update', { id, patch: { currentStageId: stageId } });
    updateBundle(id, (b) => ({ ...b, interview: row }));
  } catch (error) {
    usePanel.setState({ actionError: errorText(error) });
    await refreshSession();
  }
}

function questionWrite(questionId: string, key: FieldRef, value: unknown, patch: { asked?: boolean; rating?: Rating | null; note?: string }) {
  const bundle = currentInterview();
  if (!bundle) return;
  const interviewId = bundle.interview.id;
  const stageId = bundle.guide.stages.find((s) => s.questions.some((q) => q.id === questionId))?.id ?? null;
  write(interviewId, key, value, {
    message: writeMessage('questions.upsert', { interviewId, questionId, stageId, patch }),
    landed: (row: QuestionStateRow) =>
      updateBundle(interviewId, (b) => ({ ...b, questionStates: replaceBy(b.questionStates, row, (r) => r.questionId === row.questionId) })),
  });
}

export function setAsked(questionId: string, asked: boolean): void {
  questionWrite(questionId, keys.asked(questionId), asked, { asked });
}

/** Rates an answer (rating also marks the question asked, as the repository does); null clears it. */
export function setRating(questionId: string, rating: Rating | null): void {
  questionWrite(questionId, keys.rating(questionId), rating, { rating });
  if (rating !== null) usePanel.setState((s) => ({ local: { ...s.local, [fieldId(keys.asked(questionId))]: true } }));
}

export function setQuestionNote(questionId: string, note: string): void {
  questionWrite(questionId, keys.questionNote(questionId), note, { note });
}

function criterionWrite(criterionId: string, key: FieldRef, value: unknown, patch: { rating?: Rating | null; note?: string }) {
  const bundle = currentInterview();
  if (!bundle) return;
  const interviewId = bundle.interview.id;
  write(interviewId, key, value, {
    message: writeMessage('criteria.upsert', { interviewId, criterionId, patch }),
    landed: (row: CriterionRatingRow) =>
      updateBundle(interviewId, (b) => ({ ...b, criterionRatings: replaceBy(b.criterionRatings, row, (r) => r.criterionId === row.criterionId) })),
  });
}

export function setCriterionRating(criterionId: string, rating: Rating | null): void {
  criterionWrite(criterionId, keys.criterionRating(criterionId), rating, { rating });
}

export function setCriterionNote(criterionId: string, note: string): void {
  criterionWrite(criterionId, keys.criterionNote(criterionId), note, { note });
}

function flagWrite(redFlagId: string, key: FieldRef, value: unknown, patch: { checked?: boolean; note?: string }) {
  const bundle = currentInterview();
  if (!bundle) return;
  const interviewId = bundle.interview.id;
  const stageId = bundle.guide.stages.find((s) => s.redFlags.some((f) => f.id === redFlagId))?.id ?? null;
  write(interviewId, key, value, {
    message: writeMessage('redFlags.upsert', { interviewId, redFlagId, stageId, patch }),
    landed: (row: RedFlagCheckRow) =>
      updateBundle(interviewId, (b) => ({ ...b, redFlagChecks: replaceBy(b.redFlagChecks, row, (r) => r.redFlagId === row.redFlagId) })),
  });
}

export function setFlagChecked(redFlagId: string, checked: boolean): void {
  flagWrite(redFlagId, keys.flagChecked(redFlagId), checked, { checked });
}

export function setFlagNote(redFlagId: string, note: string): void {
  flagWrite(redFlagId, keys.flagNote(redFlagId), note, { note });
}

function interviewWrite(key: FieldRef, value: unknown, patch: { summary?: string; recommendation?: Rating | null }) {
  const bundle = currentInterview();
  if (!bundle) return;
  const id = bundle.interview.id;
  write(id, key, value, {
    message: writeMessage('interviews.update', { id, patch }),
    landed: (row: InterviewRow) => updateBundle(id, (b) => ({ ...b, interview: row })),
  });
}

export function setSummary(summary: string): void {
  interviewWrite(keys.summary, summary, { summary });
}

export function setRecommendation(recommendation: Rating | null): void {
  interviewWrite(keys.recommendation, recommendation, { recommendation });
}

/**
 * A note write as data: an upsert dated from when typing began (`stampEarlierMs` worked out at `now`), or a
 * delete once the text was emptied.
 */
function noteMessage(interviewId: string, id: string, text: string, startedAt: number | null, now: number): WriteMessage {
  if (!text.trim()) return writeMessage('notes.delete', { id });
  const earlier = startedAt === null ? 0 : stampEarlierMs(now, startedAt, 0);
  return writeMessage('notes.upsert', { id, interviewId, text, stampEarlierMs: earlier });
}

/** Writes a note's text. The message is rebuilt at send time, so a retried send still dates the note from when typing began. */
function noteWrite(interviewId: string, id: string, text: string, startedAt: number | null): void {
  write(interviewId, keys.note(id), text, {
    message: noteMessage(interviewId, id, text, startedAt, deps.now()),
    send: async () => {
      const message = noteMessage(interviewId, id, text, startedAt, deps.now());
      if (message.name === 'notes.upsert') mergeNote(await deps.call(message.name, message.input));
      else {
        await deps.call('notes.delete', { id });
        updateBundle(interviewId, (b) => ({ ...b, notes: b.notes.filter((n) => n.id !== id) }));
      }
    },
  });
}

/**
 * The Notes box changed. The draft becomes a note row from the first keystroke (dated from then), and every
 * change is saved through the queue, so nothing typed depends on pressing Enter.
 */
export function typeNote(text: string): void {
  const bundle = currentInterview();
  if (!bundle) return;
  const s = usePanel.getState();
  const draft: NoteDraft = s.draft ? { ...s.draft, text } : { id: deps.newId(), text, startedAt: deps.now() };
  usePanel.setState({ draft });
  if (!text.trim() && !s.draft?.text.trim()) return;
  noteWrite(bundle.interview.id, draft.id, text, draft.startedAt);
}

/**
 * Enter in the Notes box: the draft becomes an entry and the box empties. With `earlier`, the entry is dated
 * `stampEarlierSeconds` before typing began: it is re-created under a new id with the earlier time, then the
 * draft row is deleted (both idempotent, so a retried send is safe).
 * @returns false when there was nothing to add.
 */
export function commitNote(options: { earlier?: boolean } = {}): boolean {
  const bundle = currentInterview();
  const { draft } = usePanel.getState();
  if (!bundle || !draft || !draft.text.trim()) return false;
  const interviewId = bundle.interview.id;
  const callStartedAt = bundle.interview.callStartedAt;
  const now = deps.now();
  let entryId = draft.id;
  let createdAt = draft.startedAt;
  if (options.earlier) {
    entryId = deps.newId();
    const earlierMs = stampEarlierMs(now, draft.startedAt, deps.stampEarlierSeconds());
    createdAt = now - earlierMs;
    const text = draft.text;
    write(interviewId, keys.note(draft.id), '', {
      send: async () => {
        mergeNote(await deps.call('notes.upsert', { id: entryId, interviewId, text, stampEarlierMs: stampEarlierMs(deps.now(), createdAt, 0) }));
        await deps.call('notes.delete', { id: draft.id });
        updateBundle(interviewId, (b) => ({ ...b, notes: b.notes.filter((n) => n.id !== draft.id) }));
      },
    });
  }
  const local: LocalNote = {
    id: entryId,
    text: draft.text,
    createdAt,
    offsetMs: callStartedAt === null ? null : createdAt - callStartedAt,
    questionId: null,
  };
  usePanel.setState((s) => ({ draft: null, localNotes: { ...s.localNotes, [entryId]: local } }));
  void deps.queue.flush();
  return true;
}

/** Edits an entry's text (emptying it deletes the entry once saved). */
export function editNote(id: string, text: string): void {
  const bundle = currentInterview();
  if (!bundle) return;
  noteWrite(bundle.interview.id, id, text, null);
}

export function deleteNote(id: string): void {
  editNote(id, '');
  usePanel.setState((s) => {
    const localNotes = { ...s.localNotes };
    delete localNotes[id];
    return { localNotes };
  });
}

/**
 * Ends the interview after every queued write landed (a quick retry if the first flush did not clear it).
 * @returns an error text, or null.
 */
export async function endInterview(): Promise<string | null> {
  const bundle = currentInterview();
  if (!bundle) return null;
  await deps.queue.flush();
  try {
    const row = await deps.call('interviews.end', { id: bundle.interview.id });
    updateBundle(row.id, (b) => ({ ...b, interview: row }));
    usePanel.setState({ wrapUpRequested: false, actionError: null });
    return null;
  } catch (error) {
    return errorText(error);
  }
}

export function focusQuestion(questionId: string | null): void {
  usePanel.setState({ focusedQuestionId: questionId });
}

export function setHelpOpen(helpOpen: boolean): void {
  usePanel.setState({ helpOpen });
}

export function requestWrapUp(open: boolean): void {
  usePanel.setState({ wrapUpRequested: open, helpOpen: false });
}

export function showStartForm(open: boolean): void {
  usePanel.setState({ startAnother: open });
  if (open) void loadGuides();
}

export function dismissActionError(): void {
  usePanel.setState({ actionError: null });
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
