import { writeMessage, type WriteMessage } from '../lib/client/writes';
import { stampEarlierMs } from '../lib/client/panel-logic';
import type { PanelOverlay } from './panel-overlay';
import { keys, type LocalNote, type NoteDraft, type PanelContext } from './panel-state';

/**
 * A note write as data: an upsert dated from when typing began (`stampEarlierMs` worked out at `now`), or a
 * delete once the text was emptied. `draft`: the Notes box's text not entered yet (kept as a draft row, given
 * back to the box after a reload, left out of exports) or an entered note.
 */
function noteMessage(interviewId: string, id: string, text: string, startedAt: number | null, now: number, draft: boolean): WriteMessage {
  if (!text.trim()) return writeMessage('notes.delete', { id });
  const earlier = startedAt === null ? 0 : stampEarlierMs(now, startedAt, 0);
  return writeMessage('notes.upsert', { id, interviewId, text, stampEarlierMs: earlier, draft });
}

/**
 * The panel's free notes: the Notes box's draft (a row from the first keystroke), entries made from it, and
 * edits of entries. `expand` shows the collapsed overlay (the add-note shortcut opens the Notes box).
 */
export function createNotes(ctx: PanelContext, overlay: PanelOverlay, expand: () => void) {
  const { set, get, deps } = ctx;
  const { write, updateBundle, mergeNote, currentInterview } = overlay;

  /** Writes a note's text. The message is rebuilt at send time, so a retried send still dates the note from when typing began. */
  function noteWrite(interviewId: string, id: string, text: string, startedAt: number | null, draft: boolean): void {
    write(interviewId, keys.note(id), text, {
      message: noteMessage(interviewId, id, text, startedAt, deps.now(), draft),
      send: async () => {
        const message = noteMessage(interviewId, id, text, startedAt, deps.now(), draft);
        if (message.name === 'notes.upsert') mergeNote(await deps.call(message.name, message.input));
        else {
          await deps.call('notes.delete', { id });
          updateBundle(interviewId, (b) => ({ ...b, notes: b.notes.filter((n) => n.id !== id) }));
        }
      },
    });
  }

  /** Edits an entry's text (emptying it deletes the entry once saved). An entry is never a draft. */
  function editNote(id: string, text: string): void {
    const bundle = currentInterview();
    if (!bundle) return;
    noteWrite(bundle.interview.id, id, text, null, false);
  }

  return {
    /**
     * The Notes box changed. The draft is saved as a draft row from the first keystroke (dated from then), and
     * every change is saved through the queue, so nothing typed depends on pressing Enter; after a reload the
     * panel gives the draft back to the box (`draftFromBundle`), and exports leave it out until it is entered.
     */
    typeNote(text: string): void {
      const bundle = currentInterview();
      if (!bundle) return;
      const s = get();
      const draft: NoteDraft = s.draft ? { ...s.draft, text } : { id: deps.newId(), text, startedAt: deps.now() };
      set({ draft });
      if (!text.trim() && !s.draft?.text.trim()) return;
      noteWrite(bundle.interview.id, draft.id, text, draft.startedAt, true);
    },

    /**
     * Enter in the Notes box: the draft becomes an entry (its row is marked entered) and the box empties. With
     * `earlier`, the entry is dated `stampEarlierSeconds` before typing began: it is re-created under a new id
     * with the earlier time, then the draft row is deleted (both idempotent, so a retried send is safe).
     * @returns false when there was nothing to add.
     */
    commitNote(options: { earlier?: boolean } = {}): boolean {
      const bundle = currentInterview();
      const { draft } = get();
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
            mergeNote(await deps.call('notes.upsert', { id: entryId, interviewId, text, stampEarlierMs: stampEarlierMs(deps.now(), createdAt, 0), draft: false }));
            await deps.call('notes.delete', { id: draft.id });
            updateBundle(interviewId, (b) => ({ ...b, notes: b.notes.filter((n) => n.id !== draft.id) }));
          },
        });
      } else noteWrite(interviewId, draft.id, draft.text, draft.startedAt, false);
      const local: LocalNote = {
        id: entryId,
        text: draft.text,
        createdAt,
        offsetMs: callStartedAt === null ? null : createdAt - callStartedAt,
        questionId: null,
      };
      set((s) => ({ draft: null, localNotes: { ...s.localNotes, [entryId]: local } }));
      void deps.queue.flush();
      return true;
    },

    editNote,

    deleteNote(id: string): void {
      editNote(id, '');
      set((s) => {
        const localNotes = { ...s.localNotes };
        delete localNotes[id];
        return { localNotes };
      });
    },

    /** Opens the Notes box for a note dated `at` (the add-note shortcut's press time). */
    requestNoteAt(at: number): void {
      set((s) => ({
        notesFocusRequest: s.notesFocusRequest + 1,
        draft: s.draft ?? { id: deps.newId(), text: '', startedAt: at },
        wrapUpRequested: false,
        helpOpen: false,
      }));
      // The side panel (a target tab) has no overlay to expand.
      const s = get();
      if (s.targetTabId === undefined && s.session?.tab?.collapsed) expand();
    },
  };
}
