import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { usePopup } from '../../stores/popup';
import { interviewRecordUrl } from './RecentInterviews';
import { ChevronIcon } from './icons';

/**
 * Running interviews whose call is over (left by navigation, tab closed): each opens its record in the options
 * page, where the recommendation is given and the interview ended (issue 17). Absent when there is none.
 */
export function PendingWrapUps() {
  const pending = usePopup((s) => s.pendingWrapUps);
  if (pending.length === 0) return null;
  const open = async (id: string) => {
    await browser.tabs.create({ url: interviewRecordUrl(id) });
    window.close();
  };
  return (
    <section aria-labelledby="pending-wrap-ups" className="space-y-1.5 rounded-xl border border-amber-200 bg-amber-50 p-2.5">
      <h2 id="pending-wrap-ups" className="text-sm font-semibold text-amber-950">
        {i18n.t('wrapUpPending.heading')}
      </h2>
      <p className="text-xs text-amber-900">{i18n.t('wrapUpPending.hint')}</p>
      <ul className="divide-y divide-amber-100 overflow-hidden rounded-lg border border-amber-200 bg-white" data-testid="pending-wrap-ups">
        {pending.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => void open(item.id)}
              className="group flex w-full items-center gap-2.5 px-3 py-2 text-left hover:bg-amber-50 focus-visible:-outline-offset-2"
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-slate-900">{item.candidateName}</span>
                <span className="block truncate text-xs text-slate-500">{item.guideTitle}</span>
              </span>
              <span className="shrink-0 text-xs font-semibold text-indigo-700">{i18n.t('wrapUpPending.open')}</span>
              <span className="shrink-0 text-slate-300 group-hover:text-slate-500">
                <ChevronIcon />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
