import type { LiveEvent, SessionInfo } from '../lib/protocol/protocol';
import type { PanelOverlay } from './panel-overlay';
import { draftFromBundle, errorFault, type NoteDraft, type PanelContext, type PanelState } from './panel-state';

/**
 * The Notes box's draft when the panel shows another interview (issue 17): the draft that interview had (saved as
 * typed, so given back after a reload), or, coming from no interview, the box's own (the add-note shortcut's).
 */
function shownDraft(s: PanelState, session: SessionInfo): NoteDraft | null {
  const saved = draftFromBundle(session.interview);
  return s.session?.interview ? saved : (s.draft ?? saved);
}

/**
 * The panel's session: which call tab it shows, reading that tab's session (and the guides for the start form),
 * and following the background's live events. `onAddNote` is called for the add-note shortcut's event.
 */
export function createSession(ctx: PanelContext, overlay: PanelOverlay, onAddNote: (at: number) => void) {
  const { set, get, deps } = ctx;

  /** The `tabId` field for messages about the panel's tab: omitted for the overlay (the background uses the sender's). */
  function tabField(): { tabId?: number } {
    const target = get().targetTabId;
    return typeof target === 'number' ? { tabId: target } : {};
  }

  /** Reads the role guides for the start form. */
  async function loadGuides(): Promise<void> {
    try {
      const guides = await deps.call('guides.list', {});
      set({ guides });
    } catch (error) {
      set({ actionError: { what: 'guides', fault: errorFault(error) } });
    }
  }

  /** Re-reads the tab's session (and the guides when the start form needs them). Never throws. */
  async function refreshSession(): Promise<void> {
    const requestedAt = deps.now();
    const target = get().targetTabId;
    if (target === null) return;
    try {
      const session = await deps.call('session.get', tabField());
      // The side panel moved to another tab meanwhile: this answer is about the old one.
      if (get().targetTabId !== target) return;
      set((s) => {
        const localNotes = { ...s.localNotes };
        for (const note of session.interview?.notes ?? []) delete localNotes[note.id];
        const sameInterview = s.session?.interview?.interview.id === session.interview?.interview.id;
        return {
          session,
          status: 'ready',
          loadError: null,
          localNotes,
          local: overlay.settleLocal(s, session, requestedAt),
          ...(sameInterview ? {} : { wrapUpRequested: false, focusedQuestionId: null, draft: shownDraft(s, session) }),
        };
      });
      if (!session.interview || session.interview.interview.state === 'ended') await loadGuides();
    } catch (error) {
      if (get().targetTabId !== target) return;
      set((s) => ({ status: s.session ? 'ready' : 'error', loadError: errorFault(error) }));
    }
  }

  return {
    tabField,
    loadGuides,
    refreshSession,

    /**
     * Points the panel at another call tab (the side panel following the active tab): flushes what was typed for
     * the previous one, forgets its session, and reads the new tab's. `null` shows the "no tab" state.
     */
    async setTargetTab(tabId: number | null): Promise<void> {
      const s = get();
      if (s.targetTabId === tabId && s.status !== 'loading') return;
      void deps.queue.flush();
      set({
        targetTabId: tabId,
        session: null,
        status: tabId === null ? 'ready' : 'loading',
        loadError: null,
        local: {},
        draft: null,
        localNotes: {},
        focusedQuestionId: null,
        wrapUpRequested: false,
        startAnother: false,
        actionError: null,
      });
      if (tabId === null) {
        set({ session: { tab: null, interview: null, planned: null } });
        return;
      }
      await refreshSession();
    },

    /** Reacts to a live event: re-reads the session when it concerns this tab or its interview. */
    handleLiveEvent(event: LiveEvent): void {
      const s = get();
      const tabId = s.session?.tab?.tabId ?? (typeof s.targetTabId === 'number' ? s.targetTabId : null);
      const interviewId = s.session?.interview?.interview.id ?? null;
      switch (event.type) {
        case 'interview-changed':
          if (interviewId === null || event.interviewId === interviewId || !s.session?.interview) void refreshSession();
          return;
        case 'tab-changed':
          if (tabId === null || event.tabId === tabId) void refreshSession();
          return;
        case 'guides-changed':
          if (!s.session?.interview) void loadGuides();
          return;
        case 'panel-command':
          if (tabId !== null && event.tabId === tabId && event.command === 'add-note') onAddNote(event.at);
          return;
        case 'storage-error':
          // A question heard in the transcript could not be marked as asked: a write of the background failed.
          set({ actionError: { what: 'autoMark', fault: { code: 'storage-failed', details: event.message, issues: [] } } });
          return;
        case 'interviews-changed':
          return;
      }
    },
  };
}

/** The session concern of a panel store (see `createSession`). */
export type PanelSession = ReturnType<typeof createSession>;
