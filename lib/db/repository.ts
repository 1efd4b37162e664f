import type { Backup, MergePlan } from '../export/backup';
import type { Guide } from '../guides/schema';
import { deletionId } from '../sync/docs';
import { applyBackup } from './backup-import';
import { groupBundles } from './bundles';
import type { InterviewDatabase } from './database';
import { isDraftNote, QuestionStateRow } from './records';
import type {
  CriterionRatingRow,
  CustomGuideRow,
  InterviewBundle,
  InterviewRow,
  InterviewSummary,
  NoteRow,
  Platform,
  Rating,
  RedFlagCheckRow,
  TranscriptState,
  UtteranceRow,
} from './records';

/** Thrown when a row the caller named does not exist. */
export class RecordNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'RecordNotFoundError';
  }
}

/** Thrown when a write targets a teammate's interview, which arrived through team sync and is read-only here. */
export class ReadOnlyInterviewError extends Error {
  constructor(readonly interviewId: string, readonly owner: string) {
    super(`Interview ${interviewId} belongs to ${owner} and is read-only here`);
    this.name = 'ReadOnlyInterviewError';
  }
}

/**
 * When a deletion happened, for team sync: now, or just after the newest deleted row (the repository may stamp
 * rows a few ms ahead of the clock), so a deletion is never older than what it deleted (epoch ms).
 */
function deletionTime(now: number, rows: { updatedAt: number }[]): number {
  return rows.reduce((latest, row) => Math.max(latest, row.updatedAt + 1), now);
}

/** @throws ReadOnlyInterviewError for a teammate's interview. */
function assertEditable(row: InterviewRow): InterviewRow {
  if (row.sharedBy) throw new ReadOnlyInterviewError(row.id, row.sharedBy.name || row.sharedBy.owner);
  return row;
}

export interface RepositoryDeps {
  /** Epoch milliseconds. */
  now: () => number;
  /** A new unique id (`crypto.randomUUID()` in the extension). */
  newId: () => string;
}

/** FNV-1a over the guide's JSON: a stable key for identical snapshots. */
function snapshotKey(guide: Guide): string {
  const text = JSON.stringify(guide);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${guide.id}@${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

export interface StartInput {
  id?: string;
  candidateName: string;
  candidateRef: string;
  guide: Guide;
  stageId?: string;
  state: 'planned' | 'active';
  platform: Platform | null;
  meetingId: string | null;
  meetingUrl: string | null;
  /** When the call was already in progress at start, its start time. */
  callStartedAt: number | null;
}

export interface InterviewPatch {
  candidateName?: string;
  candidateRef?: string;
  currentStageId?: string;
  recommendation?: Rating | null;
  summary?: string;
  state?: InterviewRow['state'];
}

export interface NoteInput {
  id: string;
  interviewId: string;
  questionId: string | null;
  stageId: string | null;
  text: string;
  /** Stamp a new note this many ms before now. */
  stampEarlierMs: number;
  /**
   * A new note made from a transcript line ("add to notes"): the note is dated when the line began and links to
   * it. Ignored when the note exists. Throws `RecordNotFoundError` for a line not of this interview.
   */
  utteranceId?: string | null;
  /** `true`: the Notes box's draft; `false`: entered; absent: an existing note keeps its state, a new one is entered. */
  draft?: boolean;
}

/** A caption utterance as the transcript reader sends it; times are epoch ms. */
export interface UtteranceInput {
  id: string;
  interviewId: string;
  speaker: string;
  text: string;
  startAt: number;
  endAt: number;
  final: boolean;
}

export type ListSort = 'newest' | 'oldest' | 'candidate' | 'guide';

const dayOf = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));

/** Summary row for lists, from an interview row. */
export function summarize(row: InterviewRow): InterviewSummary {
  return {
    id: row.id,
    candidateName: row.candidateName,
    candidateRef: row.candidateRef,
    guideId: row.guideId,
    guideTitle: row.guideTitle,
    state: row.state,
    recommendation: row.recommendation,
    platform: row.platform,
    startedAt: row.startedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    noteCount: row.noteCount,
    ...(row.sharedBy ? { sharedBy: row.sharedBy } : {}),
  };
}

/**
 * Every read and write of interview records and custom role guides; the database is private to it (handlers and
 * services go through these methods). Writes are idempotent upserts inside transactions that apply only
 * the fields a caller changed, so two views editing one interview never overwrite each other's changes.
 */
export class InterviewRepository {
  constructor(
    private readonly db: InterviewDatabase,
    private readonly deps: RepositoryDeps,
  ) {}

  /**
   * Creates an interview, or returns the existing one when `input.id` was already used (a retried start).
   * @throws RecordNotFoundError when `stageId` is not a stage of the guide.
   */
  async startInterview(input: StartInput): Promise<InterviewRow> {
    const { db } = this;
    return db.transaction('rw', db.interviews, db.guideSnapshots, async () => {
      if (input.id) {
        const existing = await db.interviews.get(input.id);
        if (existing) return existing;
      }
      const stage = input.stageId ? input.guide.stages.find((s) => s.id === input.stageId) : input.guide.stages[0];
      if (!stage) throw new RecordNotFoundError(`Stage "${input.stageId}" of guide "${input.guide.id}"`);
      const key = snapshotKey(input.guide);
      const now = this.deps.now();
      if (!(await db.guideSnapshots.get(key))) await db.guideSnapshots.put({ key, guide: input.guide, createdAt: now });
      const row: InterviewRow = {
        id: input.id ?? this.deps.newId(),
        candidateName: input.candidateName,
        candidateRef: input.candidateRef,
        guideId: input.guide.id,
        guideTitle: input.guide.title,
        guideSnapshotKey: key,
        currentStageId: stage.id,
        stageStartedAt: input.callStartedAt !== null ? now : null,
        platform: input.platform,
        meetingId: input.meetingId,
        meetingUrl: input.meetingUrl,
        state: input.state,
        scheduledAt: null,
        startedAt: input.state === 'active' ? now : null,
        callStartedAt: input.callStartedAt,
        endedAt: null,
        recommendation: null,
        summary: '',
        noteCount: 0,
        createdAt: now,
        updatedAt: now,
      };
      await db.interviews.add(row);
      return row;
    });
  }

  async getInterview(id: string): Promise<InterviewRow> {
    const row = await this.db.interviews.get(id);
    if (!row) throw new RecordNotFoundError(`Interview ${id}`);
    return row;
  }

  /** The interview with its guide snapshot and every row recorded for it. */
  async getBundle(id: string): Promise<InterviewBundle> {
    const { db } = this;
    return db.transaction('r', [db.interviews, db.guideSnapshots, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings, db.utterances], async () => {
      const interview = await this.getInterview(id);
      const snapshot = await db.guideSnapshots.get(interview.guideSnapshotKey);
      if (!snapshot) throw new RecordNotFoundError(`Guide snapshot ${interview.guideSnapshotKey}`);
      const [notes, questionStates, redFlagChecks, criterionRatings, utterances] = await Promise.all([
        db.notes.where('interviewId').equals(id).toArray(),
        db.questionStates.where('interviewId').equals(id).toArray(),
        db.redFlagChecks.where('interviewId').equals(id).toArray(),
        db.criterionRatings.where('interviewId').equals(id).toArray(),
        this.listUtterances(id),
      ]);
      notes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      return { interview, guide: snapshot.guide, notes, questionStates, redFlagChecks, criterionRatings, utterances };
    });
  }

  /** The newest interview held for a meeting, preferring one that has not ended. */
  async findForMeeting(platform: Platform, meetingId: string): Promise<InterviewRow | null> {
    const rows = (await this.db.interviews.where('[platform+meetingId]').equals([platform, meetingId]).toArray()).filter((r) => !r.sharedBy);
    rows.sort((a, b) => Number(a.state === 'ended') - Number(b.state === 'ended') || b.updatedAt - a.updatedAt);
    return rows[0] ?? null;
  }

  /** Interviews of this interviewer that are running (state `active`), newest change first. */
  async activeInterviews(): Promise<InterviewRow[]> {
    const rows = await this.db.interviews.where('state').equals('active').toArray();
    return rows.filter((r) => !r.sharedBy).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** The newest interview prepared away from a call (no meeting yet), which the next call picks up. */
  async findPlanned(): Promise<InterviewRow | null> {
    const rows = await this.db.interviews.where('state').equals('planned').toArray();
    return rows.filter((r) => r.meetingId === null && !r.sharedBy).sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
  }

  /** Applies a read-modify-write to one interview inside a transaction; returns the saved row. */
  private async modifyInterview(id: string, change: (row: InterviewRow, now: number) => void): Promise<InterviewRow> {
    const { db } = this;
    return db.transaction('rw', db.interviews, async () => {
      const row = assertEditable(await this.getInterview(id));
      const now = this.deps.now();
      change(row, now);
      row.updatedAt = Math.max(now, row.updatedAt + 1);
      await db.interviews.put(row);
      return row;
    });
  }

  /**
   * Changes only the given fields. Switching stage restarts the stage timer when the call is running.
   * @throws RecordNotFoundError for an unknown interview or stage.
   */
  async updateInterview(id: string, patch: InterviewPatch): Promise<InterviewRow> {
    const guide = patch.currentStageId ? (await this.getBundleGuide(id)) : null;
    if (patch.currentStageId && !guide?.stages.some((s) => s.id === patch.currentStageId)) {
      throw new RecordNotFoundError(`Stage "${patch.currentStageId}"`);
    }
    return this.modifyInterview(id, (row, now) => {
      if (patch.currentStageId !== undefined && patch.currentStageId !== row.currentStageId) {
        row.currentStageId = patch.currentStageId;
        row.stageStartedAt = row.callStartedAt !== null ? now : null;
      }
      if (patch.candidateName !== undefined) row.candidateName = patch.candidateName;
      if (patch.candidateRef !== undefined) row.candidateRef = patch.candidateRef;
      if (patch.recommendation !== undefined) row.recommendation = patch.recommendation;
      if (patch.summary !== undefined) row.summary = patch.summary;
      if (patch.state !== undefined && patch.state !== row.state) {
        row.state = patch.state;
        if (patch.state === 'active' && row.startedAt === null) row.startedAt = now;
        if (patch.state === 'ended') row.endedAt = now;
        if (patch.state !== 'ended') row.endedAt = null;
      }
    });
  }

  private async getBundleGuide(id: string): Promise<Guide> {
    const interview = await this.getInterview(id);
    const snapshot = await this.db.guideSnapshots.get(interview.guideSnapshotKey);
    if (!snapshot) throw new RecordNotFoundError(`Guide snapshot ${interview.guideSnapshotKey}`);
    return snapshot.guide;
  }

  /**
   * Ends a running interview nobody wrapped up, as it was left: state `ended`, `endedAt` = its last change,
   * `endedAutomatically` set; notes, ratings, recommendation and summary are kept. A row no longer active is
   * returned unchanged. @throws RecordNotFoundError for an unknown interview, ReadOnlyError for a teammate's.
   */
  endAbandoned(id: string): Promise<InterviewRow> {
    return this.modifyInterview(id, (row) => {
      if (row.state !== 'active') return;
      row.state = 'ended';
      row.endedAt = row.updatedAt;
      row.endedAutomatically = true;
    });
  }

  /** Binds a (planned) interview to a meeting and makes it active. */
  attachToMeeting(id: string, platform: Platform, meetingId: string, meetingUrl: string): Promise<InterviewRow> {
    return this.modifyInterview(id, (row, now) => {
      row.platform = platform;
      row.meetingId = meetingId;
      row.meetingUrl = meetingUrl;
      if (row.state === 'planned') {
        row.state = 'active';
        row.startedAt = now;
      }
    });
  }

  /** Records the call's start (the first `in-call`), which starts the stage timer and note offsets. */
  async markCallStarted(id: string, at: number): Promise<InterviewRow> {
    const row = await this.getInterview(id);
    if (row.callStartedAt !== null) return row;
    return this.modifyInterview(id, (r) => {
      r.callStartedAt ??= at;
      r.stageStartedAt ??= at;
    });
  }

  endInterview(id: string): Promise<InterviewRow> {
    return this.updateInterview(id, { state: 'ended' });
  }

  /**
   * Creates or updates a note by its client id (idempotent). A new note gets its creation time (less
   * `stampEarlierMs`) and its offset from the call's start; an update changes only the text.
   */
  async upsertNote(input: NoteInput): Promise<NoteRow> {
    const { db } = this;
    return db.transaction('rw', db.notes, db.interviews, db.utterances, async () => {
      const now = this.deps.now();
      const existing = await db.notes.get(input.id);
      assertEditable(await this.getInterview(input.interviewId));
      if (existing) {
        if (existing.interviewId !== input.interviewId) throw new RecordNotFoundError(`Note ${input.id} of interview ${input.interviewId}`);
        const draft = input.draft ?? isDraftNote(existing);
        if (existing.text === input.text && draft === isDraftNote(existing)) return existing;
        const { draft: _wasDraft, ...rest } = existing;
        const updated: NoteRow = { ...rest, text: input.text, updatedAt: Math.max(now, existing.updatedAt + 1), ...(draft ? { draft: true } : {}) };
        await db.notes.put(updated);
        return updated;
      }
      const interview = await this.getInterview(input.interviewId);
      let createdAt = now - input.stampEarlierMs;
      const utteranceId = input.utteranceId ?? null;
      if (utteranceId !== null) {
        const line = await db.utterances.get(utteranceId);
        if (!line || line.interviewId !== input.interviewId) throw new RecordNotFoundError(`Transcript line ${utteranceId} of interview ${input.interviewId}`);
        // Lines count from the same origin as `upsertUtterance` uses.
        createdAt = Math.max(0, (interview.callStartedAt ?? interview.startedAt ?? interview.createdAt) + line.startMs);
      }
      const row: NoteRow = {
        id: input.id,
        interviewId: input.interviewId,
        questionId: input.questionId,
        stageId: input.stageId ?? interview.currentStageId,
        text: input.text,
        offsetMs: interview.callStartedAt !== null ? createdAt - interview.callStartedAt : null,
        createdAt,
        updatedAt: now,
        ...(utteranceId !== null ? { utteranceId } : {}),
        ...(input.draft ? { draft: true } : {}),
      };
      await db.notes.add(row);
      await db.interviews.update(interview.id, { noteCount: interview.noteCount + 1, updatedAt: now });
      return row;
    });
  }

  async deleteNote(id: string): Promise<boolean> {
    const { db } = this;
    return db.transaction('rw', db.notes, db.interviews, db.syncDeletions, async () => {
      const note = await db.notes.get(id);
      if (!note) return false;
      const owner = await db.interviews.get(note.interviewId);
      if (owner) assertEditable(owner);
      await db.notes.delete(id);
      await db.syncDeletions.put({ id: deletionId.note(note.interviewId, id), deletedAt: deletionTime(this.deps.now(), [note]) });
      const interview = await db.interviews.get(note.interviewId);
      if (interview) {
        await db.interviews.update(interview.id, { noteCount: Math.max(0, interview.noteCount - 1), updatedAt: this.deps.now() });
      }
      return true;
    });
  }

  /** Merges a patch into a question's state (creating it); marking asked records when. */
  async upsertQuestionState(
    interviewId: string,
    questionId: string,
    stageId: string | null,
    patch: { asked?: boolean; rating?: Rating | null; note?: string },
  ): Promise<QuestionStateRow> {
    const { db } = this;
    return db.transaction('rw', db.questionStates, db.interviews, async () => {
      assertEditable(await this.getInterview(interviewId));
      const now = this.deps.now();
      const row: QuestionStateRow = (await db.questionStates.get([interviewId, questionId])) ?? {
        interviewId,
        questionId,
        stageId,
        asked: false,
        askedAt: null,
        rating: null,
        note: '',
        updatedAt: now,
      };
      // Whatever the interviewer sets by hand is theirs: automatic marks never override it (issue 15).
      if (patch.asked !== undefined) {
        row.asked = patch.asked;
        row.askedAt = patch.asked ? (row.askedAt ?? now) : null;
        row.askedBy = 'manual';
      }
      if (patch.rating !== undefined) {
        row.rating = patch.rating;
        // Rating an answer implies the question was asked, and confirms an automatic mark.
        if (patch.rating !== null) {
          if (!row.asked) row.askedAt = now;
          row.asked = true;
          row.askedBy = 'manual';
        }
      }
      if (patch.note !== undefined) row.note = patch.note;
      row.stageId ??= stageId;
      row.updatedAt = Math.max(now, row.updatedAt);
      // Parsed again so that every stored row has the schema's key order (exports and backups compare equal).
      await db.questionStates.put(QuestionStateRow.parse(row));
      await db.interviews.update(interviewId, { updatedAt: now });
      return row;
    });
  }

  /**
   * Marks a question asked automatically (live suggestions, issue 15), keeping the line that said it. Does nothing
   * when the interviewer set the question by hand, undid an automatic mark on it, or it is already asked, or the
   * interview ended. @returns the stored row when it changed, else null.
   */
  async autoMarkAsked(
    interviewId: string,
    questionId: string,
    stageId: string | null,
    line: { text: string; atMs: number },
  ): Promise<QuestionStateRow | null> {
    const { db } = this;
    return db.transaction('rw', db.questionStates, db.interviews, async () => {
      const interview = assertEditable(await this.getInterview(interviewId));
      if (interview.state === 'ended') return null;
      const now = this.deps.now();
      const before = await db.questionStates.get([interviewId, questionId]);
      if (before && (before.asked || before.askedBy === 'manual' || before.autoUndone)) return null;
      const row: QuestionStateRow = {
        ...(before ?? { interviewId, questionId, stageId, rating: null, note: '' }),
        asked: true,
        askedAt: now,
        askedBy: 'auto',
        autoLine: { text: line.text.slice(0, 2000), atMs: line.atMs },
        updatedAt: Math.max(now, before?.updatedAt ?? 0),
      } as QuestionStateRow;
      row.stageId ??= stageId;
      await db.questionStates.put(QuestionStateRow.parse(row));
      await db.interviews.update(interviewId, { updatedAt: now });
      return row;
    });
  }

  /**
   * Undoes an automatic "asked" mark: the question is unasked again and never marked automatically again.
   * A manual state is left alone. @returns the row, or null when there was no automatic mark to undo.
   */
  async undoAutoAsked(interviewId: string, questionId: string): Promise<QuestionStateRow | null> {
    const { db } = this;
    return db.transaction('rw', db.questionStates, db.interviews, async () => {
      assertEditable(await this.getInterview(interviewId));
      const row = await db.questionStates.get([interviewId, questionId]);
      if (!row || row.askedBy !== 'auto' || !row.asked) return null;
      const now = this.deps.now();
      const { autoLine: _line, ...rest } = row;
      const next: QuestionStateRow = { ...rest, asked: false, askedAt: null, askedBy: null, autoUndone: true, updatedAt: Math.max(now, row.updatedAt) };
      await db.questionStates.put(QuestionStateRow.parse(next));
      await db.interviews.update(interviewId, { updatedAt: now });
      return next;
    });
  }

  async upsertRedFlag(
    interviewId: string,
    redFlagId: string,
    stageId: string | null,
    patch: { checked?: boolean; note?: string },
  ): Promise<RedFlagCheckRow> {
    const { db } = this;
    return db.transaction('rw', db.redFlagChecks, db.interviews, async () => {
      assertEditable(await this.getInterview(interviewId));
      const now = this.deps.now();
      const row: RedFlagCheckRow = (await db.redFlagChecks.get([interviewId, redFlagId])) ?? {
        interviewId,
        redFlagId,
        stageId,
        checked: false,
        note: '',
        updatedAt: now,
      };
      if (patch.checked !== undefined) row.checked = patch.checked;
      if (patch.note !== undefined) row.note = patch.note;
      row.updatedAt = Math.max(now, row.updatedAt);
      await db.redFlagChecks.put(row);
      await db.interviews.update(interviewId, { updatedAt: now });
      return row;
    });
  }

  async upsertCriterion(
    interviewId: string,
    criterionId: string,
    patch: { rating?: Rating | null; note?: string },
  ): Promise<CriterionRatingRow> {
    const { db } = this;
    return db.transaction('rw', db.criterionRatings, db.interviews, async () => {
      assertEditable(await this.getInterview(interviewId));
      const now = this.deps.now();
      const row: CriterionRatingRow = (await db.criterionRatings.get([interviewId, criterionId])) ?? {
        interviewId,
        criterionId,
        rating: null,
        note: '',
        updatedAt: now,
      };
      if (patch.rating !== undefined) row.rating = patch.rating;
      if (patch.note !== undefined) row.note = patch.note;
      row.updatedAt = Math.max(now, row.updatedAt);
      await db.criterionRatings.put(row);
      await db.interviews.update(interviewId, { updatedAt: now });
      return row;
    });
  }

  /**
   * Changes the interview's transcript state (only the given fields). Turning it off marks every line still open
   * as final, since nothing more will reach it.
   */
  async setTranscript(id: string, patch: Partial<TranscriptState>): Promise<InterviewRow> {
    const row = await this.modifyInterview(id, (r) => {
      const current: TranscriptState = r.transcript ?? { on: false, consentAt: null, interviewerSpeaker: null };
      r.transcript = { ...current, ...patch };
    });
    if (patch.on === false) {
      await this.db.utterances.where('interviewId').equals(id).filter((u) => !u.final).modify({ final: true });
    }
    return row;
  }

  /**
   * Creates or updates a transcript line by its reader-generated id (idempotent): the latest text, end and
   * `final` replace the stored ones; the start stays the first one seen. Offsets count from the call's start
   * (else from the interview's start).
   * @returns the stored row, and whether this write changed it (a retried write does not).
   * @throws RecordNotFoundError for an unknown interview, or a line id that belongs to another interview.
   */
  async upsertUtterance(input: UtteranceInput): Promise<{ row: UtteranceRow; changed: boolean }> {
    const { db } = this;
    return db.transaction('rw', db.utterances, db.interviews, async () => {
      const interview = await this.getInterview(input.interviewId);
      const origin = interview.callStartedAt ?? interview.startedAt ?? interview.createdAt;
      const now = this.deps.now();
      const existing = await db.utterances.get(input.id);
      if (existing && existing.interviewId !== input.interviewId) throw new RecordNotFoundError(`Utterance ${input.id} of interview ${input.interviewId}`);
      const row: UtteranceRow = {
        id: input.id,
        interviewId: input.interviewId,
        speaker: input.speaker,
        text: input.text,
        startMs: existing?.startMs ?? input.startAt - origin,
        endMs: Math.max(input.endAt - origin, existing?.startMs ?? input.startAt - origin),
        final: input.final,
        createdAt: existing?.createdAt ?? now,
        updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
      };
      if (existing && existing.text === row.text && existing.final === row.final && existing.endMs === row.endMs && existing.speaker === row.speaker) {
        return { row: existing, changed: false };
      }
      await db.utterances.put(row);
      return { row, changed: true };
    });
  }

  /** The interview's transcript lines in time order. */
  async listUtterances(interviewId: string): Promise<UtteranceRow[]> {
    const rows = await this.db.utterances.where('[interviewId+startMs]').between([interviewId, -Infinity], [interviewId, Infinity]).toArray();
    return rows.sort((a, b) => a.startMs - b.startMs || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /**
   * Deletes transcript lines of an interview: those of `ids`, or all. Lines of the interviewer's own interview
   * are recorded for team sync (`syncDeletions`). @returns how many.
   */
  async deleteUtterances(interviewId: string, ids?: string[]): Promise<number> {
    const { db } = this;
    return db.transaction('rw', db.utterances, db.interviews, db.syncDeletions, async () => {
      const rows = db.utterances.where('interviewId').equals(interviewId);
      const gone = await (ids ? rows.filter((u) => ids.includes(u.id)) : rows).toArray();
      const deleted = gone.length;
      await db.utterances.bulkDelete(gone.map((u) => u.id));
      const interview = await db.interviews.get(interviewId);
      if (deleted && interview && !interview.sharedBy) {
        const deletedAt = deletionTime(this.deps.now(), gone);
        await db.syncDeletions.bulkPut(
          ids ? ids.map((id) => ({ id: deletionId.utterance(interviewId, id), deletedAt })) : [{ id: deletionId.utterances(interviewId), deletedAt }],
        );
      }
      return deleted;
    });
  }

  /**
   * A page of the interview list, filtered by a free-text query over candidate, reference, guide and date
   * (`2026-11-29`), then sorted.
   */
  async list(query: string, sort: ListSort, offset: number, limit: number): Promise<{ total: number; items: InterviewSummary[] }> {
    const needle = query.trim().toLowerCase();
    let rows = await this.db.interviews.toArray();
    if (needle) {
      rows = rows.filter((r) =>
        [r.candidateName, r.candidateRef, r.guideTitle, r.guideId, dayOf(r.startedAt ?? r.createdAt)].some((field) =>
          field.toLowerCase().includes(needle),
        ),
      );
    }
    const when = (r: InterviewRow) => r.startedAt ?? r.createdAt;
    const compare: Record<ListSort, (a: InterviewRow, b: InterviewRow) => number> = {
      newest: (a, b) => when(b) - when(a),
      oldest: (a, b) => when(a) - when(b),
      candidate: (a, b) => a.candidateName.localeCompare(b.candidateName) || when(b) - when(a),
      guide: (a, b) => a.guideTitle.localeCompare(b.guideTitle) || when(b) - when(a),
    };
    rows.sort(compare[sort]);
    return { total: rows.length, items: rows.slice(offset, offset + limit).map(summarize) };
  }

  async recent(limit: number): Promise<InterviewSummary[]> {
    const rows = await this.db.interviews.orderBy('updatedAt').reverse().limit(limit).toArray();
    return rows.map(summarize);
  }

  /**
   * Deletes interviews and every row recorded for them; the interviewer's own ones are recorded for team sync
   * (`syncDeletions`, sent to the server when sync runs, even if it is off now). A teammate's interview is
   * removed from this profile only. @returns how many interviews were deleted.
   */
  async deleteInterviews(ids: string[]): Promise<number> {
    const { db } = this;
    return db.transaction('rw', [db.interviews, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings, db.utterances, db.syncDeletions], async () => {
      const existing = (await db.interviews.bulkGet(ids)).filter((r) => r !== undefined);
      const found = existing.map((r) => r.id);
      const own = existing.filter((r) => !r.sharedBy);
      if (own.length) {
        const ownIds = own.map((r) => r.id);
        const children = await Promise.all(
          [db.utterances, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings].map((t) =>
            (t as unknown as { where(i: string): { anyOf(k: string[]): { toArray(): Promise<{ updatedAt: number }[]> } } }).where('interviewId').anyOf(ownIds).toArray(),
          ),
        );
        const deletedAt = deletionTime(this.deps.now(), [...own, ...children.flat()]);
        await db.syncDeletions.bulkPut(ownIds.map((id) => ({ id: deletionId.interview(id), deletedAt })));
      }
      await Promise.all([
        db.utterances.where('interviewId').anyOf(found).delete(),
        db.notes.where('interviewId').anyOf(found).delete(),
        db.questionStates.where('interviewId').anyOf(found).delete(),
        db.redFlagChecks.where('interviewId').anyOf(found).delete(),
        db.criterionRatings.where('interviewId').anyOf(found).delete(),
      ]);
      await db.interviews.bulkDelete(found);
      return found.length;
    });
  }

  /** Deletes interviews whose last activity is older than `days` days. @returns how many. */
  async applyRetention(days: number): Promise<number> {
    const cutoff = this.deps.now() - days * 86_400_000;
    const old = await this.db.interviews.filter((r) => (r.endedAt ?? r.updatedAt) < cutoff).primaryKeys();
    return old.length ? this.deleteInterviews(old) : 0;
  }

  /** Deletes everything: interviews, their rows, snapshots and custom guides. @returns interviews deleted. */
  async wipe(): Promise<number> {
    const { db } = this;
    const count = await db.interviews.count();
    await db.transaction('rw', db.tables, async () => {
      await Promise.all(db.tables.map((table) => table.clear()));
    });
    return count;
  }

  /** Every bundle (or those of `ids`), for exports and backups: one read per table, grouped in memory. */
  async bundles(ids?: string[]): Promise<InterviewBundle[]> {
    const { db } = this;
    return db.transaction('r', [db.interviews, db.guideSnapshots, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings, db.utterances], async () => {
      const interviews = ids ? (await db.interviews.bulkGet(ids)).filter((r) => r !== undefined) : await db.interviews.toArray();
      const wanted = interviews.map((r) => r.id);
      const pick = <T extends { interviewId: string }>(table: { where(i: string): { anyOf(k: string[]): { toArray(): Promise<T[]> } }; toArray(): Promise<T[]> }) =>
        ids ? table.where('interviewId').anyOf(wanted).toArray() : table.toArray();
      const [notes, questionStates, redFlagChecks, criterionRatings, guideSnapshots, utterances] = await Promise.all([
        pick<NoteRow>(db.notes),
        pick<QuestionStateRow>(db.questionStates),
        pick<RedFlagCheckRow>(db.redFlagChecks),
        pick<CriterionRatingRow>(db.criterionRatings),
        db.guideSnapshots.toArray(),
        pick<UtteranceRow>(db.utterances),
      ]);
      try {
        return groupBundles({ interviews, guideSnapshots, notes, questionStates, redFlagChecks, criterionRatings, utterances });
      } catch (error) {
        throw new RecordNotFoundError(error instanceof Error ? error.message : String(error));
      }
    });
  }
  /** Every interview row, teammates' included (the debrief groups them by candidate). */
  async allInterviews(): Promise<InterviewRow[]> {
    return this.db.interviews.toArray();
  }

  /** One note, or undefined when there is none with this id. */
  async getNote(id: string): Promise<NoteRow | undefined> {
    return this.db.notes.get(id);
  }

  /** Every custom role guide (the bundled ones live in code), in storage order. */
  async customGuides(): Promise<CustomGuideRow[]> {
    return this.db.customGuides.toArray();
  }

  /** One custom role guide, or undefined. */
  async customGuide(id: string): Promise<CustomGuideRow | undefined> {
    return this.db.customGuides.get(id);
  }

  /**
   * Stores a custom role guide, replacing the one with its id; `createdAt` is kept from the stored one, `updatedAt`
   * is now. Whether the id belongs to a bundled guide is the caller's check. @returns the stored row.
   */
  async saveCustomGuide(guide: Guide): Promise<CustomGuideRow> {
    const { db } = this;
    return db.transaction('rw', db.customGuides, async () => {
      const now = this.deps.now();
      const existing = await db.customGuides.get(guide.id);
      const row: CustomGuideRow = { id: guide.id, guide, createdAt: existing?.createdAt ?? now, updatedAt: now };
      await db.customGuides.put(row);
      return row;
    });
  }

  /** Deletes a custom role guide (interviews keep their guide snapshots). @returns whether it existed. */
  async deleteCustomGuide(id: string): Promise<boolean> {
    const { db } = this;
    return db.transaction('rw', db.customGuides, async () => {
      const existing = await db.customGuides.get(id);
      if (existing) await db.customGuides.delete(id);
      return Boolean(existing);
    });
  }

  /**
   * Merges a validated backup (see `applyBackup` in lib/db/backup-import.ts): all or nothing, newer `updatedAt`
   * wins, custom guides with an id in `bundledGuideIds` refused, note counts recomputed. @returns the written plan.
   */
  importBackup(backup: Backup, bundledGuideIds: readonly string[]): Promise<MergePlan> {
    return applyBackup(this.db, backup, bundledGuideIds);
  }
}
