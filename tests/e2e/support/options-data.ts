import { createBackup, type Backup } from '../../../lib/export/backup';
import type { CriterionRatingRow, InterviewBundle, NoteRow, QuestionStateRow, Rating, RedFlagCheckRow } from '../../../lib/db/records';
import type { Guide } from '../../../lib/guides/schema';

/**
 * Realistic interviews for the options page's end-to-end tests and screenshots, built as a backup so that one
 * `data.import` seeds them with call offsets, ratings and red flags already in place (the panel is not needed).
 */

const PEOPLE: [string, Rating | null, number][] = [
  ['Alex Rivera', 'yes', 6],
  ['Giulia Rossi', 'strong-yes', 4],
  ['Samuel Okafor', 'no', 3],
  ['Priya Nair', null, 2],
  ['Jonas Schmidt', 'strong-no', 5],
  ['Mei Tanaka', 'yes', 3],
  ['Chiara Esposito', 'yes', 2],
  ['Noah Lindqvist', null, 0],
];

const NOTES = [
  'Opened by asking what the read and write ratio looks like before choosing a store',
  'Normalised the order schema without being asked; kept JSON only for the free-form attributes',
  'Reads the query plan first, then checks the index on customer_id',
  'Hesitated on isolation levels, recovered with a clear lost-update example',
  'Versioning: prefers additive changes and a sunset header over /v2 paths',
  'Asked good questions about the team on-call rotation',
];

/** Builds the seed backup from the bundled Backend Engineer guide (read from the extension). */
export function seedBackup(guide: Guide, base = Date.UTC(2026, 10, 23, 9)): Backup {
  const bundles: InterviewBundle[] = PEOPLE.map(([name, recommendation, noteCount], n) => {
    const id = `seed-${n + 1}`;
    const startedAt = base + n * 19 * 3_600_000;
    const callStartedAt = startedAt + 90_000;
    const endedAt = callStartedAt + (38 + n) * 60_000;
    const stage = guide.stages[0]!;
    const notes: NoteRow[] = NOTES.slice(0, noteCount).map((text, k) => {
      const offsetMs = 45_000 + k * 317_000;
      return {
        id: `${id}-note-${k}`,
        interviewId: id,
        questionId: k === 2 ? stage.questions[1]!.id : null,
        stageId: stage.id,
        text,
        offsetMs,
        createdAt: callStartedAt + offsetMs,
        updatedAt: callStartedAt + offsetMs,
      };
    });
    const ratings: Rating[] = ['yes', 'strong-yes', 'no', 'yes', 'yes', 'no'];
    const questionStates: QuestionStateRow[] = stage.questions.slice(0, Math.min(3, 1 + noteCount)).map((q, k) => ({
      interviewId: id,
      questionId: q.id,
      stageId: stage.id,
      asked: true,
      askedAt: callStartedAt + k * 600_000,
      rating: ratings[(k + n) % ratings.length]!,
      note: k === 0 ? 'Clear trade-offs, named the failure modes of each option' : '',
      updatedAt: endedAt,
    }));
    const criterionRatings: CriterionRatingRow[] = guide.criteria.slice(0, noteCount ? 4 : 0).map((item, k) => ({
      interviewId: id,
      criterionId: item.id,
      rating: ratings[(k + 2 * n) % ratings.length]!,
      note: k === 0 ? 'Good schema instincts' : '',
      updatedAt: endedAt,
    }));
    const redFlagChecks: RedFlagCheckRow[] =
      n === 0 || n === 4
        ? [
            { interviewId: id, redFlagId: guide.redFlags[0]!.id, stageId: null, checked: true, note: 'Said tests slow the team down', updatedAt: endedAt },
            { interviewId: id, redFlagId: stage.redFlags[1]!.id, stageId: stage.id, checked: true, note: '', updatedAt: endedAt },
          ]
        : [];
    return {
      interview: {
        id,
        candidateName: name,
        candidateRef: `https://ats.example.com/candidates/${4100 + n}`,
        guideId: guide.id,
        guideTitle: guide.title,
        guideSnapshotKey: `${guide.id}@seed0001`,
        currentStageId: stage.id,
        stageStartedAt: null,
        platform: (['meet', 'zoom', 'teams'] as const)[n % 3]!,
        meetingId: null,
        meetingUrl: null,
        state: n === 7 ? 'planned' : 'ended',
        scheduledAt: startedAt,
        startedAt: n === 7 ? null : startedAt,
        callStartedAt: n === 7 ? null : callStartedAt,
        endedAt: n === 7 ? null : endedAt,
        recommendation,
        summary:
          n === 0
            ? 'Strong data modelling and a careful way of debugging slow queries. Needs to deepen transaction isolation; would do well on the platform team.'
            : '',
        noteCount: notes.length,
        createdAt: startedAt - 86_400_000,
        updatedAt: endedAt,
      },
      guide,
      notes,
      questionStates,
      redFlagChecks,
      criterionRatings,
    };
  });
  return createBackup(bundles, [], base + 10 * 86_400_000);
}
