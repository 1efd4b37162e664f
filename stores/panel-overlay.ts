import type { Send } from '../lib/client/save-queue';
import { fieldId, writeMessage, type FieldRef, type WriteKey, type WriteMessage } from '../lib/client/writes';
import type { CriterionRatingRow, InterviewBundle, InterviewRow, NoteRow, QuestionStateRow, Rating, RedFlagCheckRow } from '../lib/db/records';
import type { MessageInput, SessionInfo } from '../lib/protocol/protocol';

/** The fields of an interview a `interviews.update` message changes. */
type InterviewPatch = MessageInput<'interviews.update'>['patch'];
import { keys, replaceBy, storedValue, type PanelContext, type PanelState } from './panel-state';

/**
 * The panel's optimistic overlay: each write is shown at once (`local`, by `fieldId`), queued on the save queue
 * (keyed by interview and field), and dropped from `local` once it landed and a session read shows it.
 */
export function createOverlay(ctx: PanelContext) {
  const { set, get, deps } = ctx;
  /** When each field's last write landed (epoch ms), by `fieldId`, to tell a stale session read from a newer one. */
  const landedAt = new Map<string, number>();
  /** The typed ref of each `fieldId` the panel wrote. */
  const refs = new Map<string, FieldRef>();

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

  const unsubscribe = deps.queue.subscribe((key, status) => {
    // A write of another interview (flushed after the side panel moved on) is not this view's to show.
    const shownId = get().session?.interview?.interview.id;
    if (shownId !== undefined && key.interviewId !== shownId) return;
    const id = fieldId(key.field);
    refs.set(id, key.field);
    if (status.state === 'saved') landedAt.set(id, deps.now());
    set((s) => {
      const saves = { ...s.saves, [id]: status };
      return { saves, local: settleLocal({ local: s.local, saves }, s.session, Number.NEGATIVE_INFINITY, [id]) };
    });
  });

  /** Updates the interview bundle held in the session, if it is still the same interview. */
  function updateBundle(interviewId: string, change: (bundle: InterviewBundle) => InterviewBundle): void {
    set((s) => {
      const bundle = s.session?.interview;
      if (!s.session || !bundle || bundle.interview.id !== interviewId) return {};
      return { session: { ...s.session, interview: change(bundle) } };
    });
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
    set((s) => ({ local: { ...s.local, [id]: value } }));
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

  return {
    settleLocal,
    updateBundle,
    write,
    /** Merges a note row the background returned into the bundle shown. */
    mergeNote: (row: NoteRow) => updateBundle(row.interviewId, (b) => ({ ...b, notes: replaceBy(b.notes, row, (n) => n.id === row.id) })),
    currentInterview: (): InterviewBundle | null => get().session?.interview ?? null,
    /** Stops following the save queue. */
    dispose: unsubscribe,
  };
}

/** The overlay a concern module writes through (see `createOverlay`). */
export type PanelOverlay = ReturnType<typeof createOverlay>;

/** The id of the stage whose `list` holds the item `id` (a question, a red flag), or null for a global red flag. */
function stageOfItem(bundle: InterviewBundle, list: 'questions' | 'redFlags', id: string): string | null {
  return bundle.guide.stages.find((stage) => stage[list].some((item) => item.id === id))?.id ?? null;
}

/** Where a landed row of each kind goes in the bundle: it replaces the row of the same item. */
const mergeQuestion = (b: InterviewBundle, row: QuestionStateRow) => ({ ...b, questionStates: replaceBy(b.questionStates, row, (r) => r.questionId === row.questionId) });
const mergeCriterion = (b: InterviewBundle, row: CriterionRatingRow) => ({ ...b, criterionRatings: replaceBy(b.criterionRatings, row, (r) => r.criterionId === row.criterionId) });
const mergeFlag = (b: InterviewBundle, row: RedFlagCheckRow) => ({ ...b, redFlagChecks: replaceBy(b.redFlagChecks, row, (r) => r.redFlagId === row.redFlagId) });

/** The panel's field writes: question ticks, ratings and notes, criteria, red flags, the summary and recommendation. */
export function createFieldWrites(ctx: PanelContext, overlay: PanelOverlay) {
  const { set } = ctx;
  const { write, updateBundle, currentInterview } = overlay;

  /**
   * Writes `value` to a field of the interview shown, sent as the `message` built for it; the row the background
   * returns is merged into the bundle by `merge`. Nothing happens when no interview is shown.
   */
  function bundleWrite<R>(
    key: FieldRef,
    value: unknown,
    message: (interviewId: string, bundle: InterviewBundle) => WriteMessage,
    merge: (bundle: InterviewBundle, row: R) => InterviewBundle,
  ): void {
    const bundle = currentInterview();
    if (!bundle) return;
    const interviewId = bundle.interview.id;
    write(interviewId, key, value, { message: message(interviewId, bundle), landed: (row: R) => updateBundle(interviewId, (b) => merge(b, row)) });
  }

  function questionWrite(questionId: string, key: FieldRef, value: unknown, patch: MessageInput<'questions.upsert'>['patch']) {
    bundleWrite(key, value, (interviewId, bundle) => writeMessage('questions.upsert', { interviewId, questionId, stageId: stageOfItem(bundle, 'questions', questionId), patch }), mergeQuestion);
  }

  function criterionWrite(criterionId: string, key: FieldRef, value: unknown, patch: MessageInput<'criteria.upsert'>['patch']) {
    bundleWrite(key, value, (interviewId) => writeMessage('criteria.upsert', { interviewId, criterionId, patch }), mergeCriterion);
  }

  function flagWrite(redFlagId: string, key: FieldRef, value: unknown, patch: MessageInput<'redFlags.upsert'>['patch']) {
    bundleWrite(key, value, (interviewId, bundle) => writeMessage('redFlags.upsert', { interviewId, redFlagId, stageId: stageOfItem(bundle, 'redFlags', redFlagId), patch }), mergeFlag);
  }

  function interviewWrite(key: FieldRef, value: unknown, patch: Pick<InterviewPatch, 'summary' | 'recommendation'>) {
    bundleWrite(key, value, (id) => writeMessage('interviews.update', { id, patch }), (b, row: InterviewRow) => ({ ...b, interview: row }));
  }

  return {
    setAsked(questionId: string, asked: boolean): void {
      questionWrite(questionId, keys.asked(questionId), asked, { asked });
    },
    /** Rates an answer (rating also marks the question asked, as the repository does); null clears it. */
    setRating(questionId: string, rating: Rating | null): void {
      questionWrite(questionId, keys.rating(questionId), rating, { rating });
      if (rating !== null) set((s) => ({ local: { ...s.local, [fieldId(keys.asked(questionId))]: true } }));
    },
    setQuestionNote(questionId: string, note: string): void {
      questionWrite(questionId, keys.questionNote(questionId), note, { note });
    },
    setCriterionRating(criterionId: string, rating: Rating | null): void {
      criterionWrite(criterionId, keys.criterionRating(criterionId), rating, { rating });
    },
    setCriterionNote(criterionId: string, note: string): void {
      criterionWrite(criterionId, keys.criterionNote(criterionId), note, { note });
    },
    setFlagChecked(redFlagId: string, checked: boolean): void {
      flagWrite(redFlagId, keys.flagChecked(redFlagId), checked, { checked });
    },
    setFlagNote(redFlagId: string, note: string): void {
      flagWrite(redFlagId, keys.flagNote(redFlagId), note, { note });
    },
    setSummary(summary: string): void {
      interviewWrite(keys.summary, summary, { summary });
    },
    setRecommendation(recommendation: Rating | null): void {
      interviewWrite(keys.recommendation, recommendation, { recommendation });
    },
  };
}
