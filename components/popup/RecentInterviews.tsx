import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { ratingLabel, RATING_STYLES } from '../ui/rating';
import { usePopup } from '../../stores/popup';
import { formatWhen, interviewStateLabel } from './labels';
import { ChevronIcon } from './icons';

const STATE_STYLES = {
  planned: 'bg-amber-100 text-amber-900',
  active: 'bg-emerald-100 text-emerald-800',
  ended: 'bg-slate-100 text-slate-600',
} as const;

/** The options page's address of an interview record (the options page routes on this hash). */
export function interviewRecordUrl(id: string): string {
  return browser.runtime.getURL(`/options.html#/interviews/${encodeURIComponent(id)}` as '/options.html');
}

/** The last five interviews, newest first; each opens its record in the options page. */
export function RecentInterviews() {
  const recent = usePopup((s) => s.recent);
  const locale = browser.i18n.getUILanguage();
  const now = Date.now();
  const open = async (id: string) => {
    await browser.tabs.create({ url: interviewRecordUrl(id) });
    window.close();
  };
  return (
    <section aria-labelledby="recent" className="space-y-1.5">
      <h2 id="recent" className="text-sm font-semibold text-slate-900">
        {i18n.t('popup.recent')}
      </h2>
      {recent.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-200 px-3 py-3 text-center text-xs text-slate-500">{i18n.t('popup.noRecent')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200" data-testid="recent-interviews">
          {recent.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => void open(item.id)}
                className="group flex w-full items-center gap-2.5 px-3 py-2 text-left hover:bg-slate-50 focus-visible:-outline-offset-2"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">
                    <span className="sr-only">{i18n.t('popup.openRecord')} </span>
                    {item.candidateName}
                  </span>
                  <span className="block truncate text-xs text-slate-500">
                    {item.guideTitle} · {formatWhen(item.startedAt ?? item.createdAt, now, locale)}
                  </span>
                </span>
                {item.recommendation ? (
                  <span className={`shrink-0 rounded-full border px-1.5 text-[10px] font-semibold ${RATING_STYLES[item.recommendation]}`}>
                    {ratingLabel(item.recommendation)}
                  </span>
                ) : (
                  <span className={`shrink-0 rounded-full px-1.5 text-[10px] font-semibold ${STATE_STYLES[item.state]}`}>
                    {interviewStateLabel(item.state)}
                  </span>
                )}
                <span className="shrink-0 text-slate-300 group-hover:text-slate-500">
                  <ChevronIcon />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
