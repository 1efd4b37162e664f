import { useEffect } from 'react';
import { i18n } from '#i18n';
import { usePopup } from '../../stores/popup';
import { useLive } from '../useLive';

/** A small mark in the popup's header when team sync is on: a dot (green up to date, amber busy, red problem). */
export function SyncMark() {
  const status = usePopup((s) => s.syncStatus);
  useEffect(() => {
    void usePopup.getState().loadSyncStatus();
  }, []);
  useLive((event) => {
    if (event.type === 'sync-status') usePopup.setState({ syncStatus: event.status });
  });
  if (!status?.enabled) return null;
  const words =
    status.state === 'error' ? i18n.t('sync.state.error') : status.state === 'synced' ? i18n.t('sync.state.synced') : i18n.t('sync.state.syncing');
  const colour = status.state === 'error' ? 'bg-red-600' : status.state === 'synced' ? 'bg-emerald-600' : 'bg-amber-500';
  const label = i18n.t('sync.popupMark', [words]);
  return (
    <span role="status" title={label} aria-label={label} data-testid="sync-mark" data-state={status.state} className="flex items-center gap-1 text-xs text-slate-600">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${colour}`} />
      {i18n.t('sync.nav')}
    </span>
  );
}
