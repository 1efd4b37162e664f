import Dexie from 'dexie';
import type { ApiError } from '../protocol/result';

/** An error and the causes it carries: Dexie's `inner`, `cause`, and a bulk error's `failures`. */
function chain(error: unknown): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  const seen = new Set<unknown>();
  const visit = (current: unknown, depth: number) => {
    if (!current || typeof current !== 'object' || depth > 5 || seen.has(current)) return;
    seen.add(current);
    const { name, message } = current as { name?: unknown; message?: unknown };
    if (name !== undefined || message !== undefined) out.push({ name: String(name ?? ''), message: String(message ?? '') });
    const carrier = current as { inner?: unknown; cause?: unknown; failures?: unknown };
    visit(carrier.inner, depth + 1);
    visit(carrier.cause, depth + 1);
    if (Array.isArray(carrier.failures)) for (const failure of carrier.failures.slice(0, 3)) visit(failure, depth + 1);
  };
  visit(error, 0);
  return out;
}

/**
 * Texts browsers give a full disk or an exhausted quota when the error's name does not say so: Chromium's
 * "Encountered full disk while opening backing store" and `FILE_ERROR_NO_SPACE`, Firefox's "exceeded its quota"
 * and `NS_ERROR_FILE_NO_DEVICE_SPACE`, and the POSIX "No space left on device".
 */
const FULL_DISK_TEXT = /quota|full disk|disk (is )?full|no[ _]space|no_device_space|space left on device/i;

/**
 * Firefox's text when IndexedDB refuses writes because the browser runs in permanent private browsing (Settings →
 * Privacy & Security → History: "Never remember history"): an `InvalidStateError` "A mutation operation was
 * attempted on a database that did not allow mutations." Reopening does not help; only remembering history does.
 */
const PRIVATE_HISTORY_TEXT = /did not allow mutations/i;

/** Error names after which the database connection is gone: only a new `open()` brings it back. */
export const CONNECTION_LOST_NAMES: readonly string[] = ['OpenFailedError', 'DatabaseClosedError', 'InvalidStateError'];

/**
 * Maps a storage failure to a typed protocol error. The cause decides, not the outer name: a quota error often
 * arrives as the transaction's `AbortError` with the `QuotaExceededError` inside (`inner`, Dexie's copy of
 * `tx.error`), and a full disk as an `OpenFailedError` whose text names it.
 * - `quota-exceeded`: a quota error or a full disk anywhere in the chain;
 * - `storage-private`: Firefox's permanent private browsing refuses the write (see {@link PRIVATE_HISTORY_TEXT});
 * - `storage-blocked`: the database could not be opened or its connection closed (see {@link CONNECTION_LOST_NAMES});
 * - `storage-failed`: anything else.
 * The message is the deepest cause's `name: message` (the text the browser gave), for the details line.
 */
export function storageError(error: unknown): ApiError {
  const all = chain(error);
  const cause = all[all.length - 1];
  const message = cause ? `${cause.name}: ${cause.message}` : String(error);
  const names = all.map((e) => e.name);
  if (names.includes('QuotaExceededError') || names.includes(Dexie.errnames.QuotaExceeded) || all.some((e) => FULL_DISK_TEXT.test(e.message))) {
    return { code: 'quota-exceeded', message };
  }
  if (all.some((e) => PRIVATE_HISTORY_TEXT.test(e.message))) return { code: 'storage-private', message };
  if (names.some((n) => ['VersionError', 'BlockedError', ...CONNECTION_LOST_NAMES].includes(n))) {
    return { code: 'storage-blocked', message };
  }
  return { code: 'storage-failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** Whether the failure left the database without a working connection (a reopen may bring it back). */
export function connectionLost(error: unknown): boolean {
  const all = chain(error);
  // Permanent private browsing refuses every write of every connection: reopening would loop for nothing.
  if (all.some((e) => PRIVATE_HISTORY_TEXT.test(e.message))) return false;
  return all.some((e) => CONNECTION_LOST_NAMES.includes(e.name) || (e.name === 'UnknownError' && FULL_DISK_TEXT.test(e.message)));
}
