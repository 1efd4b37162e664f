import { i18n } from '#i18n';
import type { PanelMode } from '../lib/settings';
import type { MessageInput } from '../lib/protocol/protocol';
import type { Fault } from '../lib/client/fault-text';
import type { PanelOverlay } from './panel-overlay';
import type { PanelSession } from './panel-session';
import { errorFault, type PanelContext } from './panel-state';

/**
 * What starting an interview from the panel's form takes: the fields of `interviews.start` the form fills, the
 * stage always chosen (`transcript`: start with it on; the consent step follows in the panel).
 */
export type StartInput = Pick<MessageInput<'interviews.start'>, 'candidateName' | 'guideId' | 'transcript'> & Required<Pick<MessageInput<'interviews.start'>, 'stageId'>>;

/**
 * The panel's actions on the interview and on itself: start, stage switch, end, collapsing or moving the panel,
 * and its UI flags (focused question, help, wrap-up, start form, action error).
 */
export function createActions(ctx: PanelContext, overlay: PanelOverlay, session: PanelSession) {
  const { set, get, deps } = ctx;
  const { updateBundle, currentInterview } = overlay;
  const { tabField, refreshSession, loadGuides } = session;

  return {
    /**
     * Starts an interview on this tab's meeting with a client id (so a retried start is idempotent).
     * @returns the failure (sentence code, issues, technical text), or null when it started.
     */
    async startInterview(input: StartInput): Promise<Fault | null> {
      try {
        await deps.call('interviews.start', { ...input, ...tabField(), candidateRef: '', id: deps.newId() });
        set({ startAnother: false, actionError: null });
        await refreshSession();
        return null;
      } catch (error) {
        return errorFault(error);
      }
    },

    /** Attaches the interview prepared in the popup (`session.planned`) to this call by starting it here. */
    async startPlanned(): Promise<Fault | null> {
      const planned = get().session?.planned;
      if (!planned) return null;
      try {
        await deps.call('interviews.start', {
          ...tabField(),
          id: deps.newId(),
          candidateName: planned.candidateName,
          candidateRef: planned.candidateRef,
          guideId: planned.guideId,
          stageId: planned.currentStageId,
          transcript: planned.transcript?.on ?? false,
        });
        // The planned row stays planned otherwise and would be offered again.
        await deps.call('interviews.delete', { ids: [planned.id] });
        await refreshSession();
        return null;
      } catch (error) {
        return errorFault(error);
      }
    },

    /** Switches the current stage (restarts the stage timer in the background). */
    async switchStage(stageId: string): Promise<void> {
      const bundle = currentInterview();
      if (!bundle || bundle.interview.currentStageId === stageId) return;
      const id = bundle.interview.id;
      updateBundle(id, (b) => ({ ...b, interview: { ...b.interview, currentStageId: stageId } }));
      set({ focusedQuestionId: null });
      try {
        const row = await deps.call('interviews.update', { id, patch: { currentStageId: stageId } });
        updateBundle(id, (b) => ({ ...b, interview: row }));
      } catch (error) {
        set({ actionError: { what: 'stage', fault: errorFault(error) } });
        await refreshSession();
      }
    },

    /**
     * Ends the interview after every queued write landed (a quick retry if the first flush did not clear it).
     * @returns the failure, or null.
     */
    async endInterview(): Promise<Fault | null> {
      const bundle = currentInterview();
      if (!bundle) return null;
      await deps.queue.flush();
      try {
        const row = await deps.call('interviews.end', { id: bundle.interview.id });
        updateBundle(row.id, (b) => ({ ...b, interview: row }));
        set({ wrapUpRequested: false, actionError: null });
        return null;
      } catch (error) {
        return errorFault(error);
      }
    },

    /**
     * "Later" in a wrap-up offered after the call was left by navigation (issue 17): the panel may leave the page,
     * and the interview waits in the popup and the options page. Flushes what was typed first.
     * @returns the failure, or null.
     */
    async putOffWrapUp(): Promise<Fault | null> {
      await deps.queue.flush();
      try {
        await deps.call('calls.laterWrapUp', tabField());
        set({ wrapUpRequested: false });
        return null;
      } catch (error) {
        return errorFault(error);
      }
    },

    /** Asks the content script to collapse or expand the panel's frame; shows the change at once. */
    setCollapsed(collapsed: boolean): void {
      set((s) =>
        s.session?.tab ? { session: { ...s.session, tab: { ...s.session.tab, collapsed } }, helpOpen: collapsed ? false : s.helpOpen } : {},
      );
      if (collapsed) void deps.queue.flush();
      deps.call('panel.command', { ...tabField(), command: collapsed ? 'collapse' : 'expand' }, { retryForMs: 3000 }).catch((error: unknown) => {
        set({ actionError: { what: 'collapse', fault: errorFault(error) } });
      });
    },

    /**
     * Shows this call platform's panel in the browser's side panel or over the call (the per-platform `panelMode`
     * setting; the call tab's content script follows the setting at once). Call it synchronously from the click:
     * going to the side panel opens it first, inside the click's user gesture, unless `opened` says it is the side
     * panel itself asking. When the browser refuses, the setting stays as it was, since the overlay would otherwise
     * vanish with nothing in its place. Writes typed here are flushed before the overlay goes away.
     * @returns an error text, or null when the setting changed.
     */
    async movePanel(mode: PanelMode, options: { opened?: boolean } = {}): Promise<string | null> {
      const tab = get().session?.tab;
      if (!tab) return null;
      const opening = mode === 'sidepanel' && !options.opened ? deps.openSidePanel(tab.tabId) : Promise.resolve(true);
      await deps.queue.flush();
      if (!(await opening)) return i18n.t('sidepanel.openFailed');
      return deps.savePanelMode(tab.platform, mode);
    },

    focusQuestion(questionId: string | null): void {
      set({ focusedQuestionId: questionId });
    },

    setHelpOpen(helpOpen: boolean): void {
      set({ helpOpen });
    },

    requestWrapUp(open: boolean): void {
      set({ wrapUpRequested: open, helpOpen: false });
    },

    showStartForm(open: boolean): void {
      set({ startAnother: open });
      if (open) void loadGuides();
    },

    dismissActionError(): void {
      set({ actionError: null });
    },
  };
}
