import { buildDebrief, debriefKey, groupForDebrief } from '../../sync/debrief';
import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';
import { SyncSetupError } from '../sync-service';

type SyncHandlers = Pick<Handlers, 'sync.status' | 'sync.enable' | 'sync.disable' | 'sync.now' | 'debrief.list' | 'debrief.get'>;

/** Team sync settings and status, and the debrief built from every interviewer's interviews. */
export function syncHandlers(s: BackgroundServices): SyncHandlers {
  const sync = () => {
    if (!s.sync) throw new HandlerError('unavailable', 'Team sync is not available here');
    return s.sync;
  };
  const ownName = async () => (s.sync ? (await s.sync.status()).displayName : '');
  return {
    'sync.status': () => sync().status(),
    'sync.enable': async (setup) => {
      try {
        return await sync().enable(setup);
      } catch (error) {
        if (error instanceof SyncSetupError) throw new HandlerError('invalid-input', error.problem);
        throw error;
      }
    },
    'sync.disable': () => sync().disable(),
    'sync.now': () => sync().runNow(),
    'debrief.list': async () => groupForDebrief(await s.repo.allInterviews(), await ownName()),
    'debrief.get': async ({ key }) => {
      const ids = (await s.repo.allInterviews()).filter((row) => debriefKey(row) === key).map((row) => row.id);
      if (!ids.length) throw new HandlerError('not-found', `No interviews for ${key}`);
      return buildDebrief(key, await s.repo.bundles(ids), await ownName());
    },
  };
}
