import { browser } from 'wxt/browser';
import { useStore } from 'zustand';
import { call } from '../../lib/protocol/client';
import { createSyncStore, type SyncState } from '../../stores/sync';

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
