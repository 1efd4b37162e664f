import type {
  CriterionRatingRow,
  CustomGuideRow,
  GuideSnapshotRow,
  InterviewRow,
  NoteRow,
  QuestionStateRow,
  RedFlagCheckRow,
  UtteranceRow,
} from '../db/records';

/**
 * One Dexie row ↔ one CouchDB document. The document id is derived from the row's own key, so a row can never
 * become two documents, and every document of an interview shares the prefix `interview:<id>`, so an
 * interview's documents form one contiguous `_all_docs` range.
 *
 * Guide snapshots and custom guides are shared by many interviews on a profile; their documents carry the
 * owner in the id (`snapshot:<owner>:<key>`), so two interviewers who used the same guide never write the
 * same document (the server's validation lets each write only their own).
 */
export interface SyncRows {
  interviews: InterviewRow;
  notes: NoteRow;
  questionStates: QuestionStateRow;
  redFlagChecks: RedFlagCheckRow;
  criterionRatings: CriterionRatingRow;
  guideSnapshots: GuideSnapshotRow;
  customGuides: CustomGuideRow;
  utterances: UtteranceRow;
}
export type SyncTable = keyof SyncRows;
export const SYNC_TABLES: SyncTable[] = ['interviews', 'notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances', 'guideSnapshots', 'customGuides'];

/** The tables whose rows belong to one interview (deleted with it). */
export const CHILD_TABLES = ['notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances'] as const;

/** A synced document: the row as stored in Dexie, the table it belongs to, and who wrote it. */
export interface SyncDoc<T extends SyncTable = SyncTable> {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  table: T;
  /** The CouchDB user name of the interviewer who recorded it; the server's validation checks it. */
  owner: string;
  /** The interviewer's display name, shown in the debrief. */
  ownerName: string;
  row: SyncRows[T];
}

/** The document id of a row. `owner` is used only by the owner-scoped tables (snapshots, custom guides). */
export function docId<T extends SyncTable>(table: T, row: SyncRows[T], owner: string): string {
  const r = row as SyncRows[SyncTable] & Record<string, string>;
  switch (table) {
    case 'interviews':
      return `interview:${r.id}`;
    case 'notes':
      return `interview:${r.interviewId}:note:${r.id}`;
    case 'questionStates':
      return `interview:${r.interviewId}:question:${r.questionId}`;
    case 'redFlagChecks':
      return `interview:${r.interviewId}:redflag:${r.redFlagId}`;
    case 'criterionRatings':
      return `interview:${r.interviewId}:criterion:${r.criterionId}`;
    case 'utterances':
      return `interview:${r.interviewId}:utterance:${r.id}`;
    case 'guideSnapshots':
      return `snapshot:${owner}:${r.key}`;
    default:
      return `guide:${owner}:${r.id}`;
  }
}

/**
 * Document ids of deletions (`SyncDeletionRow.id`): one row, or a group whose documents all start with the id
 * followed by `:`.
 */
export const deletionId = {
  /** The interview and every row of it. */
  interview: (interviewId: string) => `interview:${interviewId}`,
  note: (interviewId: string, noteId: string) => `interview:${interviewId}:note:${noteId}`,
  utterance: (interviewId: string, utteranceId: string) => `interview:${interviewId}:utterance:${utteranceId}`,
  /** Every transcript line of the interview. */
  utterances: (interviewId: string) => `interview:${interviewId}:utterance`,
};

/** Whether the deletion `deletion` (a `deletionId`) covers the document `id`: the same id, or one below it. */
export function deletionCovers(deletion: string, id: string): boolean {
  return id === deletion || id.startsWith(`${deletion}:`);
}

/** The interview a document belongs to, or null for snapshots and guides. */
export function interviewIdOf(doc: Pick<SyncDoc, 'table' | 'row'>): string | null {
  if (doc.table === 'interviews') return (doc.row as InterviewRow).id;
  if ((CHILD_TABLES as readonly string[]).includes(doc.table)) return (doc.row as NoteRow).interviewId;
  return null;
}

/** A row's last change (epoch ms): `updatedAt`, or `createdAt` for snapshots, which never change. */
export function rowUpdatedAt(row: SyncRows[SyncTable]): number {
  return 'updatedAt' in row ? row.updatedAt : row.createdAt;
}

/** The Dexie primary key of a row, as its table declares it. */
export function rowKey(table: SyncTable, row: SyncRows[SyncTable]): string | [string, string] {
  const r = row as unknown as Record<string, string>;
  switch (table) {
    case 'questionStates':
      return [r.interviewId!, r.questionId!];
    case 'redFlagChecks':
      return [r.interviewId!, r.redFlagId!];
    case 'criterionRatings':
      return [r.interviewId!, r.criterionId!];
    case 'guideSnapshots':
      return r.key!;
    default:
      return r.id!;
  }
}

/** The row as it is pushed: local-only fields (who shared a teammate's interview) are not part of it. */
export function outgoingRow<T extends SyncTable>(table: T, row: SyncRows[T]): SyncRows[T] {
  if (table !== 'interviews') return row;
  const { sharedBy: _sharedBy, ...rest } = row as InterviewRow;
  return rest as SyncRows[T];
}

/** Whether two rows hold the same data (key order aside). */
export function sameRow(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Picks the winning revision among a document's leaves, with the rule backup import uses: the newer row
 * `updatedAt` wins; a deletion counts as newest when it is the only way to tell; ties go to the greater revision
 * id, so every replica picks the same winner.
 */
export function pickWinner<D extends { _rev?: string; _deleted?: boolean; row?: SyncRows[SyncTable] }>(leaves: D[]): D {
  const time = (d: D) => (d.row ? rowUpdatedAt(d.row) : Number.POSITIVE_INFINITY);
  return [...leaves].sort((a, b) => time(b) - time(a) || compareRevs(b._rev ?? '', a._rev ?? ''))[0]!;
}

/** Orders CouchDB revision ids `N-hash` by generation, then hash. */
export function compareRevs(a: string, b: string): number {
  const [ga, ha = ''] = a.split('-');
  const [gb, hb = ''] = b.split('-');
  return Number(ga) - Number(gb) || (ha < hb ? -1 : ha > hb ? 1 : 0);
}
