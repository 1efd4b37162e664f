import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { call } from '../lib/protocol/client';
import type { ViewKind } from '../lib/protocol/protocol';

/** Shows whether this view reached the background worker (a `ping` round trip). */
export function BackgroundStatus({ from }: { from: ViewKind }) {
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    call('ping', { from }).then(
      () => setState({ ok: true, text: i18n.t('common.backgroundOk') }),
      (error: unknown) => setState({ ok: false, text: i18n.t('common.backgroundError', [String(error)]) }),
    );
  }, [from]);
  if (!state) return <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>;
  return (
    <p data-testid="background-status" data-ok={state.ok} className={state.ok ? 'text-sm text-emerald-700' : 'text-sm text-red-700'}>
      {state.text}
    </p>
  );
}
