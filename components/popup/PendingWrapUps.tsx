import { i18n } from '#i18n';
import { usePopup } from '../../stores/popup';
import { RecordLink } from './RecordLink';

/**
 * Running interviews whose call is over (left by navigation, tab closed): each opens its record in the options
 * page, where the recommendation is given and the interview ended (issue 17). Absent when there is none.
 */
export function PendingWrapUps() {
  const pending = usePopup((s) => s.pendingWrapUps);
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="pending-wrap-ups" className="space-y-1.5 rounded-xl border border-amber-200 bg-amber-50 p-2.5">
      <h2 id="pending-wrap-ups" className="text-sm font-semibold text-amber-950">
        {i18n.t('wrapUpPending.heading')}
      </h2>
      <p className="text-xs text-amber-900">{i18n.t('wrapUpPending.hint')}</p>
      <ul className="divide-y divide-amber-100 overflow-hidden rounded-lg border border-amber-200 bg-white" data-testid="pending-wrap-ups">
        {pending.map((item) => (
          <li key={item.id}>
            <RecordLink
              id={item.id}
              title={item.candidateName}
              detail={item.guideTitle}
              end={<span className="shrink-0 text-xs font-semibold text-indigo-700">{i18n.t('wrapUpPending.open')}</span>}
              hover="hover:bg-amber-50"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
