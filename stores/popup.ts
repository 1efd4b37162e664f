import { toFault, type Fault } from '../lib/client/fault-text';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { GuideSummary } from '../lib/guides/schema';
import { defaultGuideChoice } from '../lib/guides/default-choice';
import type { InterviewSummary, Platform } from '../lib/db/records';
import { openSidePanel } from '../lib/client/side-panel';
import type { PanelMode } from '../lib/settings';
import { call as protocolCall, type ProtocolCaller } from '../lib/protocol/client';
import type { MessageInput, SessionInfo, TabCallInfo } from '../lib/protocol/protocol';
import type { SyncStatus } from '../lib/sync/status';
import { hydrateSettings, useSettings } from './settings';

/** How the popup reaches the background: `call` from lib/protocol/client.ts, or a fake in tests. */
export type PopupCaller = ProtocolCaller;

/** What the popup store needs from the outside world; passed in so that unit tests drive it without a browser. */
export interface PopupDeps {
  call: PopupCaller;
  /** Resolves once the settings are read from storage (no flash of defaults). */
  hydrateSettings: () => Promise<void>;
  /** The remembered choice (`lastGuideId`, `lastStageId`), read after hydration. */
  lastChoice: () => { guideId: string | null; stageId: string | null };
  /** Saves the remembered choice; failures are the settings store's to report. */
  rememberChoice: (guideId: string, stageId: string) => Promise<void>;
  /** A fresh client-side id for `interviews.start`, so a retried start stays one interview. */
  newId: () => string;
  /** Where the panel shows on a platform (`settings.panelMode`); absent means the overlay. */
  panelMode?: (platform: Platform) => PanelMode;
  /** Opens the browser's side panel on the tab; must run during the click (see lib/client/side-panel.ts). */
  openSidePanel?: (tabId: number) => Promise<boolean>;
}

/** Which action is running; buttons show it and stay disabled meanwhile. */
export type PopupBusy = 'start' | 'end' | 'stage' | 'panel' | 'discard' | null;

/** What a failed popup action was, for its sentence (`faults.actions.<what>`). */
export type PopupAction = Exclude<PopupBusy, null> | 'load' | 'transcript';

/** A failed popup action and why (see `FaultNotice`). */
export interface PopupFailure {
  what: PopupAction;
  fault: Fault;
}

/** A form problem, keyed by field, as a translation key the view renders. */
export interface PopupFieldErrors {
  candidateName?: 'popup.errors.nameRequired';
  guide?: 'popup.errors.guideRequired';
}

export interface PopupState {
  /** The tab the popup acts on (the active tab, or `?tabId=` in tests); null when there is none. */
  tabId: number | null;
  /** True once the guides, the session and the settings have all been read at least once. */
  ready: boolean;
  guides: GuideSummary[];
  session: SessionInfo | null;
  recent: InterviewSummary[];
  /** Running interviews whose call is over, waiting for a recommendation and End (issue 17). */
  pendingWrapUps: InterviewSummary[];
  /** Text typed in the guide search box. */
  query: string;
  guideId: string | null;
  stageId: string | null;
  candidateName: string;
  candidateRef: string;
  fieldErrors: PopupFieldErrors;
  /** The last failed background call: which action and its fault (said by `FaultNotice`); null after a success. */
  error: PopupFailure | null;
  busy: PopupBusy;
  /** What the last action did, as a translation key announced to screen readers; null before any. */
  notice: 'popup.started' | 'popup.preparedDone' | 'popup.ended' | null;
  /** Id reserved for the start in progress: reused if the user retries after a failure. */
  pendingStartId: string | null;
  /** Team sync's status for the header's mark; null until read, or when it could not be read. */
  syncStatus: SyncStatus | null;

  /**
   * Reads everything the popup shows for `tabId`, then preselects the guide and stage the panel would
   * (`defaultGuideChoice`: the remembered ones, else the first guide in the interface language and its first stage).
   */
  init(tabId: number | null): Promise<void>;
  refreshSession(): Promise<void>;
  refreshGuides(): Promise<void>;
  refreshRecent(): Promise<void>;
  setQuery(query: string): void;
  /** Chooses a guide; the stage follows it (its first stage). Remembered for the next popup. */
  chooseGuide(guideId: string): void;
  /** Chooses a stage of the chosen guide. Remembered for the next popup. */
  chooseStage(stageId: string): void;
  setCandidateName(name: string): void;
  setCandidateRef(ref: string): void;
  /**
   * Starts the interview on the current call tab, or prepares it for the next call away from one (replacing
   * the interview prepared before, so exactly one waits for the next call).
   * @returns true when the background saved it; false when the form or the background refused it (see
   *   `fieldErrors` and `error`).
   */
  start(options?: { transcript?: boolean }): Promise<boolean>;
  /** Ends the interview running on this tab's call. */
  end(): Promise<void>;
  /** Switches the running interview to another stage of its guide. */
  switchStage(stageId: string): Promise<void>;
  /** Shows or collapses the panel in the call tab. */
  panel(command: 'expand' | 'collapse'): Promise<void>;
  /** Deletes the interview prepared for the next call (it has no notes yet). */
  discardPlanned(): Promise<void>;
  /** Turns the transcript of the running interview on or off, then re-reads the session; a failure goes to `error`. */
  setTranscript(on: boolean): Promise<void>;
  /** Reads team sync's status (`syncStatus`); a failure leaves no mark (null). */
  loadSyncStatus(): Promise<void>;
}

/** Lower-cases and strips accents, so "sviluppo" finds "Sviluppo" and "resilience" finds "Résilience". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * The guides whose title or one of whose skills contains every word of `query` (case- and accent-insensitive),
 * in their original order (bundled first, then custom by title, as `guides.list` answers).
 */
export function filterGuides(guides: readonly GuideSummary[], query: string): GuideSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...guides];
  return guides.filter((guide) => {
    const haystack = [guide.title, ...guide.skills].map(fold);
    return words.every((word) => haystack.some((field) => field.includes(word)));
  });
}

/** The stages of a guide as the picker lists them; empty for an unknown guide. */
export function stagesOf(guides: readonly GuideSummary[], guideId: string | null): GuideSummary['stages'] {
  return guides.find((g) => g.id === guideId)?.stages ?? [];
}

/**
 * Whether the tab is on a meeting an interview can be attached to now: a meeting id is known and the
 * call has not been left. `unknown` counts, because detection can miss a signal while the URL is a meeting.
 */
export function isCallTab(tab: TabCallInfo | null | undefined): tab is TabCallInfo {
  return Boolean(tab?.meetingId) && (tab?.state === 'lobby' || tab?.state === 'in-call' || tab?.state === 'unknown');
}

/** The interview running on the tab's call (not ended), if any. */
export function activeInterviewOf(session: SessionInfo | null) {
  const bundle = session?.interview;
  return bundle && bundle.interview.state !== 'ended' ? bundle : null;
}

/**
 * The `interviews.start` payload for the form: on a call tab it names the tab, away from one it passes
 * `tabId: null`, which prepares a planned interview that the next call picks up.
 */
export function startPayload(state: Pick<PopupState, 'tabId' | 'session' | 'guideId' | 'stageId' | 'candidateName' | 'candidateRef'>, id: string): MessageInput<'interviews.start'> {
  const onCall = state.tabId !== null && isCallTab(state.session?.tab);
  return {
    id,
    candidateName: state.candidateName.trim(),
    candidateRef: state.candidateRef.trim(),
    guideId: state.guideId ?? '',
    ...(state.stageId ? { stageId: state.stageId } : {}),
    tabId: onCall ? state.tabId : null,
  };
}

/** A failed popup action as shown: what failed, the code for the interviewer's sentence, the technical text. */
export function popupFailure(what: PopupAction, error: unknown): PopupFailure {
  return { what, fault: toFault(error) };
}

/** Creates a popup store over the given dependencies (tests pass fakes; the popup uses `usePopup`). */
export function createPopupStore(deps: PopupDeps): UseBoundStore<StoreApi<PopupState>> {
  return create<PopupState>()((set, get) => {
    /** Runs one background action with `busy` set; records its error instead of throwing. */
    const act = async (busy: Exclude<PopupBusy, null>, run: () => Promise<void>): Promise<boolean> => {
      if (get().busy) return false;
      set({ busy, error: null, notice: null });
      try {
        await run();
        return true;
      } catch (error) {
        set({ error: popupFailure(busy, error) });
        return false;
      } finally {
        set({ busy: null });
      }
    };
    const remember = () => {
      const { guideId, stageId } = get();
      if (guideId && stageId) void deps.rememberChoice(guideId, stageId).catch(() => undefined);
    };

    return {
      tabId: null,
      ready: false,
      guides: [],
      session: null,
      recent: [],
      pendingWrapUps: [],
      query: '',
      guideId: null,
      stageId: null,
      candidateName: '',
      candidateRef: '',
      fieldErrors: {},
      error: null,
      busy: null,
      notice: null,
      pendingStartId: null,
      syncStatus: null,

      async init(tabId) {
        set({ tabId });
        try {
          await Promise.all([deps.hydrateSettings(), get().refreshGuides(), get().refreshSession(), get().refreshRecent()]);
        } catch (error) {
          set({ error: popupFailure('load', error) });
        }
        // The guide the panel's start form would offer: the last one used, else the first in the interface language.
        const choice = defaultGuideChoice(get().guides, deps.lastChoice());
        if (choice && get().guideId === null) set({ guideId: choice.guideId, stageId: choice.stageId });
        set({ ready: true });
      },

      async refreshSession() {
        const { tabId } = get();
        // Without a tab (e.g. a devtools window) the planned interview is still worth showing.
        const session = await deps.call('session.get', tabId === null ? {} : { tabId });
        set({ session: tabId === null ? { ...session, tab: null, interview: null } : session });
      },

      async refreshGuides() {
        const guides = await deps.call('guides.list', {});
        set({ guides });
        const { guideId } = get();
        // The chosen guide was deleted elsewhere: drop it rather than start with a guide that no longer exists.
        if (guideId && !guides.some((g) => g.id === guideId)) set({ guideId: null, stageId: null });
      },

      async refreshRecent() {
        set({ recent: await deps.call('interviews.recent', { limit: 5 }) });
        // An extra of the popup: a background without the message (an older worker) must not fail its opening.
        set({ pendingWrapUps: await deps.call('interviews.pendingWrapUps', {}).catch(() => []) });
      },

      setQuery(query) {
        set({ query });
      },

      chooseGuide(guideId) {
        if (guideId === get().guideId) return;
        const stage = stagesOf(get().guides, guideId)[0];
        set({ guideId, stageId: stage?.id ?? null, fieldErrors: { ...get().fieldErrors, guide: undefined } });
        remember();
      },

      chooseStage(stageId) {
        if (!stagesOf(get().guides, get().guideId).some((s) => s.id === stageId)) return;
        set({ stageId });
        remember();
      },

      setCandidateName(candidateName) {
        set({ candidateName, fieldErrors: { ...get().fieldErrors, candidateName: undefined } });
      },

      setCandidateRef(candidateRef) {
        set({ candidateRef });
      },

      async start(options = {}) {
        const state = get();
        const fieldErrors: PopupFieldErrors = {};
        if (!state.candidateName.trim()) fieldErrors.candidateName = 'popup.errors.nameRequired';
        if (!state.guideId || !state.stageId) fieldErrors.guide = 'popup.errors.guideRequired';
        set({ fieldErrors });
        if (fieldErrors.candidateName || fieldErrors.guide) return false;
        const id = state.pendingStartId ?? deps.newId();
        set({ pendingStartId: id });
        const ok = await act('start', async () => {
          const payload = { ...startPayload(get(), id), ...(options.transcript ? { transcript: true } : {}) };
          const previousPlanned = get().session?.planned;
          await deps.call('interviews.start', payload);
          // One interview waits for the next call: preparing another replaces it (it has no notes yet).
          if (payload.tabId === null && previousPlanned && previousPlanned.id !== id) {
            await deps.call('interviews.delete', { ids: [previousPlanned.id] });
          }
          set({ pendingStartId: null, candidateName: '', candidateRef: '', notice: payload.tabId === null ? 'popup.preparedDone' : 'popup.started' });
          await Promise.all([get().refreshSession(), get().refreshRecent()]);
        });
        return ok;
      },

      async end() {
        const active = activeInterviewOf(get().session);
        if (!active) return;
        await act('end', async () => {
          await deps.call('interviews.end', { id: active.interview.id });
          set({ notice: 'popup.ended' });
          await Promise.all([get().refreshSession(), get().refreshRecent()]);
        });
      },

      async switchStage(stageId) {
        const active = activeInterviewOf(get().session);
        if (!active || active.interview.currentStageId === stageId) return;
        await act('stage', async () => {
          await deps.call('interviews.update', { id: active.interview.id, patch: { currentStageId: stageId } });
          await get().refreshSession();
        });
      },

      async panel(command) {
        const { tabId } = get();
        if (tabId === null) return;
        const platform = get().session?.tab?.platform;
        if (command === 'expand' && platform && deps.panelMode?.(platform) === 'sidepanel' && deps.openSidePanel) {
          // Side-panel mode: "show" opens the browser's side panel (before any await: it needs the click).
          const opened = deps.openSidePanel(tabId);
          await act('panel', async () => {
            if (!(await opened)) await deps.call('panel.command', { tabId, command });
          });
          return;
        }
        await act('panel', async () => {
          await deps.call('panel.command', { tabId, command });
          // The content script reports the new collapsed state; read it so the button flips without waiting.
          await get().refreshSession();
        });
      },

      async discardPlanned() {
        const planned = get().session?.planned;
        if (!planned) return;
        await act('discard', async () => {
          await deps.call('interviews.delete', { ids: [planned.id] });
          await Promise.all([get().refreshSession(), get().refreshRecent()]);
        });
      },

      async setTranscript(on) {
        const active = activeInterviewOf(get().session);
        if (!active) return;
        try {
          await deps.call('transcript.set', { interviewId: active.interview.id, on });
        } catch (error) {
          set({ error: popupFailure('transcript', error) });
          return;
        }
        await get().refreshSession();
      },

      async loadSyncStatus() {
        set({ syncStatus: await deps.call('sync.status', {}).catch(() => null) });
      },
    };
  });
}

/** The popup's store, wired to the background protocol and the settings store. */
export const usePopup = createPopupStore({
  call: (name, input) => protocolCall(name, input),
  hydrateSettings,
  lastChoice: () => {
    const { lastGuideId, lastStageId } = useSettings.getState().settings;
    return { guideId: lastGuideId, stageId: lastStageId };
  },
  rememberChoice: (lastGuideId, lastStageId) => useSettings.getState().update({ lastGuideId, lastStageId }),
  newId: () => crypto.randomUUID(),
  panelMode: (platform) => useSettings.getState().settings.panelMode[platform],
  openSidePanel: (tabId) => openSidePanel(tabId),
});
