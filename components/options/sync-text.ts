import type { SyncStatus } from '../../lib/sync/status';
import type { SyncFormProblem } from '../../stores/sync';
import type { SyncProblem } from '../../lib/sync/errors';
import { labelMap } from '../../lib/labels';

/** The last sync problem in plain words. */
export const problemText = labelMap<SyncProblem>({
  'wrong-password': 'sync.problem.wrongPassword',
  'no-access': 'sync.problem.noAccess',
  'no-database': 'sync.problem.noDatabase',
  unreachable: 'sync.problem.unreachable',
  'server-error': 'sync.problem.serverError',
  'refused-documents': 'sync.problem.refused',
  storage: 'sync.problem.storage',
  unknown: 'sync.problem.unknown',
});

/** Why the settings form was not sent, in plain words. */
export const formProblemText = labelMap<SyncFormProblem>({
  insecure: 'sync.form.insecure',
  'has-credentials': 'sync.form.hasCredentials',
  invalid: 'sync.form.invalidUrl',
  'missing-fields': 'sync.form.missing',
  'permission-refused': 'sync.form.permissionRefused',
});

const STATE_TEXT = labelMap<SyncStatus['state']>({
  off: 'sync.state.off',
  syncing: 'sync.state.syncing',
  synced: 'sync.state.synced',
  error: 'sync.state.error',
});

/** One line saying where sync stands. */
export function stateText(status: SyncStatus): string {
  return STATE_TEXT(status.state);
}
