import { useState } from 'react';
import { i18n } from '#i18n';
import { hasSidePanel } from '../../lib/client/side-panel';
import { movePanel, usePanel } from '../../stores/panel';
import { Icon, IconButton } from './ui';

/** Where this panel app runs: framed over the call page, or in the browser's side panel / sidebar. */
export type PanelView = 'overlay' | 'sidepanel';

/** Runs `movePanel` from a click and keeps its error text to show. */
function useMove() {
  const [error, setError] = useState<string | null>(null);
  const move = (mode: 'overlay' | 'sidepanel', opened = false) => {
    setError(null);
    // No await before `movePanel`: it opens the side panel inside this click's gesture.
    void movePanel(mode, { opened }).then(setError);
  };
  return { error, move };
}

/**
 * The header button that moves the guide: "Show in side panel" over the call (where the browser has one),
 * "Show over the call" in the side panel. Failures land in the panel's problem banner.
 */
export function MoveButton({ view }: { view: PanelView }) {
  if (view === 'overlay' && !hasSidePanel()) return null;
  const toSidePanel = view === 'overlay';
  return (
    <IconButton
      label={toSidePanel ? i18n.t('sidepanel.showInSidePanel') : i18n.t('sidepanel.showOverCall')}
      icon={toSidePanel ? 'sidebar' : 'overlay'}
      onClick={() => {
        void movePanel(toSidePanel ? 'sidepanel' : 'overlay', { opened: !toSidePanel }).then(
          (error) => error && usePanel.setState({ actionError: { text: error } }),
        );
      }}
    />
  );
}

/**
 * The collapsed handle while the interviewer presents: says so and offers the side panel in one click,
 * beside the usual expand button. Fits the 44 px handle (two short lines).
 */
export function PresentingHandle({ onExpand }: { onExpand: () => void }) {
  const { error, move } = useMove();
  return (
    <div className="flex h-full w-full items-center gap-1 bg-amber-50 pl-2.5 pr-1" data-testid="presenting-prompt" title={error ?? i18n.t('sidepanel.presentingHint')}>
      <button
        type="button"
        onClick={() => move('sidepanel')}
        aria-label={i18n.t('sidepanel.presentingHint')}
        className="min-w-0 flex-1 text-left"
      >
        <span className="block truncate text-[12px] font-semibold leading-4 text-amber-950">{i18n.t('sidepanel.presenting')}</span>
        <span className={`block truncate text-[11px] leading-4 underline ${error ? 'text-red-800' : 'text-indigo-800'}`}>
          {error ?? i18n.t('sidepanel.presentingMove')}
        </span>
      </button>
      <button
        type="button"
        onClick={onExpand}
        aria-label={i18n.t('panel.expand')}
        aria-expanded="false"
        className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded text-slate-700 hover:bg-amber-100"
      >
        <Icon name="chevron-left" />
      </button>
    </div>
  );
}

/** The side panel on a tab without a call: says what to do. */
export function NoCall() {
  return (
    <div className="flex h-screen flex-col items-center justify-center gap-2 p-6 text-center" data-testid="sidepanel-empty">
      <Icon name="sidebar" className="h-8 w-8 text-slate-400" />
      <h1 className="text-sm font-semibold text-slate-900">{i18n.t('sidepanel.noCall')}</h1>
      <p className="text-sm text-slate-600">{i18n.t('sidepanel.noCallHint')}</p>
    </div>
  );
}

/** The side panel on a call whose platform shows the guide over the call: offers to move it here. */
export function OverlayModeNotice() {
  const { error, move } = useMove();
  return (
    <div className="flex h-screen flex-col items-center justify-center gap-3 p-6 text-center" data-testid="sidepanel-overlay-mode">
      <Icon name="overlay" className="h-8 w-8 text-slate-400" />
      <p className="text-sm font-medium text-slate-900">{i18n.t('sidepanel.overlayMode')}</p>
      <p className="text-sm text-slate-600">{i18n.t('sidepanel.overlayModeHint')}</p>
      <button
        type="button"
        onClick={() => move('sidepanel', true)}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
      >
        {i18n.t('sidepanel.showHere')}
      </button>
      {error ? (
        <p role="alert" className="text-xs text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
