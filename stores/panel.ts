import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { browser } from 'wxt/browser';
import { createJournal } from '../lib/client/journal';
import { i18n } from '#i18n';
import { faultMessage } from '../lib/client/fault-text';
import { createSaveQueue, type SaveQueue } from '../lib/client/save-queue';
import { openSidePanel } from '../lib/client/side-panel';
import type { Platform } from '../lib/db/records';
import { call } from '../lib/protocol/client';
import type { PanelMode } from '../lib/settings';
import { createActions } from './panel-actions';
import { createNotes } from './panel-notes';
import { createFieldWrites, createOverlay } from './panel-overlay';
import { createSession } from './panel-session';
import { initialPanelState, MAX_WAIT_MS, type PanelContext, type PanelDeps, type PanelState } from './panel-state';
import { useSettings } from './settings';

export { hasLocal, keys, MAX_WAIT_MS, noteEntries, saveStatus, shown, storedValue } from './panel-state';
export type { LocalNote, NoteDraft, PanelDeps, PanelState } from './panel-state';
export type { StartInput } from './panel-actions';

/**
 * The in-call panel's store: one factory over injected dependencies, as the popup's (`stores/popup.ts`). Its
 * concerns live apart: the state and its pure readers (`panel-state.ts`), the optimistic overlay and field writes
 * (`panel-overlay.ts`), free notes (`panel-notes.ts`), the session, tab targeting and live events
 * (`panel-session.ts`), and the interview and panel actions (`panel-actions.ts`).
 */
export interface PanelActions
  extends ReturnType<typeof createFieldWrites>,
    ReturnType<typeof createNotes>,
    Omit<ReturnType<typeof createSession>, 'tabField'>,
    ReturnType<typeof createActions> {
  /** The save queue every write goes through (for `flushOnLeave`). */
  queue: SaveQueue;
  /** Stops following the save queue (a store that is thrown away, e.g. in tests). */
  dispose(): void;
}

/** The panel store's state and actions. */
export type PanelStore = PanelState & PanelActions;

/** Creates a panel store over the given dependencies (tests pass fakes; the panel uses `usePanel`). */
export function createPanelStore(deps: PanelDeps): UseBoundStore<StoreApi<PanelStore>> {
  return create<PanelStore>()((set, get) => {
    const ctx: PanelContext = { set, get, deps };
    const overlay = createOverlay(ctx);
    const session = createSession(ctx, overlay, (at) => notes.requestNoteAt(at));
    const actions = createActions(ctx, overlay, session);
    const notes = createNotes(ctx, overlay, () => actions.setCollapsed(false));
    const { tabField: _tabField, ...sessionActions } = session;
    return {
      ...initialPanelState,
      ...createFieldWrites(ctx, overlay),
      ...notes,
      ...sessionActions,
      ...actions,
      // What is in the Notes box when the interview ends is entered as a note, so the scorecard has it (issue 17).
      endInterview: () => {
        notes.commitNote();
        return actions.endInterview();
      },
      queue: deps.queue,
      dispose: overlay.dispose,
    };
  });
}

/**
 * Saves where the panel shows on a platform in the settings store.
 * @returns the failure in one sentence for the interviewer ("The setting was not saved: …"), or null.
 */
export async function savePanelModeSetting(platform: Platform, mode: PanelMode): Promise<string | null> {
  const settings = useSettings.getState();
  await settings.update({ panelMode: { ...settings.settings.panelMode, [platform]: mode } });
  const error = useSettings.getState().error;
  return error ? faultMessage(i18n.t('faults.actions.settingsSave'), error) : null;
}

/** The panel's store, wired to the background protocol, extension storage and the settings store. */
export const usePanel = createPanelStore({
  call,
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  stampEarlierSeconds: () => useSettings.getState().settings.stampEarlierSeconds,
  // Journaled in extension storage until committed, so a reload right after typing loses nothing.
  queue: createSaveQueue({ debounceMs: 250, maxWaitMs: MAX_WAIT_MS, journal: createJournal(browser.storage.local) }),
  openSidePanel,
  savePanelMode: savePanelModeSetting,
});

/** The panel's actions, bound to `usePanel` (stable functions, so components call them directly). */
export const {
  setTargetTab,
  refreshSession,
  loadGuides,
  handleLiveEvent,
  requestNoteAt,
  setCollapsed,
  movePanel,
  startInterview,
  startPlanned,
  switchStage,
  setAsked,
  setRating,
  setQuestionNote,
  setCriterionRating,
  setCriterionNote,
  setFlagChecked,
  setFlagNote,
  setSummary,
  setRecommendation,
  typeNote,
  commitNote,
  editNote,
  deleteNote,
  endInterview,
  putOffWrapUp,
  focusQuestion,
  setHelpOpen,
  requestWrapUp,
  showStartForm,
  dismissActionError,
} = usePanel.getState();
