import Dexie from 'dexie';
import type { ApiError } from '../protocol/result';

function names(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error || (typeof current === 'object' && 'name' in (current as object))) {
      out.push(String((current as { name?: string }).name));
    }
    current = (current as { inner?: unknown }).inner;
  }
  return out;
}

/**
 * Maps a storage failure to a typed protocol error, keeping the original text for the interviewer:
 * quota exceeded, a blocked or failed open, or any other failed write.
 */
export function storageError(error: unknown): ApiError {
  const all = names(error);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (all.includes('QuotaExceededError') || all.includes(Dexie.errnames.QuotaExceeded)) {
    return { code: 'quota-exceeded', message };
  }
  if (all.some((n) => ['VersionError', 'BlockedError', 'DatabaseClosedError', 'OpenFailedError'].includes(n))) {
    return { code: 'storage-blocked', message };
  }
  return { code: 'storage-failed', message };
}
