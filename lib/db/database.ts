import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { renameLegacyCriteria } from '../guides/schema';
import type {
  CriterionRatingRow,
  CustomGuideRow,
  GuideSnapshotRow,
  InterviewRow,
  NoteRow,
  QuestionStateRow,
  RedFlagCheckRow,
  SyncDeletionRow,
  UtteranceRow,
} from './records';

/** Name of the extension's database (one per browser profile, in the extension's own origin). */
export const DATABASE_NAME = 'interview-copilot';

/**
 * Dexie schema, version by version. Never edit a shipped version: add the next one with an upgrade function
 * and a test in `tests/unit/db.migrations.test.ts` that opens the previous version's data (see
 * `tests/unit/support/migrations.ts`).
 */
export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      interviews: 'id, updatedAt, createdAt, state, [platform+meetingId], guideId',
      notes: 'id, interviewId, updatedAt',
      questionStates: '[interviewId+questionId], interviewId',
      redFlagChecks: '[interviewId+redFlagId], interviewId',
      criterionRatings: '[interviewId+criterionId], interviewId',
      guideSnapshots: 'key',
      customGuides: 'id, updatedAt',
    },
  },
  {
    // Issue 14: transcript lines from the call's captions (interviews without `transcript` never had it on).
    version: 2,
    stores: { utterances: 'id, interviewId, [interviewId+startMs]' },
  },
  {
    // Issue 15: questions can be marked asked automatically from the transcript. Every mark stored before was
    // made by hand, so it is recorded as manual: automatic marks never override it.
    version: 3,
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table('questionStates')
        .toCollection()
        .modify((row: { asked?: boolean; askedBy?: string | null }) => {
          if (row.askedBy === undefined) row.askedBy = row.asked ? 'manual' : null;
        });
    },
  },
  {
    // Issue 16: deletions of the interviewer's own rows, kept until team sync has sent them (also while it is off).
    version: 4,
    stores: { syncDeletions: 'id, deletedAt' },
  },
];

/**
 * The interview records. Only the background service worker opens it (shared/docs/architecture.md: a framed
 * extension page cannot, and a content script's IndexedDB would belong to the call site).
 */
export class InterviewDatabase extends Dexie {
  interviews!: EntityTable<InterviewRow, 'id'>;
  notes!: EntityTable<NoteRow, 'id'>;
  questionStates!: Table<QuestionStateRow, [string, string]>;
  redFlagChecks!: Table<RedFlagCheckRow, [string, string]>;
  criterionRatings!: Table<CriterionRatingRow, [string, string]>;
  guideSnapshots!: EntityTable<GuideSnapshotRow, 'key'>;
  customGuides!: EntityTable<CustomGuideRow, 'id'>;
  utterances!: EntityTable<UtteranceRow, 'id'>;
  syncDeletions!: EntityTable<SyncDeletionRow, 'id'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const step = this.version(version).stores(stores);
      if (upgrade) step.upgrade(upgrade);
    }
    // Guides stored before the criteria list was renamed (`lookFor` → `criteria`) are read with the new name.
    const readGuide = <T extends { guide: unknown } | undefined>(row: T): T => {
      if (!row) return row;
      const guide = renameLegacyCriteria(row.guide);
      return guide === row.guide ? row : { ...row, guide };
    };
    this.guideSnapshots.hook('reading', readGuide);
    this.customGuides.hook('reading', readGuide);
  }
}
