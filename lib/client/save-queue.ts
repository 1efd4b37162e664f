import { ApiCallError } from '../protocol/result';
import type { Journal, JournalEntry } from './journal';

/** Where one piece of typed text stands on its way to the database. */
export type SaveState = 'pending' | 'saving' | 'saved' | 'error';

export interface SaveStatus {
  state: SaveState;
  /** The failure's text when `state` is `error` (the unsaved text stays in the view and in the queue). */
  error?: string;
  /** The failure's protocol code, e.g. `quota-exceeded`. */
  code?: string;
}

export interface SaveQueueOptions {
  /** Typing is coalesced for at most this long before a send, in ms. Default 300 (the product's ceiling). */
  debounceMs?: number;
  /** After a send failed, retry it this much later, in ms. Default 2000. */
  retryMs?: number;
  /** Records each queued write until it lands, so the background can replay it after a reload. */
  journal?: Journal;
}

/** A write waiting to reach the background. `send` must be an idempotent upsert. */
type Send = () => Promise<unknown>;

/**
 * Coalesces writes per key (the latest wins), sends them after a short debounce, flushes on demand, and keeps
 * failed writes queued and retried until they land: nothing typed is dropped.
 */
export interface SaveQueue {
  /**
   * Queues the latest write for `key`; it is sent at most `debounceMs` later. With `entry`, the write is also
   * journaled (see `lib/client/journal.ts`) until it lands.
   */
  schedule(key: string, send: Send, entry?: JournalEntry): void;
  /** Sends every queued write now; resolves when each has landed or failed. */
  flush(): Promise<void>;
  status(key: string): SaveStatus | undefined;
  /** Keys with writes not yet committed. */
  pendingKeys(): string[];
  /** Called whenever a status changes. */
  subscribe(listener: (key: string, status: SaveStatus) => void): () => void;
  dispose(): void;
}

export function createSaveQueue(options: SaveQueueOptions = {}): SaveQueue {
  const debounceMs = options.debounceMs ?? 300;
  const retryMs = options.retryMs ?? 2000;
  const queued = new Map<string, Send>();
  const inFlight = new Map<string, Promise<void>>();
  const statuses = new Map<string, SaveStatus>();
  const listeners = new Set<(key: string, status: SaveStatus) => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let disposed = false;

  const setStatus = (key: string, status: SaveStatus) => {
    statuses.set(key, status);
    for (const listener of listeners) listener(key, status);
  };

  const arm = (key: string, ms: number) => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void sendKey(key);
      }, ms),
    );
  };

  const sendKey = async (key: string): Promise<void> => {
    // One write per key at a time, in order: wait for the previous one, then send the latest.
    const previous = inFlight.get(key);
    if (previous) await previous;
    const send = queued.get(key);
    if (!send || disposed) return;
    queued.delete(key);
    setStatus(key, { state: 'saving' });
    const attempt = send().then(
      () => {
        if (!queued.has(key)) {
          options.journal?.remove(key);
          setStatus(key, { state: 'saved' });
        }
      },
      (error: unknown) => {
        // Keep the write unless a newer one replaced it meanwhile, and try again later.
        if (!queued.has(key)) queued.set(key, send);
        const code = error instanceof ApiCallError ? error.code : 'unavailable';
        setStatus(key, { state: 'error', code, error: error instanceof Error ? error.message : String(error) });
        if (!disposed) arm(key, retryMs);
      },
    );
    const tracked = attempt.finally(() => {
      if (inFlight.get(key) === tracked) inFlight.delete(key);
    });
    inFlight.set(key, tracked);
    return tracked;
  };

  return {
    schedule(key, send, entry) {
      if (entry) options.journal?.put(key, entry);
      queued.set(key, send);
      setStatus(key, { state: 'pending' });
      arm(key, debounceMs);
    },
    async flush() {
      const keys = [...queued.keys()];
      for (const key of keys) {
        clearTimeout(timers.get(key));
        timers.delete(key);
      }
      await Promise.all([...keys.map((key) => sendKey(key)), ...inFlight.values()]);
    },
    status: (key) => statuses.get(key),
    pendingKeys: () => [...new Set([...queued.keys(), ...inFlight.keys()])],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Flushes the queue whenever the page may be about to go away or lose focus: window `blur`,
 * `visibilitychange` to hidden, and `pagehide` (tab closed, navigation).
 * @returns a function removing the listeners.
 */
export function flushOnLeave(queue: SaveQueue, win: Window): () => void {
  const flush = () => void queue.flush();
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('blur', flush);
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('blur', flush);
    win.removeEventListener('pagehide', flush);
    win.document.removeEventListener('visibilitychange', onVisibility);
  };
}
