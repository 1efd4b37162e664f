import { browser } from 'wxt/browser';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { call, type ProtocolCaller } from '../lib/protocol/client';
import type { MessageInput } from '../lib/protocol/protocol';
import type { Debrief, DebriefGroup } from '../lib/sync/debrief';
import { checkServerUrl, originPattern, type ServerUrlProblem } from '../lib/sync/config';
import type { SyncStatus } from '../lib/sync/status';
import { errorMessage } from '../lib/format';
import { toFault, type Fault } from '../lib/client/fault-text';

/** What the team-sync views need from the outside world, injected so tests pass fakes. */
export interface SyncStoreDeps {
  call: ProtocolCaller;
  /**
   * Asks the browser for access to exactly one origin (`permissions.request`; must run inside the click).
   * @returns whether it was granted.
   */
  requestOrigin: (pattern: string) => Promise<boolean>;
  /** Removes the origin's permission when sync is turned off. */
  releaseOrigin: (pattern: string) => Promise<unknown>;
}

/** The settings form, as typed. */
export type SyncForm = Record<keyof MessageInput<'sync.enable'>, string>;

/** Why the form could not be sent (translated by the view); a refusal by the background is a {@link SyncProblemShown}. */
export type SyncFormProblem = ServerUrlProblem | 'missing-fields' | 'permission-refused';

/** What a failed team-sync or debrief call was, for its sentence (`faults.actions.<what>`). */
export type SyncAction = 'syncStatus' | 'syncEnable' | 'syncDisable' | 'syncNow' | 'debrief';

/** A failed call to the background, said once for the interviewer (issue 12, item 6). */
export interface SyncProblemShown {
  what: SyncAction;
  fault: Fault;
}

export interface SyncState {
  status: SyncStatus | null;
  form: SyncForm;
  busy: boolean;
  formProblem: SyncFormProblem | null;
  /** The browser's own words when it refused the server's permission (shown behind a details toggle). */
  error: string | null;
  /** The last failed call to the background; cleared when the next call of the form starts. */
  failure: SyncProblemShown | null;
  groups: DebriefGroup[] | null;
  debrief: Debrief | null;
  load(): Promise<void>;
  setField(field: keyof SyncForm, value: string): void;
  /** Turns sync on: asks for the origin first (call from the click handler, before any other await). */
  enable(): Promise<void>;
  disable(): Promise<void>;
  syncNow(): Promise<void>;
  setStatus(status: SyncStatus): void;
  loadGroups(): Promise<void>;
  openDebrief(key: string | null): Promise<void>;
}

const EMPTY_FORM: SyncForm = { serverUrl: '', database: '', username: '', password: '', displayName: '' };

/** The team-sync and debrief store of the options page. */
export function createSyncStore(deps: SyncStoreDeps): StoreApi<SyncState> {
  return createStore<SyncState>((set, get) => ({
    status: null,
    form: EMPTY_FORM,
    busy: false,
    formProblem: null,
    error: null,
    failure: null,
    groups: null,
    debrief: null,
    async load() {
      try {
        const status = await deps.call('sync.status', {});
        set((s) => ({
          status,
          form: {
            ...s.form,
            serverUrl: s.form.serverUrl || status.serverUrl,
            database: s.form.database || status.database,
            username: s.form.username || status.username,
            displayName: s.form.displayName || status.displayName,
          },
        }));
      } catch (error) {
        set({ failure: { what: 'syncStatus', fault: toFault(error) } });
      }
    },
    setField(field, value) {
      set((s) => ({ form: { ...s.form, [field]: value }, formProblem: null }));
    },
    async enable() {
      const { form } = get();
      const checked = checkServerUrl(form.serverUrl);
      if (!checked.ok) {
        set({ formProblem: checked.problem });
        return;
      }
      // While sync is on, an empty password keeps the saved one (the background checks it is the same account).
      const keepsPassword = Boolean(get().status?.enabled);
      if (!form.database.trim() || !form.username.trim() || (!form.password && !keepsPassword)) {
        set({ formProblem: 'missing-fields' });
        return;
      }
      // First thing in the click: the browser only shows its permission prompt during a user gesture.
      let granted: boolean;
      try {
        granted = await deps.requestOrigin(originPattern(checked.origin));
      } catch (error) {
        // The browser's own words (e.g. an origin the manifest does not allow) are kept for the interviewer.
        set({ formProblem: 'permission-refused', error: errorMessage(error), failure: null });
        return;
      }
      if (!granted) {
        set({ formProblem: 'permission-refused', error: null, failure: null });
        return;
      }
      set({ busy: true, error: null, formProblem: null, failure: null });
      try {
        const status = await deps.call('sync.enable', {
          serverUrl: checked.url,
          database: form.database.trim(),
          username: form.username.trim(),
          password: form.password,
          displayName: form.displayName.trim(),
        });
        set({ status, form: { ...form, password: '' } });
      } catch (error) {
        set({ failure: { what: 'syncEnable', fault: toFault(error) } });
      } finally {
        set({ busy: false });
      }
    },
    async disable() {
      set({ busy: true, error: null, failure: null });
      try {
        const before = get().status;
        const status = await deps.call('sync.disable', {});
        const checked = before?.serverUrl ? checkServerUrl(before.serverUrl) : null;
        if (checked?.ok) await deps.releaseOrigin(originPattern(checked.origin)).catch(() => undefined);
        set((s) => ({ status, form: { ...s.form, username: '', password: '' } }));
      } catch (error) {
        set({ failure: { what: 'syncDisable', fault: toFault(error) } });
      } finally {
        set({ busy: false });
      }
    },
    async syncNow() {
      set({ busy: true, failure: null });
      try {
        set({ status: await deps.call('sync.now', {}) });
      } catch (error) {
        set({ failure: { what: 'syncNow', fault: toFault(error) } });
      } finally {
        set({ busy: false });
      }
    },
    setStatus(status) {
      set({ status });
    },
    async loadGroups() {
      try {
        const groups = await deps.call('debrief.list', {});
        set((s) => ({ groups, failure: s.failure?.what === 'debrief' ? null : s.failure }));
      } catch (error) {
        set({ failure: { what: 'debrief', fault: toFault(error) } });
      }
    },
    async openDebrief(key) {
      if (key === null) {
        set({ debrief: null });
        return;
      }
      try {
        set({ debrief: await deps.call('debrief.get', { key }) });
      } catch (error) {
        set({ failure: { what: 'debrief', fault: toFault(error) } });
      }
    },
  }));
}

/** The options page's team-sync store, wired to the background and the browser's permissions. */
export const syncStore = createSyncStore({
  call,
  requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
  releaseOrigin: (pattern) => browser.permissions.remove({ origins: [pattern] }),
});

/** Reads a slice of the team-sync store in a component. */
export function useSync<T>(selector: (state: SyncState) => T): T {
  return useStore(syncStore, selector);
}
