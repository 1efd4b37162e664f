import type { Table } from 'dexie';
import { BACKUP_TABLES, indexRows, planMerge, rowKey, type Backup, type BackupRow, type BackupTable, type MergePlan } from '../export/backup';
import type { InterviewDatabase } from './database';

/** The database table each backup array is stored in (`guides` are the custom guides). */
function tableOf(db: InterviewDatabase, table: BackupTable): Table<BackupRow<BackupTable>, unknown> {
  const tables: Record<BackupTable, Table> = {
    guides: db.customGuides,
    guideSnapshots: db.guideSnapshots,
    interviews: db.interviews,
    notes: db.notes,
    questionStates: db.questionStates,
    redFlagChecks: db.redFlagChecks,
    criterionRatings: db.criterionRatings,
    utterances: db.utterances,
  };
  return tables[table] as unknown as Table<BackupRow<BackupTable>, unknown>;
}

/** The Dexie key of a backup row: a string id, or `[interviewId, itemId]` for the per-interview compound keys. */
function dexieKey(table: BackupTable, row: BackupRow<BackupTable>): unknown {
  const key = rowKey(table, row as never);
  return table === 'questionStates' || table === 'redFlagChecks' || table === 'criterionRatings' ? (JSON.parse(key) as unknown) : key;
}

/**
 * Merges a validated backup into the database (used by `InterviewRepository.importBackup`, which owns the database):
 * reads the stored rows the backup names, plans the merge with `planMerge` (custom guides whose id is in
 * `bundledGuideIds` refused), writes the plan and counts the notes of every touched interview again, all inside one
 * read-write transaction, so the import is all or nothing and no concurrent edit slips in between.
 * @returns the plan that was written (rows put per table, and the report).
 */
export function applyBackup(db: InterviewDatabase, backup: Backup, bundledGuideIds: readonly string[]): Promise<MergePlan> {
  const tables = BACKUP_TABLES.map((t) => tableOf(db, t));
  return db.transaction('rw', tables, async () => {
    // Only the rows the backup names are read: an import into a large database stays proportional to the file.
    const existing: { [T in BackupTable]?: BackupRow<T>[] } = {};
    for (const table of BACKUP_TABLES) {
      const rows = backup[table] as BackupRow<BackupTable>[];
      // An empty table (a restore after a wipe, a new browser) has nothing to compare with.
      if (rows.length === 0 || (await tableOf(db, table).count()) === 0) continue;
      const found = await tableOf(db, table).bulkGet(rows.map((row) => dexieKey(table, row)));
      existing[table] = found.filter((r) => r !== undefined) as never;
    }
    const merge = planMerge(indexRows(existing, bundledGuideIds), backup);
    for (const table of BACKUP_TABLES) {
      const rows = merge.put[table] as BackupRow<BackupTable>[];
      if (rows.length) await tableOf(db, table).bulkPut(rows);
    }
    // The list shows `noteCount`; notes merged into an interview the database kept must be counted again.
    // One index read and one bulk write, whatever the number of interviews: a backup may hold thousands.
    const touched = [...new Set([...merge.put.interviews.map((r) => r.id), ...merge.put.notes.map((n) => n.interviewId)])];
    if (touched.length) {
      const counts = new Map<string, number>();
      for (const key of await db.notes.where('interviewId').anyOf(touched).keys()) counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
      const rows = (await db.interviews.bulkGet(touched)).filter((r) => r !== undefined);
      const stale = rows.filter((r) => r.noteCount !== (counts.get(r.id) ?? 0)).map((r) => ({ ...r, noteCount: counts.get(r.id) ?? 0 }));
      if (stale.length) await db.interviews.bulkPut(stale);
    }
    return merge;
  });
}
