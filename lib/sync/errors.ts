/**
 * Why the last sync failed, in words the interviewer can act on. `detail` keeps the original text.
 * - `wrong-password`: the server answered 401 (unknown user or wrong password).
 * - `no-access`: 403 (the user is not a member of the database, or the server refused the request).
 * - `no-database`: 404 (the database does not exist).
 * - `unreachable`: no answer (offline, wrong address, server down, or a TLS certificate the browser refuses:
 *   a browser's `fetch` reports all of these as the same network error, so they cannot be told apart).
 * - `server-error`: 5xx.
 * - `refused-documents`: the server's validation refused some documents (the rest synced).
 * - `storage`: the local mirror could not be written.
 */
export type SyncProblem = 'wrong-password' | 'no-access' | 'no-database' | 'unreachable' | 'server-error' | 'refused-documents' | 'storage' | 'unknown';

export interface ClassifiedError {
  problem: SyncProblem;
  detail: string;
}

/** Maps what PouchDB's replication threw (an HTTP error object or a fetch failure) to a `SyncProblem`. */
export function classifySyncError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as { status?: number; name?: string; message?: string; reason?: string; result?: { errors?: unknown[] } };
  const detail = [e.name, e.reason ?? e.message].filter(Boolean).join(': ') || String(error);
  const status = typeof e.status === 'number' ? e.status : 0;
  if (status === 401 || e.name === 'unauthorized') return { problem: 'wrong-password', detail };
  if (status === 403 || e.name === 'forbidden') return { problem: 'no-access', detail };
  if (status === 404 || e.name === 'not_found') return { problem: 'no-database', detail };
  if (status >= 500 && status < 600 && !/fetch|network/i.test(detail)) return { problem: 'server-error', detail };
  if (/failed to fetch|networkerror|network error|fetch failed|econnrefused|load failed|aborted|ECONNRESET/i.test(`${detail} ${String(error)}`)) {
    return { problem: 'unreachable', detail };
  }
  if (/QuotaExceeded|IndexedDB|idb/i.test(detail)) return { problem: 'storage', detail };
  return { problem: 'unknown', detail };
}

/**
 * Classifies a sync failure, telling a wrong password from a database the user may not open: CouchDB answers
 * 403 for a member-less user, PouchDB Server answers 401 for both, so on a 401 this asks the server's
 * `GET /_session` whether the credentials themselves are accepted.
 */
export async function diagnoseSyncError(
  error: unknown,
  server: { serverUrl: string; username: string; password: string; fetch?: typeof fetch },
): Promise<ClassifiedError> {
  const classified = classifySyncError(error);
  if (classified.problem !== 'wrong-password') return classified;
  try {
    const response = await (server.fetch ?? fetch)(`${server.serverUrl}/_session`, {
      headers: { accept: 'application/json', authorization: `Basic ${btoa(`${server.username}:${server.password}`)}` },
      credentials: 'omit',
    });
    const body = (await response.json().catch(() => null)) as { userCtx?: { name?: string | null } } | null;
    if (response.ok && body?.userCtx?.name === server.username) return { ...classified, problem: 'no-access' };
  } catch {
    // The server did not answer the check: keep the first reading.
  }
  return classified;
}
