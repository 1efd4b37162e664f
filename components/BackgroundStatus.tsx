import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { toFault, type Fault } from '../lib/client/fault-text';
import { FaultNotice } from './ui/FaultNotice';

/** Whether a view reached the background worker: `checking` until its `ping` round trip ends. */
export type BackgroundReach = 'checking' | 'ok' | 'failed';

/**
 * Checks that this view reaches the background worker (a `ping` round trip) and says so only when it does not:
 * a working connection means nothing to an interviewer, so nothing is shown then (issue 12, item 6).
 * @param ping the view store's `ping` round trip.
 * @param onResult told once the round trip ended (`ok` or `failed`), e.g. to mark the page ready.
 */
export function BackgroundStatus({ ping, onResult }: { ping: () => Promise<unknown>; onResult?: (reach: Exclude<BackgroundReach, 'checking'>) => void }) {
  const [problem, setProblem] = useState<Fault | null>(null);
  useEffect(() => {
    let live = true;
    ping().then(
      () => {
        if (live) onResult?.('ok');
      },
      (error: unknown) => {
        if (!live) return;
        setProblem(toFault(error));
        onResult?.('failed');
      },
    );
    return () => {
      live = false;
    };
    // onResult is a notification: a new function identity must not ping again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ping]);
  if (problem === null) return null;
  return (
    <div data-testid="background-status" data-ok="false">
      <FaultNotice what={i18n.t('faults.actions.reach')} fault={problem} className="text-sm text-red-700" />
    </div>
  );
}
