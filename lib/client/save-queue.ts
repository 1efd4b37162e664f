import { ApiCallError } from '../protocol/result';
import { journalEntry, type Journal } from './journal';
import { writeId, type WriteKey, type WriteMessage } from './writes';

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
  /** Typing is coalesced for at most this long after the last change before a send, in ms. Default 300. */
  debounceMs?: number;
  /**
   * Longest a write may wait while changes keep coming, in ms (the debounce restarts at every change, so an
   * unbroken paragraph would otherwise reach the database only at the first pause). Default: no limit.
   */
  maxWaitMs?: number;
  /** After a send failed, retry it this much later, in ms. Default 2000. */
  retryMs?: number;
  /** Records each queued write until it lands, so the background can replay it after a reload. */
  journal?: Journal;
  /** Epoch ms (journal entries' time, max-wait). Default `Date.now`. */
  now?: () => number;
}

/** Sends a write to the background. Must be an idempotent upsert (a retry or a journal replay may repeat it). */
export type Send = () => Promise<unknown>;

/** One write: which interview and field it is for, how to send it, and the message it is (journaled until it lands). */
export interface QueuedWrite {
  key: WriteKey;
  send: Send;
  /** The write as data; when given, its journal entry is derived from it. */
  message?: WriteMessage;
}

/**
 * Coalesces writes per interview and field (the latest wins), sends them after a short debounce (or once they
 * waited `maxWaitMs`), flushes on demand, and keeps failed writes queued and retried until they land: nothing
 * typed is dropped.
 */
export interface SaveQueue {
  /** Queues the latest write for its key; it is sent at most `debounceMs` later. Journaled when it has a message. */
  schedule(write: QueuedWrite): void;
  /** Sends every queued write now; resolves when each has landed or failed. */
  flush(): Promise<void>;
  status(key: WriteKey): SaveStatus | undefined;
  /** Keys with writes not yet committed. */
  pendingKeys(): WriteKey[];
  /** Called whenever a status changes. */
  subscribe(listener: (key: WriteKey, status: SaveStatus) => void): () => void;
  dispose(): void;
}

export function createSaveQueue(options: SaveQueueOptions = {}): SaveQueue {
  const debounceMs = options.debounceMs ?? 300;
  const retryMs = options.retryMs ?? 2000;
  const maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? (() => Date.now());
  // All maps are by `writeId(key)`; `keyOf` gives the typed key back for listeners.
  const keyOf = new Map<string, WriteKey>();
  const queued = new Map<string, Send>();
  const inFlight = new Map<string, Promise<void>>();
  const statuses = new Map<string, SaveStatus>();
  const listeners = new Set<(key: WriteKey, status: SaveStatus) => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Since when each id has had a write waiting (epoch ms), for `maxWaitMs`. */
  const waitingSince = new Map<string, number>();
  let disposed = false;

  const setStatus = (id: string, status: SaveStatus) => {
    statuses.set(id, status);
    if (status.state === 'saving' || status.state === 'saved') waitingSince.delete(id);
    for (const listener of listeners) listener(keyOf.get(id)!, status);
  };

  const arm = (id: string, ms: number) => {
    clearTimeout(timers.get(id));
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        void sendId(id);
      }, ms),
    );
  };

  const sendId = async (id: string): Promise<void> => {
    // One write per key at a time, in order: wait for the previous one, then send the latest.
    const previous = inFlight.get(id);
    if (previous) await previous;
    const send = queued.get(id);
    if (!send || disposed) return;
    queued.delete(id);
    setStatus(id, { state: 'saving' });
    const attempt = send().then(
      () => {
        if (!queued.has(id)) {
          options.journal?.remove(keyOf.get(id)!);
          setStatus(id, { state: 'saved' });
        }
      },
      (error: unknown) => {
        // Keep the write unless a newer one replaced it meanwhile, and try again later.
        if (!queued.has(id)) queued.set(id, send);
        const code = error instanceof ApiCallError ? error.code : 'unavailable';
        setStatus(id, { state: 'error', code, error: error instanceof Error ? error.message : String(error) });
        // A write the background refused as invalid fails the same way every time: it stays queued (and the text
        // in the view) but is not retried until a newer write for the same field replaces it.
        if (!disposed && code !== 'invalid-input') arm(id, retryMs);
      },
    );
    const tracked = attempt.finally(() => {
      if (inFlight.get(id) === tracked) inFlight.delete(id);
    });
    inFlight.set(id, tracked);
    return tracked;
  };

  return {
    schedule({ key, send, message }) {
      const id = writeId(key);
      keyOf.set(id, key);
      const at = now();
      if (message) options.journal?.put(key, journalEntry(message, at));
      queued.set(id, send);
      setStatus(id, { state: 'pending' });
      const since = waitingSince.get(id);
      if (since === undefined) waitingSince.set(id, at);
      if (since !== undefined && at - since >= maxWaitMs) {
        clearTimeout(timers.get(id));
        timers.delete(id);
        void sendId(id);
      } else arm(id, debounceMs);
    },
    async flush() {
      const ids = [...queued.keys()];
      for (const id of ids) {
        clearTimeout(timers.get(id));
        timers.delete(id);
      }
      await Promise.all([...ids.map((id) => sendId(id)), ...inFlight.values()]);
    },
    status: (key) => statuses.get(writeId(key)),
    pendingKeys: () => [...new Set([...queued.keys(), ...inFlight.keys()])].map((id) => keyOf.get(id)!),
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
