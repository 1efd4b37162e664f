import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { ratingLabel, RATING_STYLES } from '../ui/rating';
import { usePopup } from '../../stores/popup';
import { formatWhen, interviewStateLabel } from './labels';
import { RecordList } from './RecordLink';

const STATE_STYLES = {
  planned: 'bg-amber-100 text-amber-900',
  active: 'bg-emerald-100 text-emerald-800',
  ended: 'bg-slate-100 text-slate-600',
} as const;

/** The last five interviews, newest first; each opens its record in the options page. */
export function RecentInterviews() {
  const recent = usePopup((s) => s.recent);
  const locale = browser.i18n.getUILanguage();
  const now = Date.now();
  return (
    <section aria-labelledby="recent" className="space-y-1.5">
      <h2 id="recent" className="text-sm font-semibold text-slate-900">
        {i18n.t('popup.recent')}
      </h2>
      {recent.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-200 px-3 py-3 text-center text-xs text-slate-500">{i18n.t('popup.noRecent')}</p>
      ) : (
        <RecordList
          items={recent}
          row={(item) => ({
            title: (
              <>
                <span className="sr-only">{i18n.t('popup.openRecord')} </span>
                {item.candidateName}
              </>
            ),
            detail: `${item.guideTitle} · ${formatWhen(item.startedAt ?? item.createdAt, now, locale)}`,
            end: item.recommendation ? (
              <span className={`shrink-0 rounded-full border px-1.5 text-[10px] font-semibold ${RATING_STYLES[item.recommendation]}`}>{ratingLabel(item.recommendation)}</span>
            ) : (
              <span className={`shrink-0 rounded-full px-1.5 text-[10px] font-semibold ${STATE_STYLES[item.state]}`}>{interviewStateLabel(item.state)}</span>
            ),
          })}
          hover="hover:bg-slate-50"
          className="divide-slate-100 rounded-xl border border-slate-200"
          testId="recent-interviews"
        />
      )}
    </section>
  );
}
