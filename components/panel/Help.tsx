import { useEffect, useRef } from 'react';
import { i18n } from '#i18n';
import { setHelpOpen, usePanel } from '../../stores/panel';
import { GuideTips } from '../ui/GuideTips';
import { IconButton } from './ui';

const ROWS: [string, () => string][] = [
  ['j / ↓', () => i18n.t('panel.help.next')],
  ['k / ↑', () => i18n.t('panel.help.previous')],
  ['a', () => i18n.t('panel.help.asked')],
  ['u', () => i18n.t('suggest.undoKey')],
  ['1 – 4', () => i18n.t('panel.help.rate')],
  ['n', () => i18n.t('panel.help.notes')],
  ['Enter', () => i18n.t('panel.help.enter')],
  ['Alt+Enter', () => i18n.t('panel.help.altEnter')],
  ['Esc', () => i18n.t('panel.help.escape')],
  ['?', () => i18n.t('panel.help.helpKey')],
];

/** The list of in-panel keys and the guide's interview tips, as a modal dialog over the drawer. */
export function Help() {
  const ref = useRef<HTMLDivElement | null>(null);
  // The running interview's guide tips: advice worth a glance mid-interview and at the wrap-up (issue 12, item 4).
  const tips = usePanel((s) => s.session?.interview?.guide.tips ?? null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="absolute inset-0 z-20 flex items-start justify-center bg-slate-900/30 p-3" onClick={() => setHelpOpen(false)}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-heading"
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        className="w-full rounded-lg border border-slate-200 bg-white p-3 shadow-xl outline-none"
      >
        <div className="mb-2 flex items-center justify-between">
          <h2 id="help-heading" className="text-sm font-semibold text-slate-900">
            {i18n.t('panel.help.heading')}
          </h2>
          <IconButton label={i18n.t('panel.help.close')} icon="close" onClick={() => setHelpOpen(false)} />
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          {ROWS.map(([key, text]) => (
            <div key={key} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-800">{key}</kbd>
              </dt>
              <dd className="text-slate-700">{text()}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-600">{i18n.t('panel.help.typing')}</p>
        <p className="mt-1 text-xs text-slate-600">{i18n.t('panel.help.global')}</p>
        {tips ? <GuideTips tips={tips} open className="mt-2" /> : null}
      </div>
    </div>
  );
}
