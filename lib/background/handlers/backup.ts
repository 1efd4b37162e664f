import { createBackup, validateBackup } from '../../export/backup';
import type { Handlers } from '../router';
import type { BackgroundServices } from '../services';

type BackupHandlers = Pick<Handlers, 'data.export' | 'data.import'>;

/**
 * `data.export` and `data.import`: full backups in the format of `lib/export/backup.ts`.
 *
 * Export: the bundles of the given interviews (all when `ids` is omitted) with their guide snapshots, plus the
 * custom guides: all of them for a full backup, only those the chosen interviews used for a selection.
 *
 * Import: the whole payload is validated first (`validateBackup`); a backup with any problem writes nothing and the
 * report lists every problem in `refused` with zero counts. A valid one is merged by key with `planMerge` (added when
 * missing, updated when its `updatedAt` is newer, else unchanged; custom guides with a bundled id refused) against
 * the stored rows read inside the same read-write transaction that writes the plan (`InterviewRepository.importBackup`),
 * so the import is all or nothing and no concurrent edit slips in between the comparison and the write.
 */
export function backupHandlers(s: BackgroundServices): BackupHandlers {
  return {
    'data.export': async ({ ids, allGuides: everyGuide }) => {
      const bundles = await s.repo.bundles(ids);
      const allGuides = await s.repo.customGuides();
      const used = new Set(bundles.map((b) => b.interview.guideId));
      const guides = ids && !everyGuide ? allGuides.filter((g) => used.has(g.id)) : allGuides;
      guides.sort((a, b) => a.id.localeCompare(b.id));
      return createBackup(bundles, guides, s.now());
    },

    'data.import': async ({ backup: payload }) => {
      const validated = validateBackup(payload);
      if (!validated.ok) return { added: 0, updated: 0, unchanged: 0, refused: validated.problems };
      const plan = await s.repo.importBackup(validated.backup, s.bundledGuides.map((g) => g.id));

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
