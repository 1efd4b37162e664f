import { z } from 'zod';
import { Guide } from '../guides/schema';

/**
 * Row schemas of the interview records. The Dexie tables store exactly these shapes, the protocol and backup
 * import validate with them, and the TypeScript types are inferred from them. Times are epoch milliseconds.
 */

/** The four-point scale, with no neutral point. Keys 1–4 in the panel map to these in order. */
export const Rating = z.enum(['strong-no', 'no', 'yes', 'strong-yes']);
export type Rating = z.infer<typeof Rating>;
export const RATINGS = Rating.options;

/** The overall hiring recommendation uses the same scale. */
export const Recommendation = Rating;
export type Recommendation = Rating;

export const Platform = z.enum(['meet', 'zoom', 'teams']);
export type Platform = z.infer<typeof Platform>;

/** Call state of a tab (shared/docs/platforms.md): `unknown` when a page can be a meeting but no signal matched. */
export const CallState = z.enum(['none', 'lobby', 'in-call', 'left', 'unknown']);
export type CallState = z.infer<typeof CallState>;

/** `planned`: prepared, waiting for a call; `active`: running; `ended`: wrapped up or closed. */
export const InterviewState = z.enum(['planned', 'active', 'ended']);
export type InterviewState = z.infer<typeof InterviewState>;

const Id = z.string().min(1).max(100);
const Time = z.number().int().nonnegative();
const LongText = z.string().max(100_000);

export const InterviewRow = z.object({
  id: Id,
  candidateName: z.string().trim().min(1).max(200),
  /** Optional reference such as an applicant-tracking-system link. */
  candidateRef: z.string().max(2000).default(''),
  guideId: z.string().min(1).max(80),
  guideTitle: z.string().max(4000).default(''),
  /**
   * Key of the guide as it was when the interview started (table `guideSnapshots`), so edits to a guide never
   * change past records. Snapshots are stored once and shared by every interview that used that exact guide.
   */
  guideSnapshotKey: z.string().min(1).max(200),
  currentStageId: z.string().min(1).max(80),
  /** When the current stage's timer started (the call's start, or the stage switch), else null. */
  stageStartedAt: Time.nullable().default(null),
  platform: Platform.nullable().default(null),
  meetingId: z.string().max(500).nullable().default(null),
  meetingUrl: z.string().max(4000).nullable().default(null),
  state: InterviewState,
  scheduledAt: Time.nullable().default(null),
  startedAt: Time.nullable().default(null),
  /** First moment the call was seen `in-call`; note offsets count from here. */
  callStartedAt: Time.nullable().default(null),
  endedAt: Time.nullable().default(null),
  recommendation: Recommendation.nullable().default(null),
  summary: LongText.default(''),
  /** Number of notes of this interview, kept by the repository for the list view. */
  noteCount: z.number().int().nonnegative().default(0),
  createdAt: Time,
  updatedAt: Time,
});
export type InterviewRow = z.infer<typeof InterviewRow>;

/** A guide exactly as an interview used it; primary key `key` = `<guide id>@<content hash>`. */
export const GuideSnapshotRow = z.object({
  key: z.string().min(1).max(200),
  guide: Guide,
  createdAt: Time,
});
export type GuideSnapshotRow = z.infer<typeof GuideSnapshotRow>;

export const NoteRow = z.object({
  id: Id,
  interviewId: Id,
  /** The question the note belongs to, or null for a free note. */
  questionId: z.string().max(80).nullable().default(null),
  stageId: z.string().max(80).nullable().default(null),
  text: LongText,
  /** Milliseconds since the call started (may be negative if stamped before it), null before any call. */
  offsetMs: z.number().int().nullable().default(null),
  createdAt: Time,
  updatedAt: Time,
});
export type NoteRow = z.infer<typeof NoteRow>;

/** Per-question state; primary key [interviewId+questionId]. */
export const QuestionStateRow = z.object({
  interviewId: Id,
  questionId: z.string().min(1).max(80),
  stageId: z.string().max(80).nullable().default(null),
  asked: z.boolean().default(false),
  askedAt: Time.nullable().default(null),
  rating: Rating.nullable().default(null),
  note: LongText.default(''),
  updatedAt: Time,
});
export type QuestionStateRow = z.infer<typeof QuestionStateRow>;

/** A red-flag check; primary key [interviewId+redFlagId]. */
export const RedFlagCheckRow = z.object({
  interviewId: Id,
  redFlagId: z.string().min(1).max(80),
  stageId: z.string().max(80).nullable().default(null),
  checked: z.boolean().default(false),
  note: LongText.default(''),
  updatedAt: Time,
});
export type RedFlagCheckRow = z.infer<typeof RedFlagCheckRow>;

/** A rating of one "what to look for" criterion; primary key [interviewId+criterionId]. */
export const CriterionRatingRow = z.object({
  interviewId: Id,
  criterionId: z.string().min(1).max(80),
  rating: Rating.nullable().default(null),
  note: LongText.default(''),
  updatedAt: Time,
});
export type CriterionRatingRow = z.infer<typeof CriterionRatingRow>;

/** A guide imported or duplicated by the user (bundled guides live in code, not here). */
export const CustomGuideRow = z.object({
  id: z.string().min(1).max(80),
  guide: Guide,
  createdAt: Time,
  updatedAt: Time,
});
export type CustomGuideRow = z.infer<typeof CustomGuideRow>;

/** Everything recorded for one interview, as the views and exports read it. */
export interface InterviewBundle {
  interview: InterviewRow;
  /** The guide snapshot the interview uses (`interview.guideSnapshotKey`). */
  guide: Guide;
  notes: NoteRow[];
  questionStates: QuestionStateRow[];
  redFlagChecks: RedFlagCheckRow[];
  criterionRatings: CriterionRatingRow[];
}

/** A row of the interview list (options page, popup's recent interviews). */
export interface InterviewSummary {
  id: string;
  candidateName: string;
  candidateRef: string;
  guideId: string;
  guideTitle: string;
  state: InterviewState;
  recommendation: Recommendation | null;
  platform: Platform | null;
  startedAt: number | null;
  createdAt: number;
  updatedAt: number;
  noteCount: number;
}
