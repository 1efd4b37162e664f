import { RATINGS, type InterviewBundle, type NoteRow, type Rating } from '../db/records';
import type { Guide } from '../guides/schema';

/**
 * Deterministic synthetic interviews for benchmarks and load tests (`npm run bench`, the options list with 5,000
 * interviews). Same arguments, same bundles, byte for byte: no clock, no `Math.random`.
 */

/** mulberry32: a tiny seeded generator, good enough to vary test data. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'explained walked through the cache invalidation trade off between latency and cost asked about retries ' +
  'idempotency keys queue back pressure mentioned metrics dashboards on call incident review ownership clear ' +
  'vague hesitant confident example from the payments team migration rollback plan tests first pairing ' +
  'mentoring disagreement with a manager stakeholders deadline scope cut sketched a diagram weighed options'
).split(' ');

const FIRST = ['Alex', 'Giulia', 'Sam', 'Marco', 'Priya', 'Jonas', 'Chiara', 'Noah', 'Aisha', 'Luca', 'Mei', 'Tomás'];
const LAST = ['Rivera', 'Rossi', 'Okafor', 'Bianchi', 'Nguyen', 'Schmidt', 'Esposito', 'Kowalski', 'Haddad', 'Lindqvist'];

/** The role guide every synthetic interview uses (a valid guide, defaults filled in). */
export const SYNTHETIC_GUIDE: Guide = {
  schemaVersion: 1,
  id: 'synthetic-backend',
  title: 'Backend engineer (synthetic)',
  locale: 'en',
  summary: 'A generated guide for load tests.',
  skills: ['APIs', 'data modelling'],
  criteria: [1, 2, 3, 4].map((n) => ({ id: `look-${n}`, text: `Synthetic criterion ${n}` })),
  stages: [1, 2, 3].map((s) => ({
    id: `stage-${s}`,
    title: `Stage ${s}`,
    durationMinutes: 15,
    description: '',
    questions: [1, 2, 3, 4].map((q) => ({
      id: `q-${s}-${q}`,
      text: `Synthetic question ${q} of stage ${s}?`,
      followUps: ['And then?'],
      core: q === 1,
    })),
    redFlags: [{ id: `flag-${s}`, text: `Synthetic red flag of stage ${s}` }],
  })),
  tips: [],
  redFlags: [{ id: 'flag-global', text: 'Synthetic global red flag' }],
};

/** The snapshot key of `SYNTHETIC_GUIDE` (`<guide id>@<content hash>`; the hash part is made up). */
export const SYNTHETIC_SNAPSHOT_KEY = 'synthetic-backend@0000000000000001';

/**
 * Makes `count` interviews with `notesPerInterview` notes each, plus per interview 6 question states, 4 criterion
 * ratings and 1–2 red-flag checks. Interviews start one hour apart from 2025-01-06; notes are 20–300 characters,
 * some multi-line, some on a question, a few starting with characters a spreadsheet would run as a formula.
 */
export function makeSyntheticBundles(count: number, notesPerInterview: number, seed = 1): InterviewBundle[] {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const sentence = () => {
    const length = 4 + Math.floor(random() * 45);
    const words = Array.from({ length }, () => pick(WORDS));
    let text = words.join(' ');
    if (random() < 0.1) text += `, "quoted", and\nanother line`;
    if (random() < 0.02) text = `=${text}`;
    return text;
  };
  const rating = (): Rating => pick(RATINGS);
  const questions = SYNTHETIC_GUIDE.stages.flatMap((s) => s.questions.map((q) => ({ q, s })));
  const start = Date.UTC(2025, 0, 6, 9);
  const bundles: InterviewBundle[] = [];
  for (let n = 0; n < count; n++) {
    const id = uuid();
    const startedAt = start + n * 3_600_000;
    const callStartedAt = startedAt + 60_000;
    const endedAt = callStartedAt + 45 * 60_000;
    const notes: NoteRow[] = [];
    for (let k = 0; k < notesPerInterview; k++) {
      const offsetMs = Math.floor((k / Math.max(1, notesPerInterview)) * 45 * 60_000 + random() * 30_000);
      const onQuestion = random() < 0.3 ? pick(questions) : null;
      notes.push({
        id: uuid(),
        interviewId: id,
        questionId: onQuestion?.q.id ?? null,
        stageId: onQuestion?.s.id ?? `stage-${1 + Math.floor((k * 3) / Math.max(1, notesPerInterview))}`,
        text: sentence(),
        offsetMs,
        createdAt: callStartedAt + offsetMs,
        updatedAt: callStartedAt + offsetMs,
      });
    }
    bundles.push({
      interview: {
        id,
        candidateName: `${pick(FIRST)} ${pick(LAST)}`,
        candidateRef: `https://ats.example.com/candidates/${10_000 + n}`,
        guideId: SYNTHETIC_GUIDE.id,
        guideTitle: SYNTHETIC_GUIDE.title,
        guideSnapshotKey: SYNTHETIC_SNAPSHOT_KEY,
        currentStageId: 'stage-3',
        stageStartedAt: null,
        platform: pick(['meet', 'zoom', 'teams'] as const),
        meetingId: null,
        meetingUrl: null,
        state: 'ended',
        scheduledAt: startedAt,
        startedAt,
        callStartedAt,
        endedAt,
        recommendation: rating(),
        summary: sentence(),
        noteCount: notesPerInterview,
        createdAt: startedAt,
        updatedAt: endedAt,
      },
      guide: SYNTHETIC_GUIDE,
      notes,
      questionStates: questions.slice(0, 6).map(({ q, s }) => ({
        interviewId: id,
        questionId: q.id,
        stageId: s.id,
        asked: true,
        askedAt: callStartedAt + 60_000,
        rating: rating(),
        note: random() < 0.5 ? sentence() : '',
        updatedAt: endedAt,
      })),
      redFlagChecks: [
        { interviewId: id, redFlagId: 'flag-global', stageId: null, checked: random() < 0.3, note: '', updatedAt: endedAt },
        ...(random() < 0.5
          ? [{ interviewId: id, redFlagId: 'flag-2', stageId: 'stage-2', checked: true, note: sentence(), updatedAt: endedAt }]
          : []),
      ],
      criterionRatings: SYNTHETIC_GUIDE.criteria.map((item) => ({
        interviewId: id,
        criterionId: item.id,
        rating: rating(),
        note: random() < 0.5 ? sentence() : '',
        updatedAt: endedAt,
      })),
    });
  }
  return bundles;
}
