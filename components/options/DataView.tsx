import { useCallback, useEffect, useState } from 'react';
import { i18n } from '#i18n';
import type { DetectionEvent, StorageInfo } from '../../lib/protocol/protocol';
import { useOptions } from '../../stores/options';
import { ExportButtons } from './exports';
import { platformName } from '../../lib/format';
import { callStateLabel } from '../ui/call-state';
import { Field, Input } from '../ui/Field';
import { Button, Card, failed, formatBytes, formatWhen, OutcomeStatus, Stack, Table, type Outcome } from './ui';

let persistAsked = false;
/** Asks once per page load for persistent storage, so the browser does not evict the interviews under pressure. */
async function askPersistence(): Promise<void> {
  if (persistAsked) return;
  persistAsked = true;
  await navigator.storage?.persist?.().catch(() => false);
}

function StorageCard() {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [error, setError] = useState<Outcome | null>(null);
  useEffect(() => {
    void askPersistence()
      .then(() => useOptions.getState().storageInfo())
      .then(setInfo, (e: unknown) => setError(failed('storageInfo', e)));
  }, []);
  return (
    <Card title={i18n.t('options.data.storage')} titleId="storage-title">
      <OutcomeStatus outcome={error} />
      {info ? (
        <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="storage-info">
          <dt className="text-slate-600">{i18n.t('options.data.used')}</dt>
          <dd className="font-medium tabular-nums">{formatBytes(info.usageBytes)}</dd>
          <dt className="text-slate-600">{i18n.t('options.data.quota')}</dt>
          <dd className="font-medium tabular-nums">{formatBytes(info.quotaBytes)}</dd>
          <dt className="text-slate-600">{i18n.t('options.data.persistent')}</dt>
          <dd className="font-medium">
            {info.persisted === null
              ? i18n.t('options.data.unknown')
              : info.persisted
                ? i18n.t('options.data.persistentYes')
                : i18n.t('options.data.persistentNo')}
          </dd>
        </dl>
      ) : (
        !error && <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>
      )}
      <div className="mt-4">
        <ExportButtons label={i18n.t('options.data.exportAll')} />
      </div>
    </Card>
  );
}

function WipeCard() {
  const word = i18n.t('options.data.wipeWord');
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Outcome | null>(null);
  const wipe = async () => {
    try {
      // The UI asks for the word in the reader's language; the protocol's safety literal is always DELETE.
      const deleted = await useOptions.getState().wipeAll();
      setTyped('');
      setStatus({ ok: true, text: i18n.t('options.data.wiped', [deleted]) });
    } catch (e) {
      setStatus(failed('wipe', e));
    }
  };
  return (
    <Card title={i18n.t('options.data.wipe')} titleId="wipe-title">
      <p className="mb-3 text-sm text-slate-700">{i18n.t('options.data.wipeHelp')}</p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim() === word) void wipe();
        }}
      >
        <Field look="page" id="wipe-confirm" label={i18n.t('options.data.wipePrompt', [word])}>
          <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className="w-48 font-mono" />
        </Field>
        <Button type="submit" tone="danger" disabled={typed.trim() !== word}>
          {i18n.t('options.data.wipeButton')}
        </Button>
      </form>
      <OutcomeStatus outcome={status} className="mt-2" />
    </Card>
  );
}

function DiagnosticsCard() {
  const [events, setEvents] = useState<DetectionEvent[] | null>(null);
  const [error, setError] = useState<Outcome | null>(null);
  const load = useCallback(() => {
    useOptions.getState().diagnostics().then(
      (e) => {
        setEvents(e);
        setError(null);
      },
      (e: unknown) => setError(failed('diagnostics', e)),
    );
  }, []);
  useEffect(load, [load]);
  return (
    <Card title={i18n.t('options.data.diagnostics')} titleId="diagnostics-title" actions={<Button onClick={load}>{i18n.t('options.data.refresh')}</Button>}>
      <p className="mb-3 text-sm text-slate-600">{i18n.t('options.data.diagnosticsHelp')}</p>
      <OutcomeStatus outcome={error} />
      {events && events.length === 0 && <p className="text-sm text-slate-600">{i18n.t('options.data.noDiagnostics')}</p>}
      {events && events.length > 0 && (
        <div className="max-h-96 overflow-auto">
          <Table
            caption={i18n.t('options.data.diagnostics')}
            columns={[i18n.t('options.data.when'), i18n.t('options.data.platform'), i18n.t('options.data.state'), i18n.t('options.data.address'), i18n.t('options.data.problem')]}
            pad="pr-3"
          >
            {events.map((e, i) => (
              <tr key={i} className="border-b border-slate-100 align-top">
                <td className="py-1 pr-3 whitespace-nowrap tabular-nums">{formatWhen(e.at)}</td>
                <td className="py-1 pr-3">{platformName(e.platform)}</td>
                <td className="py-1 pr-3">{callStateLabel(e.state)}</td>
                <td className="max-w-xs truncate py-1 pr-3 font-mono text-xs" title={e.url}>{e.url}</td>
                <td className="py-1 text-amber-800">{e.problem ?? ''}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </Card>
  );
}

/** Data: storage used and persistence, export all, delete everything, call-detection diagnostics. */
export function DataView() {
  return (
    <Stack>
      <StorageCard />
      <WipeCard />
      <DiagnosticsCard />
    </Stack>
  );
}
