import { readJournal, type JournalArea, type JournalEntry } from '../client/journal';
import { protocol, type MessageName } from '../protocol/protocol';
import type { ApiResult } from '../protocol/result';

/** Replays one entry through the normal, validated protocol path. */
export type ReplayDispatch = (name: MessageName, input: unknown) => Promise<ApiResult<unknown>>;

/** Errors after which an entry can never succeed, so it is dropped rather than retried forever. */
const PERMANENT = new Set(['invalid-input', 'not-found', 'forbidden', 'conflict']);

/**
 * Applies the writes a panel journaled but could not send before the extension reloaded (see
 * `lib/client/journal.ts`). Each goes through the protocol's validation and handlers like any other write;
 * upserts are idempotent, so replaying one the panel also sent changes nothing. A new note keeps the time it
 * was typed, not the time of the replay.
 * @returns how many entries were applied.
 */
export async function replayJournal(area: JournalArea, dispatch: ReplayDispatch, now: () => number): Promise<number> {
  let applied = 0;
  for (const [storageKey, entry] of await readJournal(area)) {
    if (!(entry.name in protocol)) {
      await area.remove(storageKey);
      continue;
    }
    const result = await dispatch(entry.name, adjust(entry, now()));
    if (result.ok) applied++;
    if (result.ok || PERMANENT.has(result.error.code)) await area.remove(storageKey);
  }
  return applied;
}

function adjust(entry: JournalEntry, now: number): unknown {
  if (entry.name !== 'notes.upsert' || typeof entry.input !== 'object' || entry.input === null) return entry.input;
  const input = entry.input as { stampEarlierMs?: number };
  return { ...input, stampEarlierMs: Math.min(600_000, (input.stampEarlierMs ?? 0) + Math.max(0, now - entry.at)) };
}
