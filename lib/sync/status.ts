import type { SyncProblem } from './errors';

/** What the options page and the popup show about team sync. Times are epoch ms. */
export interface SyncStatus {
  enabled: boolean;
  /** Server base URL and database (kept when sync is off, so turning it back on is quick). */
  serverUrl: string;
  database: string;
  /** Empty when sync is off: credentials are forgotten. */
  username: string;
  displayName: string;
  /** `off`; `syncing` while a cycle runs; `synced` after a good cycle; `error` after a failed one. */
  state: 'off' | 'syncing' | 'synced' | 'error';
  lastSyncedAt: number | null;
  /** Documents recorded here that have not reached the server yet. */
  waiting: number;
  problem: SyncProblem | null;
  /** The failure's original text (for the curious and for bug reports). */
  detail: string;
  /** Documents the server's validation refused in the last cycle. */
  refused: number;
}

export const OFF_STATUS: SyncStatus = {
  enabled: false,
  serverUrl: '',
  database: '',
  username: '',
  displayName: '',
  state: 'off',
  lastSyncedAt: null,
  waiting: 0,
  problem: null,
  detail: '',
  refused: 0,
};
