import type { Table } from 'dexie';
import {
  BACKUP_TABLES,
  createBackup,
  indexRows,
  planMerge,
  rowKey,
  validateBackup,
  type Backup,
  type BackupRow,
  type BackupTable,
} from '../../export/backup';
import type { InterviewDatabase } from '../../db/database';
import type { Handlers } from '../router';
import type { BackgroundServices } from '../services';

type BackupHandlers = Pick<Handlers, 'data.export' | 'data.import'>;

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
 * `data.export` and `data.import`: full backups in the format of `lib/export/backup.ts`.
 *
 * Export: the bundles of the given interviews (all when `ids` is omitted) with their guide snapshots, plus the
 * custom guides: all of them for a full backup, only those the chosen interviews used for a selection.
 *
 * Import: the whole payload is validated first (`validateBackup`); a backup with any problem writes nothing and the
 * report lists every problem in `refused` with zero counts. A valid one is merged by key with `planMerge` (added when
 * missing, updated when its `updatedAt` is newer, else unchanged; custom guides with a bundled id refused) against
 * the stored rows read inside the same read-write transaction that writes the plan, so the import is all or nothing
 * and no concurrent edit slips in between the comparison and the write.
 */
export function backupHandlers(s: BackgroundServices): BackupHandlers {
  return {
    'data.export': async ({ ids, allGuides: everyGuide }) => {
      const bundles = await s.repo.bundles(ids);
      const allGuides = await s.repo.db.customGuides.toArray();
      const used = new Set(bundles.map((b) => b.interview.guideId));
      const guides = ids && !everyGuide ? allGuides.filter((g) => used.has(g.id)) : allGuides;
      guides.sort((a, b) => a.id.localeCompare(b.id));
      return createBackup(bundles, guides, s.now());
    },

    'data.import': async ({ backup: payload }) => {
      const validated = validateBackup(payload);
      if (!validated.ok) return { added: 0, updated: 0, unchanged: 0, refused: validated.problems };
      const backup: Backup = validated.backup;
      const { db } = s.repo;
      const bundledIds = s.bundledGuides.map((g) => g.id);
      const tables = BACKUP_TABLES.map((t) => tableOf(db, t));

      const plan = await db.transaction('rw', tables, async () => {
        // Only the rows the backup names are read: an import into a large database stays proportional to the file.
        const existing: { [T in BackupTable]?: BackupRow<T>[] } = {};
        for (const table of BACKUP_TABLES) {
          const rows = backup[table] as BackupRow<BackupTable>[];
          // An empty table (a restore after a wipe, a new browser) has nothing to compare with.
          if (rows.length === 0 || (await tableOf(db, table).count()) === 0) continue;
          const found = await tableOf(db, table).bulkGet(rows.map((row) => dexieKey(table, row)));
          existing[table] = found.filter((r) => r !== undefined) as never;
        }
        const merge = planMerge(indexRows(existing, bundledIds), backup);
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

      const changedInterviews = new Set<string>();
      for (const table of ['interviews', 'notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances'] as const) {
        for (const row of plan.put[table]) changedInterviews.add('interviewId' in row ? row.interviewId : row.id);
      }
      for (const interviewId of changedInterviews) s.live.broadcast({ type: 'interview-changed', interviewId });
      if (changedInterviews.size) s.live.broadcast({ type: 'interviews-changed' });
      if (plan.put.guides.length) s.live.broadcast({ type: 'guides-changed' });
      return plan.report;
    },
  };
}
