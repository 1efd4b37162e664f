import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';

type DataHandlers = Pick<Handlers, 'data.storage' | 'data.wipe' | 'data.retention'>;

/** Storage figures, deleting everything, and the retention rule. */
export function dataHandlers(s: BackgroundServices): DataHandlers {
  return {
    'data.storage': () => s.storageInfo(),
    'data.wipe': async ({ confirm }) => {
      if (confirm !== 'DELETE') throw new HandlerError('invalid-input', 'Confirmation word does not match');
      const deleted = await s.repo.wipe();
      // Everything on this profile is gone, including the team sync settings and mirror (the server keeps its copy).
      await s.sync?.disable();
      s.live.broadcast({ type: 'interviews-changed' });
      s.live.broadcast({ type: 'guides-changed' });
      return { deleted };
    },
    'data.retention': async () => {
      const { retentionDays } = await s.settings();
      if (retentionDays === null) return { deleted: 0 };
      const deleted = await s.repo.applyRetention(retentionDays);
      if (deleted) s.live.broadcast({ type: 'interviews-changed' });
      return { deleted };
    },
  };
}
