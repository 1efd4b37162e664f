import { Field, Input } from '../ui/Field';
import { i18n } from '#i18n';
import { useLiveLoad } from '../useLiveLoad';
import { syncStore, useSync, type SyncForm } from '../../stores/sync';
import { formProblemText, problemText, stateText } from './sync-text';
import { Button, Card, formatWhen } from './ui';
import { FaultDetails, FaultNotice } from '../ui/FaultNotice';

/** One setting of the sync form; the server and database cannot change while sync is on (turn it off first). */
function SyncField({ field, label, type = 'text', hint, autoComplete }: { field: keyof SyncForm; label: string; type?: string; hint?: string; autoComplete?: string }) {
  const value = useSync((s) => s.form[field]);
  const enabled = useSync((s) => s.status?.enabled ?? false);
  return (
    <Field look="page" label={label} hint={hint}>
      <Input
        type={type}
        value={value}
        autoComplete={autoComplete}
        disabled={enabled && field !== 'displayName' && field !== 'password'}
        onChange={(e) => syncStore.getState().setField(field, e.target.value)}
        className="w-full max-w-md"
      />
    </Field>
  );
}

/** Team sync's status: state, last synced, items waiting, the last problem in plain words. */
export function SyncStatusPanel() {
  const status = useSync((s) => s.status);
  if (!status) return <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>;
  return (
    <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="sync-status" data-state={status.state} data-problem={status.problem ?? ''}>
      <dt className="font-medium text-slate-700">{i18n.t('sync.status.state')}</dt>
      <dd>{stateText(status)}</dd>
      {status.enabled && (
        <>
          <dt className="font-medium text-slate-700">{i18n.t('sync.status.server')}</dt>
          <dd className="break-all">{`${status.serverUrl} · ${status.database} · ${status.username}`}</dd>
          <dt className="font-medium text-slate-700">{i18n.t('sync.status.lastSynced')}</dt>
          <dd>{status.lastSyncedAt ? formatWhen(status.lastSyncedAt) : i18n.t('sync.status.never')}</dd>
          <dt className="font-medium text-slate-700">{i18n.t('sync.status.waiting')}</dt>
          <dd data-testid="sync-waiting">{String(status.waiting)}</dd>
        </>
      )}
      {status.problem && (
        <>
          <dt className="font-medium text-red-800">{i18n.t('sync.status.problem')}</dt>
          <dd role="alert" className="text-red-800" data-testid="sync-problem">
            <p>{problemText(status.problem)}</p>
            {/* The server's or browser's own words are for support: behind a closed toggle (issue 12, item 6). */}
            <FaultDetails text={status.detail} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** Settings → Team sync: the server, database and account, turning sync on and off, and its status. */
export function TeamSyncView() {
  const status = useSync((s) => s.status);
  const busy = useSync((s) => s.busy);
  const formProblem = useSync((s) => s.formProblem);
  const error = useSync((s) => s.error);
  const failure = useSync((s) => (s.failure?.what === 'debrief' ? null : s.failure));
  useLiveLoad(
    () => void syncStore.getState().load(),
    (event) => {
      if (event.type === 'sync-status') syncStore.getState().setStatus(event.status);
    },
  );
  const enabled = status?.enabled ?? false;
  return (
    <div className="flex flex-col gap-4">
      <Card title={i18n.t('sync.form.title')} titleId="team-sync-title">
        <p className="mb-3 max-w-2xl text-sm text-slate-700">{i18n.t('sync.intro')}</p>
        <form
          aria-labelledby="team-sync-title"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void syncStore.getState().enable();
          }}
        >
          <SyncField field="serverUrl" label={i18n.t('sync.form.serverUrl')} type="url" hint={i18n.t('sync.form.serverUrlHint')} />
          <SyncField field="database" label={i18n.t('sync.form.database')} hint={i18n.t('sync.form.databaseHint')} />
          <SyncField field="username" label={i18n.t('sync.form.username')} autoComplete="username" />
          <SyncField field="password" label={i18n.t('sync.form.password')} type="password" autoComplete="current-password" hint={enabled ? i18n.t('sync.form.passwordKeptHint') : i18n.t('sync.form.passwordHint')} />
          <SyncField field="displayName" label={i18n.t('sync.form.displayName')} hint={i18n.t('sync.form.displayNameHint')} />
          {formProblem && (
            <div role="alert" className="text-sm text-red-800" data-testid="sync-form-problem">
              <p>{formProblemText(formProblem)}</p>
              <FaultDetails text={error} />
            </div>
          )}
          {failure && <FaultNotice className="text-sm text-red-800" what={i18n.t(`faults.actions.${failure.what}`)} fault={failure.fault} />}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" tone="primary" disabled={busy}>
              {enabled ? i18n.t('sync.form.save') : i18n.t('sync.form.turnOn')}
            </Button>
            {enabled && (
              <>
                <Button onClick={() => void syncStore.getState().syncNow()} disabled={busy}>
                  {i18n.t('sync.form.syncNow')}
                </Button>
                <Button tone="danger" onClick={() => void syncStore.getState().disable()} disabled={busy}>
                  {i18n.t('sync.form.turnOff')}
                </Button>
              </>
            )}
          </div>
        </form>
      </Card>
      <Card title={i18n.t('sync.status.title')} titleId="team-sync-status-title">
        <SyncStatusPanel />
      </Card>
    </div>
  );
}
