import { i18n } from '#i18n';
import type { SyncStatus } from '../../lib/sync/status';
import type { SyncFormProblem } from '../../stores/sync';
import type { SyncProblem } from '../../lib/sync/errors';

/** The last sync problem in plain words. */
export function problemText(problem: SyncProblem): string {
  switch (problem) {
    case 'wrong-password':
      return i18n.t('sync.problem.wrongPassword');
    case 'no-access':
      return i18n.t('sync.problem.noAccess');
    case 'no-database':
      return i18n.t('sync.problem.noDatabase');
    case 'unreachable':
      return i18n.t('sync.problem.unreachable');
    case 'server-error':
      return i18n.t('sync.problem.serverError');
    case 'refused-documents':
      return i18n.t('sync.problem.refused');
    case 'storage':
      return i18n.t('sync.problem.storage');
    default:
      return i18n.t('sync.problem.unknown');
  }
}

/** Why the settings form was not sent, in plain words. */
export function formProblemText(problem: SyncFormProblem): string {
  switch (problem) {
    case 'insecure':
      return i18n.t('sync.form.insecure');
    case 'has-credentials':
      return i18n.t('sync.form.hasCredentials');
    case 'invalid':
      return i18n.t('sync.form.invalidUrl');
    case 'missing-fields':
      return i18n.t('sync.form.missing');
    default:
      return i18n.t('sync.form.permissionRefused');
  }
}

/** One line saying where sync stands. */
export function stateText(status: SyncStatus): string {
  switch (status.state) {
    case 'off':
      return i18n.t('sync.state.off');
    case 'syncing':
      return i18n.t('sync.state.syncing');
    case 'synced':
      return i18n.t('sync.state.synced');
    default:
      return i18n.t('sync.state.error');
  }
}
