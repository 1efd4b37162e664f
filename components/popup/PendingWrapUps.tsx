import { i18n } from '#i18n';
import { usePopup } from '../../stores/popup';
import { RecordList } from './RecordLink';

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
      <RecordList
        items={pending}
        row={(item) => ({ title: item.candidateName, detail: item.guideTitle, end: <span className="shrink-0 text-xs font-semibold text-indigo-700">{i18n.t('wrapUpPending.open')}</span> })}
        hover="hover:bg-amber-50"
        className="divide-amber-100 rounded-lg border border-amber-200 bg-white"
        testId="pending-wrap-ups"
      />
    </section>
  );
}
