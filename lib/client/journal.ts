import type { MessageName } from '../protocol/protocol';
import { writeId, type WriteKey, type WriteMessage } from './writes';

/** A write that has not reached the database yet, in a form the background can replay. */
export interface JournalEntry {
  name: MessageName;
  input: unknown;
  /** Epoch ms when the value was typed. */
  at: number;
}

/** The parts of `browser.storage.local` the journal uses (extension storage, never the call page's). */
export interface JournalArea {
  get(keys: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Storage keys of journal entries start with this. */
export const JOURNAL_PREFIX = 'journal:';

/** The journal entry of a write: its message as data, stamped with when it was typed (epoch ms). */
export function journalEntry(message: WriteMessage, at: number): JournalEntry {
  return { name: message.name, input: message.input, at };
}

/** The storage key of a write's entry: one per interview and field (`journal:["<interview id>","<field>"]`). */
export function journalKey(key: WriteKey): string {
  return JOURNAL_PREFIX + writeId(key);
}

/**
 * A crash journal for typed text: every queued write is also recorded in extension storage the moment it is
 * typed, and removed once the background committed it. If the extension is reloaded or updated before a write
 * was sent (the panel's messages die with the old background), the new background replays what is left, so
 * the last keystrokes before a reload are not lost. Entries are per interview and field, so panels in several
 * tabs (two interviews on the same guide) never overwrite or remove each other's.
 */
export interface Journal {
  put(key: WriteKey, entry: JournalEntry): void;
  remove(key: WriteKey): void;
}

export function createJournal(area: JournalArea): Journal {
  // Writes are fire-and-forget: a failing journal must never block or fail the real save.
  return {
    put: (key, entry) => void area.set({ [journalKey(key)]: entry }).catch(() => undefined),
    remove: (key) => void area.remove(journalKey(key)).catch(() => undefined),
  };
}

/** Every entry left in the journal, with its storage key. */
export async function readJournal(area: JournalArea): Promise<[string, JournalEntry][]> {
  const all = await area.get(null);
  return Object.entries(all).filter(
    (pair): pair is [string, JournalEntry] =>
      pair[0].startsWith(JOURNAL_PREFIX) && typeof pair[1] === 'object' && pair[1] !== null && 'name' in pair[1],
  );
}
