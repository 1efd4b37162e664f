import type { Guide } from '../guides/schema';
import type { CriterionRatingRow, InterviewBundle, InterviewRow, NoteRow, QuestionStateRow, RedFlagCheckRow, UtteranceRow } from './records';

/** Rows of several interviews, as read from the database or found in a backup. */
export interface InterviewRows {
  interviews: InterviewRow[];
  guideSnapshots: { key: string; guide: Guide }[];
  notes: NoteRow[];
  questionStates: QuestionStateRow[];
  redFlagChecks: RedFlagCheckRow[];
  criterionRatings: CriterionRatingRow[];
  /** Transcript lines; absent in sources that have none. */
  utterances?: UtteranceRow[];
}

function byInterview<T extends { interviewId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.interviewId);
    if (list) list.push(row);
    else map.set(row.interviewId, [row]);
  }
  return map;
}

/**
 * Groups rows into one bundle per interview, in the interviews' order; notes in creation order (ties by id).
 * Rows of interviews not listed are ignored.
 * @throws Error naming the snapshot key when an interview's guide snapshot is missing.
 */
export function groupBundles(rows: InterviewRows): InterviewBundle[] {
  const guides = new Map(rows.guideSnapshots.map((s) => [s.key, s.guide]));
  const notes = byInterview(rows.notes);
  const questions = byInterview(rows.questionStates);
  const flags = byInterview(rows.redFlagChecks);
  const criteria = byInterview(rows.criterionRatings);
  const lines = byInterview(rows.utterances ?? []);
  return rows.interviews.map((interview) => {
    const guide = guides.get(interview.guideSnapshotKey);
    if (!guide) throw new Error(`Guide snapshot ${interview.guideSnapshotKey} not found`);
    const spoken = lines.get(interview.id);
    return {
      interview,
      guide,
      notes: (notes.get(interview.id) ?? []).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
      questionStates: questions.get(interview.id) ?? [],
      redFlagChecks: flags.get(interview.id) ?? [],
      criterionRatings: criteria.get(interview.id) ?? [],
      // Only interviews with a transcript carry the key, so bundles of other interviews keep their shape.
      ...(spoken ? { utterances: spoken.sort((a, b) => a.startMs - b.startMs || a.createdAt - b.createdAt || a.id.localeCompare(b.id)) } : {}),
    };
  });
}
